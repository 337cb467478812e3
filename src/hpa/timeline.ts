// An HPA's scaling decisions over time, from its events, its scale target's events and its status. Pure: the
// caller reads the objects and passes `now`.
import type { Condition, HorizontalPodAutoscaler, KubeEvent } from '../k8s/types.ts';
import { controllerDefaults, resolveBehavior } from './behavior.ts';
import { parseHpaEvent, parseReplicaSetScaling, type RescaleCause } from './event-messages.ts';
import { impliedValue, limitOf, type Rescale, specFor, type TimelineLimit, targetText, unclamped } from './timeline-decisions.ts';

export type { TimelineLimit } from './timeline-decisions.ts';

export type TimelineKind = 'rescale' | 'failed-rescale' | 'failure' | 'limit' | 'stabilized' | 'target' | 'status';

export interface TimelineRow {
  /** When it happened first (ISO); for a condition, when it became so. */
  time: string;
  /** The last of `count` occurrences, when the event repeated. */
  lastTime: string | null;
  count: number;
  kind: TimelineKind;
  /** The event's or condition's reason, e.g. SuccessfulRescale, FailedGetResourceMetric, TooManyReplicas. */
  reason: string;
  warning: boolean;
  from: number | null;
  to: number | null;
  cause: RescaleCause | null;
  /** The metric behind it, its target, and what the rescale implies about its value then. */
  metric: { name: string; target: string | null; implied: string | null } | null;
  /** The limit that shaped the decision: min/max, the scale-up limit, a policy, a stabilization window. */
  limit: TimelineLimit | null;
  /** The failure's innermost cause, the condition's message, or the replica set a target row's Deployment scaled. */
  detail: string | null;
  source: 'event' | 'target-event' | 'condition' | 'status';
}

export interface TimelineCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  since: string | null;
}

export interface HpaTimeline {
  namespace: string;
  name: string;
  target: { kind: string; name: string };
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number | null;
  desiredReplicas: number | null;
  lastScaleTime: string | null;
  conditions: TimelineCondition[];
  rows: TimelineRow[];
  /** Replicas at each change, oldest first, ending now: the chart's line. */
  series: { time: string; replicas: number }[];
  window: { from: string; to: string };
  coverage: {
    /** The oldest event still kept; null when none is. */
    oldestEvent: string | null;
    /** Before this, events have expired (the HPA is older than the API server's event TTL); null when nothing is lost. */
    expiredBefore: string | null;
    /** status.lastScaleTime names a rescale whose event is gone. */
    lastRescaleEventExpired: boolean;
  };
}

export interface TimelineInput {
  hpa: HorizontalPodAutoscaler;
  events: KubeEvent[];
  /** Events of the scale target (a Deployment's "Scaled up replica set … from 1 to 4"), when read. */
  targetEvents?: KubeEvent[];
  now: Date;
  /** Only what happened in the last this many seconds. */
  sinceSeconds?: number | undefined;
}

/** kube-apiserver's --event-ttl default. */
export const eventTtlSeconds = 3600;
/** Events of one decision land within a second or two of each other. */
const sameMomentMs = 5000;

const timeOf = (event: KubeEvent) => event.firstTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp ?? null;
const lastTimeOf = (event: KubeEvent) => event.series?.lastObservedTime ?? event.lastTimestamp ?? null;
const countOf = (event: KubeEvent) => event.series?.count ?? event.count ?? 1;
const ms = (time: string) => Date.parse(time);

function conditionRow(condition: Condition, hpa: HorizontalPodAutoscaler): TimelineRow | null {
  const reason = condition.reason ?? '';
  const time = condition.lastTransitionTime;
  if (!time) return null;
  const base = { time, lastTime: null, count: 1, reason, from: null, to: null, cause: null, metric: null, source: 'condition' as const };
  const detail = condition.message ?? null;
  if (condition.type === 'ScalingLimited' && condition.status === 'True') {
    const bound: Record<string, TimelineLimit> = {
      TooManyReplicas: { type: 'max', replicas: hpa.spec.maxReplicas },
      TooFewReplicas: { type: 'min', replicas: hpa.spec.minReplicas ?? 1 },
      ScaleUpLimit: { type: 'rate-limit', direction: 'scaleUp' },
      ScaleDownLimit: { type: 'rate-limit', direction: 'scaleDown' },
    };
    return { ...base, kind: 'limit', warning: false, limit: bound[reason] ?? { type: 'condition', reason }, detail };
  }
  if (condition.type === 'AbleToScale' && (reason === 'ScaleDownStabilized' || reason === 'ScaleUpStabilized')) {
    const behavior = resolveBehavior(hpa.spec.behavior);
    const window =
      reason === 'ScaleUpStabilized'
        ? behavior?.scaleUp.stabilizationWindowSeconds
        : (behavior?.scaleDown.stabilizationWindowSeconds ?? controllerDefaults.downscaleStabilizationSeconds);
    return { ...base, kind: 'stabilized', warning: false, limit: { type: 'stabilization', seconds: window ?? 0 }, detail };
  }
  if (condition.status === 'False' && (condition.type === 'AbleToScale' || condition.type === 'ScalingActive'))
    return { ...base, kind: 'failure', warning: true, limit: null, detail };
  return null;
}

export function buildTimeline(input: TimelineInput): HpaTimeline {
  const { hpa, now } = input;
  const metrics = hpa.spec.metrics ?? [];
  const nowIso = now.toISOString();
  const windowFrom = input.sinceSeconds === undefined ? null : now.getTime() - input.sinceSeconds * 1000;
  const events = input.events.filter((event) => timeOf(event) !== null).sort((a, b) => ms(timeOf(a)!) - ms(timeOf(b)!));
  const targetScalings = (input.targetEvents ?? [])
    .filter((event) => event.reason === 'ScalingReplicaSet' && timeOf(event) !== null)
    .map((event) => ({ event, scaling: parseReplicaSetScaling(event.message ?? ''), used: false }));

  // Each occurrence of a rescale, in order: a repeated event counts at its first and at its last time, and in
  // between wherever the Deployment's own event of the same size shows one (an event keeps only first, last, count).
  const rescales: Rescale[] = [];
  const inside = (time: string, first: string, last: string) => ms(time) > ms(first) + sameMomentMs && ms(time) < ms(last) - sameMomentMs;
  for (const event of events) {
    const meaning = parseHpaEvent(event.reason ?? '', event.message ?? '');
    if (meaning.kind !== 'rescale') continue;
    const first = timeOf(event)!;
    rescales.push({ time: first, to: meaning.to, from: null });
    const last = lastTimeOf(event);
    if (countOf(event) < 2 || !last || last === first) continue;
    rescales.push({ time: last, to: meaning.to, from: null });
    let between = countOf(event) - 2;
    for (const target of targetScalings) {
      if (between === 0) break;
      if (target.used || target.scaling?.to !== meaning.to || !inside(timeOf(target.event)!, first, last)) continue;
      target.used = true;
      between--;
      rescales.push({ time: timeOf(target.event)!, to: meaning.to, from: target.scaling.from });
    }
  }
  rescales.sort((a, b) => ms(a.time) - ms(b.time));
  rescales.forEach((rescale, i) => {
    if (rescale.from !== null) return;
    // The deployment controller's event of the same moment says where it came from; else the rescale before it.
    const match = targetScalings.find(
      (t) => !t.used && t.scaling?.to === rescale.to && Math.abs(ms(timeOf(t.event)!) - ms(rescale.time)) <= sameMomentMs,
    );
    if (match) match.used = true;
    rescale.from = match?.scaling?.from ?? rescales[i - 1]?.to ?? null;
  });

  const rows: TimelineRow[] = [];
  for (const event of events) {
    const meaning = parseHpaEvent(event.reason ?? '', event.message ?? '');
    if (meaning.kind === 'other') continue;
    const time = timeOf(event)!;
    const count = countOf(event);
    const lastTime = count > 1 ? lastTimeOf(event) : null;
    const base = { time, lastTime, count, reason: event.reason ?? '', warning: event.type === 'Warning', source: 'event' as const };
    if (meaning.kind === 'rescale') {
      const index = rescales.findIndex((r) => r.time === time && r.to === meaning.to);
      const from = rescales[index]?.from ?? null;
      const named = meaning.cause.type === 'metric-above' ? meaning.cause.metric : null;
      const target = named ? specFor(metrics, named) : undefined;
      const limit = limitOf(hpa, meaning.cause, from, meaning.to, rescales.slice(0, Math.max(index, 0)), time);
      const metric = named
        ? {
            name: named.name,
            target: targetText(target),
            implied: from !== null && unclamped(limit) ? impliedValue(named, target, from, meaning.to) : null,
          }
        : null;
      rows.push({ ...base, kind: 'rescale', from, to: meaning.to, cause: meaning.cause, metric, limit, detail: null });
    } else if (meaning.kind === 'failed-rescale') {
      rows.push({
        ...base,
        kind: 'failed-rescale',
        from: null,
        to: meaning.to,
        cause: meaning.cause,
        metric: null,
        limit: null,
        detail: meaning.error,
      });
    } else {
      const metric = meaning.metric ? { name: meaning.metric, target: null, implied: null } : null;
      rows.push({ ...base, kind: 'failure', from: null, to: null, cause: null, metric, limit: null, detail: meaning.error });
    }
  }
  for (const { event, scaling, used } of targetScalings) {
    if (used || !scaling) continue;
    const time = timeOf(event)!;
    rows.push({
      time,
      lastTime: countOf(event) > 1 ? lastTimeOf(event) : null,
      count: countOf(event),
      kind: 'target',
      reason: event.reason ?? '',
      warning: false,
      from: scaling.from,
      to: scaling.to,
      cause: null,
      metric: null,
      limit: null,
      detail: scaling.replicaSet,
      source: 'target-event',
    });
  }
  // Each failed sync says it twice (FailedGet…Metric, then FailedComputeMetricsReplicas wrapping the same cause): once is enough.
  const echoes = rows.filter(
    (row) =>
      row.reason === 'FailedComputeMetricsReplicas' &&
      rows.some((other) => other.reason.startsWith('FailedGet') && other.detail === row.detail && other.time === row.time),
  );
  for (const echo of echoes) rows.splice(rows.indexOf(echo), 1);
  for (const condition of hpa.status?.conditions ?? []) {
    const row = conditionRow(condition, hpa);
    if (row) rows.push(row);
  }

  const lastScaleTime = hpa.status?.lastScaleTime ?? null;
  const lastRescaleEventExpired = lastScaleTime !== null && !rescales.some((r) => Math.abs(ms(r.time) - ms(lastScaleTime)) <= sameMomentMs);
  const currentReplicas = hpa.status?.currentReplicas ?? null;
  if (lastRescaleEventExpired && lastScaleTime)
    rows.push({
      time: lastScaleTime,
      lastTime: null,
      count: 1,
      kind: 'status',
      reason: 'lastScaleTime',
      warning: false,
      from: null,
      to: currentReplicas,
      cause: null,
      metric: null,
      limit: null,
      detail: null,
      source: 'status',
    });
  rows.sort((a, b) => ms(a.time) - ms(b.time));

  const created = hpa.metadata.creationTimestamp ?? null;
  const ttlStart = now.getTime() - eventTtlSeconds * 1000;
  const expiredBefore = created === null || ms(created) < ttlStart ? new Date(ttlStart).toISOString() : null;
  const oldestEvent = events[0] ? timeOf(events[0]) : null;
  const from =
    windowFrom ?? Math.min(...[created, oldestEvent, ...rows.map((r) => r.time)].filter((t) => t !== null).map(ms), now.getTime());
  const shown = rows.filter((row) => windowFrom === null || ms(row.lastTime ?? row.time) >= windowFrom);
  return {
    namespace: hpa.metadata.namespace ?? '',
    name: hpa.metadata.name,
    target: { kind: hpa.spec.scaleTargetRef.kind, name: hpa.spec.scaleTargetRef.name },
    minReplicas: hpa.spec.minReplicas ?? 1,
    maxReplicas: hpa.spec.maxReplicas,
    currentReplicas,
    desiredReplicas: hpa.status?.desiredReplicas ?? null,
    lastScaleTime,
    conditions: (hpa.status?.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason ?? '',
      message: c.message ?? '',
      since: c.lastTransitionTime ?? null,
    })),
    rows: shown,
    series: replicaSeries(rescales, currentReplicas, from, nowIso),
    window: { from: new Date(from).toISOString(), to: nowIso },
    coverage: { oldestEvent, expiredBefore, lastRescaleEventExpired },
  };
}

/** Replicas at the window's start, at each rescale inside it, and now. */
function replicaSeries(rescales: Rescale[], current: number | null, from: number, now: string): HpaTimeline['series'] {
  const before = rescales.filter((r) => ms(r.time) <= from).at(-1);
  const inside = rescales.filter((r) => ms(r.time) > from);
  // Before a first rescale whose origin is unknown, the chart stays blank rather than guess.
  const start = before ? before.to : inside.length > 0 ? inside[0]!.from : current;
  const series: HpaTimeline['series'] = [];
  if (start !== null) series.push({ time: new Date(from).toISOString(), replicas: start });
  for (const r of inside) series.push({ time: r.time, replicas: r.to });
  const end = current ?? series.at(-1)?.replicas;
  if (end !== undefined) series.push({ time: now, replicas: end });
  return series;
}

/** The series sampled at `count` even steps from the window's start, for the shared chart; 0 (blank) where unknown. */
export function replicaSteps(timeline: HpaTimeline, count = 120): { t: number; replicas: number }[] {
  const from = ms(timeline.window.from);
  const span = Math.max(1, ms(timeline.window.to) - from);
  const steps: { t: number; replicas: number }[] = [];
  let index = 0;
  for (let i = 0; i < count; i++) {
    const at = from + (span * i) / (count - 1);
    while (index + 1 < timeline.series.length && ms(timeline.series[index + 1]!.time) <= at) index++;
    const point = timeline.series[index];
    const known = point !== undefined && ms(point.time) <= at;
    steps.push({ t: Math.round((at - from) / 1000), replicas: known ? point.replicas : 0 });
  }
  return steps;
}
