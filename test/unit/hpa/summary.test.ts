import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neededReplicas, stepsOf, summarize } from '../../../src/hpa/metrics.ts';
import { compileSimulation, runSimulation } from '../../../src/hpa/simulator.ts';
import { constant, cpuUtilization } from './helpers.ts';

describe('simulation summary', () => {
  // Legacy path, load 100 at 50 %: replicas 4, 8, 16, 20, 20; ready pods at each sync 1, 4, 8, 16, 20 (no start-up delay).
  const scenario = compileSimulation({
    minReplicas: 1,
    maxReplicas: 20,
    metrics: cpuUtilization(50),
    load: constant(100),
    durationSeconds: 60,
    startReplicas: 1,
  });
  const trace = runSimulation(scenario, constant(100));

  it('needs the fewest pods within tolerance of the target, clamped to maxReplicas', () => {
    // load 3 at 50 % with 10 % headroom: 3 / 0.55 = 5.45 → 6; load 100 → 182 → max 20.
    assert.equal(neededReplicas(scenario, 3), 6);
    assert.equal(neededReplicas(scenario, 100), 20);
    assert.equal(neededReplicas(scenario, 0), 1);
  });

  it('counts under-provisioned time, time to capacity, replica-minutes and scale events', () => {
    const summary = summarize(scenario, trace);
    // Short of 20 ready pods at t=0, 15, 30, 45 → 4 syncs × 15 s.
    assert.equal(summary.underProvisionedSeconds, 60);
    assert.equal(summary.timeToCapacitySeconds, 60);
    assert.equal(summary.capacityReached, true);
    // (4 + 8 + 16 + 20 + 20) × 15 s = 1020 s = 17 replica-minutes.
    assert.equal(summary.replicaMinutes, 17);
    assert.deepEqual([summary.scaleEvents, summary.scaleUps, summary.scaleDowns, summary.peakReplicas], [4, 4, 0, 20]);
  });

  it('turns the trace into rows with conditions for -o json', () => {
    const [first] = stepsOf(scenario, trace);
    assert.deepEqual(first, {
      t: 0,
      load: 100,
      desiredUnclamped: 200,
      desired: 4,
      replicas: 4,
      readyReplicas: 1,
      utilization: 10000,
      neededReplicas: 20,
      conditions: [
        { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale' },
        { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' },
        { type: 'ScalingLimited', status: 'True', reason: 'ScaleUpLimit' },
      ],
    });
  });
});
