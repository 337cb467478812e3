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
  /** 128 + the signal number, as shells report it. */
  interrupted: 130,
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class UserError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  /** A write whose answer was lost (timeout, dropped connection): it may have landed. */
  readonly mayHaveLanded: boolean;
  constructor(message: string, options: { hint?: string; exitCode?: ExitCode; cause?: unknown; mayHaveLanded?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UserError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.failure;
    this.mayHaveLanded = options.mayHaveLanded ?? false;
  }
}

export function usageError(message: string, hint?: string): UserError {
  return new UserError(message, { hint, exitCode: ExitCode.usage });
}
