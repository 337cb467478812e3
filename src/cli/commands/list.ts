import type { Command } from 'commander';
import { buildSnapshot } from '../../snapshot/build.ts';
import { parseLabelSelector } from '../../k8s/selector.ts';
import { summarizeWorkloads, type WorkloadSummary } from '../../snapshot/summary.ts';
import { connect } from '../context.ts';
import { colorEnabled, painter, renderData, renderTable, type Paint } from '../output.ts';
import type { Io } from '../program.ts';

function spreadCell(row: WorkloadSummary): string {
  const parts: string[] = [];
  if (row.antiAffinity !== 'none') parts.push(`anti-affinity:${row.antiAffinity}`);
  if (row.topologySpread) parts.push('spread');
  if (parts.length === 0) return 'none';
  const keys = row.topologyKeys.map((k) => k.replace(/^(kubernetes\.io|topology\.kubernetes\.io)\//, '')).join('+');
  return `${parts.join(',')}(${keys})`;
}

function tableRows(rows: WorkloadSummary[], allNamespaces: boolean, paint: Paint): string[][] {
  return rows.map((row) => {
    const hpa = row.hpa;
    const cells = [
      `${row.kind.toLowerCase()}/${row.name}`,
      `${row.readyReplicas}/${row.desiredReplicas}`,
      hpa ? `${hpa.minReplicas}/${hpa.maxReplicas}/${hpa.currentReplicas ?? '-'}` : '-',
      hpa ? (hpa.unknown ? paint('yellow', hpa.targets) : hpa.targets) : '-',
      row.antiAffinity === 'none' && !row.topologySpread ? paint('yellow', 'none') : spreadCell(row),
      String(row.nodes),
      row.zones === null ? '-' : String(row.zones),
      row.owner,
    ];
    return allNamespaces ? [row.namespace, ...cells] : cells;
  });
}

export function registerList(program: Command, io: Io): void {
  program
    .command('list')
    .description('one row per workload: replicas, its HPA, anti-affinity/spread, nodes and zones of ready pods, who owns its scaling')
    .option('-l, --selector <selector>', 'label selector for the workloads (kubectl syntax)')
    .action(async (options: { selector?: string }, command: Command) => {
      if (options.selector) parseLabelSelector(options.selector);
      const ctx = connect(command);
      const snapshot = await buildSnapshot(ctx.client, { namespace: ctx.namespace, labelSelector: options.selector });
      const rows = summarizeWorkloads(snapshot);
      if (ctx.output !== 'table') {
        io.stdout.write(
          renderData(ctx.output, { context: snapshot.context, namespace: snapshot.namespace, workloads: rows, missing: snapshot.missing }),
        );
        return;
      }
      if (rows.length === 0) {
        io.stderr.write(`No workloads found ${ctx.namespace ? `in namespace ${ctx.namespace}` : 'in any namespace'}.\n`);
        return;
      }
      const headers = ['workload', 'ready', 'hpa min/max/cur', 'targets', 'spread', 'nodes', 'zones', 'scaling owner'];
      const paint = painter(colorEnabled(io.stdout, io.env));
      io.stdout.write(
        renderTable(ctx.namespace === null ? ['namespace', ...headers] : headers, tableRows(rows, ctx.namespace === null, paint)),
      );
      for (const gap of snapshot.missing) io.stderr.write(`warning: could not list ${gap.resource}: ${gap.reason}\n`);
    });
}
