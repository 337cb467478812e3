// The CLI run in-process with its output captured: what a test of flags, help or completion reads.
import { run } from '../../src/cli/program.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
    // No developer's ~/.config/kubectl-scale-ha/config.yaml may change what a test sees.
    env: { NO_COLOR: '1', XDG_CONFIG_HOME: '/nonexistent/scale-ha-test-config', ...env },
  });
  return { code, stdout, stderr };
}
