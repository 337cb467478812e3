import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { KubeClient } from '../../../src/kube/client.ts';
import { getObject } from '../../../src/kube/resources.ts';
import { type FakeApiServer, loadedKubeconfigFor, type Reply, startFakeApiServer, statusReply } from '../../support/fake-api-server.ts';

const ref = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'shop', name: 'web' };
const path = '/apis/apps/v1/namespaces/shop/deployments/web';

/** The UserError a GET of deployment shop/web ends in when the server answers `reply`. */
async function failureFor(server: FakeApiServer, reply: Reply | 'hang' | 'reset' | 'stall', client = server.client()): Promise<UserError> {
  server.routes[`GET ${path}`] = () => reply;
  try {
    await getObject(client, ref);
  } catch (error) {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request succeeded');
}

describe('API errors through a real HTTP round trip', () => {
  let server: FakeApiServer;
  before(async () => {
    server = await startFakeApiServer();
  });
  after(() => server.close());

  it('takes a redirect (an authenticating proxy in front of the API) as a kubeconfig fault, never as an empty answer', async () => {
    const error = await failureFor(server, { status: 302, text: '' });
    assert.equal(error.exitCode, ExitCode.kubeconfig);
    assert.match(error.message, /answered GET \/apis\/apps\/v1\/namespaces\/shop\/deployments\/web with a redirect \(HTTP 302\)/);
  });

  const cases: [number, string, number, RegExp][] = [
    [401, 'Unauthorized', ExitCode.forbidden, /rejected our credentials while trying to get deployments\.apps shop\/web/],
    [403, 'Forbidden', ExitCode.forbidden, /^Access denied: cannot get deployments\.apps shop\/web\. deployments\.apps "web" is forbidden/],
    [404, 'NotFound', ExitCode.notFound, /^Not found: could not get deployments\.apps shop\/web\./],
    [409, 'Conflict', ExitCode.conflict, /^Conflict: could not get deployments\.apps shop\/web because the object changed meanwhile/],
    [422, 'Invalid', ExitCode.usage, /^The API server refused to get deployments\.apps shop\/web/],
    [429, 'TooManyRequests', ExitCode.failure, /is busy \(429 Too Many Requests\)/],
    [503, 'ServiceUnavailable', ExitCode.failure, /failed \(503 ServiceUnavailable\)/],
  ];
  for (const [status, reason, exitCode, message] of cases) {
    it(`maps ${status} ${reason} to exit code ${exitCode}, keeping the server's message`, async () => {
      const error = await failureFor(server, statusReply(status, reason, `deployments.apps "web" is forbidden: reason ${status}`));
      assert.equal(error.exitCode, exitCode);
      assert.match(error.message, message);
      assert.match(error.message, new RegExp(`reason ${status}`));
      assert.ok((error.hint ?? '').length > 10);
    });
  }

  it("names the server and the context in a failure that is the server's", async () => {
    const error = await failureFor(server, statusReply(500, 'InternalError', 'etcd down'));
    assert.ok(error.message.includes(`the API server ${server.url} (context "fake")`));
  });

  it('reports a 403 from an admission webhook as a policy refusal, not RBAC', async () => {
    const error = await failureFor(
      server,
      statusReply(403, 'Forbidden', 'admission webhook "validation.gatekeeper.sh" denied the request: replicas must be >= 2'),
    );
    assert.equal(error.exitCode, ExitCode.forbidden);
    assert.match(error.message, /^Refused by the admission webhook "validation\.gatekeeper\.sh"/);
  });

  it('keeps the start of a body that is not a Status object', async () => {
    const error = await failureFor(server, { status: 502, text: `upstream connect error ${'x'.repeat(400)}` });
    assert.equal(error.exitCode, ExitCode.failure);
    assert.match(error.message, /failed \(502 \) while trying to get deployments\.apps shop\/web: upstream connect error x+\.$/);
    assert.ok(error.message.length < 500);
  });

  it('maps a dropped connection to "unreachable"', async () => {
    const error = await failureFor(server, 'reset');
    assert.equal(error.exitCode, ExitCode.unreachable);
    assert.match(error.message, /connection to the API server .* was lost/);
  });

  it('maps a server that does not answer in time to "unreachable", suggesting --request-timeout', async () => {
    const error = await failureFor(server, 'hang', server.client({ timeoutMs: 200 }));
    assert.equal(error.exitCode, ExitCode.unreachable);
    assert.match(error.message, /did not answer in time while trying to get deployments\.apps shop\/web/);
    assert.match(error.hint ?? '', /--request-timeout/);
  });

  it('maps an answer that goes silent inside its body to the same timeout, not to a lost connection', async () => {
    const error = await failureFor(server, 'stall', server.client({ timeoutMs: 200 }));
    assert.equal(error.exitCode, ExitCode.unreachable);
    assert.match(error.message, /did not answer in time while trying to get deployments\.apps shop\/web/);
  });

  it('maps a refused connection to "unreachable"', async () => {
    const closed = await startFakeApiServer();
    await closed.close();
    const client = new KubeClient(loadedKubeconfigFor(closed.url));
    await assert.rejects(getObject(client, ref), (error) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, ExitCode.unreachable);
      assert.match(error.message, /^Cannot reach the API server .* \(ECONNREFUSED\)/);
      return true;
    });
  });
});
