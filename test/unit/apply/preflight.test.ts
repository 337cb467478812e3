import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWriteAccess } from '../../../src/apply/preflight.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { KubeClient } from '../../../src/kube/client.ts';

const ref = { group: 'autoscaling', resource: 'horizontalpodautoscalers', namespace: 'shop', name: 'web' };

function client(allowed: (verb: string) => boolean | 'error') {
  const requests: { path: string; body: { spec?: { resourceAttributes?: { verb: string } } } }[] = [];
  const fake = {
    async request(_method: string, path: string, options: { body: (typeof requests)[number]['body'] }) {
      requests.push({ path, body: options.body });
      if (path.endsWith('selfsubjectreviews')) return { status: { userInfo: { username: 'system:serviceaccount:shop:viewer' } } };
      const verb = options.body.spec?.resourceAttributes?.verb ?? '';
      const answer = allowed(verb);
      if (answer === 'error') throw new UserError('Access denied', { exitCode: ExitCode.forbidden });
      return { status: { allowed: answer } };
    },
  };
  return { client: fake as unknown as KubeClient, requests };
}

describe('RBAC pre-flight', () => {
  it('refuses naming the user, the missing verb and the resource, before any write', async () => {
    const { client: c, requests } = client((verb) => verb === 'get');
    await assert.rejects(checkWriteAccess(c, ref), (e) => {
      assert.ok(e instanceof UserError);
      assert.equal(e.exitCode, ExitCode.forbidden);
      assert.match(
        e.message,
        /User system:serviceaccount:shop:viewer may not patch horizontalpodautoscalers\.autoscaling web in namespace shop/,
      );
      assert.match(e.hint ?? '', /kubectl auth can-i patch horizontalpodautoscalers\.autoscaling -n shop/);
      return true;
    });
    assert.ok(requests.every((r) => r.path.includes('selfsubject')));
  });

  it('passes silently when every verb is allowed', async () => {
    assert.deepEqual(await checkWriteAccess(client(() => true).client, ref), []);
  });

  it('degrades to a warning when the review itself is not allowed', async () => {
    const warnings = await checkWriteAccess(client(() => 'error').client, ref);
    assert.match(warnings[0] ?? '', /Could not check permissions in advance/);
  });
});
