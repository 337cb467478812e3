// The CLI side of every write command (`patch …`, `undo`): write flags and their validation,
// the terminal prompt, the reporter, and the result printout. The use-case itself is apply/write.ts.
import { createInterface } from 'node:readline/promises';
import { t } from '../i18n/index.ts';
import type { DryRunMode, ExecuteResult, Reporter } from '../apply/pipeline.ts';
import type { HelmOptions } from '../apply/helm-route.ts';
import { type WriteRequest, type WriteSession, writeSessionOf } from '../apply/write.ts';
import { usageError } from '../k8s/errors.ts';
import { type CommandContext, parseDuration } from './context.ts';
import { renderData } from './output.ts';
import { colorEnabled } from './terminal.ts';
import { painter } from './render/paint.ts';
import type { Io } from './program.ts';
import { renderDiff } from './render/diff.ts';

export interface WriteFlags {
  dryRun?: string | boolean;
  yes?: boolean;
  waitTimeout?: string;
}

export interface WriteMode {
  dryRun: DryRunMode;
  yes: boolean;
  interactive: boolean;
  waitMs: number;
}

/** How helm runs when a change takes the helm route. */
export interface HelmFlags {
  helm?: string;
  chart?: string;
  chartVersion?: string;
  values?: string;
  timeout?: string;
}

/** Validate: helm flags as the helm route takes them. */
export function helmOptions(flags: HelmFlags): HelmOptions {
  if (flags.chartVersion !== undefined && flags.chart === undefined) {
    throw usageError(t('cli.usage.chartVersion'), t('cli.usage.chartVersionHint'));
  }
  const timeoutMs = parseDuration(flags.timeout ?? '5m', '--timeout');
  if (!(timeoutMs >= 1000)) throw usageError(t('cli.usage.belowOneSecond', { flag: '--timeout', text: flags.timeout }));
  return {
    helmPath: flags.helm,
    chartRef: flags.chart,
    chartVersion: flags.chartVersion,
    valuesFile: flags.values,
    timeoutSeconds: Math.ceil(timeoutMs / 1000),
  };
}

export function parseDryRun(value: string | boolean | undefined): DryRunMode {
  if (value === undefined || value === false) return 'none';
  if (value === true || value === 'server') return 'server';
  if (value === 'client' || value === 'none') return value;
  throw usageError(t('cli.usage.dryRun', { value }));
}

/** Validate step shared by every write: refuse early when nobody can confirm. */
export function writeMode(flags: WriteFlags, stdinIsTerminal = Boolean(process.stdin.isTTY)): WriteMode {
  const dryRun = parseDryRun(flags.dryRun);
  const waitMs = parseDuration(flags.waitTimeout ?? '30s', '--wait-timeout');
  const interactive = stdinIsTerminal && !flags.yes;
  if (dryRun === 'none' && !flags.yes && !interactive) {
    throw usageError(t('cli.usage.noConfirmation'), t('cli.usage.noConfirmationHint'));
  }
  return { dryRun, yes: Boolean(flags.yes), interactive, waitMs };
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
  const main = json ? io.stderr : io.stdout;
  const paint = painter(colorEnabled(io.stderr, io.env));
  const diffPaint = painter(colorEnabled(main, io.env));
  return {
    diff: (diff) => main.write(renderDiff(diff, diffPaint)),
    info: (text) => main.write(`${text}\n`),
    warn: (text) => io.stderr.write(`${paint('yellow', t('cli.notes.warningLabel'))} ${text}\n`),
  };
}

export function writeSession(io: Io, ctx: CommandContext): WriteSession {
  return writeSessionOf(ctx.session, io.env, ['kubectl', 'scale-ha', ...process.argv.slice(2)].join(' '));
}

export function writeRequest(mode: WriteMode, report: Reporter, undoOf?: string): WriteRequest {
  return { dryRun: mode.dryRun, yes: mode.yes, confirm: mode.interactive ? askOnTerminal : undefined, report, undoOf };
}

export function resultData(result: ExecuteResult, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { change } = result;
  return {
    status: result.status,
    ...(change.kind === 'patch'
      ? {
          object: { ...change.ref },
          changes: [
            { patchType: change.patchType, patch: change.patch, summary: change.summary, warnings: change.warnings, notes: change.notes },
          ],
        }
      : { changes: [{ kind: change.kind, summary: change.summary, warnings: change.warnings, notes: change.notes }] }),
    dryRun: result.dryRun,
    diff: result.diff ? renderDiff(result.diff) : '',
    journalId: result.journalId ?? null,
    ...(result.journalError ? { journalError: result.journalError } : {}),
    attempts: result.attempts,
    ...extra,
  };
}

export function printResult(io: Io, ctx: CommandContext, result: ExecuteResult, extra: Record<string, unknown> = {}): void {
  if (ctx.output !== 'table') io.stdout.write(renderData(ctx.output, resultData(result, extra)));
}
