// The one write path for every command (CLI and TUI): plan → server dry-run → diff → confirm →
// patch carrying resourceVersion → journal. A 409 re-reads, re-plans, shows the new diff and asks again.
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { KubeClient } from '../kube/client.ts';
import { patchObject } from '../kube/write.ts';
import { isEmptyChange, preconditionedPatch } from '../plan/change.ts';
import type { Paint } from '../paint.ts';
import { objectDiff } from '../plan/diff.ts';
import { deepEqual, diffPatch, formatPath, patchPaths, valueAt } from '../plan/patch.ts';
import type { Change } from '../plan/types.ts';
import type { KubeObject } from '../k8s/types.ts';
import { ensureJournalWritable, forJournal, newEntryId, writeEntry, type JournalEntry } from './journal.ts';

export type DryRunMode = 'none' | 'server' | 'client';

export interface Reporter {
  /** The diff and the change summary: the main output. */
  show(text: string): void;
  warn(text: string): void;
  info(text: string): void;
}

export interface JournalContext {
  dir: string;
  context: string;
  server: string;
  user: string;
  command: string;
  undoOf?: string;
}

export interface ExecuteOptions {
  dryRun: DryRunMode;
  /** --yes: no question asked; after a conflict, only an identical re-planned change proceeds. */
  yes: boolean;
  /** Asks the user; undefined when there is no terminal to ask on. */
  confirm?: ((question: string) => Promise<boolean>) | undefined;
  report: Reporter;
  paint?: Paint;
  journal: JournalContext;
  maxAttempts?: number;
}

export interface ExecuteResult {
  status: 'unchanged' | 'dry-run' | 'applied' | 'declined';
  change: Change;
  /** accepted is null for a client dry-run: no server judged it. */
  dryRun: { mode: 'server' | 'client'; accepted: boolean | null } | null;
  diff: string;
  applied?: KubeObject;
  journalId?: string;
  /** Set when the write landed but its journal entry could not be written. */
  journalError?: string;
  /** How many times the change was planned (more than 1 after conflicts). */
  attempts: number;
}

const isConflict = (error: unknown) => error instanceof UserError && error.exitCode === ExitCode.conflict;

/** Same fields, same old values, same new values: approving one approved the other. */
export function sameChange(a: Change, b: Change): boolean {
  return deepEqual(a.patch, b.patch) && deepEqual(diffPatch(a.after, a.before, a.patchType), diffPatch(b.after, b.before, b.patchType));
}

function present(change: Change, diff: string, report: Reporter): void {
  if (diff) report.show(diff);
  for (const line of change.summary) report.info(`  ${line}`);
  for (const note of change.notes) report.info(`note: ${note}`);
  for (const warning of change.warnings) report.warn(warning);
}

export async function executeChange(client: KubeClient, plan: () => Promise<Change>, options: ExecuteOptions): Promise<ExecuteResult> {
  const { report } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  if (options.dryRun === 'none') ensureJournalWritable(options.journal.dir);
  let approved: Change | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const change = await plan();
    const name = `${change.ref.kind}/${change.ref.name}`;
    if (isEmptyChange(change)) {
      report.info(`${name} already has these settings: nothing to change.`);
      return { status: 'unchanged', change, dryRun: null, diff: '', attempts: attempt };
    }
    if (options.dryRun === 'client') {
      const diff = objectDiff(change.before, change.after, options.paint);
      present(change, diff, report);
      return { status: 'dry-run', change, dryRun: { mode: 'client', accepted: null }, diff, attempts: attempt };
    }
    let predicted: KubeObject;
    try {
      predicted = await patchObject(client, change.ref, change.patchType, preconditionedPatch(change), { dryRun: true });
    } catch (error) {
      if (!isConflict(error)) throw error;
      report.warn(`${name} changed while we were planning; reading it again.`);
      continue;
    }
    const diff = objectDiff(change.before, predicted, options.paint);
    present(change, diff, report);
    if (options.dryRun === 'server') {
      report.info(`Server dry-run accepted the change to ${name}; nothing written (--dry-run=server).`);
      return { status: 'dry-run', change, dryRun: { mode: 'server', accepted: true }, diff, attempts: attempt };
    }
    if (approved && !options.confirm) {
      if (!sameChange(approved, change)) {
        throw new UserError(
          `${name} was changed by someone else in the fields this command changes; the new diff is above, and nothing was written.`,
          {
            hint: 'Review the new diff and run the command again (without --yes to confirm interactively).',
            exitCode: ExitCode.conflict,
          },
        );
      }
    } else if (options.confirm) {
      if (!(await options.confirm(`Apply this change to ${name}?`))) {
        report.info('Nothing written.');
        return { status: 'declined', change, dryRun: { mode: 'server', accepted: true }, diff, attempts: attempt };
      }
    } else if (!options.yes) {
      throw new UserError('Refusing to write without confirmation: there is no terminal to ask on.', {
        hint: 'Pass --yes to apply, or --dry-run=server to only preview.',
        exitCode: ExitCode.usage,
      });
    }
    approved = change;
    let applied: KubeObject;
    try {
      applied = await patchObject(client, change.ref, change.patchType, preconditionedPatch(change));
    } catch (error) {
      if (!isConflict(error)) throw error;
      report.warn(`${name} changed since it was read (409 Conflict): nothing was overwritten. Reading it again and planning anew.`);
      continue;
    }
    const base = { status: 'applied', change, dryRun: { mode: 'server', accepted: true }, diff, applied, attempts: attempt } as const;
    let journalId: string;
    try {
      journalId = journal(change, applied, options.journal);
    } catch (error) {
      // The write landed: a failure now must not read as "nothing happened".
      const journalError = error instanceof Error ? error.message : String(error);
      report.warn(notJournaled(change, journalError));
      return { ...base, journalError };
    }
    report.info(`Applied to ${name}; journal entry ${journalId} (undo with: kubectl scale-ha undo ${journalId}).`);
    return { ...base, journalId };
  }
  throw new UserError(`Gave up after ${maxAttempts} attempts: the object keeps changing under us. Nothing was written.`, {
    hint: 'Another controller may be rewriting it (check its owner), or retry later.',
    exitCode: ExitCode.conflict,
  });
}

/** What undo would have needed, printed so the user can restore by hand. */
export function notJournaled(change: Change, reason: string): string {
  const { ref } = change;
  const before = patchPaths(change.patch, change.patchType).map(
    (path) => `  ${formatPath(path)}: ${JSON.stringify(valueAt(change.before, path)) ?? '(unset)'}`,
  );
  const revert = JSON.stringify(diffPatch(change.after, change.before, change.patchType) ?? {});
  return [
    `Applied to ${ref.kind}/${ref.name}, but not journaled (${reason}): \`kubectl scale-ha undo\` cannot restore it. Values before the change:`,
    ...before,
    `To restore by hand: kubectl patch ${ref.resource}${ref.group ? `.${ref.group}` : ''} ${ref.name} -n ${ref.namespace} --type ${change.patchType} -p '${revert}'`,
  ].join('\n');
}

function journal(change: Change, applied: KubeObject, context: JournalContext): string {
  const entry: JournalEntry = {
    id: newEntryId(),
    time: new Date().toISOString(),
    context: context.context,
    server: context.server,
    user: context.user,
    command: context.command,
    ref: change.ref,
    patchType: change.patchType,
    patch: change.patch,
    summary: change.summary,
    before: forJournal(change.before),
    after: forJournal(applied),
    ...(context.undoOf ? { undoOf: context.undoOf } : {}),
  };
  writeEntry(context.dir, entry);
  return entry.id;
}
