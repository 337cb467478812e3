import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeOutcome, upgradeOutcome } from '../../../src/helm/outcome.ts';
import type { HistoryEntry } from '../../../src/helm/read.ts';
import { classifyHelmError, helmErrorText } from '../../../src/helm/run.ts';
import type { HelmTool } from '../../../src/helm/tool.ts';
import { ExitCode } from '../../../src/k8s/errors.ts';

// stderr of real failed upgrades on the test bed (an impossible nodeSelector, --wait, a 3 s timeout).
const helm4RolledBack = [
  'level=WARN msg="upgrade failed" name=tiny error="resource Deployment/h4/tiny not ready. status: InProgress, message: Pending termination: 1\\ncontext deadline exceeded"',
  'Error: UPGRADE FAILED: release tiny failed, and has been rolled back due to rollback-on-failure being set: resource Deployment/h4/tiny not ready. status: InProgress, message: Pending termination: 1',
  'context deadline exceeded',
  '',
].join('\n');
const helm3RolledBack =
  'Error: UPGRADE FAILED: release tiny failed, and has been rolled back due to atomic being set: context deadline exceeded\n';
const helm3RollbackFailed =
  'Error: UPGRADE FAILED: an error occurred while rolling back the release. original upgrade error: context deadline exceeded: release tiny failed: context deadline exceeded\n';

const entry = (revision: number, status: string, description: string): HistoryEntry => ({
  revision,
  status,
  description,
  chart: { name: 'tiny', version: '0.3.1' },
  appVersion: '1.2.0',
  updated: '',
});
const deployedThrough = (last: number) =>
  Array.from({ length: last }, (_, index) => entry(index + 1, index + 1 === last ? 'deployed' : 'superseded', 'Upgrade complete'));

describe("helm's error text", () => {
  it('takes the last Error: line to the end, on one line, after helm 4 log lines', () => {
    assert.equal(
      helmErrorText({ stderr: helm4RolledBack, exitCode: 1, timedOut: false }),
      'UPGRADE FAILED: release tiny failed, and has been rolled back due to rollback-on-failure being set: resource Deployment/h4/tiny not ready. status: InProgress, message: Pending termination: 1 context deadline exceeded',
    );
    assert.equal(
      helmErrorText({ stderr: helm3RolledBack, exitCode: 1, timedOut: false }),
      'UPGRADE FAILED: release tiny failed, and has been rolled back due to atomic being set: context deadline exceeded',
    );
  });

  it('says when helm printed nothing or was stopped', () => {
    assert.equal(helmErrorText({ stderr: '', exitCode: 2, timedOut: false }), 'helm exited with code 2');
    assert.match(helmErrorText({ stderr: '', exitCode: -1, timedOut: true }), /did not finish in time/);
  });

  it('maps helm 3 and helm 4 errors to our exit codes', () => {
    const cases: [string, number][] = [
      ['kubernetes cluster unreachable: context "nope" does not exist', ExitCode.kubeconfig],
      ['Kubernetes cluster unreachable: stat /nonexistent: no such file or directory', ExitCode.kubeconfig],
      [
        'Kubernetes cluster unreachable: Get "https://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused',
        ExitCode.unreachable,
      ],
      ['query: failed to query with labels: secrets is forbidden: User "dev" cannot list resource "secrets"', ExitCode.forbidden],
      ['release: not found', ExitCode.notFound],
      ['UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress', ExitCode.conflict],
      [
        "values don't meet the specifications of the schema(s) in the following chart(s): tiny: - replicaCount: Invalid type",
        ExitCode.failure,
      ],
    ];
    for (const [text, exitCode] of cases) assert.equal(classifyHelmError(text).exitCode, exitCode, text);
  });
});

describe('what a failed upgrade left, from helm history', () => {
  it('nothing, when helm failed before recording a revision', () => {
    assert.deepEqual(upgradeOutcome(5, deployedThrough(5), 'UPGRADE FAILED: values do not meet the schema'), {
      kind: 'unchanged',
      revision: 5,
    });
  });

  it('a rollback: the failed revision and a deployed "Rollback to N" after it', () => {
    const history = [
      ...deployedThrough(14).map((e) => ({ ...e, status: 'superseded' })),
      entry(15, 'failed', 'Upgrade "tiny" failed: context deadline exceeded'),
      entry(16, 'deployed', 'Rollback to 14'),
    ];
    assert.deepEqual(upgradeOutcome(14, history, 'release tiny failed, and has been rolled back due to atomic being set'), {
      kind: 'rolled-back',
      failedRevision: 15,
      revision: 16,
      to: 14,
    });
  });

  it('a failed rollback: two failed revisions (the upgrade and the rollback), recovery to the last deployed one', () => {
    const history = [
      ...deployedThrough(17),
      entry(18, 'failed', 'Upgrade "tiny" failed: x'),
      entry(19, 'failed', 'Release "tiny" failed: x'),
    ];
    assert.deepEqual(upgradeOutcome(17, history, helmErrorText({ stderr: helm3RollbackFailed, exitCode: 1, timedOut: false })), {
      kind: 'rollback-failed',
      revision: 19,
      status: 'failed',
      recoverTo: 17,
    });
  });

  it('a failure nothing rolled back, and a release stuck pending (helm stopped)', () => {
    assert.deepEqual(upgradeOutcome(3, [...deployedThrough(3), entry(4, 'failed', 'Upgrade "web" failed: x')], 'x'), {
      kind: 'failed',
      revision: 4,
      status: 'failed',
      recoverTo: 3,
    });
    assert.equal(upgradeOutcome(3, [...deployedThrough(3), entry(4, 'pending-upgrade', 'Preparing upgrade')], 'x').kind, 'failed');
  });

  it('unknown when the history cannot be read, keeping what helm claimed', () => {
    assert.deepEqual(upgradeOutcome(3, undefined, 'release tiny failed, and has been rolled back due to atomic being set'), {
      kind: 'unknown',
      helmClaimsRollback: true,
      recoverTo: 3,
    });
  });
});

describe('the message of a failed upgrade', () => {
  const context = {
    tool: { path: '/usr/local/bin/helm', major: 3, version: 'v3.21.4' } satisfies HelmTool,
    target: { namespace: 'h3', context: 'kwok' },
    release: 'tiny',
    helmSaid: 'UPGRADE FAILED: release tiny failed, and has been rolled back due to atomic being set: context deadline exceeded',
  };

  it('a rollback: says the upgrade failed and was rolled back, and that nothing of it is left', () => {
    const { message, hint, changed } = describeOutcome({ kind: 'rolled-back', failedRevision: 15, revision: 16, to: 14 }, context);
    assert.match(
      message,
      /^The helm upgrade of release h3\/tiny failed and helm rolled it back: revision 15 failed, revision 16 restores revision 14; helm said: UPGRADE FAILED/,
    );
    assert.match(hint, /as it was before/);
    assert.equal(changed, false);
  });

  it('a failed rollback: gives the recovery command with the same connection', () => {
    const { message, hint, changed } = describeOutcome({ kind: 'rollback-failed', revision: 19, status: 'failed', recoverTo: 17 }, context);
    assert.match(message, /helm's rollback failed too: the release is left at revision 19 in status failed/);
    assert.match(hint, /^Recover with: helm rollback tiny 17 -n h3 --kube-context kwok /);
    assert.equal(changed, true);
  });

  it('names the helm given with --helm when it is not called helm', () => {
    const { hint } = describeOutcome(
      { kind: 'failed', revision: 4, status: 'pending-upgrade', recoverTo: 3 },
      { ...context, tool: { ...context.tool, path: '/opt/helm3' } },
    );
    assert.match(hint, /^Recover with: \/opt\/helm3 rollback tiny 3 -n h3/);
  });
});
