// A Snapshot from manifests that are not deployed (doctor -f, doctor --chart): the objects as the API server would
// take them (namespace defaulted, helm's release annotations), pods modelled from the templates, and the live
// data nobody has yet listed as missing, so the checks that need it are skipped rather than wrong.
import type { KubeObject, Node, Pod, WorkloadObject } from '../k8s/types.ts';
import { matchesSelector, parseLabelSelector } from '../k8s/selector.ts';
import { controllerOfKind } from '../k8s/owners.ts';
import { helmNamespaceAnnotation, helmReleaseAnnotation } from '../profiles/generic.ts';
import type { SidecarInjectorConfig } from '../profiles/wallarm.ts';
import { snapshotFromObjects } from './from-objects.ts';
import type { LocatedObject, ObjectLocation } from './manifests.ts';
import { podFromTemplate, withInjectedContainers } from './template-pods.ts';
import type { MissingList, Snapshot } from './types.ts';
import { t } from '../i18n/index.ts';

export interface FilesScope {
  /** Objects without a namespace go here (kubectl apply -n, helm template -n); default "default". */
  defaultNamespace: string;
  /** Only this namespace's objects (-n); null: all of the files'. */
  namespace: string | null;
  /** -l: selects workloads, and the HPAs that scale them, as on a cluster. */
  labelSelector?: string | undefined;
  /** The Wallarm injector's settings the templates' pods get their sidecars from. */
  injector: SidecarInjectorConfig;
  /** Node objects (--nodes FILE): without them the checks that need nodes are skipped. */
  nodes?: readonly Node[] | undefined;
  /** Rendered by helm for this release (doctor --chart): install would add its annotations. */
  release?: { name: string; namespace: string } | undefined;
  /** The snapshot's context name, shown in reports. */
  source: string;
}

export interface FilesSnapshot {
  snapshot: Snapshot;
  /** Where an object of the snapshot was read, by kind, namespace and name. */
  locationOf(object: { kind: string; namespace: string; name: string }): ObjectLocation | undefined;
}

const clusterScoped = new Set(['Node', 'Namespace', 'APIService', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);
const keyOf = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/** What the files do not give: the offline snapshot lacks them, and says why. */
export function offlineGaps(nodesGiven: boolean): MissingList[] {
  return [
    { resource: 'apiservices', reason: t('snapshot.offline.apiservices') },
    ...(nodesGiven ? [] : [{ resource: 'nodes', reason: t('snapshot.offline.nodes') }]),
    { resource: 'pods', reason: t('snapshot.offline.pods') },
    { resource: 'status', reason: t('snapshot.offline.status') },
  ];
}

/** An object as the API server would store it from the file: namespaced, with a uid its modelled pods can point to. */
function asStored(object: KubeObject, scope: FilesScope): KubeObject {
  const kind = object.kind ?? '';
  const namespaced = !clusterScoped.has(kind);
  const namespace = namespaced ? (object.metadata.namespace ?? scope.defaultNamespace) : undefined;
  const metadata = { ...object.metadata, ...(namespace ? { namespace } : {}) };
  metadata.uid ??= `file:${keyOf(kind, namespace ?? '', metadata.name)}`;
  if (scope.release) {
    metadata.annotations = {
      ...metadata.annotations,
      [helmReleaseAnnotation]: scope.release.name,
      [helmNamespaceAnnotation]: scope.release.namespace,
    };
    metadata.labels = { 'app.kubernetes.io/managed-by': 'Helm', ...metadata.labels };
  }
  return { ...object, metadata };
}

const workloadKinds = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

export function snapshotFromFiles(located: readonly LocatedObject[], scope: FilesScope): FilesSnapshot {
  const locations = new Map<string, ObjectLocation>();
  let objects: KubeObject[] = [];
  for (const { object, location } of located) {
    const stored = asStored(object, scope);
    if (scope.namespace !== null && stored.metadata.namespace !== undefined && stored.metadata.namespace !== scope.namespace) continue;
    locations.set(keyOf(stored.kind ?? '', stored.metadata.namespace ?? '', stored.metadata.name), location);
    objects.push(stored);
  }
  if (scope.labelSelector) objects = selectWorkloads(objects, scope.labelSelector);

  const pods = objects.filter((o) => o.kind === 'Pod') as Pod[];
  const owners = new Set(pods.flatMap((pod) => (pod.metadata.ownerReferences ?? []).map((ref) => ref.uid)));
  // Pods from the files are created as they stand (injected then); every other workload gets one from its template.
  const injectedPods = pods.map((pod) => ({ ...pod, spec: withInjectedContainers(pod.spec, pod.metadata, scope.injector) }));
  const modelled = (objects.filter((o) => workloadKinds.has(o.kind ?? '')) as WorkloadObject[])
    .filter((w) => !owners.has(w.metadata.uid ?? '') && !(w.kind === 'ReplicaSet' && controllerOfKind(w, 'Deployment')))
    .map((w) => podFromTemplate(w, scope.injector));

  const base = snapshotFromObjects([...objects.filter((o) => o.kind !== 'Pod'), ...injectedPods, ...modelled, ...(scope.nodes ?? [])], {
    namespace: scope.namespace,
    context: scope.source,
  });
  const snapshot: Snapshot = {
    ...base,
    server: 'files',
    labelSelector: scope.labelSelector ?? null,
    missing: offlineGaps(scope.nodes !== undefined),
  };
  return { snapshot, locationOf: (o) => locations.get(keyOf(o.kind, o.namespace, o.name)) };
}

/** -l as on a cluster: the workloads whose labels match, the HPAs that scale one of them; other kinds whole. */
function selectWorkloads(objects: KubeObject[], text: string): KubeObject[] {
  const selector = parseLabelSelector(text);
  const dropped = new Set(
    objects
      .filter((o) => workloadKinds.has(o.kind ?? '') && !matchesSelector(selector, o.metadata.labels))
      .map((o) => keyOf(o.kind ?? '', o.metadata.namespace ?? '', o.metadata.name)),
  );
  const kept = new Set(
    objects
      .filter((o) => workloadKinds.has(o.kind ?? '') && !dropped.has(keyOf(o.kind ?? '', o.metadata.namespace ?? '', o.metadata.name)))
      .map((o) => keyOf(o.kind ?? '', o.metadata.namespace ?? '', o.metadata.name)),
  );
  return objects.filter((o) => {
    const key = keyOf(o.kind ?? '', o.metadata.namespace ?? '', o.metadata.name);
    if (dropped.has(key)) return false;
    if (o.kind !== 'HorizontalPodAutoscaler') return true;
    const target = (o as unknown as { spec: { scaleTargetRef: { kind: string; name: string } } }).spec.scaleTargetRef;
    return kept.has(keyOf(target.kind, o.metadata.namespace ?? '', target.name));
  });
}
