// The journal: one JSON file per applied change (object before and after), readable only by the user.
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, UserError } from '../k8s/errors.ts';
import { withoutEnvValues } from '../k8s/redact.ts';
import type { JournaledChange } from '../plan/undo.ts';
import type { KubeObject } from '../k8s/types.ts';

export interface JournalEntry extends JournaledChange {
  time: string;
  context: string;
  server: string;
  user: string;
  /** The command line that made the change. */
  command: string;
  patch: Record<string, unknown>;
  summary: string[];
  /** Set on entries written by `undo`: the id they undid. */
  undoOf?: string;
}

export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(state, 'kubectl-scale-ha', 'journal');
}

/** Sortable by time: 20261125-154512-3fa9c1. */
export function newEntryId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
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
      `Cannot write the journal directory ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was written to the cluster.`,
      {
        hint: 'Every change is journaled so that `kubectl scale-ha undo` can restore it: make the directory writable, or point XDG_STATE_HOME at a writable directory.',
        exitCode: ExitCode.failure,
      },
    );
  }
}

export function writeEntry(dir: string, entry: JournalEntry): string {
  prepareDir(dir);
  const file = join(dir, `${entry.id}.json`);
  writeFileSync(file, JSON.stringify(entry, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return file;
}

/** Oldest first; unreadable files are skipped rather than failing the whole history. */
export function readEntries(dir: string): JournalEntry[] {
  if (!existsSync(dir)) return [];
  const entries: JournalEntry[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    try {
      entries.push(JSON.parse(readFileSync(join(dir, name), 'utf8')) as JournalEntry);
    } catch {
      // a half-written or foreign file: history shows the rest
    }
  }
  return entries;
}

/** The entry to undo: the named one, else the newest change in this context not undone yet. */
export function findEntryToUndo(entries: readonly JournalEntry[], id: string | undefined, context: string): JournalEntry {
  const undone = new Set(entries.map((e) => e.undoOf).filter(Boolean));
  if (id !== undefined) {
    const matches = entries.filter((e) => e.id === id || e.id.startsWith(id));
    if (matches.length === 1) return matches[0]!;
    throw new UserError(
      matches.length ? `Journal id "${id}" is ambiguous (${matches.map((e) => e.id).join(', ')}).` : `No journal entry "${id}".`,
      {
        hint: 'List entries with: kubectl scale-ha history',
        exitCode: matches.length ? ExitCode.usage : ExitCode.notFound,
      },
    );
  }
  const candidate = [...entries].reverse().find((e) => e.context === context && !e.undoOf && !undone.has(e.id));
  if (!candidate) {
    throw new UserError(`Nothing to undo in context ${context}.`, {
      hint: 'kubectl scale-ha history lists every journaled change; pass an ID to undo a specific one.',
      exitCode: ExitCode.notFound,
    });
  }
  return candidate;
}
