// `kubectl scale-ha list`: flags → ListOptions (complete → validate) → snapshot → one row per workload.
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';
import { abortOnInterrupt, watchWorkloadChanges } from '../../apply/watch.ts';
import { acrossContexts } from '../../apply/fleet.ts';
import { usageError } from '../../k8s/errors.ts';
import { parseLabelSelector } from '../../k8s/selector.ts';
import { buildSnapshot } from '../../snapshot/build.ts';
import { summarizeWorkloads, type WorkloadSummary } from '../../snapshot/summary.ts';
import { connect, fleetOf, globalsOf, type CommandContext, type Fleet, type GlobalOptions } from '../context.ts';
import { parseOutputFormat, renderChange, renderData, terminalWidth, type OutputFormat } from '../output.ts';
import { colorEnabled } from '../terminal.ts';
import { reportUnreadContexts } from '../fleet.ts';
import type { Io } from '../program.ts';
import { renderWorkloadTable } from '../render/list.ts';
import { clearScreen, painter, watchFooter } from '../render/paint.ts';

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

export async function runList(request: ListRequest, io: Io, session: () => CommandContext, fleet?: Fleet): Promise<void> {
  if (fleet) return listFleet(request, io, fleet);
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
    io.stderr.write(`${ctx.namespace ? t('cli.notes.noWorkloadsIn', { namespace: ctx.namespace }) : t('cli.notes.noWorkloadsAnywhere')}\n`);
    return;
  }
  io.stdout.write(
    renderWorkloadTable(rows, ctx.namespace === null, painter(colorEnabled(io.stdout, io.env)), await terminalWidth(io.stdout)),
  );
  for (const gap of snapshot.missing) io.stderr.write(`${t('cli.notes.couldNotList', { resource: gap.resource, reason: gap.reason })}\n`);
}

/**
 * --all-contexts, --context 'prod-*': one table with a CONTEXT column (JSON: the rows with their context, as
 * `workloads` like one context's); a context that cannot be read is an error beside the others' rows, and its exit
 * code (5 unreachable, 4 kubeconfig, 6 forbidden) is the command's.
 */
async function listFleet(request: ListRequest, io: Io, fleet: Fleet): Promise<void> {
  const results = await acrossContexts(fleet.contexts, async (context) => {
    const ctx = fleet.connect(context);
    const snapshot = await buildSnapshot(ctx.client, { namespace: ctx.namespace, labelSelector: request.selector });
    return { snapshot, allNamespaces: ctx.namespace === null };
  });
  const read = results.flatMap((r) => ('value' in r ? [{ context: r.context, ...r.value }] : []));
  const rows = read.flatMap(({ context, snapshot }) => summarizeWorkloads(snapshot).map((row) => ({ context, ...row })));
  const failed = results.flatMap((r) => ('error' in r ? [{ context: r.context, error: r.error.message, hint: r.error.hint }] : []));
  if (request.output !== 'table') io.stdout.write(renderData(request.output, { contexts: fleet.contexts, workloads: rows, failed }));
  else if (rows.length)
    io.stdout.write(
      renderWorkloadTable(
        rows,
        read.some((r) => r.allNamespaces),
        painter(colorEnabled(io.stdout, io.env)),
        await terminalWidth(io.stdout),
      ),
    );
  else if (read.length) io.stderr.write(`${t('cli.notes.noWorkloadsInContexts', { contexts: read.map((r) => r.context).join(', ') })}\n`);
  for (const { context, snapshot } of read)
    for (const gap of snapshot.missing)
      io.stderr.write(`${t('cli.notes.contextCouldNotList', { context, resource: gap.resource, reason: gap.reason })}\n`);
  await reportUnreadContexts(results, io);
}

const rowKey = (row: WorkloadSummary) => `${row.namespace}/${row.kind}/${row.name}`;

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
        // -o json|yaml stay language-neutral; the table says it in the run's language.
        .map(([, { row }]) => ({
          ...row,
          owner: request.output === 'table' ? t('cli.list.deleted', { owner: row.owner }) : `${row.owner} (deleted)`,
        }));
      shown = current;
      if (redraw) {
        if (first || changed.length > 0 || deleted.length > 0)
          io.stdout.write(
            `${clearScreen}${renderWorkloadTable(rows, allNamespaces, paint, await terminalWidth(io.stdout))}\n${watchFooter(paint)}\n`,
          );
      } else if (request.output !== 'table') {
        if (first)
          io.stdout.write(renderData(request.output, { context: snapshot.context, namespace: snapshot.namespace, workloads: rows }));
        else for (const row of [...changed, ...deleted]) io.stdout.write(renderChange(request.output, row));
      } else if (first) io.stdout.write(renderWorkloadTable(rows, allNamespaces, paint));
      else if (changed.length > 0 || deleted.length > 0) {
        // The table rendered whole with the deleted rows, so the printed lines keep its columns.
        const all = [...rows, ...deleted];
        const lines = renderWorkloadTable(all, allNamespaces, paint).split('\n');
        for (const row of [...changed, ...deleted]) io.stdout.write(`${lines[all.indexOf(row) + 1]}\n`);
      }
      if (first)
        for (const gap of snapshot.missing)
          io.stderr.write(`${t('cli.notes.couldNotList', { resource: gap.resource, reason: gap.reason })}\n`);
      first = false;
    }
  } finally {
    dispose();
  }
}

/** The command's action (flags are declared in cli/usage/list.ts). */
export async function listAction(io: Io, flags: ListFlags, command: Command): Promise<void> {
  const request = validateList(completeList(flags, globalsOf(command)));
  const fleet = fleetOf(command);
  if (fleet && request.watch) throw usageError(t('cli.usage.listWatchFleet'), t('cli.usage.listWatchFleetHint'));
  await runList(request, io, () => connect(command), fleet);
}
