// A Snapshot from plain Kubernetes objects (test fixtures, saved `kubectl get -o yaml` output).
// Goes through the same trimming as the live builder, so checks see the same shapes.
import type {
  APIService,
  ApigeeResource,
  HorizontalPodAutoscaler,
  KubeObject,
  Node,
  Pod,
  PodDisruptionBudget,
  VerticalPodAutoscaler,
  WorkloadObject,
} from '../k8s/types.ts';
import { PodTrimmer, trimObject, trimReplicaSet, trimVpa, trimWorkload } from './trim.ts';
import type { Snapshot } from './types.ts';

export function snapshotFromObjects(
  objects: KubeObject[],
  options: { namespace?: string | null; context?: string; takenAt?: string } = {},
): Snapshot {
  const of = <T>(kind: string) => objects.filter((o) => o.kind === kind) as unknown as T[];
  const apigeeEnvironments = of<ApigeeResource>('ApigeeEnvironment');
  const apigeeOrganizations = of<ApigeeResource>('ApigeeOrganization');
  return {
    context: options.context ?? 'fixture',
    server: 'https://fixture.invalid',
    takenAt: options.takenAt ?? new Date(0).toISOString(),
    namespace: options.namespace ?? null,
    labelSelector: null,
    deployments: of<WorkloadObject>('Deployment').map((o) => trimWorkload(o, 'Deployment')),
    statefulSets: of<WorkloadObject>('StatefulSet').map((o) => trimWorkload(o, 'StatefulSet')),
    replicaSets: of<WorkloadObject>('ReplicaSet').map(trimReplicaSet),
    hpas: of<HorizontalPodAutoscaler>('HorizontalPodAutoscaler').map((o) => trimObject(o, 'autoscaling/v2', 'HorizontalPodAutoscaler')),
    pdbs: of<PodDisruptionBudget>('PodDisruptionBudget').map((o) => trimObject(o, 'policy/v1', 'PodDisruptionBudget')),
    pods: of<Pod>('Pod').map(new PodTrimmer().trim),
    nodes: of<Node>('Node'),
    apiServices: of<APIService>('APIService'),
    apigeeEnvironments,
    apigeeOrganizations,
    apigeeVersion: apigeeEnvironments.length || apigeeOrganizations.length ? 'v1alpha2' : null,
    verticalPodAutoscalers: of<VerticalPodAutoscaler>('VerticalPodAutoscaler').map((o) =>
      trimVpa(o, o.apiVersion ?? 'autoscaling.k8s.io/v1'),
    ),
    missing: [],
  };
}
