// Fixed-width cells for the workload table: one string per row keeps a frame cheap.
import type { WorkloadRow } from '../rows.ts';
import { spreadLabel } from '../../snapshot/summary.ts';

export interface Column {
  title: string;
  width: number;
  cell: (row: WorkloadRow) => string;
}

export const fit = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);

export function findingsText(row: WorkloadRow): string {
  const { error, warning, info } = row.findings;
  const parts = [error && `${error}E`, warning && `${warning}W`, info && `${info}I`].filter(Boolean);
  return parts.length ? parts.join(' ') : 'ok';
}

export function workloadColumns(allNamespaces: boolean): Column[] {
  const columns: Column[] = [
    { title: 'workload', width: 32, cell: (r) => `${r.kind.toLowerCase()}/${r.name}` },
    { title: 'ready', width: 7, cell: (r) => `${r.readyReplicas}/${r.desiredReplicas}` },
    // Before the wide columns: a narrow terminal truncates the right end of each row.
    { title: 'findings', width: 9, cell: findingsText },
    {
      title: 'hpa min/max/cur',
      width: 16,
      cell: (r) => (r.hpa ? `${r.hpa.minReplicas}/${r.hpa.maxReplicas}/${r.hpa.currentReplicas ?? '-'}` : '-'),
    },
    { title: 'targets', width: 22, cell: (r) => r.hpa?.targets ?? '-' },
    { title: 'spread', width: 24, cell: spreadLabel },
    { title: 'nodes', width: 5, cell: (r) => String(r.nodes) },
    { title: 'zones', width: 5, cell: (r) => (r.zones === null ? '-' : String(r.zones)) },
    { title: 'owner', width: 22, cell: (r) => r.owner },
  ];
  return allNamespaces ? [{ title: 'namespace', width: 16, cell: (r) => r.namespace }, ...columns] : columns;
}

export const rowText = (columns: readonly Column[], row: WorkloadRow) => columns.map((c) => fit(c.cell(row), c.width)).join(' ');
export const headerText = (columns: readonly Column[]) => columns.map((c) => fit(c.title.toUpperCase(), c.width)).join(' ');
