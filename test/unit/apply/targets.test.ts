import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { workloadTarget } from '../../../src/apply/targets.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { KubeClient } from '../../../src/kube/client.ts';
import type { WorkloadObject } from '../../../src/k8s/types.ts';
import type { Change } from '../../../src/plan/types.ts';
import { type FakeApiServer, startFakeApiServer, statusReply } from '../../support/fake-api-server.ts';
import { fixture } from '../plan/fixtures.ts';

const patchOf = (change: Change) => {
  assert.equal(change.kind, 'patch');
  return change.kind === 'patch' ? change.patch : undefined;
};

describe('workload targets', () => {
  /** Serves the web Deployment; listing HPAs is forbidden. */
  let server: FakeApiServer;
  let client: KubeClient;
  before(async () => {
    server = await startFakeApiServer({
      'GET /apis/apps/v1/namespaces/shop/deployments/web': fixture<WorkloadObject>('deployment-web.yaml'),
      'GET /apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers': () =>
        statusReply(403, 'Forbidden', 'horizontalpodautoscalers.autoscaling is forbidden: User "dev" cannot list resource'),
    });
    client = server.client();
  });
  after(() => server.close());

  it('refuses --replicas when the HPAs could not be listed, saying why', async () => {
    const warnings: string[] = [];
    const target = workloadTarget(client, 'shop', 'Deployment', 'web', { replicas: 4 }, (t) => warnings.push(t));
    await assert.rejects(
      target.plan(),
      (e) =>
        e instanceof UserError &&
        e.exitCode === ExitCode.usage &&
        /Cannot check whether an HPA scales Deployment\/web, so --replicas is refused: listing HPAs in shop failed \(Access denied: cannot list horizontalpodautoscalers in shop\./.test(
          e.message,
        ) &&
        /--force-replicas/.test(e.hint ?? ''),
    );
  });

  it('writes replicas with --force-replicas despite the failed HPA list, with a warning', async () => {
    const warnings: string[] = [];
    const change = await workloadTarget(client, 'shop', 'Deployment', 'web', { replicas: 4, forceReplicas: true }, (t) =>
      warnings.push(t),
    ).plan();
    assert.deepEqual(patchOf(change), { spec: { replicas: 4 } });
    assert.match(warnings.join('\n'), /Could not list HPAs in shop/);
  });

  it('still plans changes other than replicas when the HPAs could not be listed', async () => {
    const change = await workloadTarget(
      client,
      'shop',
      'Deployment',
      'web',
      { container: 'web', requests: { cpu: '300m' } },
      () => {},
    ).plan();
    assert.equal(change.summary.length, 1);
  });

  it('reads the live pods of the workload by its selector when a sidecar is changed', async () => {
    server.routes['GET /apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers'] = { metadata: {}, items: [] };
    server.routes['GET /api/v1/namespaces/shop/pods'] = { metadata: {}, items: [] };
    server.requests.length = 0;
    await assert.rejects(
      workloadTarget(client, 'shop', 'Deployment', 'web', { sidecars: [{ sidecar: 'proxy', requests: { cpu: '100m' } }] }, () => {}).plan(),
      /no live pod of deployment\/web carries sidecar-proxy/,
    );
    const pods = server.requests.find((r) => r.path === '/api/v1/namespaces/shop/pods');
    assert.equal(pods?.query.get('labelSelector'), 'app.kubernetes.io/name=web');
  });
});
