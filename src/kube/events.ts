// core/v1 Events about one object: listed, or followed with a watch. The field selector keeps the server from
// sending the namespace's other events (pods come and go by the hundred).
import { t } from '../i18n/index.ts';
import type { KubeEvent } from '../k8s/types.ts';
import type { KubeApi } from './api.ts';
import { collectionPath } from './paths.ts';
import { followCollection } from './watch.ts';

export interface InvolvedObject {
  kind: string;
  name: string;
}

const eventsPath = (namespace: string) => collectionPath('v1', 'events', namespace);
const involving = (object: InvolvedObject) => `involvedObject.kind=${object.kind},involvedObject.name=${object.name}`;
const words = (namespace: string, object: InvolvedObject) => (verb: 'list' | 'watch') =>
  t(verb === 'list' ? 'kube.action.listEvents' : 'kube.action.watchEvents', {
    kind: object.kind.toLowerCase(),
    name: object.name,
    namespace,
  });

export function listObjectEvents(api: KubeApi, namespace: string, object: InvolvedObject): Promise<KubeEvent[]> {
  return api
    .list<KubeEvent>(eventsPath(namespace), { fieldSelector: involving(object), action: () => words(namespace, object)('list') })
    .then((result) => result.items);
}

export const followObjectEvents = (api: KubeApi, namespace: string, object: InvolvedObject, signal?: AbortSignal) =>
  followCollection<KubeEvent>(api, eventsPath(namespace), {
    fieldSelector: involving(object),
    action: words(namespace, object),
    signal,
  });
