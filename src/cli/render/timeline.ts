// `timeline` for a terminal: the HPA's state now, one row per decision, the replicas chart, and what has expired.
import { t } from '../../i18n/index.ts';
import type { TimelineView } from '../../apply/timeline.ts';
import { renderChart } from '../../hpa/chart.ts';
import { replicaSteps, type TimelineLimit, type TimelineRow } from '../../hpa/timeline.ts';
import { renderTable } from '../output.ts';
import type { Paint } from './paint.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time; the date too when it is not today's. */
export function clock(iso: string, now: Date): string {
  const time = new Date(iso);
  const hms = `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`;
  return time.toDateString() === now.toDateString()
    ? hms
    : `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${hms}`;
}

function age(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
}

/** "scale up ×3": a repeated event's count after what happened. */
const repeated = (text: string, row: TimelineRow) => (row.count > 1 ? t('timeline.what.repeated', { what: text, times: row.count }) : text);

function what(row: TimelineRow): string {
  switch (row.kind) {
    case 'rescale':
      if (row.from === null) return repeated(t('timeline.what.rescale'), row);
      return repeated(t((row.to ?? 0) > row.from ? 'timeline.what.scaleUp' : 'timeline.what.scaleDown'), row);
    case 'failed-rescale':
      return repeated(t('timeline.what.failedRescale'), row);
    case 'target':
      return repeated(t('timeline.what.targetScaled'), row);
    case 'status':
      return t('timeline.what.status');
    case 'limit':
      return t('timeline.what.limited', { reason: row.reason });
    case 'stabilized':
      return t('timeline.what.held', { reason: row.reason });
    case 'failure':
      return row.source === 'condition' ? t('timeline.what.failing', { reason: row.reason }) : repeated(row.reason, row);
  }
}

function replicas(row: TimelineRow): string {
  if (row.to === null) return '-';
  return row.from === null ? `→ ${row.to}` : `${row.from} → ${row.to}`;
}

function metric(row: TimelineRow): string {
  if (row.cause?.type === 'all-below') return t('timeline.metric.allBelow');
  if (!row.metric) return row.cause?.type === 'metric-above' ? t('timeline.metric.causeAbove', { cause: row.cause.text }) : '-';
  if (row.cause?.type !== 'metric-above') return row.metric.name;
  const { name, target, implied } = row.metric;
  if (!target) return t('timeline.metric.aboveTarget', { metric: name });
  return implied
    ? t('timeline.metric.aboveImplied', { metric: name, target, implied })
    : t('timeline.metric.above', { metric: name, target });
}

/** The bound a decision met, in words. */
export function limitText(limit: TimelineLimit | null): string {
  if (!limit) return '-';
  switch (limit.type) {
    case 'above-max':
      return t('timeline.limit.aboveMax', { replicas: limit.replicas });
    case 'below-min':
      return t('timeline.limit.belowMin', { replicas: limit.replicas });
    case 'reached-max':
      return t('timeline.limit.reachedMax', { replicas: limit.replicas });
    case 'reached-min':
      return t('timeline.limit.reachedMin', { replicas: limit.replicas });
    case 'max':
      return t('timeline.limit.max', { replicas: limit.replicas });
    case 'min':
      return t('timeline.limit.min', { replicas: limit.replicas });
    case 'scale-up-limit':
      return t('timeline.limit.scaleUpLimit');
    case 'rate-limit':
      return t(limit.direction === 'scaleUp' ? 'timeline.limit.scaleUpRate' : 'timeline.limit.scaleDownRate');
    case 'policy': {
      // Policies as the spec spells them (Pods 4/60s): field values, the same in every language.
      const policies = limit.policies.map((p) => `${p.type} ${p.value}/${p.periodSeconds}s`).join(', ');
      return t(limit.selectPolicy === 'Min' ? 'timeline.limit.policyMin' : 'timeline.limit.policyMax', {
        direction: limit.direction,
        policies,
      });
    }
    case 'after-stabilization':
      return t(limit.direction === 'scaleUp' ? 'timeline.limit.afterScaleUpWindow' : 'timeline.limit.afterScaleDownWindow', {
        seconds: limit.seconds,
      });
    case 'stabilization':
      return t('timeline.limit.window', { seconds: limit.seconds });
    case 'condition':
      return limit.reason;
  }
}

function detail(row: TimelineRow, now: Date): string {
  const text =
    row.kind === 'status'
      ? t('timeline.detail.expired')
      : row.kind === 'target' && row.detail
        ? t('timeline.detail.replicaSetScaled', { replicaSet: row.detail })
        : (row.detail ?? '');
  if (!row.lastTime) return text || '-';
  const time = clock(row.lastTime, now);
  return text ? t('timeline.detail.lastWith', { time, detail: text }) : t('timeline.detail.last', { time });
}

export const timelineHeaders = () => [
  t('cli.table.timeline.time'),
  t('cli.table.timeline.what'),
  t('cli.table.timeline.replicas'),
  t('cli.table.timeline.metric'),
  t('cli.table.timeline.limit'),
  t('cli.table.timeline.detail'),
];

/** A stable identity for a row, and what makes it worth printing again (a repeated event's count). */
export const rowKey = (row: TimelineRow) => `${row.source}|${row.reason}|${row.time}|${row.to}|${row.kind === 'failure' ? row.detail : ''}`;
export const rowVersion = (row: TimelineRow) => `${row.count}|${row.lastTime}`;

export function timelineCells(row: TimelineRow, now: Date, paint: Paint): string[] {
  const text = what(row);
  return [
    clock(row.time, now),
    row.warning ? paint('yellow', text) : text,
    replicas(row),
    metric(row),
    limitText(row.limit),
    detail(row, now),
  ];
}

function header(view: TimelineView, now: Date, paint: Paint): string {
  const params = {
    hpa: paint('bold', `HPA ${view.namespace}/${view.name}`),
    kind: view.target.kind,
    target: view.target.name,
    min: view.minReplicas,
    max: view.maxReplicas,
    current: view.currentReplicas ?? '?',
    desired: view.desiredReplicas,
    targets: view.targets,
  };
  const desired = view.desiredReplicas !== null && view.desiredReplicas !== view.currentReplicas;
  const lines = [t(desired ? 'timeline.header.desired' : 'timeline.header.line', params)];
  if (view.lastScaleTime)
    lines.push(t('cli.timeline.lastRescale', { time: clock(view.lastScaleTime, now), age: age(view.lastScaleTime, now) }));
  const conditions = view.conditions.map((c) => {
    const text = `${c.type}=${c.status} ${c.reason}`;
    const bad = (c.type !== 'ScalingLimited' && c.status === 'False') || (c.type === 'ScalingLimited' && c.status === 'True');
    return bad ? paint('yellow', text) : text;
  });
  if (conditions.length > 0) lines.push(t('cli.timeline.conditions', { conditions: conditions.join(', ') }));
  return lines.join('\n') + '\n';
}

/** What the record cannot tell: expired events, and what the status still says. */
export function coverageNotes(view: TimelineView, now: Date): string[] {
  const notes: string[] = [];
  const { expiredBefore, lastRescaleEventExpired, oldestEvent } = view.coverage;
  if (expiredBefore)
    notes.push(
      oldestEvent
        ? t('cli.timeline.expired', { before: clock(expiredBefore, now), oldest: clock(oldestEvent, now) })
        : t('cli.timeline.expiredAll', { before: clock(expiredBefore, now) }),
    );
  if (lastRescaleEventExpired && view.lastScaleTime)
    notes.push(
      t(view.currentReplicas === 1 ? 'cli.timeline.rescaleLostOne' : 'cli.timeline.rescaleLost', {
        time: clock(view.lastScaleTime, now),
        current: view.currentReplicas ?? '?',
        desired: view.desiredReplicas ?? '?',
      }),
    );
  if (view.rows.length === 0) notes.push(t('cli.timeline.noDecision'));
  return notes;
}

export function renderTimeline(view: TimelineView, now: Date, paint: Paint, width?: number): string {
  const parts = [header(view, now, paint)];
  if (view.rows.length > 0)
    parts.push(
      renderTable(
        timelineHeaders(),
        view.rows.map((row) => timelineCells(row, now, paint)),
        width,
      ),
    );
  // A flat line says nothing the header does not.
  if (new Set(view.series.map((point) => point.replicas)).size > 1) {
    const chartWidth = Math.min(Math.max((width ?? 80) - 4, 40), 120);
    const steps = replicaSteps(view, chartWidth).map((step) => ({
      ...step,
      load: 0,
      desiredUnclamped: null,
      desired: step.replicas,
      readyReplicas: step.replicas,
      utilization: null,
      neededReplicas: 0,
      conditions: [],
    }));
    parts.push(
      renderChart([{ title: t('timeline.chart.title', { time: clock(view.window.from, now) }), steps }], {
        width: chartWidth,
        height: 8,
        paint,
        legend: `     ${t('timeline.chart.legend', { mark: paint('cyan', '█') })}`,
      }),
    );
  }
  const notes = coverageNotes(view, now);
  if (notes.length > 0) parts.push(notes.map((note) => `${paint('dim', t('cli.timeline.noteLabel'))} ${note}`).join('\n') + '\n');
  return parts.join('\n');
}
