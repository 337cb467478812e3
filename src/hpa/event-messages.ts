// What the HPA controller's event messages mean (kubernetes pkg/controller/podautoscaler/horizontal.go), and the
// deployment controller's scaling messages (pkg/controller/deployment/sync.go). Pure.
import type { MetricSpec } from '../k8s/types.ts';

/** The metric a message names, as computeReplicasForMetrics spells it ("cpu resource utilization (percentage of request)"). */
export interface NamedMetric {
  type: MetricSpec['type'];
  /** cpu, memory, or the custom metric's name. */
  name: string;
  /** Resource or ContainerResource with a utilization target. */
  utilization: boolean;
  container?: string;
}

export type RescaleCause =
  | { type: 'metric-above'; metric: NamedMetric | null; text: string }
  | { type: 'all-below' }
  | { type: 'above-max' }
  | { type: 'below-min' }
  | { type: 'other'; text: string };

export type HpaEventMeaning =
  | { kind: 'rescale'; to: number; cause: RescaleCause }
  | { kind: 'failed-rescale'; to: number | null; cause: RescaleCause | null; error: string }
  | { kind: 'failure'; metric: string | null; error: string }
  | { kind: 'other' };

/** Parses the metric part of a rescale reason; null when the wording is not the controller's. */
export function parseMetricName(text: string): NamedMetric | null {
  let match = /^(\S+) container resource( utilization \(percentage of request\))?$/.exec(text);
  if (match) return { type: 'ContainerResource', name: match[1] as string, utilization: match[2] !== undefined };
  match = /^(\S+) resource( utilization \(percentage of request\))?$/.exec(text);
  if (match) return { type: 'Resource', name: match[1] as string, utilization: match[2] !== undefined };
  match = /^pods metric (\S+)$/.exec(text);
  if (match) return { type: 'Pods', name: match[1] as string, utilization: false };
  match = /^external metric ([^(\s]+)/.exec(text);
  if (match) return { type: 'External', name: match[1] as string, utilization: false };
  match = /^\S+ metric (\S+)$/.exec(text);
  if (match) return { type: 'Object', name: match[1] as string, utilization: false };
  return null;
}

export function parseRescaleReason(text: string): RescaleCause {
  if (text === 'All metrics below target') return { type: 'all-below' };
  if (text === 'Current number of replicas above Spec.MaxReplicas') return { type: 'above-max' };
  if (text === 'Current number of replicas below Spec.MinReplicas') return { type: 'below-min' };
  const above = /^(.*) above target$/.exec(text);
  if (above) return { type: 'metric-above', metric: parseMetricName(above[1] as string), text: above[1] as string };
  return { type: 'other', text };
}

/**
 * The innermost cause of a metrics failure: the controller wraps it in "invalid metrics (…), first error is: failed
 * to get cpu resource metric value: failed to get cpu utilization: …"; what is left names the broken part.
 */
export function innermostCause(message: string): string {
  return message
    .replace(/^invalid metrics \(\d+ invalid out of \d+\), first error is: /, '')
    .replace(/^failed to get \S+ (container )?resource metric value: /, '')
    .replace(/^failed to get \S+ utilization: /, '');
}

/** The metric a failure message is about: "failed to get cpu utilization", "unable to get metric server_nio_task_wait_time". */
function failedMetric(message: string): string | null {
  const match =
    /failed to get (\S+) (?:utilization|resource metric value)/.exec(message) ??
    /unable to get (?:external )?metric (\S+?):/.exec(message) ??
    /unable to get metrics for resource (\S+?):/.exec(message);
  return match ? (match[1] as string) : null;
}

const metricFailures = new Set([
  'FailedGetResourceMetric',
  'FailedGetContainerResourceMetric',
  'FailedGetPodsMetric',
  'FailedGetObjectMetric',
  'FailedGetExternalMetric',
  'FailedComputeMetricsReplicas',
]);
const otherFailures = new Set([
  'FailedGetScale',
  'FailedUpdateScale',
  'SelectorRequired',
  'InvalidSelector',
  'AmbiguousSelector',
  'InvalidMetricSourceType',
]);

/** An HPA event by its reason and message: "New size: 4; reason: cpu resource utilization (percentage of request) above target". */
export function parseHpaEvent(reason: string, message: string): HpaEventMeaning {
  const size = /^New size: (\d+); reason: (.*?)(?:; error: (.*))?$/s.exec(message);
  if (reason === 'SuccessfulRescale' && size) return { kind: 'rescale', to: Number(size[1]), cause: parseRescaleReason(size[2] as string) };
  if (reason === 'FailedRescale')
    return size
      ? { kind: 'failed-rescale', to: Number(size[1]), cause: parseRescaleReason(size[2] as string), error: size[3] ?? message }
      : { kind: 'failed-rescale', to: null, cause: null, error: message };
  if (metricFailures.has(reason)) return { kind: 'failure', metric: failedMetric(message), error: innermostCause(message) };
  if (otherFailures.has(reason)) return { kind: 'failure', metric: null, error: message };
  return { kind: 'other' };
}

export interface ReplicaSetScaling {
  replicaSet: string;
  from: number | null;
  to: number;
}

/** "Scaled up replica set web-5bdbb7f6fb from 1 to 4" (Kubernetes ≥ 1.30), or "… web-5bdbb7f6fb to 4" (older). */
export function parseReplicaSetScaling(message: string): ReplicaSetScaling | null {
  const match = /^Scaled (?:up|down) replica set (\S+) (?:from (\d+) )?to (\d+)$/.exec(message);
  if (!match) return null;
  return { replicaSet: match[1] as string, from: match[2] === undefined ? null : Number(match[2]), to: Number(match[3]) };
}
