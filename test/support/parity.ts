// Parity between the simulator and a trace recorded from the real HPA controller (bench/parity/record.ts), for
// test/unit/hpa/parity.test.ts. Pure.
//
// A trace holds the inputs (HPA spec, pod request, load curve, start replicas, sync period, metrics-server's
// scrape times) and the observed outcome (spec.replicas sampled once per sync period). We run the simulator on
// the same inputs and count the samples where both replica counts are equal.
//
// The pipeline model (fixed, the same for every trace; bench/parity/README.md derives each part from the sources):
// - The controller reads metrics-server's latest scrape. kwok's CPU counter advances by (time since its last
//   evaluation) × the usage annotation at the scrape, so a scrape reports each pod's usage at that instant (the
//   recorder's annotation, `usageDelaySeconds` behind the load and the ready pods). Scrapes sit on metrics-server's
//   15 s ticker; their instants are read off the PodMetrics timestamps (scrapeGrid).
// - A new pod has a rate only from its third scrape on; until then the controller counts it as missing (0 on a
//   scale-up, 100 % of its request on a scale-down), not as unready.
// - The controller reads MilliValue() of a nanocore rate, a ceiling: each reading is the set usage or 1m above,
//   about half the time each. The harness runs `draws` antithetic runs drawing those roundings and compares the
//   replica count most runs reach at each step: stabilization windows take the max/min of several readings.
// - The sync phase and period are read off status.lastScaleTime (whole seconds, +0.5 s).
// - Comparison: at each observed sample time t, the prediction after the last step at or before t.
import type { HPABehavior, MetricSpec } from '../../src/k8s/types.ts';
import type { LoadSeries } from '../../src/hpa/load.ts';
import { simulate, type SimulationTrace } from '../../src/hpa/simulator.ts';

export interface ParitySample {
  /** Seconds since the trace's t0. */
  t: number;
  load: number;
  /** The target's spec.replicas as observed. */
  replicas: number;
  ready?: number;
  pods?: number;
  desired?: number | null;
  utilization?: number | null;
  conditions?: Record<string, string>;
  /** status.lastScaleTime in seconds since t0 (whole seconds in the API). */
  lastScaleTime?: number | null;
}

export interface ParityTrace {
  curve: string;
  behavior: string;
  syncPeriodSeconds: number;
  metricResolutionSeconds?: number;
  hpa: { minReplicas?: number; maxReplicas: number; metrics?: MetricSpec[]; behavior?: HPABehavior | null };
  podRequests?: { cpu?: number; memory?: number };
  startReplicas: number;
  durationSeconds: number;
  /** [seconds, load] points, each holding until the next. */
  load: [number, number][];
  /** metrics-server scrape instants, seconds since t0. */
  scrapeTimes?: number[];
  samples: ParitySample[];
}

export interface ParityOptions {
  /** Seconds from a load change (or a pod becoming ready) to the pods' usage annotations showing it (the recorder's reaction). */
  usageDelaySeconds: number;
  /** Seconds from a scrape to the controller seeing it. */
  scrapeVisibleSeconds: number;
  /** Without scrape times: a plain delay of the load. */
  fallbackLagSeconds: number;
  /** Seconds from pod creation to Ready (kwok's stages). */
  startupDelaySeconds: number;
  /** Without scrape times: a new pod's CPU counts once a sample was taken this long after it became ready. */
  metricWindowSeconds: number;
  /** A new pod has a CPU rate from its n-th scrape on (kwok + metrics-server: 3). */
  newPodScrapes: number;
  /** The share of pods whose CPU reading MilliValue() rounds up by 1 milli-core (PodView.roundedUpShare). */
  roundedUpShare: number;
  /**
   * 0: every scrape rounds up the median count of readings. n > 0: n runs (antithetic pairs), each drawing every
   * reading's rounding, and at each step the replica count most runs reached (the ties: the lower).
   */
  draws: number;
  /** Replace the trace's behavior (to show that a wrong behavior does not match); undefined keeps it. */
  behavior?: HPABehavior | null;
}

/**
 * Fixed for all traces, each value derived from the sources (bench/parity/README.md): the recorder re-writes usage
 * every 1 s; metrics-server stores a scrape some tens of ms after the ticker (random stagger ≤ 8 ms × 4 nodes, then the
 * nodes' answers); a new pod has a rate at its third scrape (kwok's first counter value 0 is dropped, the second has
 * no predecessor); the controller reads ceil(rate) in milli-cores, one above the set usage half the time (the rate
 * is a hair above or below it by symmetric clock jitter). 1000 draws: the modal counts no longer change from 200 on.
 * fallbackLagSeconds and metricWindowSeconds only apply to a trace without scrape times.
 */
export const parityCalibration: ParityOptions = {
  usageDelaySeconds: 1,
  scrapeVisibleSeconds: 0.05,
  fallbackLagSeconds: 10,
  startupDelaySeconds: 1,
  metricWindowSeconds: 0,
  newPodScrapes: 3,
  roundedUpShare: 0.5,
  draws: 1000,
};

export interface ParityMismatch {
  t: number;
  observed: number;
  simulated: number;
}

export interface ParityResult {
  curve: string;
  behavior: string;
  steps: number;
  agreed: number;
  agreement: number;
  /** Seconds: the simulator's step k is at phase + k·period. */
  phase: number;
  period: number;
  mismatches: ParityMismatch[];
  /** The run with the median rounding (deterministic). */
  simulation: SimulationTrace;
  /** What was compared: the modal replicas over the draws, or the median run's. */
  predicted: Int32Array;
}

function loadAt(points: [number, number][], t: number): number {
  let value = points[0]?.[1] ?? 0;
  for (const [time, load] of points) {
    if (time > t) break;
    value = load;
  }
  return value;
}

export interface SyncClock {
  /** Seconds after t0 of the controller's first sync instant modulo the period. */
  phase: number;
  /** The real interval between syncs: the configured period plus the controller's processing time. */
  period: number;
}

/**
 * The controller's sync clock, read off the trace: every status.lastScaleTime is a sync instant (truncated to whole
 * seconds, so +0.5 s). The real interval is a little longer than the configured period (processing time before the
 * item is re-queued), so the period is fitted too: the one in [period, period + 40 ms] that puts the scale instants
 * closest to one phase. Without scale events: phase 0, the configured period.
 */
export function syncClock(trace: ParityTrace): SyncClock {
  const nominal = trace.syncPeriodSeconds;
  const instants = [
    ...new Set(trace.samples.map((sample) => sample.lastScaleTime).filter((t): t is number => typeof t === 'number' && t >= 0)),
  ].map((t) => t + 0.5);
  if (instants.length === 0) return { phase: 0, period: nominal };
  let best: SyncClock & { spread: number } = { phase: 0, period: nominal, spread: Infinity };
  for (let extra = 0; extra <= 40; extra++) {
    const period = nominal + extra / 1000;
    // Circular mean of the instants' phases.
    let x = 0;
    let y = 0;
    for (const t of instants) {
      const angle = (2 * Math.PI * (t % period)) / period;
      x += Math.cos(angle);
      y += Math.sin(angle);
    }
    const spread = 1 - Math.hypot(x, y) / instants.length;
    if (spread < best.spread - 1e-9) {
      const phase = ((((Math.atan2(y, x) / (2 * Math.PI)) * period) % period) + period) % period;
      best = { phase, period, spread };
    }
  }
  return { phase: best.phase, period: best.period };
}

/** Back-compatible: the phase alone. */
export function syncPhase(trace: ParityTrace): number {
  return syncClock(trace).phase;
}

/**
 * metrics-server scrapes the nodes one after another; the pods' timestamps of one scrape spread over ~1 s and the
 * batch is stored when the last node answered. One scrape = timestamps within 3 s; it counts from the latest one.
 */
export function scrapeInstants(times: readonly number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  const instants: number[] = [];
  let first = Number.NEGATIVE_INFINITY;
  for (const t of sorted) {
    if (t - first <= 3 && instants.length > 0) instants[instants.length - 1] = t;
    else {
      instants.push(t);
      first = t;
    }
  }
  return instants;
}

/**
 * metrics-server scrapes on a fixed ticker (--metric-resolution; server.go runScrape), each node after a random delay
 * of at most 8 ms per node (scraper.go), and a PodMetrics timestamp is the request time truncated to whole seconds
 * by the API (metav1.Time). So a stamp r says the scrape was in [r, r + 1), and every scrape sits on one grid
 * phase + k·resolution. The phase is the intersection of those intervals (modulo the resolution); each scrape is
 * placed on the grid. Returns the plain instants when the stamps do not share one grid (e.g. a restart).
 */
export function scrapeGrid(times: readonly number[], resolution: number | undefined): number[] {
  const instants = scrapeInstants(times);
  if (!resolution || times.length === 0) return instants;
  const reference = times[0] as number;
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  for (const t of times) {
    // This stamp's interval, shifted by whole periods to lie near the reference.
    const start = t - Math.round((t - reference) / resolution) * resolution;
    low = Math.max(low, start);
    high = Math.min(high, start + 1);
  }
  const stagger = 0.05;
  if (low > high + stagger) return instants;
  const phase = (low + Math.min(high, low + 1)) / 2;
  return [...new Set(instants.map((t) => phase + Math.round((t - phase) / resolution) * resolution))];
}

/** The recorded load on the simulator's clock (real time minus `phase`), as set: the pipeline is modelled by `scrapes`. */
export function traceLoad(trace: ParityTrace, phase: number, lag = 0): LoadSeries {
  const times: number[] = [];
  const loads: number[] = [];
  for (const [time, load] of trace.load) {
    const t = Math.max(0, time + lag - phase);
    if (times.length > 0 && t <= (times[times.length - 1] as number)) loads[loads.length - 1] = load;
    else {
      times.push(t);
      loads.push(load);
    }
  }
  if (times.length === 0 || (times[0] as number) > 0) {
    times.unshift(0);
    loads.unshift(loadAt(trace.load, 0));
  }
  return { times: Float64Array.from(times), loads: Float64Array.from(loads) };
}

/** mulberry32: a small seeded uniform [0, 1) source, so the draws are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function simulateTrace(
  trace: ParityTrace,
  options: ParityOptions = parityCalibration,
  clock = syncClock(trace),
  random?: () => number,
): SimulationTrace {
  const phase = clock.phase;
  const scrapes = scrapeGrid(trace.scrapeTimes ?? [], trace.metricResolutionSeconds);
  const common = {
    minReplicas: trace.hpa.minReplicas,
    maxReplicas: trace.hpa.maxReplicas,
    metrics: trace.hpa.metrics,
    behavior: options.behavior !== undefined ? options.behavior : (trace.hpa.behavior ?? null),
    durationSeconds: trace.durationSeconds - phase,
    startReplicas: trace.startReplicas,
    syncPeriodSeconds: clock.period,
    startupDelaySeconds: options.startupDelaySeconds,
    podRequests: trace.podRequests,
  };
  if (scrapes.length === 0) {
    return simulate({
      ...common,
      load: traceLoad(trace, phase, options.fallbackLagSeconds),
      metricWindowSeconds: options.metricWindowSeconds,
    });
  }
  return simulate({
    ...common,
    load: traceLoad(trace, phase),
    scrapes: {
      times: scrapes.map((t) => t - phase),
      visibleAfterSeconds: options.scrapeVisibleSeconds,
      usageLagSeconds: options.usageDelaySeconds,
      newPodScrapes: options.newPodScrapes,
      roundedUpShare: options.roundedUpShare,
      random,
    },
  });
}

/** Per-sample agreement of the simulator with the recorded controller. */
export function parity(trace: ParityTrace, options: ParityOptions = parityCalibration): ParityResult {
  const clock = syncClock(trace);
  const { phase, period } = clock;
  const simulation = simulateTrace(trace, options, clock);
  const predicted = options.draws > 0 && (trace.scrapeTimes?.length ?? 0) > 0 ? modalReplicas(trace, options, clock) : simulation.replicas;
  const mismatches: ParityMismatch[] = [];
  let agreed = 0;
  for (const sample of trace.samples) {
    const step = Math.floor((sample.t - phase) / period + 1e-9);
    const simulated = step < 0 ? trace.startReplicas : (predicted[Math.min(step, predicted.length - 1)] as number);
    if (simulated === sample.replicas) agreed++;
    else mismatches.push({ t: sample.t, observed: sample.replicas, simulated });
  }
  const steps = trace.samples.length;
  return {
    curve: trace.curve,
    behavior: trace.behavior,
    steps,
    agreed,
    agreement: steps === 0 ? 0 : agreed / steps,
    phase,
    period,
    mismatches,
    simulation,
    predicted,
  };
}

/**
 * The replica count most of `options.draws` runs reached at each step; ties go to the lower count. The runs come in
 * antithetic pairs (seed k, and the same draws mirrored, u → 1 − u): with a share of 1/2 every pair rounds up
 * complementary sets of readings, so the draws are exactly as symmetric as the binomial they sample, and a decision
 * that is a true coin flip (one pod exactly at a threshold) is an exact tie, not sampling noise.
 */
export function modalReplicas(trace: ParityTrace, options: ParityOptions, clock: SyncClock): Int32Array {
  const runs: Int32Array[] = [];
  for (let seed = 1; seed <= Math.ceil(options.draws / 2); seed++) {
    runs.push(simulateTrace(trace, options, clock, seededRandom(seed)).replicas);
    const mirrored = seededRandom(seed);
    runs.push(simulateTrace(trace, options, clock, () => 1 - mirrored()).replicas);
  }
  const steps = runs[0]?.length ?? 0;
  const modal = new Int32Array(steps);
  const counts = new Map<number, number>();
  for (let step = 0; step < steps; step++) {
    counts.clear();
    for (const run of runs) counts.set(run[step] as number, (counts.get(run[step] as number) ?? 0) + 1);
    let best = -1;
    let bestCount = 0;
    for (const [replicas, count] of counts)
      if (count > bestCount || (count === bestCount && replicas < best)) [best, bestCount] = [replicas, count];
    modal[step] = best;
  }
  return modal;
}
