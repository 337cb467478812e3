// Fixes that respect who owns an object: the Apigee CR, KEDA, a helm release, or nobody.
import { apigeeComponentOf, apigeeControllerOf, environmentName, overridesResourcesPath } from '../profiles/apigee.ts';
import { helmReleaseOf } from '../profiles/generic.ts';
import { scalingOwner } from '../profiles/ownership.ts';
import { chartAffinityPath, chartComponentOf, chartResourcesPath, isWallarmController, sidecarOfContainer, sidecars, type SidecarName } from '../profiles/wallarm.ts';
import type { HorizontalPodAutoscaler } from '../snapshot/k8s.ts';
import type { Workload } from '../snapshot/workloads.ts';
import type { DoctorContext } from './context.ts';
import type { Fix } from './finding.ts';

const nsFlag = (namespace: string) => `-n ${namespace}`;

export interface HpaSettings {
  min?: number;
  max?: number;
  cpu?: number;
}

function settingFlags(settings: HpaSettings): string {
  return [settings.min !== undefined ? `--min ${settings.min}` : '', settings.max !== undefined ? `--max ${settings.max}` : '', settings.cpu !== undefined ? `--cpu ${settings.cpu}` : '']
    .filter(Boolean)
    .join(' ');
}

/** Change an HPA's min/max/target through whoever owns it. */
export function hpaSettingsFix(context: DoctorContext, hpa: HorizontalPodAutoscaler, settings: HpaSettings): Fix {
  const namespace = hpa.metadata.namespace ?? 'default';
  const target = context.targetOf(hpa);
  const owner = scalingOwner(target?.object ?? hpa, [hpa]);
  const flags = settingFlags(settings);
  if (owner.type === 'apigee') {
    const component = apigeeComponentOf(hpa.metadata.name) ?? apigeeComponentOf(target?.name ?? '');
    if (owner.kind === 'ApigeeEnvironment') {
      const cr = context.snapshot.apigeeEnvironments.find((e) => e.metadata.name === owner.name && e.metadata.namespace === namespace);
      const env = cr ? environmentName(cr) : owner.name;
      return { type: 'command', command: `kubectl scale-ha patch env ${env} ${component?.component ?? 'runtime'} ${flags} ${nsFlag(namespace)}`, note: `The HPA is owned by ApigeeEnvironment/${owner.name}: a direct patch is reverted by the operator. Also set it in overrides.yaml, or the next helm upgrade of apigee-env reverts the CR.` };
    }
    return { type: 'command', command: `kubectl scale-ha patch org ${component?.component ?? 'mart'} ${flags} ${nsFlag(namespace)}`, note: `The HPA is owned by ApigeeOrganization/${owner.name}; also set it in overrides.yaml (apigee-org chart).` };
  }
  if (owner.type === 'keda') {
    const fields = [settings.min !== undefined ? `spec.minReplicaCount: ${settings.min}` : '', settings.max !== undefined ? `spec.maxReplicaCount: ${settings.max}` : ''].filter(Boolean).join(', ');
    return { type: 'manual', text: `Edit ScaledObject ${namespace}/${owner.name} (${fields || 'its triggers'}): KEDA owns this HPA and reverts direct patches.` };
  }
  const note = helmNote(hpa);
  return { type: 'command', command: `kubectl scale-ha patch hpa ${hpa.metadata.name} ${flags} ${nsFlag(namespace)}`, ...(note ? { note } : {}) };
}

function helmNote(object: Workload['object'] | HorizontalPodAutoscaler): string | undefined {
  const release = helmReleaseOf(object);
  return release ? `Managed by helm release ${release.namespace}/${release.name}: set the same in its values, or the next helm upgrade reverts this patch.` : undefined;
}

/** A change to a workload's pod template that a check recommends. */
export type WorkloadChange =
  | { type: 'anti-affinity'; topologyKey: string }
  | { type: 'resources'; container: string; requests?: Record<string, string>; limits?: Record<string, string> };

function changeFlags(change: WorkloadChange): string {
  if (change.type === 'anti-affinity') return `--anti-affinity preferred --topology-key ${change.topologyKey}`;
  const list = (values: Record<string, string> | undefined) => Object.entries(values ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const sidecar = sidecarOfContainer(change.container);
  return [sidecar ? `--sidecar ${sidecar}` : `-c ${change.container}`, change.requests ? `--requests ${list(change.requests)}` : '', change.limits ? `--limits ${list(change.limits)}` : '']
    .filter(Boolean)
    .join(' ');
}

function resourcesValue(change: Extract<WorkloadChange, { type: 'resources' }>): Record<string, Record<string, string>> {
  return { ...(change.requests ? { requests: change.requests } : {}), ...(change.limits ? { limits: change.limits } : {}) };
}

function antiAffinityValue(workload: Workload, topologyKey: string) {
  const matchLabels = workload.object.spec.selector.matchLabels ?? {};
  return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey, labelSelector: { matchLabels } } }] } };
}

/** How to change a workload's template: through the Apigee overrides, the Wallarm chart values, or a patch. */
export function workloadFix(context: DoctorContext, workload: Workload, change: WorkloadChange): Fix {
  const apigee = apigeeControllerOf(workload.object);
  if (apigee) {
    const component = apigeeComponentOf(workload.name)?.component ?? '<component>';
    const what = change.type === 'resources' ? `${overridesResourcesPath(component)}: ${JSON.stringify(resourcesValue(change))}` : `the ${component} scheduling settings`;
    return { type: 'manual', text: `${workload.kind}/${workload.name} is rendered by the Apigee operator from ${apigee.kind}/${apigee.name}: set ${what} in overrides.yaml and helm upgrade the ${apigee.kind === 'ApigeeEnvironment' ? 'apigee-env' : 'apigee-org'} release (a direct patch is reverted).` };
  }
  const release = helmReleaseOf(workload.object);
  const chartComponent = chartComponentOf(workload.object);
  if (release && chartComponent) {
    const path = change.type === 'resources' ? chartResourcesPath(chartComponent, change.container) : chartAffinityPath(chartComponent);
    if (path) {
      const value = change.type === 'resources' ? resourcesValue(change) : antiAffinityValue(workload, change.topologyKey);
      return { type: 'values', release: release.name, namespace: release.namespace, path, value, note: 'Keep the other values: helm upgrade with --reset-then-reuse-values (or merge helm get values); a plain -f resets them.' };
    }
  }
  const sidecar = change.type === 'resources' ? sidecarOfContainer(change.container) : undefined;
  const planned = sidecar && change.type === 'resources' ? allFourSidecarValues(workload, change) : change;
  const note = sidecar && change.type === 'resources' ? wallarmSidecarNote(context, sidecar, change) : helmNote(workload.object);
  return { type: 'command', command: `kubectl scale-ha patch workload ${workload.kind.toLowerCase()}/${workload.name} ${changeFlags(planned)} ${nsFlag(workload.namespace)}`, ...(note ? { note } : {}) };
}

/** Starting values for an injected container's four annotations when it has none yet. */
const sidecarDefaults = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

/**
 * One sidecar annotation replaces the chart's resources for that container entirely, so the patch
 * writes all four: keep what the live container has, add the change, fill the rest with defaults.
 */
function allFourSidecarValues(workload: Workload, change: Extract<WorkloadChange, { type: 'resources' }>): WorkloadChange {
  const spec = workload.pods[0]?.spec;
  const live = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].find((c) => c.name === change.container)?.resources;
  const pick = (kind: 'requests' | 'limits') =>
    Object.fromEntries((['cpu', 'memory'] as const).map((r) => [r, change[kind]?.[r] ?? live?.[kind]?.[r] ?? sidecarDefaults[kind][r]]));
  return { ...change, requests: pick('requests'), limits: pick('limits') };
}

function wallarmSidecarNote(context: DoctorContext, sidecar: SidecarName, change: Extract<WorkloadChange, { type: 'resources' }>): string {
  const controller = context.workloads.find((w) => isWallarmController(w.object));
  const release = controller ? helmReleaseOf(controller.object) : undefined;
  const where = release ? `release ${release.namespace}/${release.name}` : 'the wallarm-sidecar release';
  const keys = Object.entries(resourcesValue(change)).flatMap(([kind, values]) => Object.keys(values).map((r) => `${sidecars[sidecar].valuesPath}.${kind}.${r}`));
  return `The annotations replace the chart's resources for this container entirely (all four are written). For every injected pod instead, set ${keys.join(' and ')} in the values of ${where}.`;
}

/** A higher maxReplicas to suggest when the current one is too low. */
export function raisedMax(hpa: HorizontalPodAutoscaler): number {
  return Math.max(Math.ceil(hpa.spec.maxReplicas * 1.5), (hpa.spec.minReplicas ?? 1) + 2);
}
