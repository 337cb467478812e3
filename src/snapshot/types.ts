import type {
  APIService,
  ApigeeResource,
  HorizontalPodAutoscaler,
  Node,
  Pod,
  PodDisruptionBudget,
  VerticalPodAutoscaler,
  WorkloadObject,
} from '../k8s/types.ts';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'ReplicaSet';

/** A list the snapshot could not take (e.g. 403 on nodes for a namespace-scoped user). */
export interface MissingList {
  resource: string;
  reason: string;
}

/** One immutable picture of the cluster, plain data: everything downstream is pure over it. */
export interface Snapshot {
  readonly context: string;
  readonly server: string;
  readonly takenAt: string;
  /** null when taken across all namespaces. */
  readonly namespace: string | null;
  readonly labelSelector: string | null;
  readonly deployments: readonly WorkloadObject[];
  readonly statefulSets: readonly WorkloadObject[];
  readonly replicaSets: readonly WorkloadObject[];
  readonly hpas: readonly HorizontalPodAutoscaler[];
  readonly pdbs: readonly PodDisruptionBudget[];
  readonly pods: readonly Pod[];
  readonly nodes: readonly Node[];
  readonly apiServices: readonly APIService[];
  readonly apigeeEnvironments: readonly ApigeeResource[];
  readonly apigeeOrganizations: readonly ApigeeResource[];
  /** The served Apigee CRD version chosen by discovery; null when the CRDs are not installed. */
  readonly apigeeVersion: string | null;
  /** Empty when the VPA CRDs are not installed (most clusters). */
  readonly verticalPodAutoscalers: readonly VerticalPodAutoscaler[];
  readonly missing: readonly MissingList[];
}
