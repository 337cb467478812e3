// Settings → values keys, by chart: the one place that knows which key of which chart carries a change.
import { usageError } from '../../k8s/errors.ts';
import type { HorizontalPodAutoscaler, WorkloadObject } from '../../k8s/types.ts';
import { apigeeCharts, apigeeComponentEdits, telemetryChart, telemetryEdits, type ComponentTarget } from './apigee.ts';
import { genericHpaEdits, genericWorkloadEdits } from './generic.ts';
import { chartLabel, type HpaValuesSettings, type ValuesContext, type ValuesEditPlan, type WorkloadValuesSettings } from './model.ts';
import { wallarmChart, wallarmEdits } from './wallarm.ts';
import { t } from '../../i18n/index.ts';

/** What to change, with the objects the intent named already read. */
export type ValuesTarget =
  | ({ type: 'component' } & ComponentTarget)
  | { type: 'telemetry'; customAutoscaling: boolean }
  | { type: 'hpa'; hpa: HorizontalPodAutoscaler; settings: HpaValuesSettings }
  /** A workload of the release, or (with settings.sidecar) a workload the wallarm-sidecar release injects into. */
  | { type: 'workload'; workload: WorkloadObject; settings: WorkloadValuesSettings };

const apigeeChartNames: readonly string[] = [...Object.values(apigeeCharts), telemetryChart];

/**
 * The values edits that carry the change in this chart, with notes and warnings; a usage error when
 * the chart cannot express it (the message says what to do instead).
 */
export function valuesEditsFor(target: ValuesTarget, context: ValuesContext): ValuesEditPlan {
  const chart = context.chart.name;
  switch (target.type) {
    case 'component':
      return apigeeComponentEdits(target, context);
    case 'telemetry':
      return telemetryEdits(target.customAutoscaling, context);
    case 'hpa':
      if (apigeeChartNames.includes(chart))
        throw usageError(
          t('profiles.values.edits.apigeeHpa', { hpa: target.hpa.metadata.name, chart: chartLabel(context.chart) }),
          t('profiles.values.edits.useApigeePatch', { command: 'kubectl scale-ha patch env|org COMPONENT --min/--max/--cpu' }),
        );
      if (chart === wallarmChart)
        throw usageError(t('profiles.values.edits.wallarmNoHpa', { chart: chartLabel(context.chart), hpa: target.hpa.metadata.name }));
      return genericHpaEdits(target.hpa, target.settings, context);
    case 'workload':
      if (chart === wallarmChart) return wallarmEdits(target.workload, target.settings, context);
      if (apigeeChartNames.includes(chart))
        throw usageError(
          t('profiles.values.edits.apigeeWorkload', { chart: chartLabel(context.chart) }),
          t('profiles.values.edits.useApigeePatch', { command: 'kubectl scale-ha patch env|org COMPONENT --min/--max/--cpu' }),
        );
      return genericWorkloadEdits(target.workload, target.settings, context);
  }
}
