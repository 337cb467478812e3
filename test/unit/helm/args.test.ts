import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { historyArgs, listArgs, manifestArgs, parseChartLabel, userValuesArgs } from '../../../src/helm/read.ts';
import { connectionArgs, type HelmTarget, helmCommandLine } from '../../../src/helm/target.ts';
import type { HelmTool } from '../../../src/helm/tool.ts';
import { rollbackArgs, type UpgradeOptions, upgradeArgs } from '../../../src/helm/upgrade.ts';

const helm3: HelmTool = { path: '/usr/bin/helm', major: 3, version: 'v3.21.4' };
const helm4: HelmTool = { path: '/usr/bin/helm', major: 4, version: 'v4.1.4' };
const target: HelmTarget = { context: 'prod', namespace: 'shop' };
const connection = ['--namespace', 'shop', '--kube-context', 'prod'];
const upgradeOf = (options: Partial<UpgradeOptions> = {}): UpgradeOptions => ({
  release: 'web',
  chart: '/tmp/kubectl-scale-ha-helm-x/chart-1',
  valuesFile: '/tmp/kubectl-scale-ha-helm-x/values-2.json',
  wait: true,
  timeoutSeconds: 300,
  ...options,
});

describe('the connection of every helm call', () => {
  it('always names the namespace and the resolved context; the kubeconfig only when the user gave one', () => {
    assert.deepEqual(connectionArgs(target), connection);
    assert.deepEqual(connectionArgs({ ...target, kubeconfig: '/home/me/.kube/prod' }), [
      ...connection,
      '--kubeconfig',
      '/home/me/.kube/prod',
    ]);
  });

  it('spells a command for a hint with the same connection, quoting what a shell would split', () => {
    assert.equal(
      helmCommandLine('helm', ['rollback', 'web', '3'], { ...target, kubeconfig: '/home/me/my kube' }),
      "helm rollback web 3 -n shop --kube-context prod --kubeconfig '/home/me/my kube'",
    );
  });
});

describe('helm upgrade argv, by major version', () => {
  it('helm 3: whole values with --reset-values, --wait and --atomic, a timeout, JSON output', () => {
    assert.deepEqual(upgradeArgs(helm3, target, upgradeOf()), [
      'upgrade',
      'web',
      '/tmp/kubectl-scale-ha-helm-x/chart-1',
      '--reset-values',
      '--values',
      '/tmp/kubectl-scale-ha-helm-x/values-2.json',
      '--wait',
      '--atomic',
      '--timeout',
      '300s',
      '-o',
      'json',
      ...connection,
    ]);
  });

  it('helm 4: --wait=watcher and --rollback-on-failure instead of the deprecated --atomic', () => {
    const args = upgradeArgs(helm4, target, upgradeOf());
    assert.deepEqual(args.slice(6, 8), ['--wait=watcher', '--rollback-on-failure']);
    assert.ok(!args.includes('--atomic'));
  });

  it('pins the chart version when given, and adds a description for helm history', () => {
    const args = upgradeArgs(
      helm3,
      target,
      upgradeOf({ chart: 'wallarm/wallarm-sidecar', version: '6.7.2', description: 'scale-ha: replicas 3' }),
    );
    assert.deepEqual(args.slice(2, 3), ['wallarm/wallarm-sidecar']);
    assert.deepEqual(args.slice(6, 8), ['--version', '6.7.2']);
    assert.deepEqual(args.slice(12, 14), ['--description', 'scale-ha: replicas 3']);
  });

  it('a server dry run: the same flag on both majors, Secrets hidden, no wait and no rollback', () => {
    for (const tool of [helm3, helm4]) {
      const args = upgradeArgs(tool, target, upgradeOf({ dryRun: 'server' }));
      assert.deepEqual(args.slice(6, 8), ['--dry-run=server', '--hide-secret']);
      for (const flag of ['--wait', '--wait=watcher', '--atomic', '--rollback-on-failure']) assert.ok(!args.includes(flag), flag);
    }
  });

  it('without wait: neither --wait nor a rollback flag (both imply waiting), never --reuse-values', () => {
    for (const tool of [helm3, helm4]) {
      const args = upgradeArgs(tool, target, upgradeOf({ wait: false }));
      for (const flag of ['--wait', '--wait=watcher', '--atomic', '--rollback-on-failure', '--reuse-values', '--reset-then-reuse-values']) {
        assert.ok(!args.includes(flag), flag);
      }
      assert.ok(args.includes('--reset-values'));
    }
  });
});

describe('helm rollback argv', () => {
  it('waits the way each major spells it', () => {
    const options = { wait: true, timeoutSeconds: 60 };
    assert.deepEqual(rollbackArgs(helm3, target, 'web', 3, options), ['rollback', 'web', '3', '--wait', '--timeout', '60s', ...connection]);
    assert.deepEqual(rollbackArgs(helm4, target, 'web', 3, options), [
      'rollback',
      'web',
      '3',
      '--wait=watcher',
      '--timeout',
      '60s',
      ...connection,
    ]);
    assert.deepEqual(rollbackArgs(helm4, target, 'web', 3, { wait: false, timeoutSeconds: 60 }), [
      'rollback',
      'web',
      '3',
      '--timeout',
      '60s',
      ...connection,
    ]);
  });
});

describe('helm read argv', () => {
  it('lists exactly one release in any status: --all on helm 3 (which hides pending ones otherwise), nothing on helm 4 (no such flag)', () => {
    assert.deepEqual(listArgs(helm3, target, 'web.v2'), ['list', '--filter', '^web\\.v2$', '--all', '-o', 'json', ...connection]);
    assert.deepEqual(listArgs(helm4, target, 'web'), ['list', '--filter', '^web$', '-o', 'json', ...connection]);
  });

  it('asks for user values, history and manifest as JSON or text, with the connection', () => {
    assert.deepEqual(userValuesArgs(target, 'web'), ['get', 'values', 'web', '-o', 'json', ...connection]);
    assert.deepEqual(historyArgs(target, 'web', 1), ['history', 'web', '--max', '1', '-o', 'json', ...connection]);
    assert.deepEqual(manifestArgs(target, 'web', 4), ['get', 'manifest', 'web', '--revision', '4', ...connection]);
  });
});

describe("helm's chart label", () => {
  const cases: [string, string, string][] = [
    ['wallarm-sidecar-6.7.2', 'wallarm-sidecar', '6.7.2'],
    ['app-1.0.0-rc.1', 'app', '1.0.0-rc.1'],
    ['app-1.0.0+build.5', 'app', '1.0.0+build.5'],
    ['tiny-2-0.1.0', 'tiny-2', '0.1.0'],
    ['a-1.2.3-1.0.0', 'a-1.2.3', '1.0.0'],
  ];
  for (const [label, name, version] of cases) {
    it(`splits ${label} into ${name} and ${version}`, () => {
      assert.deepEqual(parseChartLabel(label), { name, version });
    });
  }
  it('keeps a label without a version whole', () => {
    assert.deepEqual(parseChartLabel('odd'), { name: 'odd', version: '' });
  });
});
