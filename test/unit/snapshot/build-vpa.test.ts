import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSnapshot } from '../../../src/snapshot/build.ts';
import { statusReply, useFakeApiServer, type Routes } from '../../support/fake-api-server.ts';

const emptyList = { metadata: { resourceVersion: '1' }, items: [] };

/** Every list the snapshot takes of namespace shop, empty; discovery answers 404 unless a test says otherwise. */
const shopLists: Routes = Object.fromEntries(
  [
    '/apis/apps/v1/namespaces/shop/deployments',
    '/apis/apps/v1/namespaces/shop/statefulsets',
    '/apis/apps/v1/namespaces/shop/replicasets',
    '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers',
    '/apis/policy/v1/namespaces/shop/poddisruptionbudgets',
    '/api/v1/namespaces/shop/pods',
    '/api/v1/nodes',
    '/apis/apiregistration.k8s.io/v1/apiservices',
  ].map((path) => [`GET ${path}`, emptyList]),
);

const vpa = {
  apiVersion: 'autoscaling.k8s.io/v1',
  kind: 'VerticalPodAutoscaler',
  metadata: { name: 'web', namespace: 'shop', managedFields: [{ manager: 'kubectl' }] },
  spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, updatePolicy: { updateMode: 'Auto' } },
  status: { recommendation: { containerRecommendations: [{ containerName: 'app', target: { cpu: '25m' } }] } },
};

describe('snapshot: VerticalPodAutoscalers', () => {
  const fake = useFakeApiServer();

  it('reads the VPAs of the scope at the version discovery prefers, spec only', async () => {
    Object.assign(fake.server().routes, shopLists, {
      'GET /apis/autoscaling.k8s.io': { preferredVersion: { groupVersion: 'autoscaling.k8s.io/v1', version: 'v1' } },
      'GET /apis/autoscaling.k8s.io/v1/namespaces/shop/verticalpodautoscalers': { ...emptyList, items: [vpa] },
    });
    const snapshot = await buildSnapshot(fake.client(), { namespace: 'shop' });
    assert.deepEqual(snapshot.verticalPodAutoscalers, [
      { apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' }, spec: vpa.spec },
    ]);
    assert.deepEqual(snapshot.missing, []);
  });

  it('says nothing when the VPA CRDs are not installed, and does not try to list them', async () => {
    Object.assign(fake.server().routes, shopLists);
    const snapshot = await buildSnapshot(fake.client(), { namespace: 'shop' });
    assert.deepEqual(snapshot.verticalPodAutoscalers, []);
    assert.deepEqual(snapshot.missing, []);
    assert.ok(!fake.server().requests.some((r) => r.path.includes('verticalpodautoscalers')));
  });

  it('names the VPAs as missing when the user may not list them, and reads the rest', async () => {
    Object.assign(fake.server().routes, shopLists, {
      'GET /apis/autoscaling.k8s.io': { preferredVersion: { groupVersion: 'autoscaling.k8s.io/v1', version: 'v1' } },
      'GET /apis/autoscaling.k8s.io/v1/namespaces/shop/verticalpodautoscalers': () => statusReply(403, 'Forbidden', 'no VPAs for you'),
    });
    const snapshot = await buildSnapshot(fake.client(), { namespace: 'shop' });
    assert.deepEqual(
      snapshot.missing.map((m) => m.resource),
      ['verticalpodautoscalers'],
    );
  });
});
