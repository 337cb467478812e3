// The one write path for every command (CLI and TUI), one loop for every kind of change:
// plan → preview (server dry-run) → confirm → execute → journal. A conflict re-reads, re-plans,
// shows the new diff and asks again. Each kind of change has its executor.
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { KubeObject } from '../k8s/types.ts';
import { isEmptyChange } from '../plan/change.ts';
import { changeDiff, type Diff } from '../plan/diff.ts';
import { deepEqual, diffPatch, formatPath, patchPaths, valueAt } from '../plan/patch.ts';
import { changeTarget, type Change, type ChangeKind, type PatchChange } from '../plan/types.ts';
import { deferSignals } from './interrupts.ts';
import {
  ensureJournalWritable,
  forJournal,
  type JournalEntry,
  newEntryId,
  newestEntryId,
  removeEntry,
  updateEntry,
  writeEntry,
} from './journal.ts';

export type DryRunMode = 'none' | 'server' | 'client';

export interface Reporter {
  /** The diff of a change before it is confirmed: the main output. */
  diff(diff: Diff): void;
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

/** What the server (or helm, or the file system) answers before anything is written. */
export interface Preview {
  diff: Diff;
  /** More to review: the values file's diff, the objects a helm upgrade would change. */
  details?: Diff[];
}

/** What a write left behind: the object as stored (patches), for the journal and the follow-ups. */
export interface Outcome {
  applied?: KubeObject;
  /** The helm release revision the write created. */
  revision?: number;
}

/**
 * Carries out one kind of change. preview and execute throw a UserError with ExitCode.conflict when
 * the target moved since it was planned: the pipeline then plans again.
 */
export interface Executor<C extends Change = Change> {
  preview(change: C): Promise<Preview>;
  execute(change: C): Promise<Outcome>;
}

export type Executors = { [K in ChangeKind]?: Executor<Extract<Change, { kind: K }>> };

export interface ExecuteOptions {
  executors: Executors;
  dryRun: DryRunMode;
  /** --yes: no question asked; after a conflict, only an identical re-planned change proceeds. */
  yes: boolean;
  /** Asks the user; undefined when there is no terminal to ask on. */
  confirm?: ((question: string) => Promise<boolean>) | undefined;
  report: Reporter;
  journal: JournalContext;
  maxAttempts?: number;
}

export interface ExecuteResult {
  status: 'unchanged' | 'dry-run' | 'applied' | 'declined';
  change: Change;
  /** accepted is null for a client dry-run: no server judged it. */
  dryRun: { mode: 'server' | 'client'; accepted: boolean | null } | null;
  diff: Diff | null;
  applied?: KubeObject;
  journalId?: string;
  /** Set when the write landed but its journal entry could not be completed. */
  journalError?: string;
  /** How many times the change was planned (more than 1 after conflicts). */
  attempts: number;
}

const isConflict = (error: unknown) => error instanceof UserError && error.exitCode === ExitCode.conflict;

/** Same fields, same old values, same new values: approving one approved the other. */
export function sameChange(a: Change, b: Change): boolean {
  if (a.kind === 'patch' && b.kind === 'patch') {
    return deepEqual(a.patch, b.patch) && deepEqual(diffPatch(a.after, a.before, a.patchType), diffPatch(b.after, b.before, b.patchType));
  }
  return deepEqual(a, b);
}

function present(change: Change, diff: Diff, report: Reporter, details: Diff[] = []): void {
  for (const shown of [diff, ...details]) if (shown.hunks.length) report.diff(shown);
  for (const line of change.summary) report.info(`  ${line}`);
  for (const note of change.notes) report.info(t('apply.write.note', { note }));
  for (const warning of change.warnings) report.warn(warning);
}

function executorFor(executors: Executors, change: Change): Executor {
  const executor = executors[change.kind] as Executor | undefined;
  if (!executor) throw new Error(`internal: no executor for a ${change.kind} change`);
  return executor;
}

export async function executeChange(plan: () => Promise<Change>, options: ExecuteOptions): Promise<ExecuteResult> {
  const { report } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  if (options.dryRun === 'none') ensureJournalWritable(options.journal.dir);
  let approved: Change | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const change = await plan();
    const name = changeTarget(change);
    if (isEmptyChange(change)) {
      report.info(t('apply.write.unchanged', { name }));
      return { status: 'unchanged', change, dryRun: null, diff: null, attempts: attempt };
    }
    if (options.dryRun === 'client') {
      const diff = changeDiff(change);
      present(change, diff, report);
      return { status: 'dry-run', change, dryRun: { mode: 'client', accepted: null }, diff, attempts: attempt };
    }
    const executor = executorFor(options.executors, change);
    let preview: Preview;
    try {
      preview = await executor.preview(change);
    } catch (error) {
      if (!isConflict(error)) throw error;
      report.warn(t('apply.write.changedWhilePlanning', { name }));
      continue;
    }
    present(change, preview.diff, report, preview.details);
    const checked = {
      status: 'dry-run',
      change,
      dryRun: { mode: 'server', accepted: true },
      diff: preview.diff,
      attempts: attempt,
    } as const;
    if (options.dryRun === 'server') {
      report.info(t('apply.write.dryRunAccepted', { name }));
      return checked;
    }
    if (approved && !options.confirm) {
      if (!sameChange(approved, change)) {
        throw new UserError(t('apply.write.changedMeanwhile', { name }), {
          hint: t('apply.write.changedMeanwhileHint'),
          exitCode: ExitCode.conflict,
        });
      }
    } else if (options.confirm) {
      if (!(await options.confirm(t('apply.write.confirm', { name })))) {
        report.info(t('apply.write.declined'));
        return { ...checked, status: 'declined' };
      }
    } else if (!options.yes) {
      throw new UserError(t('apply.write.noTerminal'), {
        hint: t('apply.write.noTerminalHint'),
        exitCode: ExitCode.usage,
      });
    }
    approved = change;
    const written = await writeJournaled(change, executor, options);
    if (written === 'conflict') continue;
    return { ...checked, status: 'applied', ...written, attempts: attempt };
  }
  throw new UserError(t('apply.write.gaveUp', { attempts: maxAttempts }), {
    hint: t('apply.write.gaveUpHint'),
    exitCode: ExitCode.conflict,
  });
}

interface Written {
  applied?: KubeObject;
  journalId?: string;
  journalError?: string;
}

/**
 * Journal "pending" → execute → journal the outcome, with SIGINT/SIGTERM held until the outcome is
 * recorded. Returns 'conflict' when nothing was written because the target moved.
 */
async function writeJournaled(change: Change, executor: Executor, options: ExecuteOptions): Promise<'conflict' | Written> {
  const { report } = options;
  const name = changeTarget(change);
  // Durable before the request: if we are killed mid-write, history still shows what may have landed.
  let entry: JournalEntry;
  try {
    entry = pendingEntry(change, options.journal);
    writeEntry(options.journal.dir, entry);
  } catch (error) {
    throw new UserError(
      t('apply.write.journalFailed', { name, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }),
      {
        hint: t('apply.write.journalFailedHint', { dir: options.journal.dir }),
        exitCode: ExitCode.failure,
      },
    );
  }
  const { value: outcome, signal } = await deferSignals(
    () => report.warn(t('apply.write.interrupted', { name })),
    async (): Promise<Written> => {
      let result: Outcome;
      try {
        result = await executor.execute(change);
      } catch (error) {
        // The server's refusal means nothing changed; an uncertain outcome (timeout, lost connection)
        // stays pending, and undo checks the live object.
        if (error instanceof UserError && !error.mayHaveLanded) removeEntry(options.journal.dir, entry.id);
        throw error instanceof UserError && error.mayHaveLanded ? outcomeUnknown(error, entry.id) : error;
      }
      try {
        updateEntry(options.journal.dir, completedEntry(entry, result));
        return { ...result, journalId: entry.id };
      } catch (error) {
        // The write landed: a failure now must not read as "nothing happened".
        const journalError = error instanceof Error ? error.message : String(error);
        if (change.kind === 'patch') report.warn(notJournaled(change, journalError));
        return { ...result, journalError };
      }
    },
  ).catch((error: unknown) => {
    if (isConflict(error)) {
      report.warn(t('apply.write.conflict', { name }));
      return { value: 'conflict' as const, signal: undefined };
    }
    throw error;
  });
  if (outcome === 'conflict') return outcome;
  if (outcome.journalId) report.info(t('apply.write.applied', { name, id: outcome.journalId }));
  if (signal) {
    const id = outcome.journalId;
    throw new UserError(t(id ? 'apply.write.interruptedAfter' : 'apply.write.interruptedAfterUnrecorded', { signal, name, id }), {
      hint: t(id ? 'apply.write.interruptedAfterHint' : 'apply.write.interruptedAfterUnrecordedHint', { id }),
      exitCode: signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted,
    });
  }
  return outcome;
}

/** The error of a write that may have landed, naming the entry left pending for it. */
function outcomeUnknown(error: UserError, id: string): UserError {
  return new UserError(t('apply.write.outcomeUnknown', { message: error.message.replace(/[.。]$/, ''), id }), {
    hint: [error.hint, t('apply.write.outcomeUnknownHint', { id })].filter(Boolean).join(' '),
    exitCode: error.exitCode,
    cause: error.cause,
    mayHaveLanded: true,
  });
}

function pendingEntry(change: Change, context: JournalContext): JournalEntry {
  const { id, time } = newEntryId(new Date(), newestEntryId(context.dir));
  const base = {
    id,
    state: 'pending' as const,
    time: time.toISOString(),
    context: context.context,
    server: context.server,
    user: context.user,
    command: context.command,
    summary: change.summary,
    ...(context.undoOf ? { undoOf: context.undoOf } : {}),
  };
  switch (change.kind) {
    case 'patch':
      return {
        ...base,
        kind: change.kind,
        ref: change.ref,
        patchType: change.patchType,
        patch: change.patch,
        before: forJournal(change.before),
        after: forJournal(change.after),
      };
    case 'helm-upgrade':
    case 'helm-rollback': {
      const file = change.valuesFile;
      return {
        ...base,
        kind: change.kind,
        release: change.release,
        revisionBefore: change.revision,
        ...(file?.restore ? { valuesFile: { path: file.path, restore: file.restore } } : {}),
      };
    }
    case 'values-file':
      throw new Error('internal: a values file is journaled with the helm upgrade it belongs to');
  }
}

function completedEntry(entry: JournalEntry, outcome: Outcome): JournalEntry {
  if (entry.kind === 'patch') return { ...entry, state: 'applied', ...(outcome.applied ? { after: forJournal(outcome.applied) } : {}) };
  return { ...entry, state: 'applied', ...(outcome.revision !== undefined ? { revisionAfter: outcome.revision } : {}) };
}

/** What undo would have needed, printed so the user can restore by hand. */
export function notJournaled(change: PatchChange, reason: string): string {
  const { ref } = change;
  const before = patchPaths(change.patch, change.patchType).map(
    (path) => `  ${formatPath(path)}: ${JSON.stringify(valueAt(change.before, path)) ?? t('apply.write.unset')}`,
  );
  const revert = JSON.stringify(diffPatch(change.after, change.before, change.patchType) ?? {});
  const command = `kubectl patch ${ref.resource}${ref.group ? `.${ref.group}` : ''} ${ref.name} -n ${ref.namespace} --type ${change.patchType} -p '${revert}'`;
  return [
    t('apply.write.notJournaled', { object: `${ref.kind}/${ref.name}`, reason }),
    ...before,
    t('apply.write.restoreByHand', { command }),
  ].join('\n');
}
