// Entry point of bin/kubectl-scale_ha (bundled to dist/kubectl-scale_ha.mjs).
import { writeSync } from 'node:fs';
import { run } from './program.ts';

// `kubectl scale-ha doctor -A | head` closes the pipe early: stop quietly, as other CLIs do.
// Any other output failure (a full disk, a closed terminal) is one line and exit 1, not a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    const which = stream === process.stdout ? 'standard output' : 'standard error';
    try {
      writeSync(stream === process.stdout ? 2 : 1, `error: cannot write to ${which}: ${error.code ?? error.message}\n`);
    } catch {
      // neither stream works: the exit code is all that is left
    }
    process.exit(1);
  });
}

const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
