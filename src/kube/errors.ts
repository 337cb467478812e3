// Turns API and transport failures into one-paragraph user messages with a hint and an exit code.
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { Action } from './api.ts';

/** A non-2xx answer from the API server, with its Status object. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

const tlsCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Text in a 403 that means admission (a webhook, a policy, a quota) refused it, not RBAC. */
const policyPatterns: [RegExp, (m: RegExpExecArray) => string][] = [
  [/admission webhook "([^"]+)" denied the request/i, (m) => t('kube.errors.policy.webhook', { name: m[1] })],
  [/ValidatingAdmissionPolicy '([^']+)'/i, (m) => t('kube.errors.policy.admissionPolicy', { name: m[1] })],
  [/violates PodSecurity "([^"]+)"/i, (m) => t('kube.errors.policy.podSecurity', { name: m[1] })],
  [/forbidden: exceeded quota: ([^,\s]+)/i, (m) => t('kube.errors.policy.quota', { name: m[1] })],
  [/admission webhook|denied the request|denied request/i, () => t('kube.errors.policy.unnamed')],
];

export function policyDenial(message: string): string | undefined {
  for (const [pattern, name] of policyPatterns) {
    const match = pattern.exec(message);
    if (match) return name(match);
  }
  return undefined;
}

/** Codes that mean the request may have reached the server before the answer was lost. */
const answerLostCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR',
]);
/** The connection ended before the answer did. A short body: on "connection: close" undici takes the end of the socket for the end of the answer. */
const connectionLostCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);

/**
 * A write whose answer was lost (timeout, reset, 504) may have landed. Returns the error to show
 * instead, telling how to check; undefined when the failure proves nothing was written.
 */
export function uncertainWrite(error: UserError, object: { kubectlName: string; namespace: string }): UserError | undefined {
  const cause = error.cause;
  const lost =
    (cause instanceof KubeApiError && cause.status === 504) ||
    (cause !== undefined &&
      !(cause instanceof KubeApiError) &&
      (answerLostCodes.has(errorCode(cause) ?? '') || (cause as Error)?.name === 'TimeoutError'));
  if (!lost) return undefined;
  return new UserError(t('kube.errors.uncertainWrite', { message: error.message.replace(/[.。]$/, '') }), {
    hint: t('kube.errors.uncertainWriteHint', { object: object.kubectlName, namespace: object.namespace }),
    exitCode: error.exitCode,
    cause,
    mayHaveLanded: true,
  });
}

export interface ErrorContext {
  /** What we were doing, e.g. "list deployments in namespace shop". */
  action: Action;
  server: string;
  contextName: string;
}

export function toUserError(error: unknown, context: ErrorContext): UserError {
  if (error instanceof UserError) return error;
  const where = t('kube.errors.where', { server: context.server, context: context.contextName });
  const action = typeof context.action === 'function' ? context.action() : context.action;
  if (error instanceof KubeApiError) {
    switch (error.status) {
      case 401:
        return new UserError(t('kube.errors.unauthorized', { where, action, message: error.message }), {
          hint: t('kube.errors.unauthorizedHint'),
          exitCode: ExitCode.forbidden,
        });
      case 403: {
        const policy = policyDenial(error.message);
        if (policy) {
          return new UserError(t('kube.errors.policyDenied', { policy, action, message: error.message }), {
            hint: t('kube.errors.policyDeniedHint', { policy }),
            exitCode: ExitCode.forbidden,
          });
        }
        return new UserError(t('kube.errors.forbidden', { action, message: error.message }), {
          hint: t('kube.errors.forbiddenHint'),
          exitCode: ExitCode.forbidden,
        });
      }
      case 404:
        return new UserError(t('kube.errors.notFound', { action, message: error.message }), {
          hint: t('kube.errors.notFoundHint'),
          exitCode: ExitCode.notFound,
        });
      case 409:
        return new UserError(t('kube.errors.conflict', { action, message: error.message }), {
          hint: t('kube.errors.conflictHint'),
          exitCode: ExitCode.conflict,
        });
      case 422:
      case 400:
        return new UserError(t('kube.errors.invalid', { action, message: error.message }), {
          hint: t('kube.errors.invalidHint'),
          exitCode: ExitCode.usage,
        });
      case 429:
        return new UserError(t('kube.errors.throttled', { where, action, message: error.message }), {
          hint: t('kube.errors.throttledHint'),
          exitCode: ExitCode.failure,
        });
      default:
        if (error.status >= 500) {
          return new UserError(
            t('kube.errors.serverFailed', { where, status: error.status, reason: error.reason, action, message: error.message }),
            {
              hint: t('kube.errors.serverFailedHint'),
              exitCode: ExitCode.failure,
              cause: error,
            },
          );
        }
        return new UserError(
          t('kube.errors.otherStatus', { where, status: error.status, reason: error.reason, action, message: error.message }),
          {
            hint: t('kube.errors.otherStatusHint'),
            exitCode: ExitCode.failure,
          },
        );
    }
  }
  const code = errorCode(error);
  if (code && tlsCodes.has(code)) {
    return new UserError(t('kube.errors.tls', { where, code, action }), {
      hint: t('kube.errors.tlsHint'),
      exitCode: ExitCode.unreachable,
    });
  }
  if (code && connectionLostCodes.has(code)) {
    return new UserError(t('kube.errors.connectionLost', { where, code, action }), {
      hint: t('kube.errors.connectionLostHint'),
      exitCode: ExitCode.unreachable,
      cause: error,
    });
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'EAI_AGAIN') {
    return new UserError(t('kube.errors.unreachable', { where, code, action }), {
      hint: t('kube.errors.unreachableHint'),
      exitCode: ExitCode.unreachable,
      cause: error,
    });
  }
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'ABORT_ERR' ||
    (error as Error)?.name === 'TimeoutError'
  ) {
    return new UserError(t('kube.errors.timeout', { where, action }), {
      hint: t('kube.errors.timeoutHint'),
      exitCode: ExitCode.unreachable,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UserError(t('kube.errors.failed', { action, where, message }), {
    hint: t('kube.errors.failedHint'),
    exitCode: ExitCode.failure,
    cause: error,
  });
}
