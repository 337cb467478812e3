// patch hpa, undo and history through the real kubectl against the test bed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { HorizontalPodAutoscaler } from '../../src/k8s/types.ts';
import { apply, cpuHpa, fakeDeployment, getJson, kubectl, kubectlOk } from './harness.ts';

// A fresh name per run: deleting a namespace full of pods can take minutes.
const ns = `e2e-patch-hpa-${Date.now().toString(36)}`;
const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'scale-ha-e2e-state-')) };
const scaleHa = (args: string[]) => kubectl(['scale-ha', ...args], { env });
const hpa = () => getJson<HorizontalPodAutoscaler>(['get', 'hpa', 'web', '-n', ns]);
/** Runs the plugin on a pseudo-terminal (util-linux `script`) and answers the prompt once it appears. */
function onTerminal(args: string[], answer: string): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', ['kubectl', 'scale-ha', ...args].join(' '), '/dev/null'], {
      env: { ...process.env, ...env, NO_COLOR: '1' },
    });
    let output = '';
    let answered = false;
    const timer = setTimeout(() => child.kill(), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!answered && output.includes('[y/N]')) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output });
    });
  });
}

const apigeeHpa = 'apigee-runtime-acme-hybrid-pro-test-49fa3f5-1150-k7x2m';

describe('kubectl scale-ha patch hpa', () => {
  after(() => kubectl(['delete', 'namespace', ns, '--wait=false']));

  before(async () => {
    await kubectlOk(['create', 'namespace', ns]);
    await apply([fakeDeployment(ns, 'web', { replicas: 2 }), cpuHpa(ns, 'web', { min: 2, max: 5, cpu: 60 })]);
  });

  it('rejects bad input with exit 2 before touching the cluster', async () => {
    for (const args of [['--min', '0'], ['--max', '1'], ['--cpu', '150'], ['--behavior', 'fast'], []]) {
      const result = await scaleHa(['patch', 'hpa', 'web', '-n', ns, '--yes', ...args]);
      assert.equal(result.exitCode, 2, `${args.join(' ')}: ${result.stderr}`);
    }
    assert.equal((await hpa()).spec.maxReplicas, 5);
  });

  it('refuses to write without a terminal unless --yes, and leaves the HPA alone', async () => {
    const result = await scaleHa(['patch', 'hpa', 'web', '-n', ns, '--max', '7']);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /stdin is not a terminal/);
    assert.equal((await hpa()).spec.maxReplicas, 5);
  });

  it('asks on a terminal and writes only when the answer is yes', async () => {
    const declined = await onTerminal(['patch', 'hpa', 'web', '-n', ns, '--max', '7'], 'n');
    assert.match(declined.output, /Apply this change to HorizontalPodAutoscaler\/web\? \[y\/N\]/);
    assert.match(declined.output, /Nothing written/);
    assert.equal((await hpa()).spec.maxReplicas, 5);
    const accepted = await onTerminal(['patch', 'hpa', 'web', '-n', ns, '--max', '7'], 'y');
    assert.equal(accepted.exitCode, 0, accepted.output);
    assert.equal((await hpa()).spec.maxReplicas, 7);
    const undo = await onTerminal(['undo'], 'y');
    assert.equal(undo.exitCode, 0, undo.output);
    assert.equal((await hpa()).spec.maxReplicas, 5);
  });

  it('previews with a server dry-run and the diff, writing nothing', async () => {
    const result = await scaleHa(['patch', 'hpa', 'web', '-n', ns, '--max', '7', '--dry-run=server']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /- {2}maxReplicas: 5\n\+ {2}maxReplicas: 7/);
    assert.match(result.stdout, /Server dry-run accepted/);
    assert.equal((await hpa()).spec.maxReplicas, 5);
  });

  it('applies min, max, CPU target and a behavior preset, prints JSON with the journal id, and undo restores the HPA exactly', async () => {
    const original = await hpa();
    const result = await scaleHa([
      'patch',
      'hpa',
      'web',
      '-n',
      ns,
      '--min',
      '3',
      '--max',
      '9',
      '--cpu',
      '70',
      '--behavior',
      'apigee-less-aggressive',
      '--yes',
      '-o',
      'json',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    const data = JSON.parse(result.stdout) as {
      status: string;
      journalId: string;
      dryRun: { accepted: boolean };
      changes: { summary: string[] }[];
    };
    assert.equal(data.status, 'applied');
    assert.equal(data.dryRun.accepted, true);
    assert.match(data.journalId, /^\d{8}-\d{6}-\d{3}-[0-9a-f]{6}$/);
    assert.ok(data.changes[0]!.summary.includes('spec.maxReplicas: 5 → 9'));
    const changed = await hpa();
    assert.equal(changed.spec.minReplicas, 3);
    assert.equal(changed.spec.maxReplicas, 9);
    assert.equal(changed.spec.metrics?.[0]?.resource?.target.averageUtilization, 70);
    assert.equal(changed.spec.behavior?.scaleDown?.stabilizationWindowSeconds, 180);

    const history = await scaleHa(['history', '-o', 'json']);
    const entries = (JSON.parse(history.stdout) as { entries: { id: string; undoneBy: string | null }[] }).entries;
    assert.ok(entries.some((e) => e.id === data.journalId && e.undoneBy === null));

    const undo = await scaleHa(['undo', data.journalId, '--yes', '-n', ns]);
    assert.equal(undo.exitCode, 0, undo.stderr);
    assert.deepEqual((await hpa()).spec, original.spec);

    const after = JSON.parse((await scaleHa(['history', '-o', 'json'])).stdout) as {
      entries: { id: string; undoneBy: string | null; undoOf?: string }[];
    };
    assert.ok(after.entries.find((e) => e.id === data.journalId)?.undoneBy);
    const table = await scaleHa(['history']);
    assert.match(table.stdout, new RegExp(`undo of ${data.journalId}`));
  });

  it('knows a change was already undone: a second undo says so and writes nothing', async () => {
    const applied = await scaleHa(['patch', 'hpa', 'web', '-n', ns, '--max', '6', '--yes', '-o', 'json']);
    const id = (JSON.parse(applied.stdout) as { journalId: string }).journalId;
    assert.equal((await scaleHa(['undo', id, '--yes'])).exitCode, 0);
    // The HPA controller rewrites the status (and so the resourceVersion) on its own: count journal entries instead.
    const entries = async () => (JSON.parse((await scaleHa(['history', '-o', 'json'])).stdout) as { entries: unknown[] }).entries.length;
    const journaled = await entries();
    const again = await scaleHa(['undo', id, '--yes']);
    assert.equal(again.exitCode, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`${id} was already undone by \\d{8}-`));
    assert.equal((await hpa()).spec.maxReplicas, 5);
    assert.equal(await entries(), journaled, 'nothing was written, so nothing was journaled');
    const forced = await scaleHa(['undo', id, '--yes', '--force']);
    assert.equal(forced.exitCode, 0, forced.stderr);
    assert.match(forced.stdout + forced.stderr, /already has these settings: nothing to change/);
  });

  it('refuses a patch when the HPA is owned by an ApigeeEnvironment and shows the environment command', async () => {
    const before = await getJson<HorizontalPodAutoscaler>(['get', 'hpa', apigeeHpa, '-n', 'apigee']);
    const result = await scaleHa(['patch', 'hpa', apigeeHpa, '-n', 'apigee', '--max', '10', '--yes']);
    assert.equal(result.exitCode, 2, result.stderr);
    assert.match(result.stderr, /owned by ApigeeEnvironment acme-hybrid-pro-test-49fa3f5/);
    assert.match(result.stderr, /kubectl scale-ha patch env test runtime --max 10 -n apigee/);
    const after = await getJson<HorizontalPodAutoscaler>(['get', 'hpa', apigeeHpa, '-n', 'apigee']);
    // The HPA controller rewrites the status (and the resourceVersion) on its own; a spec write bumps the generation.
    assert.equal(after.metadata.generation, before.metadata.generation);
    assert.deepEqual(after.spec, before.spec);
  });
});
