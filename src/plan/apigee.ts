// Plans for Apigee custom resources: merge patch on spec.components.<component>.autoScaler.
import { usageError } from '../k8s/errors.ts';
import { apigeeEnvironmentKind, apigeeGroup, environmentComponents, environmentName, organizationComponents } from '../profiles/apigee.ts';
import type { ApigeeResource, MetricSpec } from '../k8s/types.ts';
import { makeChange } from './change.ts';
import { clone } from './patch.ts';
import type { ScaleSettings } from '../hpa/scale.ts';
import { validateScale } from './settings.ts';
import type { PatchChange } from './types.ts';

export type ApigeeKind = 'ApigeeEnvironment' | 'ApigeeOrganization';

const componentsOf = (kind: ApigeeKind) => (kind === apigeeEnvironmentKind ? environmentComponents : organizationComponents);

/** "runtime", "connect-agent" or "connectAgent" → the CR's component key; usage error when unknown. */
export function resolveComponent(kind: ApigeeKind, text: string): string {
  const known = Object.keys(componentsOf(kind));
  const wanted = text.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()).toLowerCase();
  const found = known.find((component) => component.toLowerCase() === wanted);
  if (!found) {
    const command = kind === apigeeEnvironmentKind ? 'patch env' : 'patch org';
    throw usageError(
      `"${text}" is not a ${kind === apigeeEnvironmentKind ? 'environment' : 'organization'} component.`,
      `${command} takes one of: ${known.join(', ')}.`,
    );
  }
  return found;
}

/** Finds the environment by its plain name (spec.name); with no name, the only one. */
export function selectEnvironment(environments: readonly ApigeeResource[], name: string | undefined, namespace: string): ApigeeResource {
  const names = environments.map(environmentName);
  if (name === undefined) {
    if (environments.length === 1) return environments[0]!;
    if (environments.length === 0)
      throw usageError(`No ApigeeEnvironment in namespace ${namespace}.`, 'Pass -n with the Apigee namespace (often apigee).');
    throw usageError(
      `Namespace ${namespace} has ${environments.length} Apigee environments: ${names.join(', ')}.`,
      'Name one: kubectl scale-ha patch env ENV COMPONENT …',
    );
  }
  const found = environments.find((environment) => environmentName(environment) === name);
  if (!found)
    throw usageError(
      `No ApigeeEnvironment with spec.name "${name}" in namespace ${namespace}.`,
      names.length ? `Known environments: ${names.join(', ')}.` : 'Pass -n with the Apigee namespace (often apigee).',
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

export function planComponent(resource: ApigeeResource, kind: ApigeeKind, component: string, settings: ScaleSettings): PatchChange {
  const defaults = (componentsOf(kind) as Record<string, { min: number; max: number }>)[component];
  if (!defaults) throw usageError(`Unknown component ${component}.`);
  const current = resource.spec?.components?.[component]?.autoScaler;
  const what = `${kind === apigeeEnvironmentKind ? `environment ${environmentName(resource)}` : 'organization'} component ${component}`;
  validateScale(settings, { min: current?.minReplicas ?? defaults.min, max: current?.maxReplicas ?? defaults.max }, what);
  if (component === 'watcher' && (settings.max ?? current?.maxReplicas ?? 1) !== 1) {
    throw usageError(
      `watcher max replicas must stay 1 (got ${settings.max ?? current?.maxReplicas}).`,
      "The watcher is leader-elected: a second replica only waits. The guide's example of 2 is wrong.",
    );
  }
  const after = clone(resource);
  after.spec ??= {};
  after.spec.components ??= {};
  const entry = (after.spec.components[component] ??= {});
  const autoScaler = (entry.autoScaler ??= {});
  if (settings.min !== undefined) autoScaler.minReplicas = settings.min;
  if (settings.max !== undefined) autoScaler.maxReplicas = settings.max;
  if (settings.cpu !== undefined)
    autoScaler.metrics = withCpu(autoScaler.metrics, settings.cpu, resource.apiVersion?.split('/')[1] ?? 'v1alpha2');
  const warnings = [
    `A direct patch of the ${kind} drifts from your overrides.yaml: the next helm upgrade of the ${kind === apigeeEnvironmentKind ? 'apigee-env' : 'apigee-org'} chart overwrites it. ` +
      `Put the same values in overrides.yaml (${overridesKeys(kind, component, environmentName(resource), settings)}).`,
  ];
  const version = resource.apiVersion?.split('/')[1] ?? 'v1alpha2';
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

/** The overrides.yaml keys that carry the same change, so the helm route stays in sync. */
export function overridesKeys(kind: ApigeeKind, component: string, env: string, settings: ScaleSettings): string {
  const keys = [
    settings.min !== undefined ? `replicaCountMin: ${settings.min}` : '',
    settings.max !== undefined ? `replicaCountMax: ${settings.max}` : '',
    settings.cpu !== undefined ? `targetCPUUtilizationPercentage: ${settings.cpu}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return kind === apigeeEnvironmentKind
    ? `${component}: {${keys}} at the root or under envs[name=${env}].components.${component}`
    : `${component}: {${keys}}`;
}
