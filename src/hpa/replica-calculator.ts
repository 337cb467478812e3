// Per-metric replica proposals, following kubernetes pkg/controller/podautoscaler/replica_calculator.go on a modelled pod set. Pure.
//
// Pod model: every pod of the target gets an equal share of the load once ready; a pod still starting is
// Pending (unready for every metric). Metric values are integers in milli-units, as the controller sees them.
import { tryParseQuantity } from '../k8s/quantity.ts';
import type { MetricSpec, MetricTarget } from '../k8s/types.ts';
import { ScalingActive } from './conditions.ts';

/** How a metric turns load into a replica count. */
export const MetricKind = {
  /** Resource/ContainerResource with averageUtilization: integer % of request (GetResourceReplicas). */
  utilization: 0,
  /** Resource/ContainerResource/Pods with averageValue: the pods' average, milli-units (calcPlainMetricReplicas). */
  podAverage: 1,
  /** Object/External with value: one total compared with the target (GetObjectMetricReplicas). */
  totalValue: 2,
  /** Object/External with averageValue: the total divided by status.replicas (GetObjectPerPodMetricReplicas). */
  totalAverage: 3,
} as const;
export type MetricKind = (typeof MetricKind)[keyof typeof MetricKind];

export interface CompiledMetric {
  label: string;
  kind: MetricKind;
  /** CPU pods need a sample taken after they became ready (groupPods). */
  cpu: boolean;
  /** Percent for utilization; milli-units otherwise. */
  target: number;
  /** Milli-units one unit of load produces: a pod's request for utilization and resource values; else see compileMetric. */
  unitMilli: number;
  /** ScalingActive reason when the metric cannot be computed. */
  failure: number;
}

export interface PodRequests {
  /** Cores; default 1. */
  cpu?: number;
  /** Bytes; default 1Gi. */
  memory?: number;
}

/** What one sync sees of the pods and the load. */
export interface PodView {
  /** scale.spec.replicas. */
  current: number;
  /** Pods that exist (scale.status.replicas). */
  pods: number;
  /** Running and Ready. */
  ready: number;
  /** Ready and sampled since becoming ready: the pods whose CPU metrics count. */
  cpuReady: number;
  load: number;
  toleranceUp: number;
  toleranceDown: number;
  /**
   * The metrics pipeline (SimulationInput.scrapes), when modelled: the pods that have a sample in metrics-server's
   * latest scrape (the oldest `reporting` pods; newer ones are missing); undefined when not modelled.
   */
  reporting?: number;
  /** The load and the ready pods it was spread over when that scrape was taken. */
  sampleLoad?: number;
  sampleReady?: number;
  /**
   * The share of pods whose CPU reading is 1 milli-core above their usage: metrics-server's rate is in nanocores and
   * lands a hair above or below the set usage; the controller's MilliValue() rounds it up. The total gains
   * floor(pods × share) milli-cores (with 1/2: the median of that binomial count, the lower one when there are two).
   */
  roundedUpShare?: number;
  /** Instead of the median: how many of the sampled pods' readings were rounded up in the latest scrape (a draw). */
  roundedUp?: number;
}

function milli(text: string | undefined): number {
  return Math.round((tryParseQuantity(text ?? '') ?? 0) * 1000);
}

function requestMilli(resource: string, requests: PodRequests): number {
  if (resource === 'cpu') return Math.round((requests.cpu ?? 1) * 1000);
  if (resource === 'memory') return Math.round((requests.memory ?? 2 ** 30) * 1000);
  return 1000;
}

/**
 * Turns a metric spec into the simulator's form. For Pods, Object and External metrics the load→value mapping is
 * unknown, so by default a metric reaches its target when each pod carries one unit of load (or the total is one
 * unit, for Object/External); `unitValue` (in the metric's own units) overrides that.
 */
export function compileMetric(spec: MetricSpec, requests: PodRequests, unitValue?: number): CompiledMetric {
  const unit = (fallbackMilli: number) => (unitValue === undefined ? fallbackMilli : Math.round(unitValue * 1000));
  const source = spec.resource ?? spec.containerResource;
  if ((spec.type === 'Resource' || spec.type === 'ContainerResource') && source) {
    const failure = spec.type === 'Resource' ? ScalingActive.FailedGetResourceMetric : ScalingActive.FailedGetContainerResourceMetric;
    const cpu = source.name === 'cpu';
    const request = requestMilli(source.name, requests);
    // averageValue wins over averageUtilization when both are set (horizontal.go's Resource metric path).
    if (source.target.averageValue !== undefined) {
      return {
        label: `${source.name} (average value)`,
        kind: MetricKind.podAverage,
        cpu,
        target: milli(source.target.averageValue),
        unitMilli: unit(request),
        failure,
      };
    }
    return {
      label: `${source.name} (% of request)`,
      kind: MetricKind.utilization,
      cpu,
      target: source.target.averageUtilization ?? 0,
      unitMilli: request,
      failure,
    };
  }
  if (spec.type === 'Pods' && spec.pods) {
    const target = milli(spec.pods.target.averageValue);
    return {
      label: `pods/${spec.pods.metric.name}`,
      kind: MetricKind.podAverage,
      cpu: false,
      target,
      unitMilli: unit(target),
      failure: ScalingActive.FailedGetPodsMetric,
    };
  }
  const total = spec.type === 'Object' ? spec.object : spec.external;
  if (total) {
    const target: MetricTarget = total.target;
    const failure = spec.type === 'Object' ? ScalingActive.FailedGetObjectMetric : ScalingActive.FailedGetExternalMetric;
    const label = `${spec.type.toLowerCase()}/${total.metric.name}`;
    // External checks averageValue first; Object needs type Value for a plain value (horizontal.go's Object/External paths).
    const average = spec.type === 'External' ? target.averageValue !== undefined : !(target.type === 'Value' && target.value !== undefined);
    const targetMilli = milli(average ? target.averageValue : target.value);
    return {
      label,
      kind: average ? MetricKind.totalAverage : MetricKind.totalValue,
      cpu: false,
      target: targetMilli,
      unitMilli: unit(targetMilli),
      failure,
    };
  }
  return {
    label: spec.type,
    kind: MetricKind.utilization,
    cpu: false,
    target: 0,
    unitMilli: 1000,
    failure: ScalingActive.FailedGetResourceMetric,
  };
}

/** An empty metrics list is defaulted to CPU at 80 % (kubernetes pkg/apis/autoscaling/v2/defaults.go). */
export const defaultMetrics: readonly MetricSpec[] = [
  { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
];

const isWithin = (ratio: number, view: PodView) => 1 - view.toleranceDown <= ratio && ratio <= 1 + view.toleranceUp;

/** The metric's current value: integer % for utilization, milli-units otherwise; -1 when it cannot be computed. */
export function currentMetricValue(metric: CompiledMetric, view: PodView): number {
  if (metric.kind === MetricKind.totalValue || metric.kind === MetricKind.totalAverage) return Math.round(view.load * metric.unitMilli);
  if (view.reporting !== undefined) {
    const sampled = Math.min(view.reporting, view.ready);
    return sampled === 0 ? -1 : averageOver(metric, sampledTotal(metric, view, sampled), sampled);
  }
  const sampled = metric.cpu ? view.cpuReady : view.ready;
  if (sampled === 0) return -1;
  return averageOver(metric, perPodMilli(metric, view) * sampled, sampled);
}

/** Traffic reaches every ready pod, sampled or not: each carries load/ready units, in whole milli-units. */
function perPodMilli(metric: CompiledMetric, view: PodView): number {
  return view.ready > 0 ? Math.round((view.load * metric.unitMilli) / view.ready) : 0;
}

/** Utilization is int32(Σmetric·100 / Σrequest); a plain average is Σmetric / n; both integer divisions. */
function averageOver(metric: CompiledMetric, total: number, pods: number): number {
  return metric.kind === MetricKind.utilization ? Math.floor((total * 100) / (metric.unitMilli * pods)) : Math.floor(total / pods);
}

/**
 * The sampled pods' total reading in the latest scrape: each pod's share of the load then (whole milli-units, as the
 * usage is set), plus, for CPU, the readings MilliValue() rounded up (see PodView.roundedUpShare).
 */
function sampledTotal(metric: CompiledMetric, view: PodView, sampled: number): number {
  const ready = view.sampleReady ?? view.ready;
  const share = ready > 0 ? Math.round(((view.sampleLoad ?? view.load) * metric.unitMilli) / ready) : 0;
  if (!metric.cpu) return share * sampled;
  return share * sampled + Math.min(view.roundedUp ?? Math.floor(sampled * (view.roundedUpShare ?? 0)), sampled);
}

/**
 * GetResourceReplicas / calcPlainMetricReplicas (replica_calculator.go) with the metrics pipeline modelled: pods with a
 * sample are the ready ones; Running pods without one are missing (0 on a scale-up; on a scale-down 100 % of the
 * request, or the target if higher, for utilization, the target for a plain average); Pending pods are unready (0 on
 * a scale-up, else left out).
 */
function scrapedMetricReplicas(metric: CompiledMetric, view: PodView): number {
  const sampled = Math.min(view.reporting ?? 0, view.ready);
  if (sampled === 0) return -1; // "did not receive metrics for targeted pods (pods might be unready)"
  const missing = view.ready - sampled;
  const unready = view.pods - view.ready;
  const total = sampledTotal(metric, view, sampled);
  const ratio = averageOver(metric, total, sampled) / metric.target;
  const scaleUpWithUnready = unready > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing === 0) return isWithin(ratio, view) ? view.current : Math.ceil(ratio * sampled);
  let everyone = sampled;
  let sum = total;
  if (missing > 0 && ratio !== 1) {
    everyone += missing;
    if (ratio < 1) {
      const fallback =
        metric.kind === MetricKind.utilization ? Math.floor((metric.unitMilli * Math.max(100, metric.target)) / 100) : metric.target;
      sum += missing * fallback;
    }
  }
  if (scaleUpWithUnready) everyone += unready;
  const newRatio = averageOver(metric, sum, everyone) / metric.target;
  if (isWithin(newRatio, view) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return view.current;
  const proposal = Math.ceil(newRatio * everyone);
  if ((newRatio < 1 && proposal > view.current) || (newRatio > 1 && proposal < view.current)) return view.current;
  return proposal;
}

/** GetResourceReplicas / calcPlainMetricReplicas: ready pods' average, unready pods counted as 0 on a scale-up. */
function podMetricReplicas(metric: CompiledMetric, view: PodView): number {
  if (view.reporting !== undefined) return scrapedMetricReplicas(metric, view);
  const sampled = metric.cpu ? view.cpuReady : view.ready;
  if (sampled === 0) return -1; // "did not receive metrics for targeted pods (pods might be unready)"
  const unready = view.pods - sampled;
  const total = perPodMilli(metric, view) * sampled;
  const ratio = averageOver(metric, total, sampled) / metric.target;
  if (!(unready > 0 && ratio > 1)) return isWithin(ratio, view) ? view.current : Math.ceil(ratio * sampled);
  const everyone = sampled + unready;
  const newRatio = averageOver(metric, total, everyone) / metric.target;
  if (isWithin(newRatio, view) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return view.current;
  const proposal = Math.ceil(newRatio * everyone);
  if ((newRatio < 1 && proposal > view.current) || (newRatio > 1 && proposal < view.current)) return view.current;
  return proposal;
}

/** The replica count one metric asks for, or -1 when it cannot be computed. */
export function metricReplicas(metric: CompiledMetric, view: PodView): number {
  switch (metric.kind) {
    case MetricKind.utilization:
    case MetricKind.podAverage:
      return podMetricReplicas(metric, view);
    case MetricKind.totalValue: {
      const ratio = Math.round(view.load * metric.unitMilli) / metric.target;
      if (view.current === 0) return Math.ceil(ratio);
      return isWithin(ratio, view) ? view.current : Math.min(Math.ceil(ratio * view.ready), 2147483647);
    }
    case MetricKind.totalAverage: {
      const usage = Math.round(view.load * metric.unitMilli);
      const ratio = usage / (metric.target * view.pods);
      return isWithin(ratio, view) ? view.pods : Math.ceil(usage / metric.target);
    }
  }
}
