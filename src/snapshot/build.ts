// Builds a Snapshot with one paginated LIST per kind, all in flight together. Never per-object GETs.
import { controllerOfKind } from '../k8s/owners.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { Action, KubeApi } from '../kube/api.ts';
import { type ApigeeListKind, apigeePlural, apigeeVersion, listApigee } from '../kube/apigee.ts';
import {
  listApiServices,
  listDeployments,
  listHpas,
  listNodes,
  listPdbs,
  listPods,
  listReplicaSetMetadata,
  listReplicaSets,
  listStatefulSets,
  listVpas,
  vpaVersion,
} from '../kube/resources.ts';
import { apigeeControllerOf, apigeeGroup } from '../profiles/apigee.ts';
import type { HorizontalPodAutoscaler, KubeObject, Node, WorkloadObject } from '../k8s/types.ts';
import { PodTrimmer, trimMeta, trimObject, trimReplicaSet, trimVpa, trimWorkload } from './trim.ts';
import { matchesSelector, parseLabelSelector } from '../k8s/selector.ts';
import type { MissingList, Snapshot } from './types.ts';
import { t } from '../i18n/index.ts';

export interface SnapshotScope {
  /** null: all namespaces. */
  namespace: string | null;
  labelSelector?: string | undefined;
}

const metricsApiServices = new Set([
  'v1beta1.metrics.k8s.io',
  'v1beta1.custom.metrics.k8s.io',
  'v1beta2.custom.metrics.k8s.io',
  'v1beta1.external.metrics.k8s.io',
]);

function trimNode(node: Node): Node {
  const trimmed: Node = { apiVersion: 'v1', kind: 'Node', metadata: trimMeta(node.metadata) };
  if (node.spec)
    trimmed.spec = {
      ...(node.spec.unschedulable ? { unschedulable: true } : {}),
      ...(node.spec.taints ? { taints: node.spec.taints } : {}),
    };
  if (node.status) {
    trimmed.status = {};
    if (node.status.allocatable) trimmed.status.allocatable = node.status.allocatable;
    if (node.status.capacity) trimmed.status.capacity = node.status.capacity;
    if (node.status.conditions) trimmed.status.conditions = node.status.conditions.filter((c) => c.type === 'Ready');
  }
  return trimmed;
}

/** Lists that a namespace-scoped user may not be allowed to read degrade to "missing", not a failure. */
async function optionalList<T>(missing: MissingList[], resource: string, load: () => Promise<T[]>): Promise<T[]> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof UserError && (error.exitCode === ExitCode.forbidden || error.exitCode === ExitCode.notFound)) {
      missing.push({ resource, reason: error.message });
      return [];
    }
    throw error;
  }
}

/** A ReplicaSet known by its metadata only: enough to link its pods to their Deployment. */
function replicaSetLink(object: KubeObject): WorkloadObject {
  const { name, namespace, uid, ownerReferences } = object.metadata;
  const controller = ownerReferences?.find((ref) => ref.controller);
  const metadata: KubeObject['metadata'] = { name };
  if (namespace !== undefined) metadata.namespace = namespace;
  if (uid !== undefined) metadata.uid = uid;
  if (controller)
    metadata.ownerReferences = [
      { apiVersion: controller.apiVersion, kind: controller.kind, name: controller.name, uid: controller.uid, controller: true },
    ];
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata, spec: emptySpec };
}

/** Shared by every link: they have no spec of their own in the snapshot. */
const emptySpec: WorkloadObject['spec'] = Object.freeze({ selector: {}, template: { spec: { containers: [] } } }) as WorkloadObject['spec'];

/**
 * ReplicaSets that are workloads of their own (an HPA scales them, or Apigee's operator runs them)
 * need their spec: list those namespaces again in full. Usually none, or the Apigee namespace.
 */
async function withStandaloneReplicaSets(
  api: KubeApi,
  links: WorkloadObject[],
  hpas: HorizontalPodAutoscaler[],
  action: Action,
): Promise<WorkloadObject[]> {
  const targeted = new Set(
    hpas.filter((h) => h.spec.scaleTargetRef.kind === 'ReplicaSet').map((h) => `${h.metadata.namespace}/${h.spec.scaleTargetRef.name}`),
  );
  const namespaces = new Set(
    links
      .filter((rs) => !controllerOfKind(rs, 'Deployment'))
      .filter((rs) => targeted.has(`${rs.metadata.namespace}/${rs.metadata.name}`) || apigeeControllerOf(rs))
      .map((rs) => rs.metadata.namespace ?? 'default'),
  );
  if (!namespaces.size) return links;
  const full = await Promise.all(
    [...namespaces].map(async (namespace) => (await listReplicaSets(api, { namespace, action }, trimReplicaSet)).items),
  );
  return [...links.filter((rs) => !namespaces.has(rs.metadata.namespace ?? 'default')), ...full.flat()];
}

export async function buildSnapshot(api: KubeApi, scope: SnapshotScope): Promise<Snapshot> {
  const namespaced = { namespace: scope.namespace ?? undefined };
  // -l selects workloads; other kinds are read whole (HPAs are narrowed to the selected workloads below).
  const selected = { ...namespaced, labelSelector: scope.labelSelector };
  const listReplicaSetsAction = () =>
    scope.namespace
      ? t('kube.action.listIn', { resource: 'replicasets', namespace: scope.namespace })
      : t('kube.action.listEverywhere', { resource: 'replicasets' });
  const missing: MissingList[] = [];

  // Custom resource groups whose CRDs may be missing: listed only when discovery finds them served. Discovery
  // runs beside the core lists, not before them: one round trip less for every command.
  const discovered = Promise.all([apigeeVersion(api), vpaVersion(api)]);
  const apigeeList = async (kind: ApigeeListKind) => {
    const [apigee] = await discovered;
    return apigee
      ? optionalList(
          missing,
          apigeePlural(kind),
          async () => (await listApigee(api, kind, apigee, namespaced, (o) => trimObject(o, `${apigeeGroup}/${apigee}`, kind))).items,
        )
      : [];
  };
  const vpaList = async () => {
    const [, vpa] = await discovered;
    return vpa
      ? optionalList(
          missing,
          'verticalpodautoscalers',
          async () => (await listVpas(api, vpa, namespaced, (o) => trimVpa(o, `autoscaling.k8s.io/${vpa}`))).items,
        )
      : [];
  };

  const [
    deployments,
    statefulSets,
    replicaSetLinks,
    hpas,
    pdbs,
    pods,
    nodes,
    apiServices,
    apigeeEnvironments,
    apigeeOrganizations,
    verticalPodAutoscalers,
  ] = await Promise.all([
    listDeployments(api, selected, (o) => trimWorkload(o, 'Deployment')),
    listStatefulSets(api, selected, (o) => trimWorkload(o, 'StatefulSet')),
    // Metadata only: a Deployment keeps ~10 old ReplicaSets, and all we need of them is who owns them.
    listReplicaSetMetadata(api, namespaced, replicaSetLink),
    listHpas(api, namespaced, (o) => trimObject(o, 'autoscaling/v2', 'HorizontalPodAutoscaler')),
    optionalList(
      missing,
      'poddisruptionbudgets',
      async () => (await listPdbs(api, namespaced, (o) => trimObject(o, 'policy/v1', 'PodDisruptionBudget'))).items,
    ),
    listPods(api, namespaced, new PodTrimmer().trim),
    optionalList(missing, 'nodes', async () => (await listNodes(api, trimNode)).items),
    optionalList(missing, 'apiservices', async () =>
      (await listApiServices(api, (o) => trimObject(o, 'apiregistration.k8s.io/v1', 'APIService'))).items.filter((service) =>
        metricsApiServices.has(service.metadata.name),
      ),
    ),
    apigeeList('ApigeeEnvironment'),
    apigeeList('ApigeeOrganization'),
    vpaList(),
  ]);
  const [apigee] = await discovered;

  const replicaSets = await withStandaloneReplicaSets(api, replicaSetLinks.items, hpas.items, listReplicaSetsAction);

  // With -l, only the HPAs of the selected workloads are in scope (HPAs carry no workload labels).
  const inScope = (hpa: HorizontalPodAutoscaler) => {
    const { kind, name } = hpa.spec.scaleTargetRef;
    const listed =
      kind === 'Deployment'
        ? deployments.items
        : kind === 'StatefulSet'
          ? statefulSets.items
          : kind === 'ReplicaSet'
            ? replicaSets.filter((rs) => matchesSelector(selector!, rs.metadata.labels))
            : [];
    return listed.some((w) => w.metadata.name === name && w.metadata.namespace === hpa.metadata.namespace);
  };
  const selector = scope.labelSelector ? parseLabelSelector(scope.labelSelector) : undefined;
  return freezeLists({
    context: api.contextName,
    server: api.server,
    takenAt: new Date().toISOString(),
    namespace: scope.namespace,
    labelSelector: scope.labelSelector ?? null,
    deployments: deployments.items,
    statefulSets: statefulSets.items,
    replicaSets,
    hpas: selector ? hpas.items.filter(inScope) : hpas.items,
    pdbs,
    pods: pods.items,
    nodes,
    apiServices,
    apigeeEnvironments,
    apigeeOrganizations,
    apigeeVersion: apigee,
    verticalPodAutoscalers,
    missing,
  });
}

/** Shallow freeze of the top level and its arrays: cheap, and enough to stop accidental pushes. */
function freezeLists<T extends object>(value: T): T {
  for (const field of Object.values(value)) if (Array.isArray(field)) Object.freeze(field);
  return Object.freeze(value);
}
