// The what-if use-case shared by the CLI and the TUI: one HPA spec, one load, one or more behaviors. Pure.
import { usageError } from '../k8s/errors.ts';
import type { HorizontalPodAutoscaler, HPABehavior } from '../k8s/types.ts';
import type { LoadSeries } from './load.ts';
import { summarize, stepsOf, type SimulationStep, type SimulationSummary } from './metrics.ts';
import type { BehaviorPreset } from './presets.ts';
import { defaultMetrics, MetricKind, compileMetric } from './replica-calculator.ts';
import { compileSimulation, runSimulation } from './simulator.ts';
import { t } from '../i18n/index.ts';

export interface WhatIfOptions {
  spec: HorizontalPodAutoscaler['spec'];
  behaviors: BehaviorPreset[];
  load: LoadSeries;
  durationSeconds: number;
  startupDelaySeconds: number;
  syncPeriodSeconds: number;
  startReplicas?: number;
}

export interface WhatIfRun {
  behaviorName: string;
  description: string;
  behavior: HPABehavior | null;
  summary: SimulationSummary;
  steps: SimulationStep[];
}

/** 200,000 controller syncs (34 days at 15 s): bounded time and memory whatever the duration asked. */
export const maxSimulationSteps = 200_000;

export function runWhatIf(options: WhatIfOptions): WhatIfRun[] {
  const steps = Math.ceil(options.durationSeconds / options.syncPeriodSeconds);
  if (steps > maxSimulationSteps) {
    throw usageError(
      t('hpa.whatIf.tooManySteps', {
        duration: options.durationSeconds,
        period: options.syncPeriodSeconds,
        steps: steps.toLocaleString('en-US'),
        maximum: maxSimulationSteps.toLocaleString('en-US'),
      }),
      t('hpa.whatIf.tooManyStepsHint'),
    );
  }
  return options.behaviors.map((preset) => {
    const scenario = compileSimulation({
      minReplicas: options.spec.minReplicas,
      maxReplicas: options.spec.maxReplicas,
      metrics: options.spec.metrics,
      behavior: preset.behavior,
      load: options.load,
      durationSeconds: options.durationSeconds,
      startReplicas: options.startReplicas,
      syncPeriodSeconds: options.syncPeriodSeconds,
      startupDelaySeconds: options.startupDelaySeconds,
    });
    const trace = runSimulation(scenario, options.load);
    return {
      behaviorName: preset.name,
      description: preset.description,
      behavior: preset.behavior,
      summary: summarize(scenario, trace),
      steps: stepsOf(scenario, trace),
    };
  });
}

/**
 * Load levels for the built-in patterns: quiet at minReplicas' worth of target load, busy at 80 % of what
 * maxReplicas can carry at target, so the peak is reachable and the HPA has to move.
 */
export function defaultLoadLevels(spec: HorizontalPodAutoscaler['spec']): { base: number; peak: number } {
  const metrics = spec.metrics && spec.metrics.length > 0 ? spec.metrics : defaultMetrics;
  let perPod = 1;
  for (const metric of metrics.map((m) => compileMetric(m, {}))) {
    if (metric.kind === MetricKind.utilization && metric.target > 0) perPod = Math.min(perPod, metric.target / 100);
  }
  const min = spec.minReplicas ?? 1;
  return { base: Math.round(min * perPod * 100) / 100, peak: Math.round(spec.maxReplicas * perPod * 0.8 * 100) / 100 };
}
