import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workloadTarget } from '../../../src/apply/targets.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { KubeClient } from '../../../src/kube/client.ts';
import type { WorkloadObject } from '../../../src/k8s/types.ts';
import { fixture } from '../plan/fixtures.ts';

/** Reads the web Deployment; listing HPAs is forbidden. */
function clientWithoutHpaList(): KubeClient {
  const fake = {
    request: async () => fixture<WorkloadObject>('deployment-web.yaml'),
    list: async () => {
      throw new UserError('Access denied: cannot list horizontalpodautoscalers in shop.', { exitCode: ExitCode.forbidden });
    },
  };
  return fake as unknown as KubeClient;
}

describe('workload targets', () => {
  it('refuses --replicas when the HPAs could not be listed, saying why', async () => {
    const warnings: string[] = [];
    const target = workloadTarget(clientWithoutHpaList(), 'shop', 'Deployment', 'web', { replicas: 4 }, (t) => warnings.push(t));
    await assert.rejects(
      target.plan(),
      (e) =>
        e instanceof UserError &&
        e.exitCode === ExitCode.usage &&
        /Cannot check whether an HPA scales Deployment\/web.*Access denied/.test(e.message) &&
        /--force-replicas/.test(e.hint ?? ''),
    );
  });

  it('writes replicas with --force-replicas despite the failed HPA list, with a warning', async () => {
    const warnings: string[] = [];
    const change = await workloadTarget(clientWithoutHpaList(), 'shop', 'Deployment', 'web', { replicas: 4, forceReplicas: true }, (t) =>
      warnings.push(t),
    ).plan();
    assert.deepEqual(change.patch, { spec: { replicas: 4 } });
    assert.match(warnings.join('\n'), /Could not list HPAs in shop/);
  });

  it('still plans changes other than replicas when the HPAs could not be listed', async () => {
    const change = await workloadTarget(
      clientWithoutHpaList(),
      'shop',
      'Deployment',
      'web',
      { container: 'web', requests: { cpu: '300m' } },
      () => {},
    ).plan();
    assert.equal(change.summary.length, 1);
  });
});
