// The helm route on the test bed, with helm 4 (`helm`) and helm 3 (`helm3`): a workload a helm release
// manages is scaled through the release's values by a values-preserving upgrade, never by a patch that
// the next upgrade would fight; undo rolls the release back.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { getJson, kubectl, kubectlOk, requireTestbed } from './harness.ts';

const root = new URL('../..', import.meta.url).pathname;
const chart = join(root, 'testbed/charts/wallarm-sidecar');
const demoValues = join(root, 'testbed/demo/wallarm-values.yaml');
const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'scale-ha-e2e-state-')) };
const scaleHa = (args: string[]) => kubectl(['scale-ha', ...args], { env });

interface Helm {
  binary: string;
  major: 3 | 4;
}

const helms: Helm[] = [
  { binary: 'helm', major: 4 },
  { binary: 'helm3', major: 3 },
];

async function helm(tool: Helm, args: string[]): Promise<string> {
  const result = await execa(tool.binary, args, { reject: false, timeout: 300_000 });
  assert.equal(result.exitCode, 0, `${tool.binary} ${args.join(' ')} failed:\n${String(result.stderr)}`);
  return String(result.stdout);
}

const userValues = async (tool: Helm, release: string, ns: string) =>
  JSON.parse(await helm(tool, ['get', 'values', release, '-n', ns, '-o', 'json'])) as Record<string, unknown>;

const revision = async (tool: Helm, release: string, ns: string) =>
  (JSON.parse(await helm(tool, ['history', release, '-n', ns, '-o', 'json'])) as { revision: number }[]).at(-1)!.revision;

/** Every leaf path of a values tree, as "a.b.c". */
function leaves(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key));
}

/** The leaf paths whose values differ between two values trees. */
function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const at = (tree: unknown, path: string) =>
    path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
  const paths = new Set([...leaves(before), ...leaves(after)]);
  return [...paths].filter((path) => JSON.stringify(at(before, path)) !== JSON.stringify(at(after, path))).sort();
}

const namespaces: string[] = [];
after(async () => {
  for (const ns of namespaces) await kubectl(['delete', 'namespace', ns, '--wait=false']);
});

for (const tool of helms) {
  describe(`the helm route with helm ${tool.major}`, () => {
    const ns = `e2e-helm${tool.major}-${Date.now().toString(36)}`;
    const release = 'wsc';
    const controller = `deployment/${release}-wallarm-sidecar-controller`;
    const helmFlag = tool.major === 3 ? ['--helm', tool.binary] : [];

    it('installs a release holding 20+ user values', async () => {
      requireTestbed();
      namespaces.push(ns);
      await kubectlOk(['create', 'namespace', ns]);
      await helm(tool, ['install', release, chart, '-n', ns, '-f', demoValues, '--wait', '--timeout', '120s']);
      assert.ok(leaves(await userValues(tool, release, ns)).length >= 20, 'the demo values hold at least 20 user values');
    });

    it('scales a helm-managed Deployment through its values: only the intended key changes, and undo rolls back', async () => {
      const before = await userValues(tool, release, ns);
      const revisionBefore = await revision(tool, release, ns);
      const result = await scaleHa(['patch', 'workload', controller, '-n', ns, '--replicas', '2', '--yes', '-o', 'json', ...helmFlag]);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.match(result.stderr, /managed by helm release/);
      const data = JSON.parse(result.stdout) as { status: string; journalId: string };
      assert.equal(data.status, 'applied');
      const afterValues = await userValues(tool, release, ns);
      assert.deepEqual(changedKeys(before, afterValues), ['controller.replicaCount']);
      assert.equal((afterValues.controller as { replicaCount: number }).replicaCount, 2);
      assert.equal(await revision(tool, release, ns), revisionBefore + 1);
      const deployment = await getJson<{ spec: { replicas: number } }>(['get', controller, '-n', ns]);
      assert.equal(deployment.spec.replicas, 2);

      const history = await scaleHa(['history']);
      assert.match(history.stdout, new RegExp(`helm release ${ns}/${release}`));

      const undo = await scaleHa(['undo', data.journalId, '--yes', '-n', ns, ...helmFlag]);
      assert.equal(undo.exitCode, 0, undo.stderr);
      assert.deepEqual(changedKeys(before, await userValues(tool, release, ns)), []);
      assert.equal(await revision(tool, release, ns), revisionBefore + 2, 'undo is a helm rollback: a new revision');
    });

    it('keeps the comments and key order of the values file it is given', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'scale-ha-values-')), 'values.yaml');
      copyFileSync(demoValues, file);
      const original = readFileSync(file, 'utf8');
      const result = await scaleHa(['patch', 'workload', controller, '-n', ns, '--replicas', '3', '--yes', '--values', file, ...helmFlag]);
      assert.equal(result.exitCode, 0, result.stderr);
      const edited = readFileSync(file, 'utf8');
      const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));
      assert.deepEqual(comments(edited), comments(original));
      assert.match(edited, /replicaCount: 3/);
      const changedLines = edited.split('\n').filter((line, i) => line !== original.split('\n')[i]);
      assert.ok(changedLines.length <= 2, `only the replica count line changes:\n${changedLines.join('\n')}`);
      assert.equal(((await userValues(tool, release, ns)).controller as { replicaCount: number }).replicaCount, 3);
    });

    it('after a --direct patch, prints the values edit that keeps the next plain helm upgrade in step', async () => {
      const direct = await scaleHa(['patch', 'workload', controller, '-n', ns, '--replicas', '5', '--direct', '--yes', ...helmFlag]);
      assert.equal(direct.exitCode, 0, direct.stderr);
      assert.match(direct.stderr, /with helm 4 \(server-side apply\) the next `helm upgrade wsc` fails with a field conflict/);
      const printed = /set in its values: (controller\.replicaCount): (\d+)/.exec(direct.stderr);
      assert.ok(printed, direct.stderr);
      assert.equal(printed[2], '5');
      if (tool.major === 4) {
        // What the warning says: without the value, helm 4's next upgrade conflicts with the patch.
        const conflict = await execa(tool.binary, ['upgrade', release, chart, '-n', ns, '--reuse-values'], { reject: false });
        assert.notEqual(conflict.exitCode, 0);
        assert.match(String(conflict.stderr), /conflict/i);
      }
      await helm(tool, ['upgrade', release, chart, '-n', ns, '--reuse-values', '--set', `${printed[1]}=${printed[2]}`]);
      assert.equal((await getJson<{ spec: { replicas: number } }>(['get', controller, '-n', ns])).spec.replicas, 5);
    });

    it('reports an upgrade that cannot become ready as rolled back, values intact', async () => {
      const four = await scaleHa(['patch', 'workload', controller, '-n', ns, '--replicas', '4', '--yes', ...helmFlag]);
      assert.equal(four.exitCode, 0, four.stderr);
      const before = await userValues(tool, release, ns);
      const revisionBefore = await revision(tool, release, ns);
      // Required anti-affinity per zone for 4 replicas on a bed of 3 zones: the new pods stay Pending.
      const args = ['--anti-affinity', 'required', '--topology-key', 'zone', '--yes', '--timeout', '15s'];
      const result = await scaleHa(['patch', 'workload', controller, '-n', ns, ...args, ...helmFlag]);
      assert.notEqual(result.exitCode, 0, result.stdout);
      assert.match(result.stderr, /rolled back/i);
      assert.deepEqual(changedKeys(before, await userValues(tool, release, ns)), []);
      assert.ok((await revision(tool, release, ns)) > revisionBefore);
    });
  });
}
