// Apigee hybrid's overrides.yaml as the apigee-env and apigee-org charts read it: which keys tell such a file,
// which components scale where, and which keys only the root carries (domain README §2). Pure.
import { environmentComponents, organizationComponents } from './apigee.ts';
import { isValuesMap, type Values } from './values/model.ts';

/** Top-level keys only an Apigee hybrid overrides file has (the component stanzas, the org and env lists). */
export const apigeeOverridesKeys: readonly string[] = [
  'envs',
  'org',
  'instanceID',
  'k8sCluster',
  'gcp',
  'virtualhosts',
  'cassandra',
  'runtime',
  'synchronizer',
  'udca',
  'mart',
  'connectAgent',
  'watcher',
];

/** How many of the top-level keys say "Apigee overrides". */
export function apigeeOverridesScore(values: Values): number {
  return apigeeOverridesKeys.filter((key) => key in values).length;
}

export type ComponentScope = 'env' | 'org';

/** Components that scale through replicaCountMin/Max, the chart that reads them, and the chart defaults. */
export function overridesComponents(): { component: string; scope: ComponentScope; min: number; max: number }[] {
  const env = Object.entries(environmentComponents).map(([component, d]) => ({ component, scope: 'env' as const, ...d }));
  // udca is listed by both CRs; overrides.yaml has one udca stanza, read by apigee-env.
  const org = Object.entries(organizationComponents)
    .filter(([component]) => !(component in environmentComponents))
    .map(([component, d]) => ({ component, scope: 'org' as const, ...d }));
  return [...env, ...org];
}

/** Metrics-based scaling exists for the runtime alone (the guide: "not available for other components"). */
export const metricsScalingComponent = 'runtime';
export const metricsScalingKeys = ['hpaMetrics', 'hpaBehavior'] as const;

/** Keys the apigee-env chart reads only at the root, shared by every environment: an envs[] copy is ignored. */
export const rootOnlyComponentKeys = ['targetCPUUtilizationPercentage', 'hpaMetrics', 'hpaBehavior'] as const;

/** Keys envs[].components.<component> may override; 0 or nothing there falls back to the root key. */
export const perEnvironmentKeys = ['replicaCountMin', 'replicaCountMax'] as const;

export interface OverridesEnvironment {
  /** Its index in envs[]. */
  index: number;
  name: string;
  components: Values;
}

/** envs[] entries with a name (each is one environment the file's releases install). */
export function overridesEnvironments(values: Values): OverridesEnvironment[] {
  const envs = Array.isArray(values.envs) ? values.envs : [];
  return envs.flatMap((env, index) =>
    isValuesMap(env) && env.name !== undefined && env.name !== null
      ? [{ index, name: String(env.name), components: isValuesMap(env.components) ? env.components : {} }]
      : [],
  );
}

/** The Kubernetes int32 bound the CRs' minReplicas/maxReplicas take. */
export const int32Max = 2 ** 31 - 1;
