import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { patchObject, reviewAccess, whoAmI } from '../../../src/kube/write.ts';
import { ok, statusReply, useFakeApiServer } from '../../support/fake-api-server.ts';

const hpaRef = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: 'shop', name: 'web' };
const hpaPath = '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web';

describe('writes and write pre-flights', () => {
  const fake = useFakeApiServer();

  it('sends a strategic merge patch with our field manager, answering the stored object', async () => {
    fake.server().routes[`PATCH ${hpaPath}`] = (request) => ok({ metadata: { name: 'web', resourceVersion: '8' }, spec: request.body });
    const body = { metadata: { resourceVersion: '7' }, spec: { maxReplicas: 10 } };
    const stored = await patchObject(fake.client(), hpaRef, 'strategic', body);
    const [request] = fake.server().requests;
    assert.equal(request?.method, 'PATCH');
    assert.equal(request?.headers['content-type'], 'application/strategic-merge-patch+json');
    assert.equal(request?.query.get('fieldManager'), 'kubectl-scale-ha');
    assert.equal(request?.query.has('dryRun'), false);
    assert.deepEqual(request?.body, body);
    assert.equal(stored.metadata.resourceVersion, '8');
  });

  it('asks for a server dry-run with dryRun=All and a JSON merge patch for custom resources', async () => {
    const ref = { group: 'apigee.cloud.google.com', version: 'v1alpha2', resource: 'apigeeenvironments', namespace: 'apigee', name: 'env' };
    fake.server().routes['PATCH /apis/apigee.cloud.google.com/v1alpha2/namespaces/apigee/apigeeenvironments/env'] = {
      metadata: { name: 'env' },
    };
    await patchObject(fake.client(), ref, 'merge', { spec: {} }, { dryRun: true });
    assert.equal(fake.server().requests[0]?.headers['content-type'], 'application/merge-patch+json');
    assert.equal(fake.server().requests[0]?.query.get('dryRun'), 'All');
  });

  it('reports a 409 as a conflict naming the patch', async () => {
    fake.server().routes[`PATCH ${hpaPath}`] = () => statusReply(409, 'Conflict', 'the object has been modified');
    await assert.rejects(patchObject(fake.client(), hpaRef, 'strategic', {}, { dryRun: true }), (error) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, ExitCode.conflict);
      assert.match(error.message, /^Conflict: could not dry-run patch horizontalpodautoscalers\.autoscaling shop\/web /);
      return true;
    });
  });

  it('asks a SelfSubjectAccessReview for the verb, resource and name', async () => {
    fake.server().routes['POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews'] = { status: { allowed: true } };
    const answer = await reviewAccess(fake.client(), {
      verb: 'patch',
      group: 'apps',
      resource: 'deployments',
      namespace: 'shop',
      name: 'web',
    });
    assert.deepEqual(answer, { allowed: true });
    assert.deepEqual(fake.server().requests[0]?.body, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop', name: 'web' } },
    });
  });

  it('treats an explicit denial as not allowed even when allowed is set, and keeps the reason', async () => {
    fake.server().routes['POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews'] = {
      status: { allowed: true, denied: true, reason: 'policy says no' },
    };
    const answer = await reviewAccess(fake.client(), { verb: 'get', group: '', resource: 'pods', namespace: 'shop' });
    assert.deepEqual(answer, { allowed: false, reason: 'policy says no' });
  });

  it('asks the server who we are, "unknown" when it does not say', async () => {
    fake.server().routes['POST /apis/authentication.k8s.io/v1/selfsubjectreviews'] = { status: { userInfo: { username: 'alice' } } };
    assert.equal(await whoAmI(fake.client()), 'alice');
    assert.deepEqual(fake.server().requests[0]?.body, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    fake.server().routes['POST /apis/authentication.k8s.io/v1/selfsubjectreviews'] = { status: {} };
    assert.equal(await whoAmI(fake.client()), 'unknown');
  });
});
