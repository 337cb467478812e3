// Errors are values with a user message, a hint and an exit code; only cli/ prints and exits.

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  findings: 3,
  kubeconfig: 4,
  unreachable: 5,
  forbidden: 6,
  notFound: 7,
  conflict: 8,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class UserError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  constructor(message: string, options: { hint?: string; exitCode?: ExitCode; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UserError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.failure;
  }
}

export function usageError(message: string, hint?: string): UserError {
  return new UserError(message, { hint, exitCode: ExitCode.usage });
}
