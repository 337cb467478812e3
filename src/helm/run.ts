// Runs one helm command (an argv array, never a shell string) and turns its failures into UserErrors.
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { HelmTool } from './tool.ts';

export interface HelmRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Killed by our timeout: what helm did is unknown. */
  timedOut: boolean;
}

export interface RunOptions {
  timeoutMs: number;
  /** Each line helm writes to stderr (warnings, errors), as it comes, already scrubbed. */
  onStderrLine?: ((line: string) => void) | undefined;
  /** Removes secrets from every line handed out. */
  scrub?: ((text: string) => string) | undefined;
}

/** Never --debug: helm's debug logging is the one place values could leak into its output. */
const quietEnv = { HELM_DEBUG: 'false' };

/** Runs helm with `args`; resolves with its output whatever its exit code (callers decide what failure means). */
export async function runHelm(tool: HelmTool, args: string[], options: RunOptions): Promise<HelmRun> {
  // Loaded here: execa is ~290 kB, and most commands never run helm.
  const { execa } = await import('execa');
  const subprocess = execa(tool.path, args, {
    reject: false,
    env: quietEnv,
    timeout: options.timeoutMs,
    forceKillAfterDelay: 5_000,
    stdin: 'ignore',
  });
  const { onStderrLine } = options;
  if (onStderrLine) {
    const scrub = options.scrub ?? ((text: string) => text);
    let pending = '';
    subprocess.stderr?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onStderrLine(scrub(line));
    });
    subprocess.stderr?.on('end', () => {
      if (pending.trim()) onStderrLine(scrub(pending));
    });
  }
  const result = await subprocess;
  if (result.failed && result.exitCode === undefined && !result.timedOut) {
    throw new UserError(t('helm.run.cannotRun', { path: tool.path, reason: result.shortMessage }), {
      hint: t('helm.run.cannotRunHint'),
      exitCode: ExitCode.usage,
      cause: result,
    });
  }
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr), timedOut: result.timedOut };
}

/** helm's own error text: from its last "Error: " line to the end, on one line (helm 4 logs level=WARN lines before it). */
export function helmErrorText(run: Pick<HelmRun, 'stderr' | 'exitCode' | 'timedOut'>): string {
  if (run.timedOut) return t('helm.run.timedOut');
  const lines = run.stderr.split('\n');
  const start = lines.findLastIndex((line) => line.startsWith('Error: '));
  const text = (start >= 0 ? lines.slice(start) : lines.filter((line) => line.trim()).slice(-1))
    .join(' ')
    .replace(/^Error: /, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text || t('helm.run.exitedWith', { code: run.exitCode });
}

interface Classified {
  exitCode: ExitCode;
  hint: string;
}

/** What kind of failure helm's error text describes, as our exit codes and hints know them. */
export function classifyHelmError(text: string): Classified {
  if (/context "[^"]*" does not exist|cluster unreachable: stat |invalid configuration|kubeconfig/i.test(text)) {
    return { exitCode: ExitCode.kubeconfig, hint: t('helm.run.hint.kubeconfig') };
  }
  if (/cluster unreachable|connection refused|i\/o timeout|no such host|TLS handshake|x509:/i.test(text)) {
    return {
      exitCode: ExitCode.unreachable,
      hint: t('helm.run.hint.unreachable'),
    };
  }
  if (/forbidden|unauthorized/i.test(text)) {
    return {
      exitCode: ExitCode.forbidden,
      hint: t('helm.run.hint.forbidden'),
    };
  }
  if (/another operation \(install\/upgrade\/rollback\) is in progress/i.test(text)) {
    return {
      exitCode: ExitCode.conflict,
      hint: t('helm.run.hint.busy'),
    };
  }
  if (/release: not found|has no deployed releases|not found/i.test(text)) {
    return {
      exitCode: ExitCode.notFound,
      hint: t('helm.run.hint.notFound'),
    };
  }
  return { exitCode: ExitCode.failure, hint: t('helm.run.hint.other') };
}

/** "helm get values of release shop/web failed: <helm's words>.": `what` names the command, helm's words close the sentence. */
export const helmFailedText = (what: string, text: string): string => t('helm.run.failed', { what, text: text.replace(/\.$/, '') });

/** The UserError for a failed helm read: "helm get values of release shop/web failed: <helm's words>". */
export function helmFailure(what: string, run: HelmRun, scrub: (text: string) => string = (text) => text): UserError {
  const text = scrub(helmErrorText(run));
  const { exitCode, hint } = classifyHelmError(text);
  return new UserError(helmFailedText(what, text), { hint, exitCode });
}

/** Parses helm's JSON output, or fails naming the command. */
export function parseHelmJson<T>(what: string, stdout: string): T {
  try {
    return JSON.parse(stdout) as T;
  } catch {
    // Not quoted: the output of `helm get values` is the user's values.
    throw new UserError(t('helm.run.notJson', { what, length: stdout.length }), {
      hint: t('helm.run.notJsonHint'),
      exitCode: ExitCode.failure,
    });
  }
}
