// Parity between the simulator and a trace recorded from the real HPA controller (bench/parity/record.ts). Pure.
//
// A trace holds the inputs (HPA spec, pod request, load curve, start replicas, sync period, metrics-server's
// scrape times) and the observed outcome (spec.replicas sampled once per sync period). We run the simulator on
// the same inputs and count the samples where both replica counts are equal.
//
// Alignment (fixed, the same for every trace; see bench/parity/README.md for the calibration):
// - The metrics pipeline. The controller does not see the load itself: kwok reports a pod's usage annotation
//   when metrics-server scrapes it (every metricResolutionSeconds), and the controller reads metrics-server's
//   latest sample. So the load the simulator sees is the load in effect `usageDelaySeconds` before the last
//   scrape (the recorder's reaction), made visible `scrapeVisibleSeconds` after that scrape. When the trace has
//   no scrape times, the load is simply delayed by `fallbackLagSeconds`.
// - The sync phase. The controller syncs every syncPeriodSeconds from its own start, not from the trace's t0.
//   Its phase is read off the trace (status.lastScaleTime, whole seconds, is a sync instant; +0.5 s for the
//   truncation), and the simulator's steps are placed at t = phase + k·period.
// - Comparison: at each observed sample time t, the simulator's replicas after its last step at or before t.
import type { HPABehavior, MetricSpec } from '../snapshot/k8s.ts';
import type { LoadSeries } from './load.ts';
import { simulate, type SimulationTrace } from './simulator.ts';

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
  /** Seconds from a load change to the pods' usage annotations showing it (the recorder's reaction). */
  usageDelaySeconds: number;
  /** Seconds from a scrape to the controller seeing it. */
  scrapeVisibleSeconds: number;
  /** Without scrape times: a plain delay of the load. */
  fallbackLagSeconds: number;
  /** Seconds from pod creation to Ready (kwok's stages). */
  startupDelaySeconds: number;
  /** A new pod's CPU counts once a sample was taken this long after it became ready. */
  metricWindowSeconds: number;
  /** Replace the trace's behavior (to show that a wrong behavior does not match); undefined keeps it. */
  behavior?: HPABehavior | null;
}

/** Calibrated once on the recorded traces and fixed for all of them (bench/parity/README.md). */
export const parityCalibration: ParityOptions = {
  usageDelaySeconds: 1,
  scrapeVisibleSeconds: 1,
  fallbackLagSeconds: 10,
  startupDelaySeconds: 1,
  metricWindowSeconds: 0,
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
  simulation: SimulationTrace;
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
  const instants = [...new Set(trace.samples.map((sample) => sample.lastScaleTime).filter((t): t is number => typeof t === 'number' && t >= 0))].map((t) => t + 0.5);
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
      const phase = (((Math.atan2(y, x) / (2 * Math.PI)) * period) % period + period) % period;
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

/** The load as the controller sees it, on the simulator's clock (real time minus `phase`). */
export function observedLoad(trace: ParityTrace, options: ParityOptions, phase: number): LoadSeries {
  const times: number[] = [];
  const loads: number[] = [];
  const push = (time: number, load: number) => {
    const t = Math.max(0, time - phase);
    if (times.length > 0 && t <= (times[times.length - 1] as number)) {
      loads[loads.length - 1] = load;
      times[times.length - 1] = Math.max(t, times[times.length - 1] as number);
      return;
    }
    times.push(t);
    loads.push(load);
  };
  const scrapes = scrapeInstants(trace.scrapeTimes ?? []);
  push(0, loadAt(trace.load, 0));
  if (scrapes.length > 0) {
    for (const scrape of scrapes) if (scrape > 0) push(scrape + options.scrapeVisibleSeconds, loadAt(trace.load, scrape - options.usageDelaySeconds));
  } else {
    for (const [time, load] of trace.load) if (time > 0) push(time + options.fallbackLagSeconds, load);
  }
  return { times: Float64Array.from(times), loads: Float64Array.from(loads) };
}

export function simulateTrace(trace: ParityTrace, options: ParityOptions = parityCalibration, clock = syncClock(trace)): SimulationTrace {
  const phase = clock.phase;
  return simulate({
    minReplicas: trace.hpa.minReplicas,
    maxReplicas: trace.hpa.maxReplicas,
    metrics: trace.hpa.metrics,
    behavior: options.behavior !== undefined ? options.behavior : (trace.hpa.behavior ?? null),
    load: observedLoad(trace, options, phase),
    durationSeconds: trace.durationSeconds - phase,
    startReplicas: trace.startReplicas,
    syncPeriodSeconds: clock.period,
    startupDelaySeconds: options.startupDelaySeconds,
    metricWindowSeconds: options.metricWindowSeconds,
    podRequests: trace.podRequests,
  });
}

/** Per-sample agreement of the simulator with the recorded controller. */
export function parity(trace: ParityTrace, options: ParityOptions = parityCalibration): ParityResult {
  const clock = syncClock(trace);
  const { phase, period } = clock;
  const simulation = simulateTrace(trace, options, clock);
  const mismatches: ParityMismatch[] = [];
  let agreed = 0;
  for (const sample of trace.samples) {
    const step = Math.floor((sample.t - phase) / period + 1e-9);
    const simulated = step < 0 ? trace.startReplicas : (simulation.replicas[Math.min(step, simulation.replicas.length - 1)] as number);
    if (simulated === sample.replicas) agreed++;
    else mismatches.push({ t: sample.t, observed: sample.replicas, simulated });
  }
  const steps = trace.samples.length;
  return { curve: trace.curve, behavior: trace.behavior, steps, agreed, agreement: steps === 0 ? 0 : agreed / steps, phase, period, mismatches, simulation };
}
