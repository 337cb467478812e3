// The wizard's what-if: the HPA as it is now against the HPA as chosen (bounds, CPU target, behavior), on the load
// pattern picked in the form, through the same simulator as `kubectl scale-ha simulate`. Pure and bounded (30 min).
import { t } from '../i18n/index.ts';
import { type ChartPanel, renderChart } from '../hpa/chart.ts';
import { loadPattern } from '../hpa/load.ts';
import type { SimulationSummary } from '../hpa/metrics.ts';
import { defaultLoadLevels, runWhatIf } from '../hpa/what-if.ts';
import { withCpuTarget } from '../plan/hpa.ts';
import type { WizardForm, WizardValidation } from './wizard.ts';
import type { WizardCurrent } from './wizard-current.ts';

const durationSeconds = 30 * 60;

export interface WizardSimulation {
  chart: string;
  now: SimulationSummary;
  chosen: SimulationSummary;
}

/** null when there is no HPA, nothing about scaling changed, or the scaling fields are not valid yet. */
export function wizardSimulation(
  current: WizardCurrent,
  form: WizardForm,
  validation: WizardValidation,
  width: number,
): WizardSimulation | null {
  const hpa = current.hpa;
  if (!hpa || validation.intents.length === 0) return null;
  const settings = validation.intents.find((i) => i.type === 'hpa' || i.type === 'component')?.settings;
  if (!settings) return null;
  const nowSpec = { ...hpa.spec, minReplicas: hpa.min, maxReplicas: hpa.max };
  const chosenSpec = {
    ...nowSpec,
    minReplicas: settings.min ?? hpa.min,
    maxReplicas: settings.max ?? hpa.max,
    ...(settings.cpu !== undefined ? { metrics: withCpuTarget(hpa.spec.metrics, settings.cpu).metrics } : {}),
  };
  const chosenBehavior = validation.behavior === undefined ? hpa.behavior : validation.behavior;
  // Busy enough for the larger of the two maxima: raising max shows what the extra pods buy.
  const busiest = chosenSpec.maxReplicas > nowSpec.maxReplicas ? chosenSpec : nowSpec;
  const load = loadPattern(form.pattern, { durationSeconds, ...defaultLoadLevels(busiest) });
  const run = (spec: typeof nowSpec, name: string, behavior: typeof chosenBehavior) =>
    runWhatIf({
      spec,
      behaviors: [{ name, description: '', behavior }],
      load,
      durationSeconds,
      startupDelaySeconds: 30,
      syncPeriodSeconds: 15,
    })[0]!;
  const nowName = t('tui.simulation.now');
  const now = run(nowSpec, nowName, hpa.behavior);
  const chosenName =
    form.behavior === 'current' ? t('tui.simulation.chosen') : t('tui.simulation.chosenPreset', { behavior: form.behavior });
  const chosen = run(chosenSpec, chosenName, chosenBehavior);
  const panels: ChartPanel[] = [
    { title: t('tui.simulation.panel', { name: nowName, min: nowSpec.minReplicas, max: nowSpec.maxReplicas }), steps: now.steps },
    {
      title: t('tui.simulation.panel', { name: chosen.behaviorName, min: chosenSpec.minReplicas, max: chosenSpec.maxReplicas }),
      steps: chosen.steps,
    },
  ];
  return { chart: renderChart(panels, { width, height: 8 }), now: now.summary, chosen: chosen.summary };
}
