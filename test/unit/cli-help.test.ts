import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { doctorArguments } from '../../src/cli/commands/doctor.ts';
import { allCommands, buildProgram } from '../../src/cli/program.ts';
import { cli } from '../support/cli.ts';

const kubeconfig = join(import.meta.dirname, '../fixtures/kubeconfig/a.yaml');
const packageVersion = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;

const quietIo = { stdout: { write: () => {} }, stderr: { write: () => {} }, env: {} };
const program = buildProgram(quietIo);

/** "patch env" for the env subcommand of patch. */
function pathOf(command: Command): string[] {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names;
}

const commandPaths = allCommands(program)
  .filter((c) => c.name() !== 'help' && c.name() !== 'complete')
  .map(pathOf);

/** The example command lines of a help text, as words after `kubectl scale-ha`. */
function examplesOf(help: string): string[][] {
  const section = help.split('\nExamples:\n')[1] ?? '';
  return (
    section
      .split('\n')
      .filter((line) => !line.trim().startsWith('#') && line.includes('kubectl scale-ha '))
      // `source <(kubectl scale-ha completion bash)`, `kubectl scale-ha completion zsh > FILE`: the command alone.
      .map((line) => line.split('kubectl scale-ha ')[1]!.split(/[)>|]/)[0]!.trim().split(/\s+/))
  );
}

/** The command an example's words name, and the flags it passes (without values). */
function resolveExample(words: string[]): { command: Command; flags: string[] } {
  let command: Command = program;
  for (const word of words) {
    const sub = command.commands.find((c) => c.name() === word);
    if (!sub) break;
    command = sub;
  }
  // A lone "-" is stdin (doctor -f -), not a flag.
  return { command, flags: words.filter((w) => w.startsWith('-') && w !== '-').map((w) => w.split('=')[0]!) };
}

function knownFlags(command: Command): Set<string> {
  const flags = new Set<string>();
  for (let c: Command | null = command; c; c = c.parent)
    for (const option of c.options) for (const flag of [option.long, option.short]) if (flag) flags.add(flag);
  return flags;
}

describe('help in kubectl’s shape', () => {
  it('has examples under every command', async () => {
    assert.ok(commandPaths.length >= 12, `commands found: ${commandPaths.map((p) => p.join(' ')).join(', ')}`);
    for (const path of commandPaths) {
      const { code, stdout } = await cli([...path, '--help']);
      assert.equal(code, 0, path.join(' '));
      assert.ok(examplesOf(stdout).length > 0, `no example in the help of ${path.join(' ')}`);
    }
  });

  it('spells every example with a command and flags that exist', async () => {
    for (const path of [[], ...commandPaths]) {
      for (const example of examplesOf((await cli([...path, '--help'])).stdout)) {
        const { command, flags } = resolveExample(example);
        assert.notEqual(command, program, `"${example.join(' ')}" names no command`);
        const known = knownFlags(command);
        for (const flag of flags)
          assert.ok(known.has(flag), `"${example.join(' ')}": ${flag} is not a flag of ${pathOf(command).join(' ')}`);
      }
    }
  });

  it('lists the global flags in every command’s help', async () => {
    for (const path of commandPaths) {
      const { stdout } = await cli([...path, '--help']);
      for (const flag of ['--namespace', '--all-namespaces', '--context', '--kubeconfig', '--output'])
        assert.match(stdout, new RegExp(`${flag}\\b`), `${flag} missing from the help of ${path.join(' ')}`);
    }
  });

  it('prints a nested command’s help for help patch env', async () => {
    const { code, stdout } = await cli(['help', 'patch', 'env']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: kubectl scale-ha patch env /);
    assert.match(stdout, /--wait-time/);
    assert.equal(stdout, (await cli(['patch', 'env', '--help'])).stdout);
  });

  it('refuses help for a command that does not exist with exit 2', async () => {
    const { code, stderr } = await cli(['help', 'patch', 'nope']);
    assert.equal(code, 2);
    assert.match(stderr, /unknown command "patch nope"/);
  });

  it('prints the help on stdout and exits 0 when run without a command', async () => {
    const { code, stdout, stderr } = await cli([]);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: kubectl scale-ha /);
    assert.match(stdout, /Examples:/);
    assert.equal(stderr, '');
  });

  it('prints a group’s help on stdout and exits 0 when its subcommand is left out', async () => {
    const { code, stdout, stderr } = await cli(['patch']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: kubectl scale-ha patch /);
    assert.equal(stderr, '');
  });

  it('prints the version for --version', async () => {
    const { code, stdout } = await cli(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout, `${packageVersion}\n`);
  });
});

describe('doctor NAME', () => {
  it('takes a first word that is no category as the object name', () => {
    assert.deepEqual(doctorArguments('web', undefined), [undefined, 'web']);
    assert.deepEqual(doctorArguments('hpa', 'web'), ['hpa', 'web']);
    assert.deepEqual(doctorArguments('ha', undefined), ['ha', undefined]);
    assert.deepEqual(doctorArguments(undefined, undefined), [undefined, undefined]);
  });

  it('gets past the arguments to the cluster for doctor NAME', async () => {
    const { code, stderr } = await cli(['doctor', 'web', '--kubeconfig', kubeconfig]);
    assert.equal(code, 5, stderr);
    assert.match(stderr, /Cannot reach the API server/);
  });

  it('refuses two words when the first is no category, before any request', async () => {
    const { code, stderr } = await cli(['doctor', 'web', 'api', '--kubeconfig', kubeconfig]);
    assert.equal(code, 2);
    assert.match(stderr, /"web" is not a category \(hpa, ha, resources\)/);
  });
});
