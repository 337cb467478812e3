// Values files and extracted charts can hold secrets: they live in one private directory per process
// (mode 0700, files 0600), removed when the last operation using it ends, at exit, and on SIGINT/SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeChart } from './chart.ts';
import type { StoredChart } from './release.ts';

export interface HelmFiles {
  /** The private directory (0700). */
  dir: string;
  /** Writes helm values as a JSON file (valid YAML, 0600) and returns its path. */
  writeValues(values: Record<string, unknown>): Promise<string>;
  /** Writes a stored chart as a chart directory and returns its path. */
  writeChart(chart: StoredChart): Promise<string>;
}

interface Workdir {
  path: string;
  users: number;
  files: number;
}

let current: Workdir | undefined;
const signals = ['SIGINT', 'SIGTERM'] as const;

/** Removes the directory now; alone on a signal, lets it terminate the process as it would have without us. */
function onSignal(signal: NodeJS.Signals): void {
  removeWorkdir();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/** Removes the directory and our handlers (idempotent, synchronous: it also runs at exit). */
function removeWorkdir(): void {
  const workdir = current;
  current = undefined;
  process.off('exit', removeWorkdir);
  for (const signal of signals) process.off(signal, onSignal);
  if (workdir) rmSync(workdir.path, { recursive: true, force: true });
}

/** The current directory, created (with its handlers) when there is none, counted as used once more. */
function acquire(): Workdir {
  if (!current) {
    // mkdtemp creates the directory with mode 0700.
    current = { path: mkdtempSync(join(tmpdir(), 'kubectl-scale-ha-helm-')), users: 0, files: 0 };
    process.on('exit', removeWorkdir);
    for (const signal of signals) process.on(signal, onSignal);
  }
  current.users++;
  return current;
}

/** One user fewer; the last one removes the directory. */
function release(workdir: Workdir): void {
  workdir.users--;
  if (workdir === current && workdir.users === 0) removeWorkdir();
}

/** The path of the private directory while an operation uses it, else undefined (for tests). */
export const helmWorkdirPath = () => current?.path;

/** Runs `use` with the process's private helm directory; removes it when the last concurrent user is done. */
export async function withHelmFiles<T>(use: (files: HelmFiles) => Promise<T>): Promise<T> {
  const workdir = acquire();
  const next = (name: string) => join(workdir.path, `${name}-${++workdir.files}`);
  const files: HelmFiles = {
    dir: workdir.path,
    async writeValues(values) {
      const path = `${next('values')}.json`;
      await writeFile(path, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      return path;
    },
    writeChart: (chart) => writeChart(chart, next('chart')),
  };
  try {
    return await use(files);
  } finally {
    release(workdir);
  }
}
