// Entry of bin/kubectl-scale_ha: V8's compile cache comes first, so that the modules imported after it
// (the CLI, and only the parts a command needs) start from code compiled by an earlier run.
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

function compileCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_COMPILE_CACHE) return undefined; // Node's own variable wins: enableCompileCache() reads it
  const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(cache, 'kubectl-scale-ha', 'compile-cache');
}

// A cache that cannot be written (read-only home) only costs speed: Node reports it and carries on.
module.enableCompileCache?.(compileCacheDir(process.env));
await (await import('./main.ts')).main(process.argv.slice(2));
