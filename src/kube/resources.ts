// Typed reads, one function per resource: each owns its API path, its query and the words its errors
// use. Callers name what they want (deployments in a namespace), never a URL.
import type {
  APIService,
  HorizontalPodAutoscaler,
  KubeObject,
  Node,
  Pod,
  PodDisruptionBudget,
  VerticalPodAutoscaler,
  WorkloadObject,
} from '../k8s/types.ts';
import { t } from '../i18n/index.ts';
import { type Action, type KubeApi, type ListResult, metadataOnly } from './api.ts';
import { preferredVersion } from './discovery.ts';
import { collectionPath, objectPath, type ResourceRef, resourceWords } from './paths.ts';
import { followCollection } from './watch.ts';

export interface ListScope {
  /** undefined: all namespaces. */
  namespace?: string | undefined;
  labelSelector?: string | undefined;
  /** Words for error messages; default "list pods in namespace shop" or "list pods in all namespaces". */
  action?: Action | undefined;
}

/** "list pods in namespace shop", "watch pods in all namespaces". */
const scopeWords = (verb: 'list' | 'watch', resource: string, namespace: string | undefined) =>
  namespace
    ? t(verb === 'list' ? 'kube.action.listIn' : 'kube.action.watchIn', { resource, namespace })
    : t(verb === 'list' ? 'kube.action.listEverywhere' : 'kube.action.watchEverywhere', { resource });

function listNamespaced<T, R>(
  api: KubeApi,
  groupVersion: string,
  plural: string,
  scope: ListScope,
  project: ((item: T) => R) | undefined,
  accept?: string,
): Promise<ListResult<R>> {
  return api.list<T, R>(
    collectionPath(groupVersion, plural, scope.namespace),
    {
      labelSelector: scope.labelSelector,
      action: scope.action ?? (() => scopeWords('list', plural, scope.namespace)),
      ...(accept ? { accept } : {}),
    },
    project,
  );
}

export const listDeployments = <R = WorkloadObject>(api: KubeApi, scope: ListScope = {}, project?: (item: WorkloadObject) => R) =>
  listNamespaced<WorkloadObject, R>(api, 'apps/v1', 'deployments', scope, project);

export const listStatefulSets = <R = WorkloadObject>(api: KubeApi, scope: ListScope = {}, project?: (item: WorkloadObject) => R) =>
  listNamespaced<WorkloadObject, R>(api, 'apps/v1', 'statefulsets', scope, project);

export const listReplicaSets = <R = WorkloadObject>(api: KubeApi, scope: ListScope = {}, project?: (item: WorkloadObject) => R) =>
  listNamespaced<WorkloadObject, R>(api, 'apps/v1', 'replicasets', scope, project);

/** Metadata only: a Deployment keeps ~10 old ReplicaSets, and often all we need is who owns them. */
export const listReplicaSetMetadata = <R = KubeObject>(api: KubeApi, scope: ListScope = {}, project?: (item: KubeObject) => R) =>
  listNamespaced<KubeObject, R>(api, 'apps/v1', 'replicasets', scope, project, metadataOnly);

export const listHpas = <R = HorizontalPodAutoscaler>(
  api: KubeApi,
  scope: ListScope = {},
  project?: (item: HorizontalPodAutoscaler) => R,
) => listNamespaced<HorizontalPodAutoscaler, R>(api, 'autoscaling/v2', 'horizontalpodautoscalers', scope, project);

/** Names and namespaces only, to say where HPAs are when a scope holds none. */
export const listHpaMetadata = <R = KubeObject>(api: KubeApi, scope: ListScope = {}, project?: (item: KubeObject) => R) =>
  listNamespaced<KubeObject, R>(api, 'autoscaling/v2', 'horizontalpodautoscalers', scope, project, metadataOnly);

/** Names only, for shell completion: workloads, as `patch workload` names them. */
export const listDeploymentMetadata = <R = KubeObject>(api: KubeApi, scope: ListScope = {}, project?: (item: KubeObject) => R) =>
  listNamespaced<KubeObject, R>(api, 'apps/v1', 'deployments', scope, project, metadataOnly);

export const listStatefulSetMetadata = <R = KubeObject>(api: KubeApi, scope: ListScope = {}, project?: (item: KubeObject) => R) =>
  listNamespaced<KubeObject, R>(api, 'apps/v1', 'statefulsets', scope, project, metadataOnly);

export const listNamespaceMetadata = <R = KubeObject>(api: KubeApi, project?: (item: KubeObject) => R) =>
  api.list<KubeObject, R>(
    collectionPath('v1', 'namespaces'),
    { action: () => t('kube.action.list', { resource: 'namespaces' }), accept: metadataOnly },
    project,
  );

const vpaGroup = 'autoscaling.k8s.io';

/** The VerticalPodAutoscaler version the cluster prefers; null when its CRDs are not installed (most clusters). */
export const vpaVersion = (api: KubeApi) =>
  preferredVersion(api, vpaGroup, () => t('kube.action.discoverNamedGroup', { name: 'VerticalPodAutoscaler' }));

export const listVpas = <R = VerticalPodAutoscaler>(
  api: KubeApi,
  version: string,
  scope: ListScope = {},
  project?: (item: VerticalPodAutoscaler) => R,
) => listCustom<VerticalPodAutoscaler, R>(api, { group: vpaGroup, version, plural: 'verticalpodautoscalers' }, scope, project);

export const listPdbs = <R = PodDisruptionBudget>(api: KubeApi, scope: ListScope = {}, project?: (item: PodDisruptionBudget) => R) =>
  listNamespaced<PodDisruptionBudget, R>(api, 'policy/v1', 'poddisruptionbudgets', scope, project);

export const listPods = <R = Pod>(api: KubeApi, scope: ListScope = {}, project?: (item: Pod) => R) =>
  listNamespaced<Pod, R>(api, 'v1', 'pods', scope, project);

export const listNodes = <R = Node>(api: KubeApi, project?: (item: Node) => R) =>
  api.list<Node, R>(collectionPath('v1', 'nodes'), { action: () => t('kube.action.list', { resource: 'nodes' }) }, project);

export const listApiServices = <R = APIService>(api: KubeApi, project?: (item: APIService) => R) =>
  api.list<APIService, R>(
    collectionPath('apiregistration.k8s.io/v1', 'apiservices'),
    { action: () => t('kube.action.list', { resource: 'apiservices' }) },
    project,
  );

/** A custom resource collection, e.g. Apigee's: the caller knows the served version. */
export const listCustom = <T extends KubeObject, R = T>(
  api: KubeApi,
  resource: { group: string; version: string; plural: string },
  scope: ListScope = {},
  project?: (item: T) => R,
) => listNamespaced<T, R>(api, `${resource.group}/${resource.version}`, resource.plural, scope, project);

export function getObject<T extends KubeObject>(api: KubeApi, ref: ResourceRef): Promise<T> {
  return api.request<T>('GET', objectPath(ref), { action: () => t('kube.action.get', { object: resourceWords(ref) }) });
}

export function getHpa(api: KubeApi, namespace: string, name: string): Promise<HorizontalPodAutoscaler> {
  const ref = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace, name };
  return api.request<HorizontalPodAutoscaler>('GET', objectPath(ref), {
    action: () => t('kube.action.getIn', { resource: 'horizontalpodautoscaler', name, namespace }),
  });
}

/** The Secret helm stores one release revision in (`sh.helm.release.v1.<release>.v<revision>`); data.release is base64 as the API sends it. */
export function getHelmReleaseSecret(
  api: KubeApi,
  namespace: string,
  release: string,
  revision: number,
): Promise<KubeObject & { type?: string; data?: Record<string, string> }> {
  const ref = { group: '', version: 'v1', resource: 'secrets', namespace, name: `sh.helm.release.v1.${release}.v${revision}` };
  return api.request('GET', objectPath(ref), {
    action: () => t('kube.action.helmRecord', { release, revision, secret: ref.name, namespace }),
  });
}

/** One HPA, followed: its status changes at every sync that moves a metric or a condition. Empty items: deleted. */
export const followHpa = (api: KubeApi, namespace: string, name: string, signal?: AbortSignal) =>
  followCollection<HorizontalPodAutoscaler>(api, collectionPath('autoscaling/v2', 'horizontalpodautoscalers', namespace), {
    fieldSelector: `metadata.name=${name}`,
    action: (verb) =>
      t(verb === 'list' ? 'kube.action.listOneIn' : 'kube.action.watchOneIn', { resource: 'horizontalpodautoscaler', name, namespace }),
    signal,
  });

function followNamespaced<T extends KubeObject>(
  api: KubeApi,
  groupVersion: string,
  plural: string,
  scope: ListScope,
  signal?: AbortSignal,
) {
  const { action } = scope;
  return followCollection<T>(api, collectionPath(groupVersion, plural, scope.namespace), {
    labelSelector: scope.labelSelector,
    action:
      action === undefined ? (verb) => scopeWords(verb, plural, scope.namespace) : typeof action === 'string' ? action : () => action(),
    signal,
  });
}

/** The kinds `list` rows are made of, followed for `list --watch`. */
export const followDeployments = (api: KubeApi, scope: ListScope = {}, signal?: AbortSignal) =>
  followNamespaced<WorkloadObject>(api, 'apps/v1', 'deployments', scope, signal);

export const followStatefulSets = (api: KubeApi, scope: ListScope = {}, signal?: AbortSignal) =>
  followNamespaced<WorkloadObject>(api, 'apps/v1', 'statefulsets', scope, signal);

export const followReplicaSets = (api: KubeApi, scope: ListScope = {}, signal?: AbortSignal) =>
  followNamespaced<WorkloadObject>(api, 'apps/v1', 'replicasets', scope, signal);

export const followHpas = (api: KubeApi, scope: ListScope = {}, signal?: AbortSignal) =>
  followNamespaced<HorizontalPodAutoscaler>(api, 'autoscaling/v2', 'horizontalpodautoscalers', scope, signal);
