import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { metadataOnly } from '../../../src/kube/api.ts';
import { apigeeVersion, listApigee } from '../../../src/kube/apigee.ts';
import type { KubeClient } from '../../../src/kube/client.ts';
import { getServerVersion, preferredVersion } from '../../../src/kube/discovery.ts';
import {
  getHpa,
  getObject,
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
} from '../../../src/kube/resources.ts';
import { type FakeApiServer, fakeToken, startFakeApiServer, statusReply, useFakeApiServer } from '../../support/fake-api-server.ts';

const emptyList = { metadata: { resourceVersion: '1' }, items: [] };
const forbidden = () => statusReply(403, 'Forbidden', 'User "dev" cannot do that');

describe('typed reads: each resource function owns its path', () => {
  const fake = useFakeApiServer();
  const only = () => {
    assert.equal(fake.server().requests.length, 1);
    return fake.server().requests[0]!;
  };

  const lists: [string, (c: KubeClient) => Promise<unknown>, string][] = [
    ['deployments', (c) => listDeployments(c, { namespace: 'shop' }), '/apis/apps/v1/namespaces/shop/deployments'],
    ['statefulsets', (c) => listStatefulSets(c, { namespace: 'shop' }), '/apis/apps/v1/namespaces/shop/statefulsets'],
    ['replicasets', (c) => listReplicaSets(c, { namespace: 'shop' }), '/apis/apps/v1/namespaces/shop/replicasets'],
    ['hpas in all namespaces', (c) => listHpas(c), '/apis/autoscaling/v2/horizontalpodautoscalers'],
    ['pdbs', (c) => listPdbs(c, { namespace: 'shop' }), '/apis/policy/v1/namespaces/shop/poddisruptionbudgets'],
    ['pods', (c) => listPods(c, { namespace: 'shop' }), '/api/v1/namespaces/shop/pods'],
    ['nodes', (c) => listNodes(c), '/api/v1/nodes'],
    ['apiservices', (c) => listApiServices(c), '/apis/apiregistration.k8s.io/v1/apiservices'],
    [
      'VerticalPodAutoscalers',
      (c) => listVpas(c, 'v1', { namespace: 'shop' }),
      '/apis/autoscaling.k8s.io/v1/namespaces/shop/verticalpodautoscalers',
    ],
    [
      'Apigee environments',
      (c) => listApigee(c, 'ApigeeEnvironment', 'v1alpha2', { namespace: 'apigee' }),
      '/apis/apigee.cloud.google.com/v1alpha2/namespaces/apigee/apigeeenvironments',
    ],
  ];
  for (const [what, list, path] of lists) {
    it(`lists ${what} at ${path}, with the kubeconfig's token`, async () => {
      fake.server().routes[`GET ${path}`] = emptyList;
      await list(fake.client());
      assert.equal(only().path, path);
      assert.equal(only().headers.authorization, `Bearer ${fakeToken}`);
    });
  }

  it('sends the label selector it is given, and no selector otherwise', async () => {
    fake.server().routes['GET /apis/apps/v1/namespaces/shop/deployments'] = emptyList;
    await listDeployments(fake.client(), { namespace: 'shop', labelSelector: 'app=web' });
    await listDeployments(fake.client(), { namespace: 'shop' });
    assert.deepEqual(
      fake.server().requests.map((r) => r.query.get('labelSelector')),
      ['app=web', null],
    );
  });

  it('asks for metadata only when listing ReplicaSets for their owners', async () => {
    fake.server().routes['GET /apis/apps/v1/replicasets'] = emptyList;
    await listReplicaSetMetadata(fake.client());
    await listReplicaSets(fake.client());
    assert.deepEqual(
      fake.server().requests.map((r) => r.headers.accept),
      [metadataOnly, 'application/json'],
    );
  });

  it('names the namespace, or all namespaces, in the error of a denied list', async () => {
    fake.server().routes['GET /apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers'] = forbidden;
    fake.server().routes['GET /apis/autoscaling/v2/horizontalpodautoscalers'] = forbidden;
    await assert.rejects(
      listHpas(fake.client(), { namespace: 'shop' }),
      /Access denied: cannot list horizontalpodautoscalers in namespace shop\./,
    );
    await assert.rejects(listHpas(fake.client()), /Access denied: cannot list horizontalpodautoscalers in all namespaces\./);
  });

  it("uses the caller's words for the error when it gives them", async () => {
    fake.server().routes['GET /api/v1/namespaces/shop/pods'] = forbidden;
    await assert.rejects(
      listPods(fake.client(), { namespace: 'shop', action: 'list pods of Deployment/web' }),
      /cannot list pods of Deployment\/web\./,
    );
  });

  it('reads one HPA by name, and says which one is missing', async () => {
    const path = '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web';
    fake.server().routes[`GET ${path}`] = { metadata: { name: 'web' }, spec: { maxReplicas: 5 } };
    assert.equal((await getHpa(fake.client(), 'shop', 'web')).spec.maxReplicas, 5);
    await assert.rejects(getHpa(fake.client(), 'shop', 'api'), (error) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, ExitCode.notFound);
      assert.match(error.message, /^Not found: could not get horizontalpodautoscaler api in namespace shop\./);
      return true;
    });
  });

  it('reads an object of the core group by its ref, escaping the name', async () => {
    fake.server().routes['GET /api/v1/namespaces/shop/configmaps/a%20b'] = { metadata: { name: 'a b' } };
    const object = await getObject(fake.client(), { group: '', version: 'v1', resource: 'configmaps', namespace: 'shop', name: 'a b' });
    assert.equal(object.metadata.name, 'a b');
  });

  it('reads the server version', async () => {
    fake.server().routes['GET /version'] = { gitVersion: 'v1.35.0' };
    assert.equal((await getServerVersion(fake.client())).gitVersion, 'v1.35.0');
  });
});

describe('preferred version of an API group (discovery)', () => {
  let server: FakeApiServer;
  let client: KubeClient;
  before(async () => {
    server = await startFakeApiServer({
      'GET /apis/keda.sh': { preferredVersion: { groupVersion: 'keda.sh/v1alpha1', version: 'v1alpha1' } },
      'GET /apis/empty.example.com': { versions: [] },
      'GET /apis/secret.example.com': forbidden,
    });
    client = server.client();
  });
  after(() => server.close());

  it('answers the version the server prefers', async () => {
    assert.equal(await preferredVersion(client, 'keda.sh'), 'v1alpha1');
  });

  it('answers null when the group is not served or names no preferred version', async () => {
    assert.equal(await preferredVersion(client, 'missing.example.com'), null);
    assert.equal(await preferredVersion(client, 'empty.example.com'), null);
  });

  it('fails with the reason when discovery itself is refused', async () => {
    await assert.rejects(
      preferredVersion(client, 'secret.example.com'),
      (error) =>
        error instanceof UserError &&
        error.exitCode === ExitCode.forbidden &&
        /cannot discover the API group secret\.example\.com/.test(error.message),
    );
  });

  it('looks Apigee up under its own words, null when its CRDs are missing', async () => {
    assert.equal(await apigeeVersion(client), null);
    assert.equal(server.requests.at(-1)?.path, '/apis/apigee.cloud.google.com');
    server.routes['GET /apis/apigee.cloud.google.com'] = forbidden;
    await assert.rejects(apigeeVersion(client), /cannot discover the Apigee API group/);
  });

  it('looks the VPA group up under its own words, null when its CRDs are missing', async () => {
    assert.equal(await vpaVersion(client), null);
    assert.equal(server.requests.at(-1)?.path, '/apis/autoscaling.k8s.io');
    server.routes['GET /apis/autoscaling.k8s.io'] = forbidden;
    await assert.rejects(vpaVersion(client), /cannot discover the VerticalPodAutoscaler API group/);
  });
});
