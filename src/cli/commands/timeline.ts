// `kubectl scale-ha timeline HPA`: flags → TimelineOptions (complete → validate) → the HPA's decisions over time,
// once or (--watch) again at every change.
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';
import { followTimeline, readTimeline, type TimelineRequest, type TimelineView } from '../../apply/timeline.ts';
import { abortOnInterrupt } from '../../apply/watch.ts';
import { usageError } from '../../k8s/errors.ts';
import { checkObjectName } from '../../k8s/limits.ts';
import { connect, globalsOf, parseDuration, type CommandContext, type GlobalOptions } from '../context.ts';
import { parseOutputFormat, renderChange, renderData, terminalWidth, renderTable, type OutputFormat } from '../output.ts';
import { colorEnabled } from '../terminal.ts';
import type { Io } from '../program.ts';
import { clearScreen, painter, watchFooter } from '../render/paint.ts';
import { renderTimeline, rowKey, rowVersion, timelineCells, timelineHeaders } from '../render/timeline.ts';

/** The flags as commander parses them. */
export interface TimelineFlags {
  since?: string;
  watch?: boolean;
}

export interface TimelineOptions extends TimelineFlags {
  name: string;
  output: string | undefined;
  allNamespaces: boolean;
}

export interface TimelineCommandRequest {
  name: string;
  sinceSeconds: number | undefined;
  watch: boolean;
  output: OutputFormat;
}

export function completeTimeline(name: string, flags: TimelineFlags, globals: GlobalOptions): TimelineOptions {
  return { ...flags, name, output: globals.output, allNamespaces: globals.allNamespaces === true && globals.namespace === undefined };
}

/** Every usage error, before any request. */
export function validateTimeline(options: TimelineOptions): TimelineCommandRequest {
  const output = parseOutputFormat(options.output);
  if (options.allNamespaces) throw usageError(t('cli.usage.oneHpa', { command: 'timeline' }));
  let sinceSeconds: number | undefined;
  if (options.since !== undefined) {
    sinceSeconds = parseDuration(options.since, '--since') / 1000;
    if (!(sinceSeconds > 0))
      throw usageError(t('cli.usage.notPositive', { flag: '--since', text: options.since }), t('cli.usage.sinceHint'));
  }
  checkObjectName(options.name, 'HPA');
  return { name: options.name, sinceSeconds, watch: options.watch === true, output };
}

async function watchTimeline(request: TimelineCommandRequest, wanted: TimelineRequest, io: Io, ctx: CommandContext): Promise<void> {
  const { signal, dispose } = abortOnInterrupt();
  const paint = painter(colorEnabled(io.stdout, io.env));
  const redraw = io.stdout.isTTY === true && request.output === 'table';
  const printed = new Map<string, string>();
  let first = true;
  let screen = '';
  try {
    for await (const view of followTimeline(ctx.session, wanted, signal)) {
      const now = new Date();
      const fresh = view.rows.filter((row) => printed.get(rowKey(row)) !== rowVersion(row));
      for (const row of view.rows) printed.set(rowKey(row), rowVersion(row));
      if (redraw) {
        const next = renderTimeline(view, now, paint, await terminalWidth(io.stdout));
        if (next !== screen) io.stdout.write(`${clearScreen}${next}\n${watchFooter(paint)}\n`);
        screen = next;
      } else if (first) io.stdout.write(request.output === 'table' ? renderTimeline(view, now, paint) : renderData(request.output, view));
      else if (request.output === 'table') {
        // kubectl get -w's way: the rows that are new or changed, appended (the table rendered whole so columns line up).
        const lines = renderTable(
          timelineHeaders(),
          view.rows.map((row) => timelineCells(row, now, paint)),
        ).split('\n');
        for (const row of fresh) io.stdout.write(`${lines[view.rows.indexOf(row) + 1]}\n`);
      } else for (const row of fresh) io.stdout.write(renderChange(request.output, row));
      first = false;
    }
  } finally {
    dispose();
  }
}

export async function runTimeline(request: TimelineCommandRequest, io: Io, session: () => CommandContext): Promise<void> {
  const ctx = session();
  if (ctx.namespace === null) throw new Error('validateTimeline let -A through');
  const wanted: TimelineRequest = { namespace: ctx.namespace, name: request.name, sinceSeconds: request.sinceSeconds };
  if (request.watch) return watchTimeline(request, wanted, io, ctx);
  const view: TimelineView = await readTimeline(ctx.session, wanted);
  if (request.output !== 'table') return void io.stdout.write(renderData(request.output, view));
  io.stdout.write(renderTimeline(view, new Date(), painter(colorEnabled(io.stdout, io.env)), await terminalWidth(io.stdout)));
}

/** The command's action (arguments and flags are declared in cli/usage/timeline.ts). */
export async function timelineAction(io: Io, name: string, flags: TimelineFlags, command: Command): Promise<void> {
  const request = validateTimeline(completeTimeline(name, flags, globalsOf(command)));
  await runTimeline(request, io, () => connect(command));
}
