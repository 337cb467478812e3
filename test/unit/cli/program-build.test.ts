import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProgram } from '../../../src/cli/program.ts';
import { cli } from '../../support/cli.ts';

const quietIo = { stdout: { write: () => {} }, stderr: { write: () => {} }, env: {} };
const built = (argv?: string[]) => buildProgram(quietIo, argv).commands.map((command) => command.name());
const everything = built();

describe('buildProgram builds the command a run names, as commander dispatches it', () => {
  it('builds only that command when the run names one', () => {
    assert.deepEqual(built(['doctor', '-n', 'shop']), ['doctor']);
    assert.deepEqual(built(['patch', 'env', 'runtime', '--max', '10']), ['patch']);
  });

  it('skips the global flags and their values: `-n list doctor` runs doctor in namespace list', () => {
    assert.deepEqual(built(['-n', 'list', 'doctor']), ['doctor']);
    assert.deepEqual(built(['--kubeconfig', 'tui', '--context=x', 'list', '-A']), ['list']);
  });

  it('builds the whole tree for help, completion, an unknown command or a flag it cannot place', () => {
    for (const argv of [[], ['--help'], ['help', 'patch', 'env'], ['completion', 'bash'], ['lsit'], ['--fail-on', 'none', 'doctor']])
      assert.deepEqual(built(argv), everything, argv.join(' '));
    assert.ok(everything.length > 10);
  });

  it('gives a command built alone the same help and parse errors as the whole program', async () => {
    const alone = await cli(['doctor', '--help']);
    assert.equal(alone.code, 0);
    assert.match(alone.stdout, /--fail-on/);
    assert.match(alone.stdout, /--kubeconfig/, 'global flags are listed in every command');
    const unknown = await cli(['doctor', '--no-such-flag']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option '--no-such-flag'/);
  });
});
