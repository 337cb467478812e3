// The process around the CLI: its streams, a closed pipe, the exit code. Started by start.ts (the bundle's
// entry, bin/kubectl-scale_ha) or sea.ts (the single executable).
import { writeSync } from 'node:fs';
import { t } from '../i18n/index.ts';
import { type Io, run } from './program.ts';
import type { Writer } from './terminal.ts';

const io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
const closed = new Set<NodeJS.WriteStream>();

/** Writes that stop quietly once the stream's reader has gone. */
const guarded = (stream: NodeJS.WriteStream): Writer => ({
  write: (text) => {
    if (!closed.has(stream)) stream.write(text);
  },
  isTTY: stream.isTTY,
  // A getter: the terminal may be resized while a long command runs.
  get columns() {
    return stream.columns;
  },
});
io.stdout = guarded(process.stdout);
io.stderr = guarded(process.stderr);

// `kubectl scale-ha doctor -A | head` closes the pipe early: a read stops quietly, as other CLIs do.
// A write command goes on to the end (a closed pipe must not leave a write half-done or unjournaled),
// and its exit code still tells what happened. Any other output failure is one line and exit 1.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      closed.add(stream);
      if (!io.finishWritesOnClosedOutput) process.exit(process.exitCode ?? 0);
      return;
    }
    const reason = error.code ?? error.message;
    const text = stream === process.stdout ? t('cli.error.cannotWriteStdout', { reason }) : t('cli.error.cannotWriteStderr', { reason });
    try {
      writeSync(stream === process.stdout ? 2 : 1, `${t('cli.error.label')} ${text}\n`);
    } catch {
      // neither stream works: the exit code is all that is left
    }
    process.exit(1);
  });
}

export async function main(argv: string[]): Promise<void> {
  process.exitCode = await run(argv, io);
}
