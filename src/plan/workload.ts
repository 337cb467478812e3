// Plans for Deployments and StatefulSets: replicas, pod anti-affinity, container resources.
import { usageError } from '../k8s/errors.ts';
import { sidecarOfContainer } from '../profiles/wallarm.ts';
import type { Container, HorizontalPodAutoscaler, Pod, WorkloadObject } from '../k8s/types.ts';
import { makeChange } from './change.ts';
import { helmWarning } from './owner.ts';
import { clone } from './patch.ts';
import { setSidecarResources } from './sidecar.ts';
import { nextPodAntiAffinity, nextSpreadConstraints, type OwnPods } from '../profiles/values/affinity.ts';
import { checkRequestsWithinLimits, type WorkloadSettings } from './settings.ts';
import { deploymentResource, refOf, statefulSetResource, workloadName, type PatchChange } from './types.ts';
import { t } from '../i18n/index.ts';

function setReplicas(
  after: WorkloadObject,
  workload: WorkloadObject,
  settings: WorkloadSettings,
  hpas: readonly HorizontalPodAutoscaler[],
  warnings: string[],
): void {
  if (settings.replicas === undefined) return;
  const hpa = hpas[0];
  if (hpa && !settings.forceReplicas) {
    throw usageError(
      t('plan.workload.scaledByHpa', {
        workload: workloadName(workload),
        hpa: hpa.metadata.name,
        min: hpa.spec.minReplicas ?? 1,
        max: hpa.spec.maxReplicas,
      }),
      t('plan.workload.scaledByHpaHint', {
        command: `kubectl scale-ha patch hpa ${hpa.metadata.name} -n ${workload.metadata.namespace ?? 'default'} --min N --max N`,
      }),
    );
  }
  if (hpa)
    warnings.push(
      t('plan.workload.hpaMovesBack', { hpa: hpa.metadata.name, range: `${hpa.spec.minReplicas ?? 1}..${hpa.spec.maxReplicas}` }),
    );
  if (settings.replicas === 0) warnings.push(t('plan.workload.zeroReplicas'));
  else if (settings.replicas === 1) warnings.push(t('plan.workload.singleReplica'));
  after.spec.replicas = settings.replicas;
}

/** The workload's own pods, as the anti-affinity and spread rules (shared with the helm route) see them. */
const ownPods = (workload: WorkloadObject): OwnPods => ({
  name: workloadName(workload),
  selector: workload.spec.selector,
  podLabels: workload.spec.template.metadata?.labels,
});

/**
 * Replaces the workload's own terms on one topology key and keeps its own terms on other keys.
 * A topology key alone moves its terms to that key; `none` without a key removes all of them.
 */
function setAntiAffinity(after: WorkloadObject, workload: WorkloadObject, settings: WorkloadSettings, notes: string[]): void {
  if (settings.antiAffinity === undefined && settings.topologyKey === undefined) return;
  const spec = after.spec.template.spec;
  const next = nextPodAntiAffinity(spec.affinity?.podAntiAffinity, ownPods(workload), settings, notes);
  const affinity = { ...(spec.affinity ?? {}) };
  if (next) affinity.podAntiAffinity = next;
  else delete affinity.podAntiAffinity;
  if (Object.keys(affinity).length) spec.affinity = affinity;
  else delete spec.affinity;
}

/** One constraint per topology key (the strategic merge key); `none` drops the ones selecting its own pods. */
function setSpread(after: WorkloadObject, workload: WorkloadObject, settings: WorkloadSettings, notes: string[]): void {
  if (settings.spread === undefined) return;
  const spec = after.spec.template.spec;
  const next = nextSpreadConstraints(spec.topologySpreadConstraints, ownPods(workload), settings, notes);
  if (next.length) spec.topologySpreadConstraints = next;
  else delete spec.topologySpreadConstraints;
}

/** -c NAME, or the only container; init containers count. */
export function findContainer(workload: WorkloadObject, name: string | undefined): { container: Container; init: boolean } {
  const spec = workload.spec.template.spec;
  const all = [
    ...spec.containers.map((c) => ({ container: c, init: false })),
    ...(spec.initContainers ?? []).map((c) => ({ container: c, init: true })),
  ];
  if (name === undefined) {
    if (spec.containers.length === 1 && all.length === 1) return all[0]!;
    throw usageError(
      t('plan.workload.severalContainers', { workload: workloadName(workload), containers: all.map((c) => c.container.name).join(', ') }),
      t('plan.workload.severalContainersHint'),
    );
  }
  const found = all.find((c) => c.container.name === name);
  if (found) return found;
  const sidecar = sidecarOfContainer(name);
  if (sidecar)
    throw usageError(
      t('plan.workload.injected', { name }),
      t('plan.workload.injectedHint', { flags: `--sidecar ${sidecar} --requests …` }),
    );
  throw usageError(
    t('plan.workload.noContainer', { workload: workloadName(workload), name }),
    t('plan.workload.containers', { containers: all.map((c) => c.container.name).join(', ') }),
  );
}

function setResources(
  after: WorkloadObject,
  workload: WorkloadObject,
  settings: WorkloadSettings,
  hpas: readonly HorizontalPodAutoscaler[],
  warnings: string[],
): void {
  if (settings.requests === undefined && settings.limits === undefined) return;
  const { container, init } = findContainer(workload, settings.container);
  const list = init ? after.spec.template.spec.initContainers! : after.spec.template.spec.containers;
  const target = list.find((c) => c.name === container.name)!;
  const resources = { ...(target.resources ?? {}) };
  if (settings.requests) resources.requests = { ...(resources.requests ?? {}), ...settings.requests };
  if (settings.limits) resources.limits = { ...(resources.limits ?? {}), ...settings.limits };
  checkRequestsWithinLimits(resources.requests, resources.limits, t('plan.workload.container', { name: container.name }));
  target.resources = resources;
  if (settings.requests?.cpu && hpas.length)
    warnings.push(t('plan.workload.cpuRequestChangesUtilization', { hpa: hpas[0]!.metadata.name }));
}

export interface WorkloadContext {
  /** HPAs whose scaleTargetRef is this workload. */
  hpas: readonly HorizontalPodAutoscaler[];
  /** Live pods of the workload (injected sidecars visible only here). */
  pods: readonly Pod[];
}

export function planWorkload(workload: WorkloadObject, settings: WorkloadSettings, context: WorkloadContext): PatchChange {
  const { hpas } = context;
  const after = clone(workload);
  const warnings: string[] = [];
  const notes: string[] = [];
  setReplicas(after, workload, settings, hpas, warnings);
  setAntiAffinity(after, workload, settings, notes);
  setSpread(after, workload, settings, notes);
  setResources(after, workload, settings, hpas, warnings);
  setSidecarResources(after, workload, settings.sidecars ?? [], context.pods, notes, warnings);
  const helm = helmWarning(workload);
  if (helm) warnings.push(helm);
  const resource = workload.kind === 'StatefulSet' ? statefulSetResource : deploymentResource;
  return makeChange(refOf(workload, resource), 'strategic', workload, after, { warnings, notes });
}
