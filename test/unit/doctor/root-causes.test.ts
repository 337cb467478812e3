// One finding per root cause: what follows from a cause is reported under it, counted once, and judged by --fail-on
// at the group's worst severity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsAtOrAbove, type Finding } from '../../../src/doctor/finding.ts';
import { causeRules, groupByRootCause } from '../../../src/doctor/root-causes.ts';
import { runDoctor } from '../../../src/doctor/run.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { workloadRows } from '../../../src/tui/rows.ts';
import { doctorOn, loadObjects } from './fixture.ts';

const rootsOf = (findings: readonly Finding[]) => findings.map((f) => [f.id, (f.related ?? []).map((r) => r.id)]);

/** healthy.yaml's HPA with its ScalingActive condition replaced, and the cluster without some APIServices. */
function healthyWith(condition: Record<string, string>, dropApiServices: string[] = []): KubeObject[] {
  const cluster = loadObjects('cluster.yaml').filter((o) => !(o.kind === 'APIService' && dropApiServices.includes(o.metadata.name)));
  const objects = loadObjects('healthy.yaml').map((o) =>
    o.kind === 'HorizontalPodAutoscaler'
      ? ({ ...o, status: { conditions: [{ type: 'ScalingActive', status: 'False', ...condition }] } } as KubeObject)
      : o,
  );
  return [...cluster, ...objects];
}

describe('doctor: one finding per root cause', () => {
  it('reports a missing cpu request once, with the HPA that cannot compute and the container without requests as its evidence', () => {
    const report = doctorOn('cluster.yaml', 'wallarm-sidecar.yaml');
    const shopApi = report.findings.filter((f) => f.name === 'shop-api');
    assert.deepEqual(rootsOf(shopApi), [
      ['HPA003', ['HPA002', 'RES001']],
      ['HPA003', ['RES001']],
    ]);
    assert.deepEqual(
      shopApi.flatMap((f) => f.related ?? []).map((r) => r.evidence.container ?? r.evidence.reason),
      ['FailedGetResourceMetric', 'sidecar-proxy', 'sidecar-init-iptables'],
      "each container's RES001 under that container's HPA003",
    );
    assert.equal(report.summary.errors, 1);
    assert.equal(report.summary.related, 3);
  });

  it('counts a root cause once in the TUI rows of its workload', () => {
    const objects = [...loadObjects('cluster.yaml'), ...loadObjects('wallarm-sidecar.yaml')];
    const snapshot = snapshotFromObjects(objects);
    const row = workloadRows(snapshot, runDoctor(snapshot).findings).find((r) => r.name === 'shop-api');
    assert.deepEqual(row?.findings, { error: 1, warning: 1, info: 0 });
  });

  it('keeps FailedGetScale under the unscalable target that causes it', () => {
    const crd = doctorOn('cluster.yaml', 'hpa-traps.yaml').findings.filter((f) => f.name === 'crd');
    assert.deepEqual(rootsOf(crd), [['HPA019', ['HPA002']]]);
  });

  it('keeps a failed metrics read under the missing metrics API of the same metric type, and only that one', () => {
    const api = ['v1beta1.metrics.k8s.io'];
    const missing = runDoctor(snapshotFromObjects(healthyWith({ reason: 'FailedGetResourceMetric' }, api))).findings;
    assert.deepEqual(rootsOf(missing.filter((f) => f.id.startsWith('HPA'))), [['HPA001', ['HPA002']]]);
    const other = runDoctor(snapshotFromObjects(healthyWith({ reason: 'InvalidSelector' }, api))).findings;
    assert.deepEqual(rootsOf(other.filter((f) => f.id.startsWith('HPA'))).sort(), [
      ['HPA001', []],
      ['HPA002', []],
    ]);
  });

  it('gives a group the worst severity in it, so --fail-on error sees a warning whose effect is an error', () => {
    const cause: Finding = {
      id: 'HA007',
      severity: 'warning',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      message: 'spread on a key some nodes lack.',
      evidence: {},
      fix: { type: 'manual', text: 'Label the nodes.' },
    };
    const effect: Finding = {
      ...cause,
      id: 'HA009',
      severity: 'error',
      message: '2 pods Pending and none ready.',
      evidence: {
        pendingPods: [{ pod: 'web-1', reason: 'Unschedulable', message: "2 node(s) didn't match pod topology spread constraints" }],
      },
    };
    const grouped = groupByRootCause([cause, effect], snapshotFromObjects([]));
    assert.deepEqual(rootsOf(grouped), [['HA007', ['HA009']]]);
    assert.equal(grouped[0]?.severity, 'error');
    assert.equal(grouped[0]?.related?.[0]?.severity, 'error');
    assert.equal(findingsAtOrAbove(grouped, 'error'), 1);
    assert.ok(!('fix' in grouped[0]!.related![0]!), 'evidence carries no fix of its own');
  });

  it('leaves findings about another object, or that do not follow, as findings of their own', () => {
    const base = {
      severity: 'error' as const,
      kind: 'HorizontalPodAutoscaler',
      namespace: 'shop',
      fix: { type: 'manual' as const, text: '' },
      message: '',
    };
    const findings: Finding[] = [
      { ...base, id: 'HPA019', name: 'a', evidence: {} },
      { ...base, id: 'HPA002', name: 'b', evidence: { reason: 'FailedGetScale' } },
      { ...base, id: 'HPA002', name: 'a', evidence: { reason: 'FailedGetPodsMetric' } },
    ];
    assert.deepEqual(rootsOf(groupByRootCause(findings, snapshotFromObjects([]))), [
      ['HPA019', []],
      ['HPA002', []],
      ['HPA002', []],
    ]);
  });

  it('never makes a check the cause of its own cause', () => {
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      causeRules.some((r) => r.cause === from && (r.effect === to || (!seen.has(r.effect) && reaches(r.effect, to, seen.add(r.effect)))));
    for (const rule of causeRules) assert.ok(!reaches(rule.effect, rule.cause), `${rule.cause} → ${rule.effect} closes a loop`);
  });
});
