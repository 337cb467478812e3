// Names in the cluster for shell completion: metadata-only lists, each bounded by the session's timeout.
import type { KubeObject } from '../k8s/types.ts';
import { apigeeVersion, listApigee } from '../kube/apigee.ts';
import { listDeploymentMetadata, listHpaMetadata, listNamespaceMetadata, listStatefulSetMetadata } from '../kube/resources.ts';
import type { Session } from './session.ts';

export type ClusterNames = 'namespaces' | 'hpas' | 'workloads' | 'apigee-environments';

const nameOf = (object: KubeObject) => object.metadata.name;

export async function listClusterNames(session: Session, which: ClusterNames): Promise<string[]> {
  const { client, namespace } = session;
  switch (which) {
    case 'namespaces':
      return (await listNamespaceMetadata(client, nameOf)).items;
    case 'hpas':
      return (await listHpaMetadata(client, { namespace }, nameOf)).items;
    case 'workloads': {
      const [deployments, statefulSets] = await Promise.all([
        listDeploymentMetadata(client, { namespace }, (o) => `deployment/${o.metadata.name}`),
        listStatefulSetMetadata(client, { namespace }, (o) => `statefulset/${o.metadata.name}`),
      ]);
      return [...deployments.items, ...statefulSets.items];
    }
    case 'apigee-environments': {
      const version = await apigeeVersion(client);
      if (!version) return [];
      // `patch env` finds an environment by spec.name, which is what a user types.
      const envs = await listApigee(client, 'ApigeeEnvironment', version, { namespace }, (o) => o.spec?.name ?? o.metadata.name);
      return envs.items;
    }
  }
}
