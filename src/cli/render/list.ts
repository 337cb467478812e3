// `list` as a kubectl-style table: one row per workload.
import { spreadLabel, type WorkloadSummary } from '../../snapshot/summary.ts';
import { renderTable } from '../output.ts';
import type { Paint } from './paint.ts';

function tableRows(rows: WorkloadSummary[], allNamespaces: boolean, paint: Paint): string[][] {
  return rows.map((row) => {
    const hpa = row.hpa;
    const cells = [
      `${row.kind.toLowerCase()}/${row.name}`,
      `${row.readyReplicas}/${row.desiredReplicas}`,
      hpa ? `${hpa.minReplicas}/${hpa.maxReplicas}/${hpa.currentReplicas ?? '-'}` : '-',
      hpa ? (hpa.unknown ? paint('yellow', hpa.targets) : hpa.targets) : '-',
      row.antiAffinity === 'none' && !row.topologySpread ? paint('yellow', 'none') : spreadLabel(row),
      String(row.nodes),
      row.zones === null ? '-' : String(row.zones),
      row.owner,
    ];
    return allNamespaces ? [row.namespace, ...cells] : cells;
  });
}

const headers = ['workload', 'ready', 'hpa min/max/cur', 'targets', 'spread', 'nodes', 'zones', 'scaling owner'];

/** All namespaces (-A) adds a namespace column first. */
export function renderWorkloadTable(rows: WorkloadSummary[], allNamespaces: boolean, paint: Paint, width?: number): string {
  return renderTable(allNamespaces ? ['namespace', ...headers] : headers, tableRows(rows, allNamespaces, paint), width);
}
