// `kubectl scale-ha list`: flags → ListOptions (complete → validate) → snapshot → one row per workload.
import type { Command } from 'commander';
import { parseLabelSelector } from '../../k8s/selector.ts';
import { buildSnapshot } from '../../snapshot/build.ts';
import { summarizeWorkloads } from '../../snapshot/summary.ts';
import { connect, globalsOf, type CommandContext, type GlobalOptions } from '../context.ts';
import { colorEnabled, parseOutputFormat, renderData, type OutputFormat, wrapWidth } from '../output.ts';
import type { Io } from '../program.ts';
import { renderWorkloadTable } from '../render/list.ts';
import { painter } from '../render/paint.ts';

/** The flags as commander parses them. */
export interface ListFlags {
  selector?: string;
}

/** What the user asked for, completed from the flags and the global flags. */
export interface ListOptions {
  selector: string | undefined;
  output: string | undefined;
}

export interface ListRequest {
  selector: string | undefined;
  output: OutputFormat;
}

export function completeList(flags: ListFlags, globals: GlobalOptions): ListOptions {
  return { selector: flags.selector, output: globals.output };
}

/** Every usage error, before any request. */
export function validateList(options: ListOptions): ListRequest {
  if (options.selector) parseLabelSelector(options.selector);
  return { selector: options.selector, output: parseOutputFormat(options.output) };
}

export async function runList(request: ListRequest, io: Io, session: () => CommandContext): Promise<void> {
  const ctx = session();
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

/** The command's action (flags are declared in cli/usage/list.ts). */
export async function listAction(io: Io, flags: ListFlags, command: Command): Promise<void> {
  const request = validateList(completeList(flags, globalsOf(command)));
  await runList(request, io, () => connect(command));
}
