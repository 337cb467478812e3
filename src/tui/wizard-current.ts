// What a workload has now, as the Wizard starts from it: its HPA's bounds, CPU target and behavior (or the Apigee
// component's, read from the custom resource that owns it), its anti-affinity, the Wallarm sidecars injected into its
// pods with their four values, and the helm release that manages it. Pure, over a Snapshot.
import type { HorizontalPodAutoscaler, HPABehavior } from '../k8s/types.ts';
import type { ApigeeKind } from '../plan/apigee.ts';
import type { WorkloadKind } from '../plan/intent.ts';
import {
  apigeeComponentOf,
  apigeeControllerOf,
  apigeeEnvironmentKind,
  environmentComponents,
  environmentName,
  organizationComponents,
} from '../profiles/apigee.ts';
import { apigeeWaitTimeMetrics } from '../profiles/apigee-hpa.ts';
import { helmReleaseOf } from '../profiles/generic.ts';
import {
  currentSidecarValues,
  injectionLabel,
  type SidecarName,
  type SidecarResourceField,
  sidecarNames,
  sidecarOfContainer,
} from '../profiles/wallarm.ts';
import type { Snapshot } from '../snapshot/types.ts';
import { type AntiAffinityMode, placementOf, type Workload, workloadsOf } from '../snapshot/workloads.ts';
import { workloadKey } from './rows.ts';

export const hostnameKey = 'kubernetes.io/hostname';
export const zoneKey = 'topology.kubernetes.io/zone';

export type TopologyChoice = 'hostname' | 'zone';

/** The Apigee custom resource whose component runs the workload: the wizard writes the CR, never the HPA. */
export interface ApigeeOwner {
  kind: ApigeeKind;
  /** The environment's plain name (spec.name); organization components have none. */
  env: string | undefined;
  component: string;
  /** runtime of an environment: the only component with a behavior and wait-time targets. */
  isRuntime: boolean;
  waitTime: string | null;
}

export interface CurrentSidecar {
  name: SidecarName;
  values: Partial<Record<SidecarResourceField, string>>;
}

/** What the workload has now: the wizard starts from it and changes only what differs. */
export interface WizardCurrent {
  namespace: string;
  kind: WorkloadKind | 'ReplicaSet';
  name: string;
  /** The scaling bounds: of the HPA (or the Apigee component); null without an HPA. */
  hpa: {
    name: string;
    min: number;
    max: number;
    cpu: number | null;
    behavior: HPABehavior | null;
    spec: HorizontalPodAutoscaler['spec'];
  } | null;
  apigee: ApigeeOwner | null;
  replicas: number;
  antiAffinity: AntiAffinityMode;
  topology: TopologyChoice;
  /** The weight of its preferred anti-affinity term (100 when there is none). */
  weight: number;
  /** Wallarm sidecars injected into its pods, with their four values as the template or the pods give them. */
  sidecars: CurrentSidecar[];
  /** "namespace/name" of the helm release that manages it: its writes default to a helm upgrade. */
  helmRelease: string | null;
}

const cpuTargetOf = (spec: HorizontalPodAutoscaler['spec']): number | null =>
  spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu')?.resource?.target.averageUtilization ?? null;

/** The runtime's wait-time target as the live HPA carries it (both metrics get the same value). */
function waitTimeOf(spec: HorizontalPodAutoscaler['spec']): string | null {
  const names = Object.values(apigeeWaitTimeMetrics);
  const metric = spec.metrics?.find((m) => m.type === 'Pods' && names.includes(m.pods?.metric.name ?? ''));
  const value = metric?.pods?.target.averageValue;
  return value === undefined ? null : String(value);
}

function apigeeOwnerOf(snapshot: Snapshot, workload: Workload): (ApigeeOwner & { min?: number; max?: number }) | null {
  const controller = apigeeControllerOf(workload.object);
  if (!controller) return null;
  const kind = controller.kind as ApigeeKind;
  const component = apigeeComponentOf(workload.object, kind);
  if (!component) return null;
  const crs = kind === apigeeEnvironmentKind ? snapshot.apigeeEnvironments : snapshot.apigeeOrganizations;
  const cr = crs.find((r) => r.metadata.name === controller.name && r.metadata.namespace === workload.namespace);
  const isRuntime = kind === apigeeEnvironmentKind && component === 'runtime';
  const autoScaler = cr?.spec?.components?.[component]?.autoScaler;
  const defaults = (kind === apigeeEnvironmentKind ? environmentComponents : organizationComponents) as Record<
    string,
    { min: number; max: number }
  >;
  const hpaSpec = workload.hpas[0]?.spec;
  return {
    kind,
    env: kind === apigeeEnvironmentKind ? (cr ? environmentName(cr) : controller.name) : undefined,
    component,
    isRuntime,
    waitTime: isRuntime && hpaSpec ? waitTimeOf(hpaSpec) : null,
    min: autoScaler?.minReplicas ?? defaults[component]?.min,
    max: autoScaler?.maxReplicas ?? defaults[component]?.max,
  };
}

function sidecarsOf(workload: Workload): CurrentSidecar[] {
  const template = workload.object.spec.template;
  const injected =
    template.metadata?.labels?.[injectionLabel.key] === injectionLabel.value ||
    workload.pods.some((pod) => [...(pod.spec.initContainers ?? []), ...pod.spec.containers].some((c) => sidecarOfContainer(c.name)));
  if (!injected) return [];
  const annotations = template.metadata?.annotations ?? {};
  return sidecarNames
    .map((name) => ({ name, ...currentSidecarValues(annotations, workload.pods, name) }))
    .filter((s) => s.live || Object.keys(s.values).length)
    .map(({ name, values }) => ({ name, values }));
}

/** The wizard's starting point for a workload of the snapshot; null when it is gone or nobody could change it here. */
export function wizardCurrentOf(snapshot: Snapshot, key: string): WizardCurrent | null {
  const workload = workloadsOf(snapshot).find((w) => workloadKey(w.namespace, w.kind, w.name) === key);
  if (!workload) return null;
  const apigee = apigeeOwnerOf(snapshot, workload);
  // A ReplicaSet is the wizard's only when Apigee's operator runs it and its CR carries the change.
  if (workload.kind !== 'Deployment' && workload.kind !== 'StatefulSet' && !(apigee && workload.hpas[0])) return null;
  const placement = placementOf(workload.object);
  const hpa = workload.hpas[0];
  const { min: apigeeMin, max: apigeeMax, ...owner } = apigee ?? {};
  const release = helmReleaseOf(workload.object) ?? (hpa ? helmReleaseOf(hpa) : undefined);
  return {
    namespace: workload.namespace,
    kind: workload.kind as WizardCurrent['kind'],
    name: workload.name,
    hpa: hpa
      ? {
          name: hpa.metadata.name,
          min: apigeeMin ?? hpa.spec.minReplicas ?? 1,
          max: apigeeMax ?? hpa.spec.maxReplicas,
          cpu: cpuTargetOf(hpa.spec),
          behavior: hpa.spec.behavior ?? null,
          spec: hpa.spec,
        }
      : null,
    apigee: apigee ? (owner as ApigeeOwner) : null,
    replicas: workload.object.spec.replicas ?? 1,
    antiAffinity: placement.antiAffinity,
    weight:
      workload.object.spec.template.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.find((t) =>
        placement.antiAffinityKeys.includes(t.podAffinityTerm.topologyKey),
      )?.weight ?? 100,
    topology: placement.antiAffinityKeys.includes(zoneKey) && !placement.antiAffinityKeys.includes(hostnameKey) ? 'zone' : 'hostname',
    sidecars: apigee ? [] : sidecarsOf(workload),
    helmRelease: release ? `${release.namespace}/${release.name}` : null,
  };
}
