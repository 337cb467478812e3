// What a simulation run means for the user: capacity, under-provisioning, cost, churn; and the trace as rows. Pure.
import { conditionsOf, type ConditionValue } from './conditions.ts';
import { MetricKind } from './replica-calculator.ts';
import type { CompiledSimulation, SimulationTrace } from './simulator.ts';

export interface SimulationStep {
  t: number;
  load: number;
  /** The metrics' proposal before stabilization, policies and min/max; null when metrics failed or were skipped. */
  desiredUnclamped: number | null;
  desired: number;
  replicas: number;
  readyReplicas: number;
  /** Integer % of request for the first utilization metric; null when unknown. */
  utilization: number | null;
  neededReplicas: number;
  conditions: Pick<ConditionValue, 'type' | 'status' | 'reason'>[];
}

export interface SimulationSummary {
  /** Longest stretch from the moment ready pods fell short of the need until they covered it again. */
  timeToCapacitySeconds: number;
  /** False when the run ended while still short. */
  capacityReached: boolean;
  underProvisionedSeconds: number;
  /** Σ replicas × time: the cost. */
  replicaMinutes: number;
  scaleEvents: number;
  scaleUps: number;
  scaleDowns: number;
  peakReplicas: number;
}

/**
 * The fewest pods that keep every metric within tolerance of its target at this load, clamped to [min, max].
 * Object/External plain values do not depend on the pod count and are left out.
 */
export function neededReplicas(scenario: CompiledSimulation, load: number): number {
  let needed = scenario.min;
  const headroom = 1 + scenario.toleranceUp;
  for (const metric of scenario.metrics) {
    if (metric.target <= 0 || metric.kind === MetricKind.totalValue) continue;
    const perPodTarget = metric.kind === MetricKind.utilization ? (metric.target / 100) * metric.unitMilli : metric.target;
    const pods = Math.ceil((load * metric.unitMilli) / (perPodTarget * headroom) - 1e-9);
    if (pods > needed) needed = pods;
  }
  return Math.min(needed, scenario.max);
}

export function summarize(scenario: CompiledSimulation, trace: SimulationTrace): SimulationSummary {
  const period = scenario.syncPeriod;
  let shortSteps = 0;
  let episode = 0;
  let longest = 0;
  let replicaSteps = 0;
  let scaleUps = 0;
  let scaleDowns = 0;
  let peak = 0;
  let previous = scenario.startReplicas;
  for (let i = 0; i < trace.time.length; i++) {
    const replicas = trace.replicas[i] as number;
    replicaSteps += replicas;
    if (replicas > peak) peak = replicas;
    if (trace.rescaled[i]) {
      if (replicas > previous) scaleUps++;
      else scaleDowns++;
    }
    previous = replicas;
    if ((trace.ready[i] as number) < neededReplicas(scenario, trace.load[i] as number)) {
      shortSteps++;
      episode++;
      if (episode > longest) longest = episode;
    } else {
      episode = 0;
    }
  }
  return {
    timeToCapacitySeconds: longest * period,
    capacityReached: episode === 0,
    underProvisionedSeconds: shortSteps * period,
    replicaMinutes: Math.round(((replicaSteps * period) / 60) * 100) / 100,
    scaleEvents: scaleUps + scaleDowns,
    scaleUps,
    scaleDowns,
    peakReplicas: peak,
  };
}

/** The trace as one plain object per sync, for -o json|yaml and the chart. */
export function stepsOf(scenario: CompiledSimulation, trace: SimulationTrace): SimulationStep[] {
  const steps: SimulationStep[] = [];
  for (let i = 0; i < trace.time.length; i++) {
    const proposed = trace.proposed[i] as number;
    const utilization = trace.utilization[i] as number;
    steps.push({
      t: trace.time[i] as number,
      load: trace.load[i] as number,
      desiredUnclamped: proposed >= 0 ? proposed : null,
      desired: trace.desired[i] as number,
      replicas: trace.replicas[i] as number,
      readyReplicas: trace.ready[i] as number,
      utilization: utilization >= 0 ? utilization : null,
      neededReplicas: neededReplicas(scenario, trace.load[i] as number),
      conditions: conditionsOf(trace.ableToScale[i] as number, trace.scalingActive[i] as number, trace.scalingLimited[i] as number).map(
        ({ type, status, reason }) => ({ type, status, reason }),
      ),
    });
  }
  return steps;
}
