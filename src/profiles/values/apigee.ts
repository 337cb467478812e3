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
import { t } from '../../i18n/index.ts';

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
      throw usageError(t('profiles.values.apigee.countBelowOne', { what, flag, value }));
  }
  if (settings.cpu !== undefined && !(Number.isInteger(settings.cpu) && settings.cpu >= 1))
    throw usageError(t('profiles.values.apigee.cpuBelowOne', { what, value: settings.cpu }));
}

/** runtime.hpaBehavior keys (one Percent and one Pods policy per direction) for a validated HPA behavior. */
function behaviorEdits(behavior: HPABehavior): ValuesEdit[] {
  const errors = validateApigeeBehavior(behavior);
  if (errors.length)
    throw usageError(
      t('profiles.values.apigee.behaviorMisfit', { errors: errors.map(formatFieldError).join('; ') }),
      t('profiles.values.apigee.behaviorMisfitHint'),
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
      t('profiles.values.apigee.badWaitTime', { value: JSON.stringify(waitTime), error: error.message }),
      t('profiles.values.apigee.badWaitTimeHint'),
    );
  return ['serverMainTaskWaitTime', 'serverNioTaskWaitTime'].map((key) => ({ path: ['runtime', 'hpaMetrics', key], value: waitTime }));
}

/** The environment this release renders: the intent's, checked against the release's `env` value. */
function environmentOf(target: ComponentTarget, context: ValuesContext): string | undefined {
  const released = context.userValues.env;
  const env = target.env ?? (typeof released === 'string' && released ? released : undefined);
  if (target.env !== undefined && typeof released === 'string' && released && released !== target.env)
    throw usageError(
      t('profiles.values.apigee.otherEnvironment', { released, env: target.env }),
      t('profiles.values.apigee.otherEnvironmentHint', { env: target.env, command: 'helm upgrade … --set env=ENV' }),
    );
  return env;
}

export function apigeeComponentEdits(target: ComponentTarget, context: ValuesContext): ValuesEditPlan {
  const { kind, component, settings } = target;
  const expected = apigeeCharts[kind];
  if (context.chart.name !== expected)
    throw usageError(
      t('profiles.values.apigee.wrongChart', { kind, expected, chart: chartLabel(context.chart) }),
      t('profiles.values.apigee.pickRelease', { chart: expected }),
    );
  const components: Record<string, { min: number; max: number }> =
    kind === 'ApigeeEnvironment' ? environmentComponents : organizationComponents;
  const defaults = components[component];
  if (!defaults)
    throw usageError(
      t('profiles.values.apigee.unknownComponent', { component, chart: expected }),
      t('profiles.values.apigee.components', { components: Object.keys(components).join(', ') }),
    );
  const what = `${expected} ${component}`;
  const { min, max, cpu, behavior, waitTime } = settings;
  if (min === undefined && max === undefined && cpu === undefined && behavior === undefined && waitTime === undefined)
    throw usageError(t('profiles.values.nothingToChange', { what }), t('profiles.values.apigee.passFlags'));
  checkCounts(settings, what);
  if ((behavior !== undefined || waitTime !== undefined) && !(kind === 'ApigeeEnvironment' && component === 'runtime'))
    throw usageError(t('profiles.values.apigee.runtimeOnly', { what }), t('profiles.values.apigee.runtimeOnlyHint'));
  if (behavior === null) throw usageError(t('profiles.values.apigee.behaviorAlways'), t('profiles.values.apigee.behaviorAlwaysHint'));

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
    own(key) !== undefined
      ? formatValuesPath([...envPath, key])
      : root(key) !== undefined
        ? `${component}.${key}`
        : t('profiles.values.apigee.chartDefault');
  if (newMax < newMin) {
    const params = { what, max: newMax, min: newMin };
    throw usageError(
      max === undefined
        ? t('profiles.values.apigee.maxBelowCurrentMax', { ...params, held: heldAt('replicaCountMax') })
        : min === undefined
          ? t('profiles.values.apigee.maxBelowCurrentMin', { ...params, held: heldAt('replicaCountMin') })
          : t('profiles.values.apigee.maxBelowMin', params),
      t('profiles.values.maxBelowMinHint'),
    );
  }
  if (component === 'watcher' && newMax !== 1)
    throw usageError(
      t(max === undefined ? 'profiles.values.apigee.watcherHeld' : 'profiles.values.apigee.watcherGot', { max: newMax }),
      t(max === undefined ? 'profiles.values.apigee.watcherHintPassMax' : 'profiles.values.apigee.watcherHint'),
    );

  const edits: ValuesEdit[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  if (min !== undefined) edits.push({ path: [...countPath, 'replicaCountMin'], value: min });
  if (max !== undefined) edits.push({ path: [...countPath, 'replicaCountMax'], value: max });
  if (min !== undefined || max !== undefined) {
    if (perEnv)
      notes.push(
        t('profiles.values.apigee.perEnvNote', { path: formatValuesPath(envPath), env, root: `${component}.replicaCountMin/Max` }),
      );
    else if (kind === 'ApigeeEnvironment')
      notes.push(
        t('profiles.values.apigee.rootNote', {
          root: `${component}.replicaCountMin/Max`,
          example: `envs: [{name: ENV, components: {${component}: {…}}}]`,
        }),
      );
  }
  if (cpu !== undefined) {
    edits.push({ path: [component, 'targetCPUUtilizationPercentage'], value: cpu });
    if (perEnv) notes.push(t('profiles.values.apigee.cpuNoPerEnv', { path: `${component}.targetCPUUtilizationPercentage` }));
    if (
      component === 'runtime' &&
      valueAtPath(context.userValues, ['runtime', 'hpaMetrics', 'targetCPUUtilizationPercentage']) !== undefined
    ) {
      edits.push({ path: ['runtime', 'hpaMetrics', 'targetCPUUtilizationPercentage'], value: cpu });
      notes.push(t('profiles.values.apigee.cpuKeptEqual'));
    }
  }
  if (behavior) edits.push(...behaviorEdits(behavior));
  if (waitTime !== undefined) {
    edits.push(...waitTimeEdits(waitTime));
    notes.push(t('profiles.values.apigee.waitTimeNote'));
  }
  if (min !== undefined && max === undefined && newMin === newMax && newMax > 1)
    warnings.push(t('profiles.values.apigee.minEqualsMax', { max: newMax, component }));
  return { edits, notes, warnings };
}

/** apigee-telemetry's customAutoscaling.enabled: metrics-based scaling of the runtime on or off. */
export function telemetryEdits(enabled: boolean, context: ValuesContext): ValuesEditPlan {
  if (context.chart.name !== telemetryChart)
    throw usageError(
      t('profiles.values.apigee.telemetryOnly', { telemetry: telemetryChart, chart: chartLabel(context.chart) }),
      t('profiles.values.apigee.pickRelease', { chart: telemetryChart }),
    );
  return {
    edits: [{ path: ['customAutoscaling', 'enabled'], value: enabled }],
    notes: [t(enabled ? 'profiles.values.apigee.metricsOn' : 'profiles.values.apigee.metricsOff')],
    warnings: [],
  };
}
