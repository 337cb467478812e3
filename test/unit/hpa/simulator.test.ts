import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ableReason, activeReason, limitedReason } from '../../../src/hpa/conditions.ts';
import { simulate, type SimulationInput, type SimulationTrace } from '../../../src/hpa/simulator.ts';
import type { HPABehavior } from '../../../src/k8s/types.ts';
import { constant, cpuUtilization, series } from './helpers.ts';

const run = (input: Partial<SimulationInput>): SimulationTrace =>
  simulate({
    maxReplicas: 20,
    minReplicas: 1,
    metrics: cpuUtilization(50),
    load: constant(100),
    durationSeconds: 60,
    startupDelaySeconds: 0,
    ...input,
  });
const replicas = (trace: SimulationTrace) => [...trace.replicas];
const limited = (trace: SimulationTrace) => [...trace.scalingLimited].map(limitedReason);
const able = (trace: SimulationTrace) => [...trace.ableToScale].map(ableReason);
const upOnly = (rules: HPABehavior['scaleUp']): HPABehavior => ({ scaleUp: rules, scaleDown: { stabilizationWindowSeconds: 0 } });

describe('simulator: no behavior (legacy path)', () => {
  it('limits each scale-up to max(2×current, 4), then clamps at maxReplicas', () => {
    // Load 100 on target 50 % always asks for 200. Limits: 1→4 (max(2,4)), 4→8, 8→16, then 32 > max 20 → 20.
    const trace = run({ startReplicas: 1 });
    assert.deepEqual(replicas(trace), [4, 8, 16, 20, 20]);
    assert.deepEqual(limited(trace), ['ScaleUpLimit', 'ScaleUpLimit', 'ScaleUpLimit', 'TooManyReplicas', 'TooManyReplicas']);
    assert.deepEqual(able(trace), ['SucceededRescale', 'SucceededRescale', 'SucceededRescale', 'SucceededRescale', 'ReadyForNewScale']);
    assert.equal(trace.proposed[0], 200);
  });

  it('holds a scale-down for 5 minutes of higher recommendations', () => {
    // 4 pods at 50 % until t=60 (proposal 4), then load 0.5 → 12 % → ratio 0.24 → proposal ceil(0.96) = 1.
    // The last recommendation of 4 is at t=45; it is out of the window once 45 ≤ now − 300, i.e. at t=345.
    const trace = run({ startReplicas: 4, load: series([0, 2], [60, 0.5]), durationSeconds: 360 });
    assert.equal(trace.replicas[4], 4);
    assert.equal(ableReason(trace.ableToScale[4]!), 'ScaleDownStabilized');
    assert.equal(trace.proposed[4], 1);
    assert.equal(trace.replicas[22], 4, 't=330 still held');
    assert.equal(trace.replicas[23], 1, 't=345 scaled down');
    assert.equal(ableReason(trace.ableToScale[23]!), 'SucceededRescale');
  });

  it('raises the count to minReplicas with TooFewReplicas', () => {
    // Idle → proposal 0. The first sync's own sample (2) would stabilize it at 2; a 0 s window lets 0 through to the clamp.
    const trace = run({ minReplicas: 2, startReplicas: 2, load: constant(0), durationSeconds: 0, downscaleStabilizationSeconds: 0 });
    assert.deepEqual(replicas(trace), [2]);
    assert.deepEqual(limited(trace), ['TooFewReplicas']);
  });
});

describe('simulator: behavior', () => {
  it('waits for the scale-up stabilization window using the recommendation history', () => {
    // 2 pods at 50 % (proposal 2); at t=15 load 4 → 200 % → proposal 8. Window 30 s: at t=15 the t=0 samples (2)
    // are in the window → min 2 → hold (ScaleUpStabilized); at t=30 only the t=15 sample (8) is younger than 30 s → 8.
    const trace = run({
      startReplicas: 2,
      load: series([0, 1], [15, 4]),
      durationSeconds: 30,
      behavior: upOnly({ stabilizationWindowSeconds: 30, policies: [{ type: 'Pods', value: 100, periodSeconds: 15 }] }),
    });
    assert.deepEqual(replicas(trace), [2, 2, 8]);
    assert.equal(ableReason(trace.ableToScale[1]!), 'ScaleUpStabilized');
  });

  it('counts scale events within periodSeconds: Pods 4 per 60 s', () => {
    // t=0: 2+4 = 6 (ScaleUpLimit). t=15..45: period start = 6 − 4 = 2 → limit 6 → hold. t=60: the t=0 event is 60 s old → 6+4 = 10.
    const trace = run({ startReplicas: 2, behavior: upOnly({ policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }] }) });
    assert.deepEqual(replicas(trace), [6, 6, 6, 6, 10]);
    assert.deepEqual(limited(trace), ['ScaleUpLimit', 'ScaleUpLimit', 'ScaleUpLimit', 'ScaleUpLimit', 'ScaleUpLimit']);
  });

  it('follows the same rule at a 5 s sync period', () => {
    const trace = run({
      startReplicas: 2,
      syncPeriodSeconds: 5,
      behavior: upOnly({ policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }] }),
    });
    assert.equal(trace.replicas.length, 13);
    assert.equal(trace.replicas[11], 6, 't=55');
    assert.equal(trace.replicas[12], 10, 't=60');
  });

  it('picks the largest change with selectPolicy Max, the smallest with Min, none with Disabled', () => {
    const policies = [
      { type: 'Percent' as const, value: 20, periodSeconds: 60 },
      { type: 'Pods' as const, value: 4, periodSeconds: 60 },
    ];
    const first = (selectPolicy: 'Max' | 'Min' | 'Disabled') =>
      run({ startReplicas: 10, maxReplicas: 50, durationSeconds: 0, behavior: upOnly({ selectPolicy, policies }) });
    // From 10: Percent → ceil(10·1.2) = 12, Pods → 14.
    assert.equal(first('Max').replicas[0], 14);
    assert.equal(first('Min').replicas[0], 12);
    assert.equal(first('Disabled').replicas[0], 10);
    assert.equal(limitedReason(first('Disabled').scalingLimited[0]!), 'ScaleUpLimit');
  });

  it('truncates a Percent scale-down and reports ScaleDownLimit, then TooFewReplicas at the minimum', () => {
    // Idle load → proposal 0. t=0: trunc(5·0.5) = 2. t=15: the t=0 event is 15 s old → trunc(2·0.5) = 1 = min → TooFewReplicas.
    const behavior: HPABehavior = {
      scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 50, periodSeconds: 15 }] },
    };
    const trace = run({ startReplicas: 5, load: constant(0.01), durationSeconds: 15, behavior });
    assert.deepEqual(replicas(trace), [2, 1]);
    assert.deepEqual(limited(trace), ['ScaleDownLimit', 'TooFewReplicas']);
  });

  it('never scales down with scaleDown selectPolicy Disabled', () => {
    const trace = run({
      startReplicas: 6,
      load: constant(0),
      durationSeconds: 120,
      behavior: { scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Disabled' } },
    });
    assert.ok(replicas(trace).every((count) => count === 6));
    assert.equal(limitedReason(trace.scalingLimited[0]!), 'ScaleDownLimit');
  });

  it('stops at maxReplicas with TooManyReplicas when the policies would allow more', () => {
    // Defaults: max(4+4, 4·2) = 8 allowed, max 5.
    const trace = run({ startReplicas: 4, maxReplicas: 5, durationSeconds: 0, behavior: {} });
    assert.deepEqual(replicas(trace), [5]);
    assert.deepEqual(limited(trace), ['TooManyReplicas']);
  });

  it('applies a per-direction tolerance from the behavior', () => {
    // 10 pods at 85 % vs 80 %: 1.0625 is inside the 0.1 flag tolerance but outside scaleUp.tolerance 0.05 → ceil(10.625) = 11.
    const input = { startReplicas: 10, metrics: cpuUtilization(80), load: constant(8.5), durationSeconds: 0 };
    assert.equal(run({ ...input, behavior: {} }).replicas[0], 10);
    assert.equal(run({ ...input, behavior: { scaleUp: { tolerance: '0.05' } } }).replicas[0], 11);
    assert.equal(run({ ...input, tolerance: 0.05 }).replicas[0], 11);
  });
});

describe('simulator: pods, metrics and conditions', () => {
  it('keeps new pods out of capacity until the start-up delay has passed', () => {
    // 2 pods at 200 % (target 50) → 4 at t=0 (legacy limit); those 2 new pods are ready at t=60.
    const trace = run({ startReplicas: 2, load: constant(4), startupDelaySeconds: 60, durationSeconds: 75 });
    assert.deepEqual([...trace.ready].slice(0, 5), [2, 2, 2, 2, 4]);
    // t=15: 2 ready at 200 %, 2 unready counted as 0 → 100 % → ratio 2 → ceil(2·4) = 8.
    assert.equal(trace.proposed[1], 8);
    assert.equal(trace.replicas[1], 8);
  });

  it('takes the largest proposal across metrics', () => {
    const pods = {
      type: 'Pods' as const,
      pods: { metric: { name: 'rps' }, target: { type: 'AverageValue' as const, averageValue: '100' } },
    };
    // 4 pods, load 4: CPU 100 % vs 50 % → 8; the Pods metric at 300 per unit → 300/100 → 12. Max = 12, then the 2×/4 limit → 8.
    const trace = run({
      startReplicas: 4,
      load: constant(4),
      durationSeconds: 0,
      metrics: [...cpuUtilization(50), pods],
      metricUnitValues: [undefined, 300],
    });
    assert.equal(trace.proposed[0], 12);
    assert.equal(trace.replicas[0], 8);
    assert.equal(activeReason(trace.scalingActive[0]!), 'ValidMetricFound');
  });

  it('brings a target above maxReplicas down to it without reading metrics', () => {
    const trace = run({ startReplicas: 30, durationSeconds: 0 });
    assert.deepEqual(replicas(trace), [20]);
    assert.equal(trace.proposed[0], -2);
  });

  it('reports ScalingDisabled and leaves a target scaled to zero alone', () => {
    const trace = run({ startReplicas: 0, durationSeconds: 30 });
    assert.deepEqual(replicas(trace), [0, 0, 0]);
    assert.equal(activeReason(trace.scalingActive[0]!), 'ScalingDisabled');
  });

  it("ignores a ready pod's CPU until a sample was taken after it became ready", () => {
    // No start-up delay, 30 s metrics window, scale-up by 2 pods per 15 s, no windows. t=0: 2 → 4.
    // t=15: 4 ready pods share load 4 → 100 % each, but only the 2 old ones are sampled: 100/50 = 2 > 1 with 2 unready
    // → rebalanced int(2000·100/4000) = 50 % → ratio 1 → proposal 4, hold. Without the window: ratio 2 → 8, limited to 4+2 = 6.
    const input = {
      startReplicas: 2,
      load: constant(4),
      durationSeconds: 15,
      behavior: upOnly({ policies: [{ type: 'Pods', value: 2, periodSeconds: 15 }] }),
    };
    const windowed = run({ ...input, metricWindowSeconds: 30 });
    assert.deepEqual([...windowed.ready], [2, 4]);
    assert.deepEqual([...windowed.proposed], [8, 4]);
    assert.deepEqual(replicas(windowed), [4, 4]);
    assert.deepEqual(replicas(run(input)), [4, 6]);
  });
});

describe('simulator: the metrics pipeline (scrapes)', () => {
  const scrapes = (times: number[], over: Partial<NonNullable<SimulationInput['scrapes']>> = {}) => ({
    times,
    visibleAfterSeconds: 0,
    usageLagSeconds: 0,
    newPodScrapes: 3,
    roundedUpShare: 0,
    ...over,
  });

  it('sees a load change only at the next scrape', () => {
    // Load 0.4 → 4 at t = 1; scrapes every 15 s from t = 4; syncs every 5 s. Until the scrape at 4 the controller still
    // reads the first load.
    const trace = run({ load: series([0, 0.4], [1, 4]), durationSeconds: 10, syncPeriodSeconds: 5, scrapes: scrapes([4, 19]) });
    assert.deepEqual(replicas(trace), [1, 4, 8]);
  });

  it('counts a new pod from its third scrape on; until then it is missing (100 % of its request on a scale-down)', () => {
    // 2 pods at 200 % (load 4) → 4 at t = 0 (max 4). The load drops to 0.4 at t = 10. The 2 new pods are missing at the
    // scrapes at 5 and 20 (kwok's first counter value is 0 and dropped; the second point has no predecessor): at 20 the
    // 2 sampled pods read 10 %, the missing ones count as 100 % → 55 % > 50 % flips direction → keep 4. From the
    // scrape at 35 all 4 read 10 % → 1 (no downscale stabilization here).
    const input = {
      startReplicas: 2,
      maxReplicas: 4,
      load: series([0, 4], [10, 0.4]),
      durationSeconds: 40,
      syncPeriodSeconds: 5,
      downscaleStabilizationSeconds: 0,
    };
    assert.deepEqual(replicas(run({ ...input, scrapes: scrapes([5, 20, 35]) })), [4, 4, 4, 4, 4, 4, 4, 1, 1]);
    // Were a new pod sampled at its first scrape, the drop would show at 20.
    assert.deepEqual(replicas(run({ ...input, scrapes: scrapes([5, 20, 35], { newPodScrapes: 1 }) })), [4, 4, 4, 4, 1, 1, 1, 1, 1]);
  });

  it('the same draw source gives the same run; the median is used without one', () => {
    const input = {
      load: constant(4.48),
      startReplicas: 8,
      durationSeconds: 30,
      syncPeriodSeconds: 5,
      metrics: cpuUtilization(50),
      podRequests: { cpu: 0.05 },
    };
    const median = run({ ...input, scrapes: scrapes([1, 16], { roundedUpShare: 0.5 }) });
    assert.equal(median.replicas[median.replicas.length - 1], 10);
    let state = 0;
    const draws = () => (state = (state + 0.37) % 1);
    const a = run({ ...input, scrapes: scrapes([1, 16], { roundedUpShare: 0.5, random: draws }) });
    state = 0;
    const b = run({ ...input, scrapes: scrapes([1, 16], { roundedUpShare: 0.5, random: draws }) });
    assert.deepEqual(replicas(a), replicas(b));
  });
});
