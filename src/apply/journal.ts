// The journal: one JSON file per change, readable only by the user. The entry is written before the
// write request (state "pending") and completed after it, so no write can land unrecorded.
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import { withoutEnvValues } from '../k8s/redact.ts';
import type { KubeObject } from '../k8s/types.ts';
import type { HelmRelease } from '../profiles/generic.ts';
import type { ValuesEdit } from '../profiles/values/model.ts';
import type { ChangeKind } from '../plan/types.ts';
import type { JournaledChange } from '../plan/undo.ts';

/** pending: recorded before the write request, outcome unknown until completed (a refused write's entry is removed). */
export type JournalState = 'pending' | 'applied';

interface EntryBase {
  id: string;
  /** Entries written before kinds existed are patches. */
  kind: ChangeKind;
  state: JournalState;
  time: string;
  context: string;
  server: string;
  user: string;
  /** The command line that made the change. */
  command: string;
  summary: string[];
  /** Set on entries written by `undo`: the id they undid. */
  undoOf?: string;
}

export interface PatchEntry extends EntryBase, Omit<JournaledChange, 'id' | 'server'> {
  kind: 'patch';
  patch: Record<string, unknown>;
}

/** A helm upgrade or rollback: undone by `helm rollback` to the revision before, and the values file put back. */
export interface HelmEntry extends EntryBase {
  kind: 'helm-upgrade' | 'helm-rollback';
  release: HelmRelease;
  revisionBefore: number;
  /** The revision the write created; unknown while pending. */
  revisionAfter?: number;
  /** The user's values file and the edits that put it back (never its text: it may hold secrets). */
  valuesFile?: { path: string; restore: ValuesEdit[] };
}

export type JournalEntry = PatchEntry | HelmEntry;

/** How history names what an entry changed: "horizontalpodautoscaler/web -n shop", "helm release wallarm/wallarm-sidecar". */
export function entryObject(entry: JournalEntry): string {
  return entry.kind === 'patch'
    ? `${entry.ref.kind.toLowerCase()}/${entry.ref.name} -n ${entry.ref.namespace}`
    : t('apply.journal.helmRelease', { release: `${entry.release.namespace}/${entry.release.name}` });
}

export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(state, 'kubectl-scale-ha', 'journal');
}

const stampOf = (time: Date) => time.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);

/**
 * Sortable by time, to the millisecond: 20261125-154512-042-3fa9c1. `after` is the newest id in the
 * journal: a clock that did not move (or moved back) still yields a later id.
 */
export function newEntryId(now = new Date(), after?: string): { id: string; time: Date } {
  let time = now;
  const newest = after?.slice(0, 19);
  while (newest !== undefined && stampOf(time) <= newest) time = new Date(time.getTime() + 1);
  return { id: `${stampOf(time)}-${randomBytes(3).toString('hex')}`, time };
}

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What the journal stores: without server bookkeeping (managedFields), the last-applied copy of the
 * whole object, or literal env values. Undo restores only fields the change touched, never these.
 */
export function forJournal(object: KubeObject): KubeObject {
  const { managedFields: _m, ...metadata } = object.metadata as KubeObject['metadata'] & { managedFields?: unknown };
  if (metadata.annotations?.[lastApplied] !== undefined) {
    const { [lastApplied]: _l, ...annotations } = metadata.annotations;
    metadata.annotations = annotations;
  }
  return withoutEnvValues({ ...object, metadata }) as KubeObject;
}

function prepareDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Checked before any write request: a change we cannot journal could not be undone. */
export function ensureJournalWritable(dir: string): void {
  try {
    prepareDir(dir);
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new UserError(
      t('apply.journal.notWritable', { dir, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }),
      {
        hint: t('apply.journal.notWritableHint'),
        exitCode: ExitCode.failure,
      },
    );
  }
}

const entryFile = (dir: string, id: string) => join(dir, `${id}.json`);

/** The newest entry id in the journal, for monotonic ids. */
export function newestEntryId(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .sort()
    .at(-1);
}

/** A new entry (mode 0600, never overwriting one); durable before the write request is sent. */
export function writeEntry(dir: string, entry: JournalEntry): string {
  prepareDir(dir);
  const file = entryFile(dir, entry.id);
  writeFileSync(file, `${JSON.stringify(entry, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}

/** Removes a pending entry whose write the server refused: nothing changed, so nothing to undo. */
export function removeEntry(dir: string, id: string): void {
  rmSync(entryFile(dir, id), { force: true });
}

/** Completes a pending entry: written to a temp file and renamed, so a crash leaves the old or the new. */
export function updateEntry(dir: string, entry: JournalEntry): void {
  const file = entryFile(dir, entry.id);
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(entry, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temp, file);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isEntry(value: unknown): value is JournalEntry {
  if (!isObject(value)) return false;
  const common =
    typeof value.id === 'string' && typeof value.time === 'string' && typeof value.context === 'string' && Array.isArray(value.summary);
  if (!common) return false;
  if (value.kind === 'helm-upgrade' || value.kind === 'helm-rollback')
    return isObject(value.release) && typeof value.revisionBefore === 'number';
  return (value.kind === undefined || value.kind === 'patch') && isObject(value.ref) && isObject(value.before) && isObject(value.after);
}

/** Oldest first. Files that are not journal entries are skipped; `onSkip` says which. */
export function readEntries(dir: string, onSkip?: (file: string, reason: string) => void): JournalEntry[] {
  if (!existsSync(dir)) return [];
  const entries: JournalEntry[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (!isEntry(parsed)) {
        onSkip?.(join(dir, name), t('apply.journal.notAnEntry'));
        continue;
      }
      // Entries from before kinds and states were recorded: applied patches.
      entries.push({ ...parsed, kind: parsed.kind ?? 'patch', state: parsed.state ?? 'applied' } as JournalEntry);
    } catch (error) {
      onSkip?.(join(dir, name), error instanceof Error ? error.message : String(error));
    }
  }
  return entries.sort((a, b) => (a.time === b.time ? (a.id < b.id ? -1 : 1) : a.time < b.time ? -1 : 1));
}

/** The entry to undo: the named one, else the newest change in this context not undone yet. */
export function findEntryToUndo(entries: readonly JournalEntry[], id: string | undefined, context: string): JournalEntry {
  const undone = new Set(entries.map((e) => e.undoOf));
  if (id !== undefined) {
    const matches = entries.filter((e) => e.id === id || e.id.startsWith(id));
    if (matches.length === 1) return matches[0]!;
    throw new UserError(
      matches.length
        ? t('apply.journal.ambiguous', { id, matches: matches.map((e) => e.id).join(', ') })
        : t('apply.journal.noEntry', { id }),
      {
        hint: t('apply.journal.listHint'),
        exitCode: matches.length ? ExitCode.usage : ExitCode.notFound,
      },
    );
  }
  const candidate = [...entries].reverse().find((e) => e.context === context && !e.undoOf && !undone.has(e.id));
  if (!candidate) {
    throw new UserError(t('apply.journal.nothingToUndo', { context }), {
      hint: t('apply.journal.nothingToUndoHint'),
      exitCode: ExitCode.notFound,
    });
  }
  return candidate;
}
