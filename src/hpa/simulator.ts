// The HPA controller's decision loop (reconcileAutoscaler in kubernetes pkg/controller/podautoscaler/horizontal.go)
// run over a load series. Pure and deterministic.
import type { HPABehavior, MetricSpec } from '../k8s/types.ts';
import { controllerDefaults, resolveBehavior, type ResolvedBehavior } from './behavior.ts';
import { AbleToScale, ScalingActive } from './conditions.ts';
import type { LoadSeries } from './load.ts';
import { ScalingMemory } from './normalize.ts';
import {
  compileMetric,
  currentMetricValue,
  defaultMetrics,
  metricReplicas,
  MetricKind,
  type CompiledMetric,
  type PodRequests,
  type PodView,
} from './replica-calculator.ts';

export interface SimulationInput {
  minReplicas?: number;
  maxReplicas: number;
  /** Empty or omitted: CPU at 80 %, as the API server defaults it. */
  metrics?: MetricSpec[];
  /** null/undefined: no behavior (the legacy path). */
  behavior?: HPABehavior | null;
  load: LoadSeries;
  durationSeconds: number;
  /** Replicas of the target at t = 0, all ready; default minReplicas. */
  startReplicas?: number;
  syncPeriodSeconds?: number;
  /** Seconds from pod creation to Ready; until then the pod takes no load and counts as unready. */
  startupDelaySeconds?: number;
  /** A ready pod's CPU counts only once a sample was taken after it became ready (metrics-server's window). */
  metricWindowSeconds?: number;
  /** The controller's --horizontal-pod-autoscaler-tolerance; a behavior's per-direction tolerance overrides it. */
  tolerance?: number;
  downscaleStabilizationSeconds?: number;
  podRequests?: PodRequests;
  /** Per metric (by index): its value, in the metric's units, for one unit of load (see compileMetric). */
  metricUnitValues?: (number | undefined)[];
  /** The metrics pipeline between the pods and the controller; omitted: the controller sees the load at once. */
  scrapes?: ScrapeModel;
}

/**
 * metrics-server as the controller sees it (bench/parity/README.md derives each field from the sources).
 * The controller reads the latest scrape: every pod's usage at that instant, for the pods that have a CPU rate.
 */
export interface ScrapeModel {
  /** Scrape instants in seconds on the simulator's clock, ascending. */
  times: ArrayLike<number>;
  /** Seconds from a scrape to its batch being served to the controller. */
  visibleAfterSeconds: number;
  /** Seconds from a load or ready-pod change to the pods' usage following it. */
  usageLagSeconds: number;
  /**
   * A new pod has a rate from its n-th scrape on: metrics-server needs two points, and kwok's first counter value is 0,
   * which metrics-server drops, so on kwok n = 3.
   */
  newPodScrapes: number;
  /** The share of pods whose CPU reading MilliValue() rounds up by 1 milli-core (PodView.roundedUpShare). */
  roundedUpShare: number;
  /**
   * A uniform [0, 1) source: each scrape then draws every sampled pod's rounding (up with probability roundedUpShare)
   * instead of taking the median count. Omitted: the median, deterministic.
   */
  random?: () => number;
}

/** A compiled scenario: resolve once, run many times (the benchmark runs a thousand). */
export interface CompiledSimulation {
  min: number;
  max: number;
  metrics: CompiledMetric[];
  behavior: ResolvedBehavior | undefined;
  syncPeriod: number;
  startupDelay: number;
  metricWindow: number;
  toleranceUp: number;
  toleranceDown: number;
  downscaleWindow: number;
  startReplicas: number;
  steps: number;
  scrapes: ScrapeModel | undefined;
}

/** Column-wise trace: one entry per sync. */
export interface SimulationTrace {
  time: Float64Array;
  load: Float64Array;
  /** The metrics' proposal before stabilization and limits; -1 when metrics failed, -2 when not computed. */
  proposed: Int32Array;
  /** status.desiredReplicas after the sync. */
  desired: Int32Array;
  /** scale.spec.replicas after the sync. */
  replicas: Int32Array;
  /** Ready pods when the sync looked. */
  ready: Int32Array;
  /** The first utilization metric's value in %, -1 when unknown. */
  utilization: Int32Array;
  ableToScale: Uint8Array;
  scalingActive: Uint8Array;
  scalingLimited: Uint8Array;
  /** 1 when the sync changed scale.spec.replicas. */
  rescaled: Uint8Array;
}

export function compileSimulation(input: SimulationInput): CompiledSimulation {
  const syncPeriod = input.syncPeriodSeconds ?? controllerDefaults.syncPeriodSeconds;
  const behavior = resolveBehavior(input.behavior, input.downscaleStabilizationSeconds ?? controllerDefaults.downscaleStabilizationSeconds);
  const tolerance = input.tolerance ?? controllerDefaults.tolerance;
  const specs = input.metrics && input.metrics.length > 0 ? input.metrics : defaultMetrics;
  const min = input.minReplicas ?? 1;
  return {
    min,
    max: input.maxReplicas,
    metrics: specs.map((spec, i) => compileMetric(spec, input.podRequests ?? {}, input.metricUnitValues?.[i])),
    behavior,
    syncPeriod,
    startupDelay: input.startupDelaySeconds ?? 0,
    metricWindow: input.metricWindowSeconds ?? 0,
    toleranceUp: behavior?.scaleUp.tolerance ?? tolerance,
    toleranceDown: behavior?.scaleDown.tolerance ?? tolerance,
    downscaleWindow: input.downscaleStabilizationSeconds ?? controllerDefaults.downscaleStabilizationSeconds,
    startReplicas: input.startReplicas ?? min,
    steps: Math.floor(input.durationSeconds / syncPeriod) + 1,
    scrapes: input.scrapes,
  };
}

function emptyTrace(steps: number): SimulationTrace {
  return {
    time: new Float64Array(steps),
    load: new Float64Array(steps),
    proposed: new Int32Array(steps),
    desired: new Int32Array(steps),
    replicas: new Int32Array(steps),
    ready: new Int32Array(steps),
    utilization: new Int32Array(steps),
    ableToScale: new Uint8Array(steps),
    scalingActive: new Uint8Array(steps),
    scalingLimited: new Uint8Array(steps),
    rescaled: new Uint8Array(steps),
  };
}

/** Pods of the target as ready times, oldest first; the ReplicaSet removes the newest (and unready) first. */
/**
 * Pods as batches (how many, created when, ready when), appended in time order and removed newest first:
 * memory grows with scale events, never with the replica count, so any API-valid maxReplicas simulates.
 */
class PodSet {
  private counts: number[] = [];
  private readyAt: number[] = [];
  private createdAt: number[] = [];
  count = 0;
  add(n: number, readyAt: number, createdAt = readyAt): void {
    if (n <= 0) return;
    this.counts.push(n);
    this.readyAt.push(readyAt);
    this.createdAt.push(createdAt);
    this.count += n;
  }
  remove(n: number): void {
    let left = Math.min(n, this.count);
    this.count -= left;
    while (left > 0) {
      const last = this.counts.length - 1;
      const taken = Math.min(left, this.counts[last] as number);
      this.counts[last] = (this.counts[last] as number) - taken;
      left -= taken;
      if (this.counts[last] === 0) {
        this.counts.pop();
        this.readyAt.pop();
        this.createdAt.pop();
      }
    }
  }
  /** Pods whose `times` entry is at or before `time`; times never decrease, so the later ones are a suffix. */
  private by(times: number[], time: number): number {
    let total = this.count;
    for (let i = times.length - 1; i >= 0 && (times[i] as number) > time; i--) total -= this.counts[i] as number;
    return total;
  }
  createdBy(time: number): number {
    return this.by(this.createdAt, time);
  }
  readyBy(time: number): number {
    return this.by(this.readyAt, time);
  }
}

/** Pods (of n) whose reading rounds up: drawn one by one for small n (the parity traces), by the normal approximation beyond. */
function roundedUpCount(n: number, share: number, random: () => number): number {
  if (n <= exactDrawLimit) {
    let up = 0;
    for (let i = 0; i < n; i++) if (random() < share) up++;
    return up;
  }
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(n, Math.max(0, Math.round(n * share + gaussian * Math.sqrt(n * share * (1 - share)))));
}

const exactDrawLimit = 10_000;

/** Runs the decision loop over the scenario; allocation-free per step. */
export function runSimulation(scenario: CompiledSimulation, load: LoadSeries): SimulationTrace {
  const { min, max, metrics, behavior, syncPeriod, steps } = scenario;
  const trace = emptyTrace(steps);
  const memory = new ScalingMemory();
  const pods = new PodSet();
  pods.add(scenario.startReplicas, Number.NEGATIVE_INFINITY);
  const view: PodView = {
    current: scenario.startReplicas,
    pods: 0,
    ready: 0,
    cpuReady: 0,
    load: 0,
    toleranceUp: scenario.toleranceUp,
    toleranceDown: scenario.toleranceDown,
  };
  const utilizationMetric = metrics.find((metric) => metric.kind === MetricKind.utilization);
  let current = scenario.startReplicas;
  let desiredStatus = current;
  let active: number = ScalingActive.unset;
  let loadIndex = 0;
  const loadTimes = load.times;
  const loadValues = load.loads;
  const loadAt = (time: number) => {
    let i = 0;
    while (i + 1 < loadTimes.length && (loadTimes[i + 1] as number) <= time) i++;
    return loadValues.length > 0 ? (loadValues[i] as number) : 0;
  };
  const scrapes = scenario.scrapes;
  let nextScrape = 0;
  if (scrapes) {
    // Before the first scrape the controller sees the start: every start pod sampled at the first load.
    view.reporting = scenario.startReplicas;
    view.sampleLoad = loadValues.length > 0 ? (loadValues[0] as number) : 0;
    view.sampleReady = scenario.startReplicas;
    view.roundedUpShare = scrapes.roundedUpShare;
  }

  for (let step = 0; step < steps; step++) {
    const now = step * syncPeriod;
    while (loadIndex + 1 < loadTimes.length && (loadTimes[loadIndex + 1] as number) <= now) loadIndex++;
    const demand = loadValues.length > 0 ? (loadValues[loadIndex] as number) : 0;
    view.current = current;
    view.pods = pods.count;
    view.ready = pods.readyBy(now);
    view.cpuReady = pods.readyBy(now - scenario.metricWindow);
    view.load = demand;
    if (scrapes) {
      // Every scrape served by now: the latest one's pods and usage are what the controller reads.
      while (nextScrape < scrapes.times.length && (scrapes.times[nextScrape] as number) + scrapes.visibleAfterSeconds <= now) {
        const at = scrapes.times[nextScrape] as number;
        const first = nextScrape - (scrapes.newPodScrapes - 1);
        view.reporting = first >= 0 ? pods.createdBy(scrapes.times[first] as number) : pods.createdBy(Number.NEGATIVE_INFINITY);
        view.sampleLoad = loadAt(at - scrapes.usageLagSeconds);
        view.sampleReady = pods.readyBy(at - scrapes.usageLagSeconds);
        if (scrapes.random) {
          view.roundedUp = roundedUpCount(view.reporting, scrapes.roundedUpShare, scrapes.random);
        }
        nextScrape++;
      }
      view.load = view.sampleLoad as number;
    }
    trace.time[step] = now;
    trace.load[step] = demand;
    trace.ready[step] = view.ready;
    trace.utilization[step] = utilizationMetric ? currentMetricValue(utilizationMetric, view) : -1;
    memory.initialize(current, now);
    let able: number = AbleToScale.SucceededGetScale;
    let desired: number;
    let proposal = -2;

    if (current === 0) {
      active = ScalingActive.ScalingDisabled;
      desired = 0;
    } else if (current > max) {
      desired = max;
    } else if (current < min) {
      desired = min;
    } else {
      proposal = proposeReplicas(metrics, view);
      if (proposal < 0) {
        // FailedComputeMetricsReplicas: keep the last desiredReplicas, no rescale this sync.
        active = -proposal - 1;
        proposal = -1;
        trace.proposed[step] = -1;
        trace.desired[step] = desiredStatus;
        trace.replicas[step] = current;
        trace.ableToScale[step] = able;
        trace.scalingActive[step] = active;
        trace.scalingLimited[step] = memory.scalingLimited;
        continue;
      }
      active = ScalingActive.ValidMetricFound;
      desired = behavior
        ? memory.normalizeWithBehavior(behavior, proposal, current, min, max, now)
        : memory.normalizeLegacy(proposal, current, min, max, now, scenario.downscaleWindow);
      able = memory.ableToScale;
    }

    if (desired !== current) {
      if (desired > current) pods.add(desired - current, now + scenario.startupDelay, now);
      else {
        pods.remove(current - desired);
        if (view.reporting !== undefined) view.reporting = Math.min(view.reporting, pods.count);
      }
      memory.storeScaleEvent(behavior, current, desired, now);
      able = AbleToScale.SucceededRescale;
      trace.rescaled[step] = 1;
      current = desired;
    }
    desiredStatus = current;
    trace.proposed[step] = proposal;
    trace.desired[step] = desiredStatus;
    trace.replicas[step] = current;
    trace.ableToScale[step] = able;
    trace.scalingActive[step] = active;
    trace.scalingLimited[step] = memory.scalingLimited;
  }
  return trace;
}

/**
 * computeReplicasForMetrics (horizontal.go): the largest proposal. On failure returns -(reason + 1), where reason is the
 * first failing metric's ScalingActive code: when every metric failed, or some failed and the rest would scale down.
 */
function proposeReplicas(metrics: CompiledMetric[], view: PodView): number {
  let replicas = 0;
  let invalid = 0;
  let firstFailure = 0;
  for (let i = 0; i < metrics.length; i++) {
    const metric = metrics[i] as CompiledMetric;
    const proposal = metricReplicas(metric, view);
    if (proposal < 0) {
      if (invalid === 0) firstFailure = metric.failure;
      invalid++;
    } else if (replicas === 0 || proposal > replicas) {
      replicas = proposal;
    }
  }
  if (invalid >= metrics.length || (invalid > 0 && replicas < view.current)) return -(firstFailure + 1);
  return replicas;
}

export function simulate(input: SimulationInput): SimulationTrace {
  return runSimulation(compileSimulation(input), input.load);
}
