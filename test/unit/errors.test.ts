import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../src/errors.ts';
import { KubeApiError, toUserError } from '../../src/kube/errors.ts';

const context = { action: 'list deployments in namespace shop', server: 'https://127.0.0.1:6443', contextName: 'kind' };
const apiError = (status: number, message = 'boom') => new KubeApiError(status, 'Reason', message, 'GET', '/apis/apps/v1/deployments');

describe('toUserError', () => {
  const cases: [number, number, RegExp][] = [
    [401, ExitCode.forbidden, /rejected our credentials/],
    [403, ExitCode.forbidden, /Access denied: cannot list deployments in namespace shop/],
    [404, ExitCode.notFound, /Not found/],
    [409, ExitCode.conflict, /changed meanwhile/],
    [422, ExitCode.usage, /refused/],
    [500, ExitCode.failure, /answered 500/],
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
    const refused = Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
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
});
