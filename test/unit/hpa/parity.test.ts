// Parity with the real HPA controller, without a cluster: every trace recorded by bench/parity/record.ts
// (test/fixtures/hpa/parity/*.json) is replayed through the simulator with the one fixed calibration.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  modalReplicas,
  parity,
  parityCalibration,
  scrapeGrid,
  seededRandom,
  simulateTrace,
  syncPhase,
  type ParityTrace,
} from '../../support/parity.ts';
import { findPreset } from '../../../src/hpa/presets.ts';

const directory = new URL('../../fixtures/hpa/parity/', import.meta.url);
const traces: ParityTrace[] = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as ParityTrace);

const target = 0.95;

/**
 * Traces the simulator does not yet reach 95 % on, with the agreement measured and why (bench/parity/README.md).
 * They are reported as todo, and must not fall below their floor: a regression still fails.
 */
const knownGaps: Record<string, { floor: number; reason: string }> = {
  'scaledown-apigee-more-aggressive': {
    floor: 0.93,
    reason:
      'the controller took the less likely branch (p ≈ 0.14–0.37 in the model) of a reading at 30 vs 31 % at 10 pods, so each scale-down step of the 120 s window came 10–20 s earlier than the modal run',
  },
};

const results = new Map(traces.map((trace) => [`${trace.curve}-${trace.behavior}`, parity(trace)]));

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
    const result = results.get(name)!;
    const detail = result.mismatches.map((m) => `t=${m.t} observed ${m.observed} simulated ${m.simulated}`).join('; ');
    const measured = `${(result.agreement * 100).toFixed(1)} % (${result.agreed}/${result.steps})`;
    it(
      `${trace.curve} under ${trace.behavior}: ≥ ${target * 100} % of sync steps agree`,
      gap && result.agreement < target ? { todo: `${measured}: ${gap.reason}` } : {},
      () => {
        assert.ok(result.agreement >= target, `agreement ${measured}: ${detail}`);
      },
    );
    if (gap) {
      it(`${trace.curve} under ${trace.behavior}: does not fall below its recorded floor ${gap.floor * 100} %`, () => {
        assert.ok(result.agreement >= gap.floor, `agreement ${measured}: ${detail}`);
      });
    }
  }

  it('reads the sync phase from lastScaleTime (whole seconds + 0.5)', () => {
    const trace = {
      syncPeriodSeconds: 5,
      samples: [
        { t: 0, load: 1, replicas: 1, lastScaleTime: 12 },
        { t: 5, load: 1, replicas: 1, lastScaleTime: 22 },
      ],
    } as ParityTrace;
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
      const right = results.get(`${trace.curve}-${trace.behavior}`)!.agreement;
      const wrongAgreement = parity(trace, { ...parityCalibration, behavior: wrong.behavior }).agreement;
      if (wrongAgreement <= right - 0.15 && wrongAgreement < 0.85) clearlyWorse++;
    }
    assert.ok(
      clearlyWorse >= Math.ceil(traces.length / 2),
      `only ${clearlyWorse} of ${traces.length} traces tell the wrong behavior apart`,
    );
  });

  it('ignoring the metrics pipeline (no scrapes, no lag) agrees less', () => {
    const naive = { ...parityCalibration, usageDelaySeconds: 0, scrapeVisibleSeconds: 0, fallbackLagSeconds: 0 };
    let calibrated = 0;
    let withoutPipeline = 0;
    for (const trace of traces) {
      calibrated += results.get(`${trace.curve}-${trace.behavior}`)!.agreed;
      withoutPipeline += parity({ ...trace, scrapeTimes: [] }, naive).agreed;
    }
    assert.ok(withoutPipeline < calibrated, `without the pipeline model ${withoutPipeline} steps agree, with it ${calibrated}`);
  });

  it('each part of the pipeline model matters: new pods missing for two scrapes, the rounded-up readings', () => {
    const total = (options: typeof parityCalibration) => traces.reduce((sum, trace) => sum + parity(trace, options).agreed, 0);
    const calibrated = [...results.values()].reduce((sum, result) => sum + result.agreed, 0);
    assert.ok(total({ ...parityCalibration, newPodScrapes: 1 }) < calibrated, 'new pods sampled at once');
    assert.ok(total({ ...parityCalibration, draws: 0, roundedUpShare: 1 }) < calibrated, 'every reading rounded up');
  });

  it('places the scrapes on the ticker grid that fits every truncated timestamp', () => {
    // Stamps of one scrape straddle a second boundary (108.2 and 109.2): the scrape was at 109.2; 15 s grid.
    assert.deepEqual(
      scrapeGrid([94.2, 108.2, 109.2, 124.2, 139.2], 15).map((t) => +t.toFixed(3)),
      [94.2, 109.2, 124.2, 139.2],
    );
    // Stamps that fit no single grid (a restart) are left as they are.
    assert.deepEqual(scrapeGrid([10.2, 17.2], 15), [10.2, 17.2]);
  });

  it('a reading that is a true coin flip is an exact tie in the antithetic draws, resolved to the lower count', () => {
    // One pod at 225m of 50m = 450 % on target 50 %: 9 replicas exactly, or 10 if its reading rounds up to 226m.
    const trace: ParityTrace = {
      curve: 'flip',
      behavior: 'kubernetes-default',
      syncPeriodSeconds: 5,
      hpa: {
        minReplicas: 1,
        maxReplicas: 20,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
        behavior: { scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 100, periodSeconds: 15 }] } },
      },
      podRequests: { cpu: 0.05 },
      startReplicas: 1,
      durationSeconds: 0,
      load: [[0, 4.5]],
      // A scrape just before the first sync: its one reading is drawn.
      scrapeTimes: [-1],
      samples: [{ t: 0, load: 4.5, replicas: 9 }],
    };
    const counts = new Map<number, number>();
    const clock = { phase: 0, period: 5 };
    for (let seed = 1; seed <= 50; seed++) {
      for (const random of [
        seededRandom(seed),
        (
          (r) => () =>
            1 - r()
        )(seededRandom(seed)),
      ]) {
        const proposed = simulateTrace(trace, parityCalibration, clock, random).proposed[0] as number;
        counts.set(proposed, (counts.get(proposed) ?? 0) + 1);
      }
    }
    assert.deepEqual(
      [...counts.entries()].sort(),
      [
        [10, 50],
        [9, 50],
      ].sort(),
    );
    assert.equal(modalReplicas(trace, { ...parityCalibration, draws: 100 }, clock)[0], 9);
  });
});
