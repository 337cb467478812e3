import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeContextReports } from '../../../src/doctor/fleet.ts';
import { runDoctor } from '../../../src/doctor/run.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { loadObjects } from './fixture.ts';

describe("several contexts' doctor reports as one", () => {
  it("names each finding's context, keeps the contexts' order and adds up the counts", () => {
    const broken = runDoctor(snapshotFromObjects(loadObjects('broken.yaml')));
    const single = runDoctor(snapshotFromObjects(loadObjects('single-replica.yaml')));
    const merged = mergeContextReports([
      { context: 'prod-eu', report: broken },
      { context: 'prod-us', report: single },
    ]);
    assert.equal(merged.findings.length, broken.findings.length + single.findings.length);
    assert.deepEqual([...new Set(merged.findings.map((f) => f.context))], ['prod-eu', 'prod-us']);
    for (const field of ['errors', 'warnings', 'info', 'related', 'hpas', 'workloads'] as const)
      assert.equal(merged.summary[field], broken.summary[field] + single.summary[field], field);
    assert.equal(merged.summary.checks, broken.summary.checks);
    assert.ok(broken.findings.length > 0 && single.findings.length > 0);
  });

  it('is an empty report when no context could be read', () => {
    const merged = mergeContextReports([]);
    assert.deepEqual(merged.findings, []);
    assert.equal(merged.summary.errors, 0);
  });
});
