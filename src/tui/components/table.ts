// Fixed-width cells for the workload table: one string per row keeps a frame cheap.
import { t } from '../../i18n/index.ts';
import type { WorkloadRow } from '../rows.ts';
import { spreadLabel } from '../../snapshot/summary.ts';
import { displayWidth, fitToWidth } from '../../i18n/width.ts';

export interface Column {
  title: string;
  width: number;
  cell: (row: WorkloadRow) => string;
}

/** A cell in `width` terminal columns: padded, or cut with "…". */
export const fit = fitToWidth;

export function findingsText(row: WorkloadRow): string {
  const { error, warning, info } = row.findings;
  const parts = [error && `${error}E`, warning && `${warning}W`, info && `${info}I`].filter(Boolean);
  return parts.length ? parts.join(' ') : t('tui.workloads.findingsOk');
}

/** A column never narrower than its title (a translated title may be wider than the English one). */
export const titled = <C extends { title: string; width: number }>(column: C): C => ({
  ...column,
  width: Math.max(column.width, displayWidth(column.title)),
});

/** Built when shown: the titles are in the language of the run. */
export function workloadColumns(allNamespaces: boolean): Column[] {
  const columns: Column[] = [
    { title: t('tui.workloads.column.workload'), width: 32, cell: (r) => `${r.kind.toLowerCase()}/${r.name}` },
    { title: t('tui.workloads.column.ready'), width: 7, cell: (r) => `${r.readyReplicas}/${r.desiredReplicas}` },
    // Before the wide columns: a narrow terminal truncates the right end of each row.
    { title: t('tui.workloads.column.findings'), width: 9, cell: findingsText },
    {
      title: t('tui.workloads.column.hpa'),
      width: 16,
      cell: (r) => (r.hpa ? `${r.hpa.minReplicas}/${r.hpa.maxReplicas}/${r.hpa.currentReplicas ?? '-'}` : '-'),
    },
    { title: t('tui.workloads.column.targets'), width: 22, cell: (r) => r.hpa?.targets ?? '-' },
    { title: t('tui.workloads.column.spread'), width: 24, cell: spreadLabel },
    { title: t('tui.workloads.column.nodes'), width: 5, cell: (r) => String(r.nodes) },
    { title: t('tui.workloads.column.zones'), width: 5, cell: (r) => (r.zones === null ? '-' : String(r.zones)) },
    { title: t('tui.workloads.column.owner'), width: 22, cell: (r) => r.owner },
  ];
  return (
    allNamespaces ? [{ title: t('tui.workloads.column.namespace'), width: 16, cell: (r: WorkloadRow) => r.namespace }, ...columns] : columns
  ).map(titled);
}

export const rowText = (columns: readonly Column[], row: WorkloadRow) => columns.map((c) => fit(c.cell(row), c.width)).join(' ');
export const headerText = (columns: readonly Column[]) => columns.map((c) => fit(c.title.toUpperCase(), c.width)).join(' ');
