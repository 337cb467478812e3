// Entry point of bin/kubectl-scale_ha (bundled to dist/kubectl-scale_ha.mjs).
import { run } from './program.ts';

const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
