// The deployed chart, written back as a directory helm can upgrade with, so the user need not name one.
// Chart.yaml and values.yaml are written as JSON (valid YAML): helm reads YAML 1.1, where a plain `on` or
// `y` would turn into a boolean, and JSON quotes every string.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { t } from '../i18n/index.ts';
import { usageError } from '../k8s/errors.ts';
import type { StoredChart } from './release.ts';

export interface ChartEntry {
  /** Relative path inside the chart directory. */
  path: string;
  data: Buffer;
}

/** Pretty JSON text, which helm reads as YAML. */
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

/** Chart.yaml, values.yaml, values.schema.json, templates and files must not collide or leave the chart directory. */
function safePath(name: string, chart: StoredChart): string {
  const path = normalize(name);
  if (!name || path.startsWith('/') || path === '..' || path.startsWith('../') || path === '.') {
    throw usageError(
      t('helm.chart.badFileName', { chart: `${chart.metadata.name}-${chart.metadata.version}`, name }),
      t('helm.chart.badFileNameHint'),
    );
  }
  return path;
}

/** The files of a chart directory for a stored chart, as data; refuses a chart with subcharts, which helm does not store. */
export function chartEntries(chart: StoredChart): ChartEntry[] {
  const { name, version } = chart.metadata;
  if (chart.subcharts.length > 0) {
    throw usageError(
      t('helm.chart.subcharts', { chart: `${name}-${version}`, subcharts: chart.subcharts.join(', ') }),
      t('helm.chart.subchartsHint', { version }),
    );
  }
  const entries: ChartEntry[] = [
    { path: 'Chart.yaml', data: json(chart.metadata) },
    { path: 'values.yaml', data: json(chart.values) },
    ...(chart.schema !== undefined ? [{ path: 'values.schema.json', data: Buffer.from(chart.schema) }] : []),
    ...chart.templates.map((file) => ({ path: safePath(file.name, chart), data: file.data })),
    ...chart.files.map((file) => ({ path: safePath(file.name, chart), data: file.data })),
  ];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.path)) throw usageError(t('helm.chart.duplicateFile', { chart: `${name}-${version}`, path: entry.path }));
    seen.add(entry.path);
  }
  return entries;
}

/** Writes the stored chart into `dir` (created, mode 0700; files 0600) and returns `dir`, ready for `helm upgrade REL dir`. */
export async function writeChart(chart: StoredChart, dir: string): Promise<string> {
  const entries = chartEntries(chart);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const entry of entries) {
    const path = join(dir, entry.path);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, entry.data, { mode: 0o600, flag: 'wx' });
  }
  return dir;
}
