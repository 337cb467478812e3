// `list` as a kubectl-style table: one row per workload.
import { spreadLabel, type WorkloadSummary } from '../../snapshot/summary.ts';
import { renderTable } from '../output.ts';
import type { Paint } from './paint.ts';

/** A row of several contexts' report carries its context. */
type Row = WorkloadSummary & { context?: string };

function tableRows(rows: Row[], allNamespaces: boolean, contexts: boolean, paint: Paint): string[][] {
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
    return [...(contexts ? [row.context ?? ''] : []), ...(allNamespaces ? [row.namespace] : []), ...cells];
  });
}

const headers = ['workload', 'ready', 'hpa min/max/cur', 'targets', 'spread', 'nodes', 'zones', 'scaling owner'];

/** All namespaces (-A) adds a namespace column first; rows of several contexts a context column before it. */
export function renderWorkloadTable(rows: Row[], allNamespaces: boolean, paint: Paint, width?: number): string {
  const contexts = rows.some((row) => row.context !== undefined);
  const columns = [...(contexts ? ['context'] : []), ...(allNamespaces ? ['namespace'] : []), ...headers];
  return renderTable(columns, tableRows(rows, allNamespaces, contexts, paint), width);
}
