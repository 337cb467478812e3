import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { acrossContexts, contextPattern, fleetExitCode, isContextPattern, selectContexts } from '../../../src/apply/fleet.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';

function kubeconfigWith(contexts: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fleet-')), 'config');
  const cluster = { name: 'c', cluster: { server: 'https://127.0.0.1:1' } };
  const user = { name: 'u', user: { token: 't' } };
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [cluster],
      users: [user],
      contexts: contexts.map((name) => ({ name, context: { cluster: 'c', user: 'u' } })),
      'current-context': contexts[0],
    }),
  );
  return file;
}

describe('several contexts at once', () => {
  it('tells a pattern from a name, and matches * and ? across any character, / included', () => {
    assert.equal(isContextPattern('prod-*'), true);
    assert.equal(isContextPattern('kind-prod'), false);
    const eks = 'arn:aws:eks:eu-west-1:123456789012:cluster/prod';
    assert.ok(contextPattern('*prod').test(eks));
    assert.ok(contextPattern('prod-?').test('prod-a'));
    assert.ok(!contextPattern('prod-?').test('prod-ab'));
    // Everything else is literal: a dot is a dot.
    assert.ok(!contextPattern('a.b*').test('axb-1'));
  });

  it("selects the kubeconfig's contexts a pattern matches, all of them without one, and names them when none match", () => {
    const kubeconfig = kubeconfigWith(['prod-eu', 'stage-eu', 'prod-us']);
    assert.deepEqual(selectContexts({ kubeconfig }, 'prod-*'), ['prod-eu', 'prod-us']);
    assert.deepEqual(selectContexts({ kubeconfig }, undefined), ['prod-eu', 'stage-eu', 'prod-us']);
    assert.throws(
      () => selectContexts({ kubeconfig }, 'dev-*'),
      (error: UserError) =>
        error.exitCode === ExitCode.usage && /matches none/.test(error.message) && /prod-eu, stage-eu, prod-us/.test(error.hint ?? ''),
    );
  });

  it('reads each context at most N at a time, keeps their order, and keeps a failure beside the others', async () => {
    let running = 0;
    let most = 0;
    const results = await acrossContexts(
      ['a', 'b', 'c', 'd', 'e'],
      async (context) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, context === 'a' ? 30 : 5));
        running--;
        if (context === 'c') throw new UserError('unreachable', { exitCode: ExitCode.unreachable });
        return context.toUpperCase();
      },
      2,
    );
    assert.equal(most, 2);
    assert.deepEqual(
      results.map((r) => ('value' in r ? r.value : `failed ${r.context}`)),
      ['A', 'B', 'failed c', 'D', 'E'],
    );
    assert.equal(fleetExitCode(results), ExitCode.unreachable);
    assert.equal(fleetExitCode(results.filter((r) => 'value' in r)), undefined);
  });

  it('lets a bug through instead of reporting it as one context failing', async () => {
    await assert.rejects(
      acrossContexts(['a'], async () => {
        throw new TypeError('bug');
      }),
      TypeError,
    );
  });
});
