// Several clusters at once: a second local control plane beside the suite's, and a context whose server is gone,
// in one kubeconfig; doctor --all-contexts reads both clusters, names each finding's context, and reports the
// unreachable one beside them with exit 5 (the second cluster starts in ~15 s).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import type { DoctorReportData } from '../../src/cli/render/doctor.ts';
import { cpuHpa, fakeDeployment, kubectl, kubectlOk } from './harness.ts';

const script = join(import.meta.dirname, '../../scripts/testbed');
const second = 'scale-ha-fleet';
const namespace = 'e2e-fleet';

async function secondBed(args: string[]): Promise<string> {
  const result = await execa(script, args, { env: { SCALE_HA_TESTBED: second }, reject: false, timeout: 180_000 });
  assert.equal(result.exitCode, 0, `scripts/testbed ${args.join(' ')} (${second}) failed:\n${String(result.stderr)}`);
  return String(result.stdout);
}

describe('list and doctor over several contexts', () => {
  let kubeconfig = '';
  let contexts: { first: string; second: string } = { first: '', second: '' };
  const gone = 'scale-ha-gone';

  before(async () => {
    await secondBed(['up']);
    const secondConfig = /KUBECONFIG=(\S+)/.exec(await secondBed(['env']))![1]!;
    const work = mkdtempSync(join(tmpdir(), 'scale-ha-fleet-'));
    const goneConfig = join(work, 'gone');
    writeFileSync(
      goneConfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: gone, cluster: { server: 'https://127.0.0.1:1', 'insecure-skip-tls-verify': true } }],
        users: [{ name: gone, user: { token: 'none' } }],
        contexts: [{ name: gone, context: { cluster: gone, user: gone } }],
      }),
    );
    kubeconfig = [process.env.KUBECONFIG!, secondConfig, goneConfig].join(':');
    const env = { KUBECONFIG: kubeconfig };
    contexts = {
      first: (await kubectlOk(['config', 'current-context'])).trim(),
      second: (
        await execa('kubectl', ['config', 'view', '--kubeconfig', secondConfig, '-o', 'jsonpath={.contexts[0].name}'])
      ).stdout.trim(),
    };
    // The same single-replica HPA in both clusters: HPA008 on each.
    for (const context of [contexts.first, contexts.second]) {
      await kubectl(['--context', context, 'create', 'namespace', namespace], { env });
      const objects = {
        apiVersion: 'v1',
        kind: 'List',
        items: [fakeDeployment(namespace, 'api'), cpuHpa(namespace, 'api', { min: 1, max: 3 })],
      };
      const applied = await kubectl(['--context', context, 'apply', '-f', '-'], { input: JSON.stringify(objects), env });
      assert.equal(applied.exitCode, 0, applied.stderr);
    }
  });

  after(async () => {
    await kubectl(['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']);
    await secondBed(['down']);
  });

  it('doctor --all-contexts: both clusters in one report, each finding named by its context; the gone one beside them, exit 5', async () => {
    const result = await kubectl(['scale-ha', 'doctor', 'hpa', 'api', '--all-contexts', '-n', namespace, '-o', 'json'], {
      env: { KUBECONFIG: kubeconfig },
    });
    assert.equal(result.exitCode, 5, result.stderr);
    const report = JSON.parse(result.stdout) as DoctorReportData;
    const single = report.findings.filter((f) => f.id === 'HPA008').map((f) => (f as { context?: string }).context);
    assert.deepEqual(single.sort(), [contexts.first, contexts.second].sort());
    assert.equal(report.summary.hpas, 2);
    assert.match(result.stderr, new RegExp(`error: context ${gone}: Cannot reach the API server https://127\\.0\\.0\\.1:1`));
  });

  it('doctor --context PATTERN: only the contexts it matches; the table names the context before each object', async () => {
    const pattern = `${contexts.second.slice(0, -2)}*`;
    const result = await kubectl(['scale-ha', 'doctor', 'hpa', '--context', pattern, '-n', namespace, '--fail-on', 'warning'], {
      env: { KUBECONFIG: kubeconfig },
    });
    assert.equal(result.exitCode, 3, result.stderr);
    assert.match(result.stdout, new RegExp(`^${contexts.second}: ${namespace}/HorizontalPodAutoscaler/api$`, 'm'));
    assert.doesNotMatch(result.stdout, new RegExp(`^${contexts.first}: `, 'm'));
    assert.equal(result.stderr, '');
  });

  it('list --all-contexts: one table with a CONTEXT column, the rows as JSON with their context; the gone one beside them', async () => {
    const env = { KUBECONFIG: kubeconfig };
    const table = await kubectl(['scale-ha', 'list', '--all-contexts', '-n', namespace], { env });
    assert.equal(table.exitCode, 5, table.stderr);
    assert.match(table.stdout, /^CONTEXT\s+WORKLOAD\s+READY/);
    for (const context of [contexts.first, contexts.second])
      assert.match(table.stdout, new RegExp(`^${context}\\s+deployment/api\\s`, 'm'));
    assert.match(table.stderr, new RegExp(`error: context ${gone}: Cannot reach`));
    const json = await kubectl(['scale-ha', 'list', '--all-contexts', '-n', namespace, '-o', 'json'], { env });
    const data = JSON.parse(json.stdout) as { workloads: { context: string; name: string }[]; failed: { context: string }[] };
    assert.deepEqual(
      data.workloads.map((w) => `${w.context}/${w.name}`).sort(),
      [`${contexts.first}/api`, `${contexts.second}/api`].sort(),
    );
    assert.deepEqual(
      data.failed.map((f) => f.context),
      [gone],
    );
  });

  it('refuses a pattern that matches no context (naming the contexts), and a pattern where one context is needed (exit 2)', async () => {
    const env = { KUBECONFIG: kubeconfig };
    const none = await kubectl(['scale-ha', 'doctor', '--context', 'nowhere-*'], { env });
    assert.equal(none.exitCode, 2);
    assert.match(none.stderr, /--context nowhere-\* matches none of the kubeconfig's contexts/);
    assert.match(none.stderr, new RegExp(gone));
    const write = await kubectl(['scale-ha', 'patch', 'hpa', 'api', '--min', '2', '--all-contexts', '-n', namespace, '--yes'], { env });
    assert.equal(write.exitCode, 2);
    assert.match(write.stderr, /--all-contexts: this command works on one context/);
  });
});
