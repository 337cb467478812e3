import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../../src/k8s/errors.ts';
import { afterWrite } from '../../../src/apply/follow.ts';

const reporter = (lines: string[]) => ({
  diff: () => {},
  info: (t: string) => lines.push(t),
  warn: (t: string) => lines.push(`warning: ${t}`),
});

describe('what follows a landed write', () => {
  it('turns a failing wait into a warning that says the change is applied, instead of an error', async () => {
    const lines: string[] = [];
    const outcome = await afterWrite(reporter(lines), 'following the rollout of deployment/web', async () => {
      throw new UserError('Cannot reach the API server (ECONNRESET)');
    });
    assert.deepEqual(outcome, { error: 'Cannot reach the API server (ECONNRESET)' });
    assert.deepEqual(lines, [
      'warning: The change is applied; only following the rollout of deployment/web failed: Cannot reach the API server (ECONNRESET)',
    ]);
  });

  it('passes the report through when the follow-up succeeds', async () => {
    assert.deepEqual(await afterWrite(reporter([]), 'x', async () => ({ complete: true })), { complete: true });
  });
});
