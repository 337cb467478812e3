// Turns API and transport failures into one-paragraph user messages with a hint and an exit code.
import { ExitCode, UserError } from '../k8s/errors.ts';

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
  [/admission webhook "([^"]+)" denied the request/i, (m) => `the admission webhook "${m[1]}"`],
  [/ValidatingAdmissionPolicy '([^']+)'/i, (m) => `the ValidatingAdmissionPolicy "${m[1]}"`],
  [/violates PodSecurity "([^"]+)"/i, (m) => `the PodSecurity "${m[1]}" policy`],
  [/forbidden: exceeded quota: ([^,\s]+)/i, (m) => `the ResourceQuota "${m[1]}"`],
  [/admission webhook|denied the request|denied request/i, () => 'an admission webhook or policy'],
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
  return new UserError(`${error.message.replace(/\.$/, '')}. The write may have landed: the request was sent but its answer was lost.`, {
    hint: `Check the object: kubectl get ${object.kubectlName} -n ${object.namespace} -o yaml (compare with the diff above); kubectl scale-ha history lists what was journaled. Run the command again to finish or re-check the change.`,
    exitCode: error.exitCode,
    cause,
    mayHaveLanded: true,
  });
}

export interface ErrorContext {
  /** What we were doing, e.g. "list deployments in namespace shop". */
  action: string;
  server: string;
  contextName: string;
}

export function toUserError(error: unknown, context: ErrorContext): UserError {
  if (error instanceof UserError) return error;
  const where = `the API server ${context.server} (context "${context.contextName}")`;
  if (error instanceof KubeApiError) {
    switch (error.status) {
      case 401:
        return new UserError(`${where} rejected our credentials while trying to ${context.action}: ${error.message}.`, {
          hint: 'Log in again or refresh the token of this context (kubectl would fail the same way).',
          exitCode: ExitCode.forbidden,
        });
      case 403: {
        const policy = policyDenial(error.message);
        if (policy) {
          return new UserError(`Refused by ${policy} while trying to ${context.action}: ${error.message}.`, {
            hint: `This is not a permissions problem: ${policy} rejected the request. Change the values so the policy accepts them, or ask the policy's owner (kubectl get validatingwebhookconfigurations,validatingadmissionpolicies,resourcequotas).`,
            exitCode: ExitCode.forbidden,
          });
        }
        return new UserError(`Access denied: cannot ${context.action}. ${error.message}.`, {
          hint: 'Ask a cluster admin for a Role granting that verb on that resource, or use a context that has it (check with `kubectl auth can-i`).',
          exitCode: ExitCode.forbidden,
        });
      }
      case 404:
        return new UserError(`Not found: could not ${context.action}. ${error.message}.`, {
          hint: 'Check the name and namespace (-n), or that the resource type (CRD) is installed in this cluster.',
          exitCode: ExitCode.notFound,
        });
      case 409:
        return new UserError(`Conflict: could not ${context.action} because the object changed meanwhile. ${error.message}.`, {
          hint: 'Run the command again: it re-reads the object and shows the new diff.',
          exitCode: ExitCode.conflict,
        });
      case 422:
      case 400:
        return new UserError(`The API server refused to ${context.action}: ${error.message}.`, {
          hint: 'The requested values are invalid for this object; adjust them and retry.',
          exitCode: ExitCode.usage,
        });
      case 429:
        return new UserError(`${where} is busy (429 Too Many Requests) and refused to ${context.action}: ${error.message}.`, {
          hint: 'The API server is throttling requests (API priority and fairness); retry in a moment.',
          exitCode: ExitCode.failure,
        });
      default:
        if (error.status >= 500) {
          return new UserError(`${where} failed (${error.status} ${error.reason}) while trying to ${context.action}: ${error.message}.`, {
            hint: 'A server-side failure, not a problem with the command: retry; if it persists, check the API server health (kubectl get --raw /readyz).',
            exitCode: ExitCode.failure,
            cause: error,
          });
        }
        return new UserError(`${where} answered ${error.status} ${error.reason} while trying to ${context.action}: ${error.message}.`, {
          hint: 'Retry later; if it persists, check the API server health (kubectl get --raw /readyz).',
          exitCode: ExitCode.failure,
        });
    }
  }
  const code = errorCode(error);
  if (code && tlsCodes.has(code)) {
    return new UserError(`TLS verification of ${where} failed (${code}) while trying to ${context.action}.`, {
      hint: "Check the cluster's certificate-authority data in the kubeconfig and the server address.",
      exitCode: ExitCode.unreachable,
    });
  }
  if (code && connectionLostCodes.has(code)) {
    return new UserError(`The connection to ${where} was lost (${code}) while trying to ${context.action}.`, {
      hint: 'Retry; if it keeps happening, check the network path to the cluster (proxies, load balancers).',
      exitCode: ExitCode.unreachable,
      cause: error,
    });
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'EAI_AGAIN') {
    return new UserError(`Cannot reach ${where} (${code}) while trying to ${context.action}.`, {
      hint: 'Is the cluster running and the server address right? `kubectl cluster-info` with the same context shows the same problem.',
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
    return new UserError(`${where} did not answer in time while trying to ${context.action}.`, {
      hint: 'Raise --request-timeout or check the network path to the cluster.',
      exitCode: ExitCode.unreachable,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UserError(`Failed to ${context.action} on ${where}: ${message}.`, {
    hint: 'If this persists, run with SCALE_HA_DEBUG=1 and report the output.',
    exitCode: ExitCode.failure,
    cause: error,
  });
}
