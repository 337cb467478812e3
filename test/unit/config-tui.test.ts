// The TUI's findings go through the config file's policy as the doctor's do.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup } from 'ink-testing-library';
import type { DoctorPolicy } from '../../src/doctor/policy.ts';
import { allCheckInfos } from '../../src/doctor/run.ts';
import { fixtureSnapshot, renderTui } from './tui/harness.ts';

afterEach(cleanup);

const crowdedRow = (frame: string) => frame.split('\n').find((line) => line.includes('deployment/crowded')) ?? '';

describe('tui: the config file', () => {
  it("counts on the Workloads screen only the findings the policy's exceptions leave", async () => {
    const snapshot = fixtureSnapshot('cluster.yaml', 'broken.yaml', 'healthy.yaml');
    const plain = await renderTui({ snapshot });
    assert.match(crowdedRow(plain.frame()), /\d+[EW]/);
    cleanup();
    const everything: DoctorPolicy = {
      skip: [],
      severity: {},
      exceptions: [{ namespace: '*', checks: allCheckInfos.map((c) => c.id), reason: 'everything excepted' }],
    };
    const excepted = await renderTui({ snapshot, policy: everything });
    assert.match(crowdedRow(excepted.frame()), /deployment\/crowded\s+\S+\s+ok\s/);
  });
});
