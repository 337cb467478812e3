// Load series for the simulator: built-in patterns and `t_seconds,load` CSV. Pure.
//
// "Load" is the workload's total demand in units of one pod's request: 3.2 means the work of 3.2 pods
// each running at 100 % of its CPU request. The service spreads it evenly over the ready pods, so with
// r ready pods each uses load/r of its request (utilization 100·load/r %). A value holds until the next point.
import { usageError } from '../k8s/errors.ts';
import { t } from '../i18n/index.ts';

export interface LoadSeries {
  /** Seconds from the start, strictly increasing; the first point holds from t = 0. */
  times: Float64Array;
  loads: Float64Array;
}

export type LoadPatternName = 'spike' | 'ramp' | 'diurnal';
export const loadPatternNames: readonly LoadPatternName[] = ['spike', 'ramp', 'diurnal'];

export interface LoadPatternOptions {
  durationSeconds: number;
  /** Load outside the busy part. */
  base: number;
  /** Highest load. */
  peak: number;
  /** Spacing of generated points; 15 s matches the controller's default sync period. */
  stepSeconds?: number;
}

/** The load in effect at `seconds`: the last point at or before it (the first point before it starts). */
export function loadAt(series: LoadSeries, seconds: number): number {
  const { times, loads } = series;
  let low = 0;
  let high = times.length - 1;
  if (high < 0) return 0;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((times[middle] ?? 0) <= seconds) low = middle;
    else high = middle - 1;
  }
  return loads[low] ?? 0;
}

function shapeAt(pattern: LoadPatternName, fraction: number): number {
  switch (pattern) {
    // Quiet, a sudden burst from 10 % to 40 % of the run, then quiet again (scale-down after a peak).
    case 'spike':
      return fraction >= 0.1 && fraction < 0.4 ? 1 : 0;
    // Linear climb over the first 40 %, a plateau, then a linear fall over the last 40 %.
    case 'ramp':
      return fraction < 0.4 ? fraction / 0.4 : fraction < 0.6 ? 1 : Math.max(0, (1 - fraction) / 0.4);
    // One day compressed into the run: lowest at the start and end, highest in the middle.
    case 'diurnal':
      return (1 - Math.cos(2 * Math.PI * fraction)) / 2;
  }
}

export function loadPattern(pattern: LoadPatternName, options: LoadPatternOptions): LoadSeries {
  const step = options.stepSeconds ?? 15;
  const count = Math.max(1, Math.ceil(options.durationSeconds / step));
  const times = new Float64Array(count);
  const loads = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    times[i] = i * step;
    loads[i] = options.base + (options.peak - options.base) * shapeAt(pattern, (i * step) / options.durationSeconds);
  }
  return { times, loads };
}

export function parseLoadPatternName(text: string): LoadPatternName {
  const name = text.trim().toLowerCase() as LoadPatternName;
  if (!loadPatternNames.includes(name))
    throw usageError(t('hpa.load.notPattern', { text }), t('hpa.load.useOneOf', { names: loadPatternNames.join(', ') }));
  return name;
}

const csvColumns = ['t_seconds', 'load'] as const;

/** A cell as a plain decimal (1, 3.5, .5, 1e3); NaN for anything else: Number() would also read 0x10, 0b1 and "Infinity". */
const decimal = (cell: string) => (/^\+?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cell) ? Number(cell) : Number.NaN);

/** `t_seconds,load` lines; an optional header, blank lines and # comments are skipped. */
export function parseLoadCsv(text: string, source: string): LoadSeries {
  const times: number[] = [];
  const loads: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map((cell) => cell.trim());
    const where = `${source}:${index + 1}`;
    if (times.length === 0 && cells.some((cell) => cell !== '' && Number.isNaN(Number(cell)))) return; // header (words, not numbers)
    if (cells.length < 2) throw usageError(t('hpa.load.twoColumns', { where, line }), t('hpa.load.twoColumnsHint'));
    // Number('') is 0, so an empty cell would silently become a zero time or a zero load.
    const emptyColumn = csvColumns.findIndex((_, column) => cells[column] === '');
    if (emptyColumn >= 0)
      throw usageError(
        t('hpa.load.emptyColumn', { where, column: emptyColumn + 1, name: csvColumns[emptyColumn] }),
        t('hpa.load.emptyColumnHint'),
      );
    const time = decimal(cells[0]!);
    const load = decimal(cells[1]!);
    if (!Number.isFinite(time) || time < 0) throw usageError(t('hpa.load.badTime', { where, value: cells[0] }));
    if (!Number.isFinite(load) || load < 0) throw usageError(t('hpa.load.badLoad', { where, value: cells[1] }), t('hpa.load.badLoadHint'));
    const previous = times[times.length - 1];
    if (previous !== undefined && time <= previous)
      throw usageError(t('hpa.load.notAfter', { where, time, previous }), t('hpa.load.notAfterHint'));
    times.push(time);
    loads.push(load);
  });
  if (times.length === 0) throw usageError(t('hpa.load.noRows', { source }), t('hpa.load.noRowsHint'));
  return { times: Float64Array.from(times), loads: Float64Array.from(loads) };
}

/** The last point's time, so a CSV run lasts at least as long as its data. */
export function seriesEnd(series: LoadSeries): number {
  return series.times[series.times.length - 1] ?? 0;
}
