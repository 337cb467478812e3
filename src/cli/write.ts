// The write-command plumbing shared by `patch` and `undo`: write flags, confirmation, the reporter,
// the pipeline call, follow-ups after a write, and the result printout.
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { usageError } from '../k8s/errors.ts';
import { executeChange, type DryRunMode, type ExecuteResult, type Reporter } from '../apply/pipeline.ts';
import { journalDir } from '../apply/journal.ts';
import { checkWriteAccess } from '../apply/preflight.ts';
import type { Target } from '../apply/targets.ts';
import { whoAmI } from '../kube/write.ts';
import { parseDuration, type CommandContext } from './context.ts';
import { colorEnabled, painter, renderData } from './output.ts';
import type { Io } from './program.ts';

export interface WriteFlags {
  dryRun?: string | boolean;
  yes?: boolean;
  waitTimeout?: string;
}

export function addWriteOptions(command: Command): Command {
  return command
    .option(
      '--dry-run [mode]',
      'stop before writing: server (the API server validates and answers the result; default) or client (local only)',
    )
    .option('-y, --yes', 'apply without asking (for scripts); after a conflict only an identical re-planned change proceeds')
    .option('--wait-timeout <duration>', 'how long to follow the effect of the write (HPA reconcile, rollout); 0 = do not wait', '30s');
}

export function parseDryRun(value: string | boolean | undefined): DryRunMode {
  if (value === undefined || value === false) return 'none';
  if (value === true || value === 'server') return 'server';
  if (value === 'client' || value === 'none') return value;
  throw usageError(`--dry-run: "${value}" is not server, client or none.`);
}

/** Validate step shared by every write: refuse early when nobody can confirm. */
export function writeMode(flags: WriteFlags): { dryRun: DryRunMode; interactive: boolean; waitMs: number } {
  const dryRun = parseDryRun(flags.dryRun);
  const waitMs = parseDuration(flags.waitTimeout ?? '30s', '--wait-timeout');
  const interactive = Boolean(process.stdin.isTTY) && !flags.yes;
  if (dryRun === 'none' && !flags.yes && !interactive) {
    throw usageError(
      'Refusing to write without confirmation: stdin is not a terminal.',
      'Pass --yes to apply, or --dry-run=server to preview the change.',
    );
  }
  return { dryRun, interactive, waitMs };
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    // Ctrl+D or Ctrl+C at the prompt: no answer is a no
    return false;
  } finally {
    rl.close();
  }
}

export function reporterFor(io: Io, json: boolean): Reporter {
  const paint = painter(colorEnabled(io.stderr, io.env));
  const main = json ? io.stderr : io.stdout;
  return {
    show: (text) => main.write(text.endsWith('\n') ? text : `${text}\n`),
    info: (text) => main.write(`${text}\n`),
    warn: (text) => io.stderr.write(`${paint('yellow', 'warning:')} ${text}\n`),
  };
}

/** Pre-flight, then the pipeline; returns the result for the command's own follow-up and output. */
export async function runWrite(
  io: Io,
  ctx: CommandContext,
  target: Target,
  flags: WriteFlags,
  extra: { undoOf?: string } = {},
): Promise<ExecuteResult> {
  const mode = writeMode(flags);
  const json = ctx.output !== 'table';
  const report = reporterFor(io, json);
  if (mode.dryRun !== 'client') for (const warning of await checkWriteAccess(ctx.client, target.ref)) report.warn(warning);
  const user = await whoAmI(ctx.client).catch(() => ctx.loaded.kubeConfig.getCurrentUser()?.name ?? 'unknown');
  return executeChange(ctx.client, target.plan, {
    dryRun: mode.dryRun,
    yes: Boolean(flags.yes),
    confirm: mode.interactive ? askOnTerminal : undefined,
    report,
    paint: painter(colorEnabled(json ? io.stderr : io.stdout, io.env)),
    journal: {
      dir: journalDir(io.env),
      context: ctx.loaded.contextName,
      server: ctx.client.server,
      user,
      command: ['kubectl', 'scale-ha', ...process.argv.slice(2)].join(' '),
      ...(extra.undoOf ? { undoOf: extra.undoOf } : {}),
    },
  });
}

export function resultData(result: ExecuteResult, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { change } = result;
  return {
    status: result.status,
    object: { ...change.ref },
    changes: [
      { patchType: change.patchType, patch: change.patch, summary: change.summary, warnings: change.warnings, notes: change.notes },
    ],
    dryRun: result.dryRun,
    diff: result.diff.replace(/\u001b\[[0-9;]*m/g, ''),
    journalId: result.journalId ?? null,
    ...(result.journalError ? { journalError: result.journalError } : {}),
    attempts: result.attempts,
    ...extra,
  };
}

export function printResult(io: Io, ctx: CommandContext, result: ExecuteResult, extra: Record<string, unknown> = {}): void {
  if (ctx.output !== 'table') io.stdout.write(renderData(ctx.output, resultData(result, extra)));
}

/**
 * Runs what follows a landed write (HPA reconcile wait, rollout report). Its failure is a warning:
 * the change is in the cluster, so the command still prints its result and exits 0.
 */
export async function afterWrite<T>(report: Reporter, what: string, follow: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await follow();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report.warn(`The change is applied; only ${what} failed: ${message}`);
    return { error: message };
  }
}
