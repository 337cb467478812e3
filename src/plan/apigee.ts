// Plans for Apigee custom resources: merge patch on spec.components.<component>.autoScaler.
import { formatFieldError } from '../k8s/field-error.ts';
import { usageError } from '../k8s/errors.ts';
import { apigeeEnvironmentKind, apigeeGroup, environmentComponents, environmentName, organizationComponents } from '../profiles/apigee.ts';
import {
  apigeeWaitTimeMetrics,
  hpaToApigeeBehavior,
  validateApigeeBehavior,
  validateApigeeWaitTime,
  waitTimeKeyOf,
  type ApigeeWaitTimeKey,
} from '../profiles/apigee-hpa.ts';
import type { ApigeeResource, HPABehavior, MetricSpec } from '../k8s/types.ts';
import { presetNames } from '../hpa/presets.ts';
import { makeChange } from './change.ts';
import { clone } from './patch.ts';
import type { ScaleSettings } from '../hpa/scale.ts';
import { validateScale } from './settings.ts';
import type { PatchChange } from './types.ts';
import { listText, t } from '../i18n/index.ts';

export type ApigeeKind = 'ApigeeEnvironment' | 'ApigeeOrganization';

/** What `patch env|org` changes on a component: min/max/CPU, and for the runtime its behavior and wait-time targets. */
export interface ComponentSettings extends ScaleSettings {
  /** runtime only: resolved from PRESET|FILE by the caller (hpa/source.ts); null removes it (the HPA controller's defaults). */
  behavior?: HPABehavior | null | undefined;
  /** runtime only: the serverMainTaskWaitTime and serverNioTaskWaitTime target, a quantity such as 400M (300M–450M). */
  waitTime?: string | undefined;
}

const componentsOf = (kind: ApigeeKind) => (kind === apigeeEnvironmentKind ? environmentComponents : organizationComponents);

/** "runtime", "connect-agent" or "connectAgent" → the CR's component key; usage error when unknown. */
export function resolveComponent(kind: ApigeeKind, text: string): string {
  const known = Object.keys(componentsOf(kind));
  const wanted = text.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()).toLowerCase();
  const found = known.find((component) => component.toLowerCase() === wanted);
  if (!found) {
    const command = kind === apigeeEnvironmentKind ? 'patch env' : 'patch org';
    throw usageError(
      t(kind === apigeeEnvironmentKind ? 'plan.apigee.notEnvironmentComponent' : 'plan.apigee.notOrganizationComponent', { text }),
      t('plan.apigee.takesOneOf', { command, known: known.join(', ') }),
    );
  }
  return found;
}

/** Finds the environment by its plain name (spec.name); with no name, the only one. */
export function selectEnvironment(environments: readonly ApigeeResource[], name: string | undefined, namespace: string): ApigeeResource {
  const names = environments.map(environmentName);
  if (name === undefined) {
    if (environments.length === 1) return environments[0]!;
    if (environments.length === 0) throw usageError(t('plan.apigee.noEnvironment', { namespace }), t('plan.apigee.passNamespace'));
    throw usageError(
      t('plan.apigee.severalEnvironments', { namespace, count: environments.length, names: names.join(', ') }),
      t('plan.apigee.nameOne', { command: 'kubectl scale-ha patch env ENV COMPONENT …' }),
    );
  }
  const found = environments.find((environment) => environmentName(environment) === name);
  if (!found)
    throw usageError(
      t('plan.apigee.noSuchEnvironment', { name, namespace }),
      names.length ? t('plan.apigee.knownEnvironments', { names: names.join(', ') }) : t('plan.apigee.passNamespace'),
    );
  return found;
}

/** Sets the CPU utilization target in whichever metric shape the CR version uses (v1alpha1 is autoscaling/v2beta1-like). */
function withCpu(metrics: MetricSpec[] | undefined, cpu: number, version: string): MetricSpec[] {
  const result = clone(metrics ?? []) as (MetricSpec & { resource?: { name: string; targetAverageUtilization?: number } })[];
  const existing = result.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  if (existing?.resource && 'targetAverageUtilization' in existing.resource) existing.resource.targetAverageUtilization = cpu;
  else if (existing?.resource) existing.resource.target = { type: 'Utilization', averageUtilization: cpu };
  else if (version === 'v1alpha1') result.push({ type: 'Resource', resource: { name: 'cpu', targetAverageUtilization: cpu } } as never);
  else result.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } });
  return result;
}

/** A Pods metric in either CR version's shape: v1alpha2 (autoscaling/v2) or v1alpha1 (metricName, targetAverageValue). */
type PodsMetric = MetricSpec & { pods?: { metric?: { name: string }; metricName?: string; targetAverageValue?: string } };

/**
 * Sets the wait-time targets on the metrics that already carry them (whatever the adapter names them) and adds the
 * missing ones under the names the apigee-env chart uses. Returns the names it added.
 */
function withWaitTime(metrics: MetricSpec[] | undefined, quantity: string, version: string): { metrics: MetricSpec[]; added: string[] } {
  const result = clone(metrics ?? []) as PodsMetric[];
  const found = new Set<string>();
  for (const metric of result) {
    const name = metric.type === 'Pods' ? (metric.pods?.metric?.name ?? metric.pods?.metricName) : undefined;
    const key = name ? waitTimeKeyOf(name) : undefined;
    if (!metric.pods || !key) continue;
    found.add(key);
    if (metric.pods.metricName !== undefined) metric.pods.targetAverageValue = quantity;
    else metric.pods.target = { type: 'AverageValue', averageValue: quantity };
  }
  const added: string[] = [];
  for (const [key, name] of Object.entries(apigeeWaitTimeMetrics) as [ApigeeWaitTimeKey, string][]) {
    if (found.has(key)) continue;
    added.push(name);
    result.push(
      version === 'v1alpha1'
        ? ({ type: 'Pods', pods: { metricName: name, targetAverageValue: quantity } } as never)
        : { type: 'Pods', pods: { metric: { name }, target: { type: 'AverageValue', averageValue: quantity } } },
    );
  }
  return { metrics: result, added };
}

const hasScale = (settings: ScaleSettings) => settings.min !== undefined || settings.max !== undefined || settings.cpu !== undefined;

/**
 * The rules a component change keeps before any request (the CLI's validate step; planComponent checks them too):
 * something to change, and --behavior / --wait-time on the runtime only (Apigee documents them for apigee-runtime
 * alone), within Apigee's ranges.
 */
export function validateComponentSettings(
  kind: ApigeeKind,
  component: string,
  settings: ComponentSettings,
  what = t('plan.apigee.component', { component }),
): void {
  if (!hasScale(settings) && settings.behavior === undefined && settings.waitTime === undefined)
    throw usageError(
      t('plan.nothingToChange', { what }),
      t(kind === apigeeEnvironmentKind && component === 'runtime' ? 'plan.apigee.passRuntimeFlags' : 'plan.apigee.passFlags'),
    );
  const isRuntime = kind === apigeeEnvironmentKind && component === 'runtime';
  if (settings.behavior !== undefined && !isRuntime)
    throw usageError(t('plan.apigee.behaviorRuntimeOnly', { component }), t('plan.apigee.behaviorRuntimeOnlyHint'));
  if (settings.waitTime !== undefined && !isRuntime)
    throw usageError(
      t('plan.apigee.waitTimeRuntimeOnly', { component }),
      t('plan.apigee.waitTimeRuntimeOnlyHint', { command: 'kubectl scale-ha patch env ENV runtime --wait-time 400M' }),
    );
  const waitTimeErrors = settings.waitTime === undefined ? [] : validateApigeeWaitTime(settings.waitTime, '--wait-time');
  if (waitTimeErrors.length) throw usageError(waitTimeErrors.map(formatFieldError).join('; '), t('plan.apigee.waitTimeHint'));
  const behaviorErrors = settings.behavior ? validateApigeeBehavior(settings.behavior) : [];
  if (behaviorErrors.length)
    throw usageError(
      t('plan.apigee.behaviorOutside', { errors: behaviorErrors.map(formatFieldError).join('; ') }),
      t('plan.apigee.behaviorOutsideHint', { presets: presetNames.filter((name) => name.startsWith('apigee-')).join(', ') }),
    );
}

export function planComponent(resource: ApigeeResource, kind: ApigeeKind, component: string, settings: ComponentSettings): PatchChange {
  const defaults = (componentsOf(kind) as Record<string, { min: number; max: number }>)[component];
  if (!defaults) throw usageError(t('plan.apigee.unknownComponent', { component }));
  const current = resource.spec?.components?.[component]?.autoScaler;
  const what =
    kind === apigeeEnvironmentKind
      ? t('plan.apigee.environmentComponent', { env: environmentName(resource), component })
      : t('plan.apigee.organizationComponent', { component });
  validateComponentSettings(kind, component, settings, what);
  if (hasScale(settings))
    validateScale(settings, { min: current?.minReplicas ?? defaults.min, max: current?.maxReplicas ?? defaults.max }, what);
  if (component === 'watcher' && (settings.max ?? current?.maxReplicas ?? 1) !== 1) {
    throw usageError(t('plan.apigee.watcher', { max: settings.max ?? current?.maxReplicas }), t('plan.apigee.watcherHint'));
  }
  const version = resource.apiVersion?.split('/')[1] ?? 'v1alpha2';
  const after = clone(resource);
  after.spec ??= {};
  after.spec.components ??= {};
  const entry = (after.spec.components[component] ??= {});
  const autoScaler = (entry.autoScaler ??= {});
  if (settings.min !== undefined) autoScaler.minReplicas = settings.min;
  if (settings.max !== undefined) autoScaler.maxReplicas = settings.max;
  if (settings.cpu !== undefined) autoScaler.metrics = withCpu(autoScaler.metrics, settings.cpu, version);
  const chart = kind === apigeeEnvironmentKind ? 'apigee-env' : 'apigee-org';
  const keys = overridesKeys(kind, component, environmentName(resource), settings);
  const warnings = [t(keys ? 'plan.apigee.driftKeys' : 'plan.apigee.drift', { kind, chart, keys })];
  if (settings.waitTime !== undefined) {
    const waitTime = withWaitTime(autoScaler.metrics, settings.waitTime.trim(), version);
    autoScaler.metrics = waitTime.metrics;
    if (waitTime.added.length)
      warnings.push(t('plan.apigee.addsMetrics', { count: waitTime.added.length, metrics: listText(waitTime.added) }));
  }
  if (settings.behavior === null) {
    delete autoScaler.behavior;
    warnings.push(t('plan.apigee.noBehavior'));
  } else if (settings.behavior !== undefined) autoScaler.behavior = clone(settings.behavior);
  const ref = {
    group: apigeeGroup,
    version,
    resource: kind === apigeeEnvironmentKind ? 'apigeeenvironments' : 'apigeeorganizations',
    kind,
    namespace: resource.metadata.namespace ?? 'default',
    name: resource.metadata.name,
  };
  return makeChange(ref, 'merge', resource, after, { warnings });
}

/** A value as a short YAML flow mapping: {scaleUp: {percent: {periodSeconds: 60, value: 30}, …}}. */
const flow = (value: unknown) =>
  JSON.stringify(value)
    .replace(/"/g, '')
    .replace(/([:,])/g, '$1 ');

/**
 * The overrides.yaml keys that carry the same change, so the helm route stays in sync. The apigee-env chart takes
 * replicaCountMin/Max per environment (envs[].components) or at the root; the CPU target, runtime.hpaMetrics and
 * runtime.hpaBehavior only at the root, shared by every environment.
 */
export function overridesKeys(kind: ApigeeKind, component: string, env: string, settings: ComponentSettings): string {
  const replicas = [
    settings.min !== undefined ? `replicaCountMin: ${settings.min}` : '',
    settings.max !== undefined ? `replicaCountMax: ${settings.max}` : '',
  ].filter(Boolean);
  const behavior = settings.behavior ? hpaToApigeeBehavior(settings.behavior) : undefined;
  const rootOnly = [
    settings.cpu !== undefined ? `${component}.targetCPUUtilizationPercentage: ${settings.cpu}` : '',
    settings.waitTime !== undefined
      ? `${component}.hpaMetrics.serverMainTaskWaitTime: ${settings.waitTime.trim()}, ${component}.hpaMetrics.serverNioTaskWaitTime: ${settings.waitTime.trim()}`
      : '',
    behavior ? `${component}.hpaBehavior: ${flow(behavior)}` : '',
  ].filter(Boolean);
  if (kind !== apigeeEnvironmentKind)
    return `${component}: {${[...replicas, ...rootOnly.map((key) => key.replace(`${component}.`, ''))].join(', ')}}`;
  return [
    replicas.length
      ? t('plan.apigee.replicaKeys', { keys: `${component}: {${replicas.join(', ')}}`, path: `envs[name=${env}].components.${component}` })
      : '',
    rootOnly.length ? t('plan.apigee.rootKeys', { keys: rootOnly.join(', ') }) : '',
  ]
    .filter(Boolean)
    .join('; ');
}
