// The pipeline's safety nets on the real API server: 409 between plan and write, and RBAC pre-flight.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readEntries } from '../../src/apply/journal.ts';
import { patchExecutor } from '../../src/apply/executors.ts';
import { executeChange, type ExecuteOptions } from '../../src/apply/pipeline.ts';
import { renderDiff } from '../../src/cli/render/diff.ts';
import type { Change } from '../../src/plan/types.ts';
import { hpaTarget } from '../../src/apply/targets.ts';
import { ExitCode, UserError } from '../../src/k8s/errors.ts';
import { KubeClient } from '../../src/kube/client.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import type { HorizontalPodAutoscaler } from '../../src/k8s/types.ts';
import { apply, cpuHpa, fakeDeployment, getJson, kubeconfigFor, kubectl, kubectlOk, requireTestbed } from './harness.ts';

// A fresh name per run: deleting a namespace full of pods can take minutes.
const ns = `e2e-patch-safety-${Date.now().toString(36)}`;
const state = mkdtempSync(join(tmpdir(), 'scale-ha-e2e-state-'));
const hpa = () => getJson<HorizontalPodAutoscaler>(['get', 'hpa', 'web', '-n', ns]);
/** Another client's edit, made synchronously from inside the pipeline's callbacks. */
const concurrentEdit = (patch: object) =>
  execFileSync('kubectl', ['patch', 'hpa', 'web', '-n', ns, '--type', 'merge', '-p', JSON.stringify(patch)], { stdio: 'pipe' });

const execute = (client: KubeClient, plan: () => Promise<Change>, options: Omit<ExecuteOptions, 'executors'>) =>
  executeChange(plan, { ...options, executors: { patch: patchExecutor(client) } });

function options(lines: string[], overrides: Partial<ExecuteOptions>): Omit<ExecuteOptions, 'executors'> {
  return {
    dryRun: 'none',
    yes: false,
    report: { diff: (d) => lines.push(renderDiff(d)), info: (t) => lines.push(t), warn: (t) => lines.push(`warning: ${t}`) },
    journal: { dir: join(state, 'journal'), context: 'e2e', server: 'e2e', user: 'e2e', command: 'test' },
    ...overrides,
  };
}

describe('write safety on the test bed', () => {
  let client: KubeClient;

  after(() => kubectl(['delete', 'namespace', ns, '--wait=false']));

  before(async () => {
    requireTestbed();
    client = new KubeClient(loadKubeconfig({}));
    await kubectlOk(['create', 'namespace', ns]);
    await apply([fakeDeployment(ns, 'web'), cpuHpa(ns, 'web', { min: 1, max: 4 })]);
  });

  it('a concurrent edit between confirmation and write gives 409: re-read, new diff, asked again, nothing lost', async () => {
    const lines: string[] = [];
    let asked = 0;
    const confirm = async () => {
      if (asked++ === 0) concurrentEdit({ spec: { minReplicas: 2 } });
      return true;
    };
    const result = await execute(client, hpaTarget(client, ns, 'web', { max: 8 }).plan, options(lines, { confirm }));
    assert.equal(result.status, 'applied');
    assert.equal(result.attempts, 2);
    assert.equal(asked, 2);
    assert.ok(
      lines.some((l) => /409 Conflict/.test(l)),
      lines.join('\n'),
    );
    assert.equal(lines.filter((l) => l.startsWith('--- HorizontalPodAutoscaler/web')).length, 2, 'the new diff is shown');
    const live = await hpa();
    assert.equal(live.spec.minReplicas, 2, 'the concurrent edit survives');
    assert.equal(live.spec.maxReplicas, 8);
    assert.equal(readEntries(join(state, 'journal')).length, 1);
  });

  it('with --yes, a concurrent edit of the same field is never overwritten', async () => {
    const lines: string[] = [];
    let shown = 0;
    const report = {
      diff: () => void (shown++ === 0 && concurrentEdit({ spec: { maxReplicas: 6 } })),
      info: (t: string) => lines.push(t),
      warn: (t: string) => lines.push(t),
    };
    await assert.rejects(
      execute(client, hpaTarget(client, ns, 'web', { max: 10 }).plan, { ...options(lines, { yes: true }), report }),
      (e) => e instanceof UserError && e.exitCode === ExitCode.conflict,
    );
    assert.equal((await hpa()).spec.maxReplicas, 6);
  });

  it('with --yes, a concurrent edit of other fields is kept and the re-planned identical change applies', async () => {
    let shown = 0;
    const report = {
      diff: () => void (shown++ === 0 && concurrentEdit({ metadata: { labels: { team: 'shop' } } })),
      info: () => {},
      warn: () => {},
    };
    const result = await execute(client, hpaTarget(client, ns, 'web', { max: 9 }).plan, { ...options([], { yes: true }), report });
    assert.equal(result.attempts, 2);
    const live = await hpa();
    assert.equal(live.spec.maxReplicas, 9);
    assert.equal(live.metadata.labels?.team, 'shop');
  });

  it('refuses a limited RBAC user before any write request, naming the missing verb', async () => {
    await apply([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'viewer', namespace: ns } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'hpa-viewer', namespace: ns },
        rules: [{ apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['get', 'list'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'hpa-viewer', namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'hpa-viewer' },
        subjects: [{ kind: 'ServiceAccount', name: 'viewer', namespace: ns }],
      },
    ]);
    const file = await kubeconfigFor('viewer', ns);
    const before = await hpa();
    const result = await kubectl(['scale-ha', '--kubeconfig', file, 'patch', 'hpa', 'web', '--max', '5', '--yes'], {
      env: { XDG_STATE_HOME: state },
    });
    assert.equal(result.exitCode, ExitCode.forbidden, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `User system:serviceaccount:${ns}:viewer may not patch horizontalpodautoscalers\\.autoscaling web in namespace ${ns} \\(SelfSubjectAccessReview denied it\\)`,
      ),
    );
    // Nothing written: the spec and its generation (the HPA controller bumps the resourceVersion with its status).
    const after = await hpa();
    assert.equal(after.metadata.generation, before.metadata.generation);
    assert.deepEqual(after.spec, before.spec);
  });
});
