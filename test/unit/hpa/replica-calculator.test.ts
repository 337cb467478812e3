import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileMetric, metricReplicas, type PodView } from '../../../src/hpa/replica-calculator.ts';
import { cpuUtilization } from './helpers.ts';

const cpu = (target: number) => compileMetric(cpuUtilization(target)[0]!, { cpu: 0.5 });
const view = (over: Partial<PodView>): PodView => ({
  current: 10,
  pods: 10,
  ready: 10,
  cpuReady: 10,
  load: 0,
  toleranceUp: 0.1,
  toleranceDown: 0.1,
  ...over,
});

describe('replica calculation (replica_calculator.go)', () => {
  it('keeps the current count inside the tolerance, both ends inclusive', () => {
    // 10 pods, load 8.8 → 88 % each; 88/80 = 1.1 ≤ 1 + 0.1 → unchanged.
    assert.equal(metricReplicas(cpu(80), view({ load: 8.8 })), 10);
    // 72/80 = 0.9 ≥ 1 − 0.1 → unchanged.
    assert.equal(metricReplicas(cpu(80), view({ load: 7.2 })), 10);
    // 89/80 = 1.1125 → ceil(1.1125 × 10) = 12.
    assert.equal(metricReplicas(cpu(80), view({ load: 8.9 })), 12);
    // 71/80 = 0.8875 → ceil(8.875) = 9.
    assert.equal(metricReplicas(cpu(80), view({ load: 7.1 })), 9);
  });

  it('uses per-direction tolerances', () => {
    // 85/80 = 1.0625: inside 0.1, outside a scale-up tolerance of 0.05 → ceil(10.625) = 11.
    assert.equal(metricReplicas(cpu(80), view({ load: 8.5 })), 10);
    assert.equal(metricReplicas(cpu(80), view({ load: 8.5, toleranceUp: 0.05 })), 11);
    // 20 pods at 74 %: 74/80 = 0.925, inside 0.1 → 20; outside a scale-down tolerance of 0.05 → ceil(18.5) = 19.
    const twenty = { current: 20, pods: 20, ready: 20, cpuReady: 20, load: 14.8 };
    assert.equal(metricReplicas(cpu(80), view(twenty)), 20);
    assert.equal(metricReplicas(cpu(80), view({ ...twenty, toleranceDown: 0.05 })), 19);
  });

  it('truncates utilization to a whole percent before comparing', () => {
    // 3 pods, load 2.6469 → 441.15m of 500m each → 88.2 % → int 88 → 1.1 → within tolerance.
    assert.equal(metricReplicas(cpu(80), view({ current: 3, pods: 3, ready: 3, cpuReady: 3, load: 2.6469 })), 3);
  });

  it('counts unready pods as idle on a scale-up, and holds when that lands inside the tolerance', () => {
    // 2 ready of 4, load 2.1 → 105 % on the ready ones (ratio 2.1 vs 50 %); with the unready at 0: int(2100·100/4000) = 52 % → 1.04 → hold 4.
    assert.equal(metricReplicas(cpu(50), view({ current: 4, pods: 4, ready: 2, cpuReady: 2, load: 2.1 })), 4);
    // Ignoring the unready pods would have given ceil(2.1·2) = 5.
    // With load 4: ready pods at 200 %; rebalanced 100 % → ratio 2 → ceil(2·4) = 8.
    assert.equal(metricReplicas(cpu(50), view({ current: 4, pods: 4, ready: 2, cpuReady: 2, load: 4 })), 8);
  });

  it('fails (−1) when no pod has a usable CPU sample', () => {
    assert.equal(metricReplicas(cpu(50), view({ current: 2, pods: 2, ready: 0, cpuReady: 0, load: 1 })), -1);
  });

  it('averages a Pods metric in milli-units and compares with averageValue', () => {
    const pods = compileMetric(
      { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } },
      {},
      150,
    );
    // 4 pods, load 4 → 1 unit each → 150 per pod; 150/100 = 1.5 → ceil(6) = 6.
    assert.equal(metricReplicas(pods, view({ current: 4, pods: 4, ready: 4, cpuReady: 4, load: 4 })), 6);
  });

  it('scales Object Value metrics by ready pods and averageValue ones by the total', () => {
    const value = compileMetric(
      {
        type: 'Object',
        object: { metric: { name: 'q' }, describedObject: { kind: 'Service', name: 's' }, target: { type: 'Value', value: '10' } },
      },
      {},
      10,
    );
    // total 10·3 = 30 vs 10 → ratio 3 → ceil(3 · 4 ready) = 12.
    assert.equal(metricReplicas(value, view({ current: 4, pods: 4, ready: 4, cpuReady: 4, load: 3 })), 12);
    const average = compileMetric(
      { type: 'External', external: { metric: { name: 'q' }, target: { type: 'AverageValue', averageValue: '10' } } },
      {},
      10,
    );
    // total 30, target 10 per pod over 4 pods → ratio 0.75 → ceil(30/10) = 3.
    assert.equal(metricReplicas(average, view({ current: 4, pods: 4, ready: 4, cpuReady: 4, load: 3 })), 3);
  });
});

describe('replica calculation with the metrics pipeline modelled (PodView.reporting)', () => {
  // Request 500m, target 50 %: one unit of load is one pod's request.
  const scraped = (over: Partial<PodView>): PodView => view({ cpuReady: 0, reporting: 0, ...over });

  it('on a scale-up, pods without a sample count as 0 and a flip of direction keeps the current count', () => {
    // 3 pods, 2 sampled at 66 %, 1 missing: 66/50 > 1, but (2·330m + 0)/3 = 44 % < 50 % flips direction → keep 3.
    assert.equal(metricReplicas(cpu(50), scraped({ current: 3, pods: 3, ready: 3, reporting: 2, sampleLoad: 1.32, sampleReady: 2 })), 3);
    // Without the missing pod the same sample asks for ceil(1.32 × 2) = 3... and with all 3 sampled for ceil(1.32 × 3) = 4.
    assert.equal(metricReplicas(cpu(50), scraped({ current: 3, pods: 3, ready: 3, reporting: 3, sampleLoad: 1.98, sampleReady: 3 })), 4);
  });

  it('on a scale-down, pods without a sample count as 100 % of their request', () => {
    // 9 pods, 5 sampled at 35 %, 4 missing at 100 %: (5·35 + 4·100)/9 = 63 % > 50 % flips direction → keep 9.
    assert.equal(metricReplicas(cpu(50), scraped({ current: 9, pods: 9, ready: 9, reporting: 5, sampleLoad: 1.75, sampleReady: 5 })), 9);
    // All 9 sampled at 35 %: ceil(0.7 × 9) = 7.
    assert.equal(metricReplicas(cpu(50), scraped({ current: 9, pods: 9, ready: 9, reporting: 9, sampleLoad: 3.15, sampleReady: 9 })), 7);
  });

  it('reads the usage at the scrape, spread over the pods ready then, not the pods ready now', () => {
    // The scrape saw 2 ready pods sharing load 4 (200 % each); 4 pods are ready now, 2 without a sample → on a scale-up
    // they count as 0: 200 % · 2/4 = 100 % → ceil(2 × 4) = 8. Spread over the 4 pods ready now it would read 100 %.
    assert.equal(metricReplicas(cpu(50), scraped({ current: 4, pods: 4, ready: 4, reporting: 2, sampleLoad: 4, sampleReady: 2 })), 8);
  });

  it("adds the readings rounded up by MilliValue()'s ceiling: the median count, or a drawn one", () => {
    // 8 pods at 28m of a 50m request = 56 %: 56/50 × 8 = 8.96 → 9. With 4 of 8 readings 1m higher: 228/400 = 57 % → 10.
    const small = compileMetric(cpuUtilization(50)[0]!, { cpu: 0.05 });
    const eight = scraped({ current: 8, pods: 8, ready: 8, reporting: 8, sampleLoad: 4.48, sampleReady: 8 });
    assert.equal(metricReplicas(small, eight), 9);
    assert.equal(metricReplicas(small, { ...eight, roundedUpShare: 0.5 }), 10);
    assert.equal(metricReplicas(small, { ...eight, roundedUpShare: 0.5, roundedUp: 3 }), 9);
    // One pod exactly at a threshold: floor(1 × 1/2) = 0 rounded up, the lower of the two medians.
    const one = scraped({ current: 1, pods: 1, ready: 1, reporting: 1, sampleLoad: 4.5, sampleReady: 1, roundedUpShare: 0.5 });
    assert.equal(metricReplicas(small, one), 9);
  });

  it('has no proposal while no pod has a sample', () => {
    assert.equal(metricReplicas(cpu(50), scraped({ current: 2, pods: 2, ready: 2, reporting: 0, sampleLoad: 1, sampleReady: 2 })), -1);
  });
});
