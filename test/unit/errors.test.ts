import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ExitCode, UserError } from '../../src/k8s/errors.ts';
import { KubeClient } from '../../src/kube/client.ts';
import { KubeApiError, toUserError } from '../../src/kube/errors.ts';
import { patchObject } from '../../src/kube/write.ts';
import { type FakeApiServer, loadedKubeconfigFor, type RouteResult, startFakeApiServer, statusReply } from '../support/fake-api-server.ts';

const context = { action: 'list deployments in namespace shop', server: 'https://127.0.0.1:6443', contextName: 'kind' };
const apiError = (status: number, message = 'boom') => new KubeApiError(status, 'Reason', message, 'GET', '/apis/apps/v1/deployments');

describe('toUserError', () => {
  const cases: [number, number, RegExp][] = [
    [401, ExitCode.forbidden, /rejected our credentials/],
    [403, ExitCode.forbidden, /Access denied: cannot list deployments in namespace shop/],
    [404, ExitCode.notFound, /Not found/],
    [409, ExitCode.conflict, /changed meanwhile/],
    [422, ExitCode.usage, /refused/],
    [500, ExitCode.failure, /failed \(500 Reason\)/],
    [429, ExitCode.failure, /is busy \(429 Too Many Requests\)/],
  ];
  for (const [status, exitCode, message] of cases) {
    it(`maps HTTP ${status} to exit code ${exitCode} with a hint`, () => {
      const error = toUserError(apiError(status), context);
      assert.equal(error.exitCode, exitCode);
      assert.match(error.message, message);
      assert.ok(error.hint && error.hint.length > 10);
    });
  }

  it('keeps the API server message of a 403 so the missing verb is named', () => {
    const error = toUserError(apiError(403, 'deployments.apps is forbidden: User "dev" cannot list resource "deployments"'), context);
    assert.match(error.message, /cannot list resource "deployments"/);
  });

  it('maps connection refused (in a cause chain) to "unreachable"', () => {
    const refused = Object.assign(new Error('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const error = toUserError(refused, context);
    assert.equal(error.exitCode, ExitCode.unreachable);
    assert.match(error.message, /Cannot reach the API server https:\/\/127\.0\.0\.1:6443 \(context "kind"\)/);
  });

  it('maps TLS verification failures to "unreachable" with a CA hint', () => {
    const error = toUserError(Object.assign(new Error('self signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), context);
    assert.equal(error.exitCode, ExitCode.unreachable);
    assert.match(error.message, /TLS verification/);
    assert.match(error.hint ?? '', /certificate-authority/);
  });

  it('maps timeouts to "unreachable" and suggests --request-timeout', () => {
    const error = toUserError(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), context);
    assert.equal(error.exitCode, ExitCode.unreachable);
    assert.match(error.hint ?? '', /--request-timeout/);
  });

  it('passes a UserError through unchanged', () => {
    const original = new UserError('x', { exitCode: ExitCode.usage });
    assert.equal(toUserError(original, context), original);
  });

  it('tells a server failure or throttling from a bug: the hint says retry', () => {
    for (const status of [429, 500, 503]) assert.doesNotMatch(toUserError(apiError(status), context).hint ?? '', /bug/);
    assert.match(toUserError(apiError(503), context).hint ?? '', /retry/i);
  });

  const denials: [string, RegExp][] = [
    [
      'admission webhook "validation.gatekeeper.sh" denied the request: [ha-replicas] replicas must be >= 2',
      /the admission webhook "validation\.gatekeeper\.sh"/,
    ],
    [
      'pods "web-1" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false',
      /the PodSecurity "restricted:latest" policy/,
    ],
    [
      'pods "web-1" is forbidden: exceeded quota: compute, requested: limits.cpu=2, used: limits.cpu=4, limited: limits.cpu=4',
      /the ResourceQuota "compute"/,
    ],
    [
      "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'min-replicas' with binding 'b' denied request: too few",
      /the ValidatingAdmissionPolicy "min-replicas"/,
    ],
  ];
  for (const [message, names] of denials) {
    it(`reports a 403 from admission as a policy denial, not RBAC: ${message.slice(0, 40)}…`, () => {
      const error = toUserError(apiError(403, message), context);
      assert.equal(error.exitCode, ExitCode.forbidden);
      assert.match(error.message, /^Refused by /);
      assert.match(error.message, names);
      assert.match(error.hint ?? '', /not a permissions problem/);
      assert.doesNotMatch(error.hint ?? '', /Role granting/);
    });
  }

  it('keeps the RBAC wording for a plain 403', () => {
    assert.match(toUserError(apiError(403, 'User "dev" cannot patch resource "deployments"'), context).hint ?? '', /Role granting/);
  });
});

describe('a write whose answer was lost', () => {
  const ref = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'shop', name: 'web' };
  let server: FakeApiServer;
  before(async () => {
    server = await startFakeApiServer();
  });
  after(() => server.close());
  /** A client whose PATCH of deployment shop/web ends in `answer`. */
  const answering = (answer: RouteResult) => {
    server.routes['PATCH /apis/apps/v1/namespaces/shop/deployments/web'] = () => answer;
    return server.client({ timeoutMs: 200 });
  };

  const lost: [string, RouteResult][] = [
    ['connection dropped', 'reset'],
    ['no answer in time', 'hang'],
    ['504 from the server', statusReply(504, 'Timeout', 'request did not complete')],
    ['connection dropped in the middle of the answer', 'cut'],
  ];
  for (const [what, answer] of lost) {
    it(`says the write may have landed and how to check (${what})`, async () => {
      await assert.rejects(patchObject(answering(answer), ref, 'strategic', {}), (e) => {
        assert.ok(e instanceof UserError);
        assert.match(e.message, /The write may have landed/);
        assert.equal(e.mayHaveLanded, true);
        assert.match(e.hint ?? '', /kubectl get deployments\.apps web -n shop -o yaml/);
        assert.match(e.hint ?? '', /kubectl scale-ha history/);
        return true;
      });
    });
  }

  it('does not claim a possible write for a dry-run or a refused connection', async () => {
    await assert.rejects(
      patchObject(answering('reset'), ref, 'strategic', {}, { dryRun: true }),
      (e) => e instanceof UserError && !/may have landed/.test(e.message) && !e.mayHaveLanded,
    );
    const closed = await startFakeApiServer();
    await closed.close();
    await assert.rejects(
      patchObject(new KubeClient(loadedKubeconfigFor(closed.url)), ref, 'strategic', {}),
      (e) => e instanceof UserError && !/may have landed/.test(e.message) && e.exitCode === ExitCode.unreachable,
    );
  });

  it('reports a read whose answer breaks off as a lost connection (exit 5), not as a bug', async () => {
    server.routes['GET /apis/apps/v1/namespaces/shop/deployments'] = () => 'cut';
    await assert.rejects(
      server.client().request('GET', '/apis/apps/v1/namespaces/shop/deployments', { action: 'list deployments in namespace shop' }),
      (e) =>
        e instanceof UserError &&
        e.exitCode === ExitCode.unreachable &&
        /connection to the API server .* was lost .* while trying to list deployments in namespace shop/.test(e.message),
    );
  });

  it('does not claim a possible write when the server refused it', async () => {
    await assert.rejects(
      patchObject(answering(statusReply(422, 'Invalid', 'spec.replicas: Invalid value: -1')), ref, 'strategic', {}),
      (e) => e instanceof UserError && !/may have landed/.test(e.message) && e.exitCode === ExitCode.usage,
    );
  });
});

describe('output that cannot be written', () => {
  it('ends with one line and exit 1 instead of a stack trace (stdout on a full device)', () => {
    const entry = fileURLToPath(new URL('../../src/cli/start.ts', import.meta.url));
    const full = openSync('/dev/full', 'w');
    const result = spawnSync(process.execPath, ['--import', 'tsx', entry, '--help'], {
      encoding: 'utf8',
      stdio: ['ignore', full, 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    closeSync(full);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'error: cannot write to standard output: ENOSPC\n');
  });
});
