// `timeline` for a terminal: the HPA's state now, one row per decision, the replicas chart, and what has expired.
import { t } from '../../i18n/index.ts';
import type { TimelineView } from '../../apply/timeline.ts';
import { renderChart } from '../../hpa/chart.ts';
import { replicaSteps, type TimelineRow } from '../../hpa/timeline.ts';
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

function what(row: TimelineRow): string {
  const times = row.count > 1 ? ` ×${row.count}` : '';
  switch (row.kind) {
    case 'rescale':
      if (row.from === null) return `rescale${times}`;
      return `${(row.to ?? 0) > row.from ? 'scale up' : 'scale down'}${times}`;
    case 'failed-rescale':
      return `rescale failed${times}`;
    case 'target':
      return `replica set scaled${times}`;
    case 'status':
      return 'last rescale (status)';
    case 'limit':
      return `now limited: ${row.reason}`;
    case 'stabilized':
      return `now held: ${row.reason}`;
    case 'failure':
      return row.source === 'condition' ? `now failing: ${row.reason}` : `${row.reason}${times}`;
  }
}

function replicas(row: TimelineRow): string {
  if (row.to === null) return '-';
  return row.from === null ? `→ ${row.to}` : `${row.from} → ${row.to}`;
}

function metric(row: TimelineRow): string {
  if (row.cause?.type === 'all-below') return 'all metrics below target';
  if (!row.metric) return row.cause?.type === 'metric-above' ? `${row.cause.text} above target` : '-';
  if (row.cause?.type !== 'metric-above') return row.metric.name;
  const target = row.metric.target ? ` ${row.metric.target}` : ' target';
  return `${row.metric.name} above${target}${row.metric.implied ? ` (${row.metric.implied})` : ''}`;
}

function detail(row: TimelineRow, now: Date): string {
  const until = row.lastTime ? `last ${clock(row.lastTime, now)}` : '';
  const text = row.kind === 'status' ? 'its event has expired; the size is today’s' : (row.detail ?? '');
  return [until, text].filter(Boolean).join(': ') || '-';
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
  return [clock(row.time, now), row.warning ? paint('yellow', text) : text, replicas(row), metric(row), row.limit ?? '-', detail(row, now)];
}

function header(view: TimelineView, now: Date, paint: Paint): string {
  const current = view.currentReplicas ?? '?';
  const desired = view.desiredReplicas !== null && view.desiredReplicas !== view.currentReplicas ? `, desired ${view.desiredReplicas}` : '';
  const lines = [
    `${paint('bold', `HPA ${view.namespace}/${view.name}`)} → ${view.target.kind}/${view.target.name}   min ${view.minReplicas}  max ${view.maxReplicas}   replicas ${current}${desired}   ${view.targets}`,
  ];
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
      renderChart([{ title: `replicas since ${clock(view.window.from, now)}`, steps }], {
        width: chartWidth,
        height: 8,
        paint,
        legend: `     ${paint('cyan', '█')} replicas, from the rescales recorded (blank before the first known size)`,
      }),
    );
  }
  const notes = coverageNotes(view, now);
  if (notes.length > 0) parts.push(notes.map((note) => `${paint('dim', t('cli.timeline.noteLabel'))} ${note}`).join('\n') + '\n');
  return parts.join('\n');
}
