// Apigee hybrid through overrides.yaml: <component>.replicaCountMin/Max and targetCPUUtilizationPercentage
// (apigee-env, apigee-org), envs[name=ENV].components.<component> per environment, runtime.hpaMetrics
// and runtime.hpaBehavior (apigee-env), customAutoscaling.enabled (apigee-telemetry).
import { usageError } from '../../k8s/errors.ts';
import { formatFieldError } from '../../k8s/field-error.ts';
import type { HPABehavior, HPAScalingRules } from '../../k8s/types.ts';
import { environmentComponents, organizationComponents } from '../apigee.ts';
import { validateApigeeBehavior, validateApigeeHpaMetrics } from '../apigee-hpa.ts';
import {
  chartLabel,
  effectiveValues,
  formatValuesPath,
  isValuesMap,
  valueAtPath,
  type ComponentValuesSettings,
  type ValuesContext,
  type ValuesEdit,
  type ValuesEditPlan,
  type ValuesPath,
} from './model.ts';

export const apigeeCharts = { ApigeeEnvironment: 'apigee-env', ApigeeOrganization: 'apigee-org' } as const;
export const telemetryChart = 'apigee-telemetry';

export interface ComponentTarget {
  kind: 'ApigeeEnvironment' | 'ApigeeOrganization';
  /** The environment's plain name (spec.name); for ApigeeEnvironment, defaults to the release's `env` value. */
  env?: string | undefined;
  component: string;
  settings: ComponentValuesSettings;
}

const positive = (value: unknown): number | undefined => (typeof value === 'number' && value > 0 ? value : undefined);

function checkCounts(settings: ComponentValuesSettings, what: string): void {
  for (const [flag, value] of [
    ['--min', settings.min],
    ['--max', settings.max],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1))
      throw usageError(`${what}: ${flag} must be a whole number of at least 1 (got ${value}).`);
  }
  if (settings.cpu !== undefined && !(Number.isInteger(settings.cpu) && settings.cpu >= 1))
    throw usageError(`${what}: --cpu must be a whole percentage of at least 1 (got ${settings.cpu}).`);
}

/** runtime.hpaBehavior keys (one Percent and one Pods policy per direction) for a validated HPA behavior. */
function behaviorEdits(behavior: HPABehavior): ValuesEdit[] {
  const errors = validateApigeeBehavior(behavior);
  if (errors.length)
    throw usageError(
      `The behavior does not fit runtime.hpaBehavior: ${errors.map(formatFieldError).join('; ')}.`,
      "Apigee's charts take one Percent and one Pods policy per direction, within the guide's ranges (see --behavior apigee-default).",
    );
  return (['scaleUp', 'scaleDown'] as const).flatMap((direction) => {
    const rules = behavior[direction] as HPAScalingRules;
    const at = ['runtime', 'hpaBehavior', direction];
    const percent = rules.policies!.find((p) => p.type === 'Percent')!;
    const pods = rules.policies!.find((p) => p.type === 'Pods')!;
    return [
      { path: [...at, 'percent', 'periodSeconds'], value: percent.periodSeconds },
      { path: [...at, 'percent', 'value'], value: percent.value },
      { path: [...at, 'pods', 'periodSeconds'], value: pods.periodSeconds },
      { path: [...at, 'pods', 'value'], value: pods.value },
      // The API server's default in either direction, so the HPA behaves as the behavior given.
      { path: [...at, 'selectPolicy'], value: rules.selectPolicy ?? 'Max' },
      { path: [...at, 'stabilizationWindowSeconds'], value: rules.stabilizationWindowSeconds },
    ];
  });
}

function waitTimeEdits(waitTime: string): ValuesEdit[] {
  const [error] = validateApigeeHpaMetrics({ serverMainTaskWaitTime: waitTime });
  if (error)
    throw usageError(
      `runtime.hpaMetrics wait-time target ${JSON.stringify(waitTime)}: ${error.message}.`,
      'serverMainTaskWaitTime and serverNioTaskWaitTime are Kubernetes quantities; M is 10^6 (400M), m is 10^-3.',
    );
  return ['serverMainTaskWaitTime', 'serverNioTaskWaitTime'].map((key) => ({ path: ['runtime', 'hpaMetrics', key], value: waitTime }));
}

/** The environment this release renders: the intent's, checked against the release's `env` value. */
function environmentOf(target: ComponentTarget, context: ValuesContext): string | undefined {
  const released = context.userValues.env;
  const env = target.env ?? (typeof released === 'string' && released ? released : undefined);
  if (target.env !== undefined && typeof released === 'string' && released && released !== target.env)
    throw usageError(
      `This apigee-env release renders environment "${released}", not "${target.env}".`,
      `Each environment is its own helm release (helm upgrade … --set env=ENV): pick the release of "${target.env}".`,
    );
  return env;
}

export function apigeeComponentEdits(target: ComponentTarget, context: ValuesContext): ValuesEditPlan {
  const { kind, component, settings } = target;
  const expected = apigeeCharts[kind];
  if (context.chart.name !== expected)
    throw usageError(
      `${kind} components scale through the ${expected} chart, but this release's chart is ${chartLabel(context.chart)}.`,
      `Pick the ${expected} release.`,
    );
  const components: Record<string, { min: number; max: number }> =
    kind === 'ApigeeEnvironment' ? environmentComponents : organizationComponents;
  const defaults = components[component];
  if (!defaults)
    throw usageError(`"${component}" is not a component of the ${expected} chart.`, `Components: ${Object.keys(components).join(', ')}.`);
  const what = `${expected} ${component}`;
  const { min, max, cpu, behavior, waitTime } = settings;
  if (min === undefined && max === undefined && cpu === undefined && behavior === undefined && waitTime === undefined)
    throw usageError(`Nothing to change for ${what}.`, 'Pass at least one of --min, --max, --cpu, --behavior, --wait-time.');
  checkCounts(settings, what);
  if ((behavior !== undefined || waitTime !== undefined) && !(kind === 'ApigeeEnvironment' && component === 'runtime'))
    throw usageError(
      `${what}: metrics-based scaling (hpaBehavior, hpaMetrics) exists for runtime only.`,
      'Other components scale on CPU: --min, --max, --cpu.',
    );
  if (behavior === null)
    throw usageError(
      'The apigee-env chart always gives the runtime HPA a behavior: removing runtime.hpaBehavior brings back the Apigee defaults, not the Kubernetes ones.',
      'Pass --behavior apigee-default (or a file within the allowed ranges).',
    );

  const effective = effectiveValues(context.chartDefaults, context.userValues);
  const env = kind === 'ApigeeEnvironment' ? environmentOf(target, context) : undefined;
  const envs = Array.isArray(effective.envs) ? effective.envs : [];
  const envEntry = env === undefined ? undefined : envs.find((item) => isValuesMap(item) && String(item.name) === env);
  const perEnv = kind === 'ApigeeEnvironment' && isValuesMap(envEntry);
  const rootPath: ValuesPath = [component];
  const envPath: ValuesPath = ['envs', { name: env ?? '' }, 'components', component];
  const countPath = perEnv ? envPath : rootPath;

  const root = (key: string) => positive(valueAtPath(effective, [component, key]));
  const own = (key: string) => (perEnv ? positive(valueAtPath(effective, [...envPath, key])) : undefined);
  const currentMin = own('replicaCountMin') ?? root('replicaCountMin') ?? defaults.min;
  const currentMax = own('replicaCountMax') ?? root('replicaCountMax') ?? defaults.max;
  const newMin = min ?? currentMin;
  const newMax = max ?? currentMax;
  const heldAt = (key: string) =>
    own(key) !== undefined ? formatValuesPath([...envPath, key]) : root(key) !== undefined ? `${component}.${key}` : 'the chart default';
  if (newMax < newMin) {
    const source =
      max === undefined
        ? ` (its current max, ${heldAt('replicaCountMax')})`
        : min === undefined
          ? ` (its current min, ${heldAt('replicaCountMin')})`
          : '';
    throw usageError(
      `${what}: replicaCountMax ${newMax} would be below replicaCountMin ${newMin}${source}.`,
      'Raise --max or lower --min so that min ≤ max.',
    );
  }
  if (component === 'watcher' && newMax !== 1)
    throw usageError(
      `watcher.replicaCountMax must stay 1 (${max === undefined ? `the values hold ${newMax}` : `got ${newMax}`}).`,
      `The watcher is leader-elected: a second replica only waits. The guide's example of 2 is wrong.${max === undefined ? ' Pass --max 1.' : ''}`,
    );

  const edits: ValuesEdit[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  if (min !== undefined) edits.push({ path: [...countPath, 'replicaCountMin'], value: min });
  if (max !== undefined) edits.push({ path: [...countPath, 'replicaCountMax'], value: max });
  if (min !== undefined || max !== undefined) {
    if (perEnv)
      notes.push(
        `Writes ${formatValuesPath(envPath)} (environment ${env} only). A per-environment value of 0, or none, falls back to the root ${component}.replicaCountMin/Max.`,
      );
    else if (kind === 'ApigeeEnvironment')
      notes.push(
        `Root keys (${component}.replicaCountMin/Max) apply to every environment installed with these values, unless its envs[] entry overrides them (envs: [{name: ENV, components: {${component}: {…}}}]).`,
      );
  }
  if (cpu !== undefined) {
    edits.push({ path: [component, 'targetCPUUtilizationPercentage'], value: cpu });
    if (perEnv)
      notes.push(
        `targetCPUUtilizationPercentage has no per-environment key: ${component}.targetCPUUtilizationPercentage applies to every environment.`,
      );
    if (
      component === 'runtime' &&
      valueAtPath(context.userValues, ['runtime', 'hpaMetrics', 'targetCPUUtilizationPercentage']) !== undefined
    ) {
      edits.push({ path: ['runtime', 'hpaMetrics', 'targetCPUUtilizationPercentage'], value: cpu });
      notes.push('Your values also set runtime.hpaMetrics.targetCPUUtilizationPercentage (metrics-based scaling): it is kept equal.');
    }
  }
  if (behavior) edits.push(...behaviorEdits(behavior));
  if (waitTime !== undefined) {
    edits.push(...waitTimeEdits(waitTime));
    notes.push(
      'The wait-time targets act only while metrics-based scaling is on (apigee-telemetry chart: customAutoscaling.enabled, default true).',
    );
  }
  if (min !== undefined && max === undefined && newMin === newMax && newMax > 1)
    warnings.push(`min = max = ${newMax}: the ${component} HPA can no longer scale.`);
  return { edits, notes, warnings };
}

/** apigee-telemetry's customAutoscaling.enabled: metrics-based scaling of the runtime on or off. */
export function telemetryEdits(enabled: boolean, context: ValuesContext): ValuesEditPlan {
  if (context.chart.name !== telemetryChart)
    throw usageError(
      `customAutoscaling.enabled belongs to the ${telemetryChart} chart, but this release's chart is ${chartLabel(context.chart)}.`,
      `Pick the ${telemetryChart} release.`,
    );
  return {
    edits: [{ path: ['customAutoscaling', 'enabled'], value: enabled }],
    notes: [
      enabled
        ? 'The runtime HPAs scale on runtime.hpaMetrics (wait times) as well as CPU.'
        : 'The runtime HPAs scale on CPU only (runtime.targetCPUUtilizationPercentage); runtime.hpaMetrics is ignored.',
    ],
    warnings: [],
  };
}
