import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { checkWriteAccess } from '../../../src/apply/preflight.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { type FakeApiServer, ok, type RecordedRequest, startFakeApiServer, statusReply } from '../../support/fake-api-server.ts';

const ref = { group: 'autoscaling', resource: 'horizontalpodautoscalers', namespace: 'shop', name: 'web' };

const servers: FakeApiServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

/** An API server whose access reviews answer `allowed(verb)`; 'error' refuses the review itself. */
async function serverAllowing(allowed: (verb: string) => boolean | 'error') {
  const server = await startFakeApiServer({
    'POST /apis/authentication.k8s.io/v1/selfsubjectreviews': { status: { userInfo: { username: 'system:serviceaccount:shop:viewer' } } },
    'POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews': (request: RecordedRequest) => {
      const body = request.body as { spec?: { resourceAttributes?: { verb?: string } } };
      const answer = allowed(body.spec?.resourceAttributes?.verb ?? '');
      if (answer === 'error') return statusReply(403, 'Forbidden', 'cannot create resource "selfsubjectaccessreviews"');
      return ok({ status: { allowed: answer } });
    },
  });
  servers.push(server);
  return { client: server.client(), requests: server.requests };
}

describe('RBAC pre-flight', () => {
  it('refuses naming the user, the missing verb and the resource, before any write', async () => {
    const { client, requests } = await serverAllowing((verb) => verb === 'get');
    await assert.rejects(checkWriteAccess(client, ref), (e) => {
      assert.ok(e instanceof UserError);
      assert.equal(e.exitCode, ExitCode.forbidden);
      assert.match(
        e.message,
        /User system:serviceaccount:shop:viewer may not patch horizontalpodautoscalers\.autoscaling web in namespace shop/,
      );
      assert.match(e.hint ?? '', /kubectl auth can-i patch horizontalpodautoscalers\.autoscaling -n shop/);
      return true;
    });
    assert.ok(requests.length > 0);
    assert.ok(requests.every((r) => r.method === 'POST' && r.path.includes('selfsubject')));
  });

  it('passes silently when every verb is allowed', async () => {
    const { client, requests } = await serverAllowing(() => true);
    assert.deepEqual(await checkWriteAccess(client, ref), []);
    assert.deepEqual(
      requests.map((r) => (r.body as { spec: { resourceAttributes: { verb: string } } }).spec.resourceAttributes.verb),
      ['get', 'patch'],
    );
  });

  it('degrades to a warning when the review itself is not allowed', async () => {
    const { client } = await serverAllowing(() => 'error');
    const warnings = await checkWriteAccess(client, ref);
    assert.match(warnings[0] ?? '', /Could not check permissions in advance/);
  });
});
