// `kubectl scale-ha list`: flags → ListOptions (complete → validate) → snapshot → one row per workload.
import type { Command } from 'commander';
import { abortOnInterrupt, watchWorkloadChanges } from '../../apply/watch.ts';
import { parseLabelSelector } from '../../k8s/selector.ts';
import { buildSnapshot } from '../../snapshot/build.ts';
import { summarizeWorkloads, type WorkloadSummary } from '../../snapshot/summary.ts';
import { connect, globalsOf, type CommandContext, type GlobalOptions } from '../context.ts';
import { colorEnabled, parseOutputFormat, renderData, type OutputFormat, wrapWidth } from '../output.ts';
import type { Io } from '../program.ts';
import { renderWorkloadTable } from '../render/list.ts';
import { painter } from '../render/paint.ts';

/** The flags as commander parses them. */
export interface ListFlags {
  selector?: string;
  watch?: boolean;
}

/** What the user asked for, completed from the flags and the global flags. */
export interface ListOptions {
  selector: string | undefined;
  output: string | undefined;
  watch: boolean;
}

export interface ListRequest {
  selector: string | undefined;
  output: OutputFormat;
  watch: boolean;
}

export function completeList(flags: ListFlags, globals: GlobalOptions): ListOptions {
  return { selector: flags.selector, output: globals.output, watch: flags.watch === true };
}

/** Every usage error, before any request. */
export function validateList(options: ListOptions): ListRequest {
  if (options.selector) parseLabelSelector(options.selector);
  return { selector: options.selector, output: parseOutputFormat(options.output), watch: options.watch };
}

export async function runList(request: ListRequest, io: Io, session: () => CommandContext): Promise<void> {
  const ctx = session();
  if (request.watch) return watchList(request, io, ctx);
  const snapshot = await buildSnapshot(ctx.client, { namespace: ctx.namespace, labelSelector: request.selector });
  const rows = summarizeWorkloads(snapshot);
  if (request.output !== 'table') {
    io.stdout.write(
      renderData(request.output, { context: snapshot.context, namespace: snapshot.namespace, workloads: rows, missing: snapshot.missing }),
    );
    return;
  }
  if (rows.length === 0) {
    io.stderr.write(`No workloads found ${ctx.namespace ? `in namespace ${ctx.namespace}` : 'in any namespace'}.\n`);
    return;
  }
  io.stdout.write(renderWorkloadTable(rows, ctx.namespace === null, painter(colorEnabled(io.stdout, io.env)), wrapWidth(io.stdout)));
  for (const gap of snapshot.missing) io.stderr.write(`warning: could not list ${gap.resource}: ${gap.reason}\n`);
}

const rowKey = (row: WorkloadSummary) => `${row.namespace}/${row.kind}/${row.name}`;
/** Text that clears a terminal and puts the cursor home, so a redraw replaces the last screen. */
const clearScreen = '\u001b[H\u001b[2J';

/**
 * `list -w`: the table, then after each change (watched, re-read at most once a second) either the whole table
 * redrawn (a terminal) or, as kubectl get -w does, the rows that changed appended; a deleted workload's last row is
 * printed once more with "(deleted)" after its owner. -o json|yaml: the first list whole, then each changed row.
 */
async function watchList(request: ListRequest, io: Io, ctx: CommandContext): Promise<void> {
  const { signal, dispose } = abortOnInterrupt();
  const paint = painter(colorEnabled(io.stdout, io.env));
  const redraw = io.stdout.isTTY === true && request.output === 'table';
  const allNamespaces = ctx.namespace === null;
  let shown = new Map<string, { row: WorkloadSummary; text: string }>();
  let first = true;
  try {
    for await (const _ of watchWorkloadChanges(ctx.session, { namespace: ctx.namespace, labelSelector: request.selector }, signal)) {
      const snapshot = await buildSnapshot(ctx.client, { namespace: ctx.namespace, labelSelector: request.selector });
      const rows = summarizeWorkloads(snapshot);
      const current = new Map(rows.map((row) => [rowKey(row), { row, text: JSON.stringify(row) }]));
      const changed = rows.filter((row) => shown.get(rowKey(row))?.text !== current.get(rowKey(row))?.text);
      const deleted = [...shown.entries()]
        .filter(([key]) => !current.has(key))
        .map(([, { row }]) => ({ ...row, owner: `${row.owner} (deleted)` }));
      shown = current;
      if (redraw) {
        if (first || changed.length > 0 || deleted.length > 0)
          io.stdout.write(
            `${clearScreen}${renderWorkloadTable(rows, allNamespaces, paint, wrapWidth(io.stdout))}\n${paint('dim', 'Watching for changes; Ctrl+C to stop.')}\n`,
          );
      } else if (request.output !== 'table') {
        if (first)
          io.stdout.write(renderData(request.output, { context: snapshot.context, namespace: snapshot.namespace, workloads: rows }));
        else
          for (const row of [...changed, ...deleted])
            io.stdout.write(request.output === 'json' ? `${JSON.stringify(row)}\n` : `---\n${renderData('yaml', row)}`);
      } else if (first) io.stdout.write(renderWorkloadTable(rows, allNamespaces, paint));
      else if (changed.length > 0 || deleted.length > 0) {
        // The table rendered whole with the deleted rows, so the printed lines keep its columns.
        const all = [...rows, ...deleted];
        const lines = renderWorkloadTable(all, allNamespaces, paint).split('\n');
        for (const row of [...changed, ...deleted]) io.stdout.write(`${lines[all.indexOf(row) + 1]}\n`);
      }
      if (first) for (const gap of snapshot.missing) io.stderr.write(`warning: could not list ${gap.resource}: ${gap.reason}\n`);
      first = false;
    }
  } finally {
    dispose();
  }
}

/** The command's action (flags are declared in cli/usage/list.ts). */
export async function listAction(io: Io, flags: ListFlags, command: Command): Promise<void> {
  const request = validateList(completeList(flags, globalsOf(command)));
  await runList(request, io, () => connect(command));
}
