// Fixes that respect who owns an object: the Apigee CR, KEDA, a helm release, or nobody.
import { apigeeComponentOf, environmentName } from '../profiles/apigee.ts';
import { helmReleaseOf } from '../profiles/generic.ts';
import { scalingOwner } from '../profiles/ownership.ts';
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

/** A `patch workload` command for a workload, with the helm caveat when a release manages it. */
export function workloadFix(workload: Workload, flags: string): Fix {
  const note = helmNote(workload.object);
  return { type: 'command', command: `kubectl scale-ha patch workload ${workload.kind.toLowerCase()}/${workload.name} ${flags} ${nsFlag(workload.namespace)}`, ...(note ? { note } : {}) };
}
