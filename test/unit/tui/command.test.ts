import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from '../../../src/cli/program.ts';
import { validateTui } from '../../../src/cli/commands/tui.ts';

const capture = () => {
  let text = '';
  return { write: (s: string) => void (text += s), text: () => text, isTTY: false };
};

describe('tui command', () => {
  it('refuses without a terminal, naming the CLI commands, before reading any kubeconfig', async () => {
    const stdout = capture();
    const stderr = capture();
    const code = await run(['tui', '--kubeconfig', '/nonexistent/kubeconfig'], { stdout, stderr, env: { NO_COLOR: '1' } });
    assert.equal(code, 2);
    assert.match(stderr.text(), /needs a terminal/);
    assert.match(stderr.text(), /kubectl scale-ha list/);
    assert.match(stderr.text(), /doctor/);
    assert.equal(stdout.text(), '');
  });

  it('refuses when only standard input is not a terminal', () => {
    assert.throws(() => validateTui({ refresh: '10s' }, { stdin: false, stdout: true }), /needs a terminal/);
  });

  it('validates --refresh before connecting', () => {
    assert.deepEqual(validateTui({ refresh: '30s', readOnly: true }, { stdin: true, stdout: true }), { readOnly: true, refreshMs: 30_000 });
    assert.throws(() => validateTui({ refresh: '200ms' }, { stdin: true, stdout: true }), /too short/);
    assert.throws(() => validateTui({ refresh: 'soon' }, { stdin: true, stdout: true }), /not a duration/);
  });
});
