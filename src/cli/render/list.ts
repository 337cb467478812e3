// `list` as a kubectl-style table: one row per workload.
import { t } from '../../i18n/index.ts';
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

const headers = () => [
  t('cli.table.list.workload'),
  t('cli.table.list.ready'),
  t('cli.table.list.hpa'),
  t('cli.table.list.targets'),
  t('cli.table.list.spread'),
  t('cli.table.list.nodes'),
  t('cli.table.list.zones'),
  t('cli.table.list.owner'),
];

/** All namespaces (-A) adds a namespace column first; rows of several contexts a context column before it. */
export function renderWorkloadTable(rows: Row[], allNamespaces: boolean, paint: Paint, width?: number): string {
  const contexts = rows.some((row) => row.context !== undefined);
  const columns = [
    ...(contexts ? [t('cli.table.list.context')] : []),
    ...(allNamespaces ? [t('cli.table.list.namespace')] : []),
    ...headers(),
  ];
  return renderTable(columns, tableRows(rows, allNamespaces, contexts, paint), width);
}
