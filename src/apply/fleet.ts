// Several kubeconfig contexts at once (--all-contexts, --context 'prod-*'): the same read on each, a few at a time;
// a context that fails is reported beside the others' results, never instead of them.
import { t } from '../i18n/index.ts';
import { UserError, usageError } from '../k8s/errors.ts';
import { kubeconfigContexts, type SessionOptions } from './session.ts';

/** True when --context holds a pattern rather than one context's name. */
export const isContextPattern = (text: string): boolean => /[*?]/.test(text);

/**
 * `*` any run of characters, `?` one; nothing else is special. Context names are not paths: EKS names hold `/`
 * (arn:aws:eks:…:cluster/prod), and `*prod*` must match them.
 */
export function contextPattern(pattern: string): RegExp {
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`);
}

/** The contexts a pattern (or every context, for --all-contexts) selects, in the kubeconfig's order. */
export function selectContexts(options: Pick<SessionOptions, 'kubeconfig'>, pattern: string | undefined): string[] {
  const { names } = kubeconfigContexts({ kubeconfig: options.kubeconfig });
  const matcher = pattern === undefined ? undefined : contextPattern(pattern);
  const selected = matcher ? names.filter((name) => matcher.test(name)) : names;
  if (!selected.length)
    throw usageError(
      pattern === undefined ? t('apply.fleet.noContexts') : t('apply.fleet.noMatch', { pattern }),
      names.length ? t('apply.fleet.itsContexts', { contexts: names.join(', ') }) : t('apply.fleet.addContext'),
    );
  return selected;
}

export type FleetResult<T> = { context: string; value: T } | { context: string; error: UserError };

/** How many contexts are read at once: each holds a few requests in flight of its own. */
export const fleetParallelism = 4;

/** `read` on each context, at most `parallel` at a time; results in the contexts' order, failures kept as data. */
export async function acrossContexts<T>(
  contexts: readonly string[],
  read: (context: string) => Promise<T>,
  parallel = fleetParallelism,
): Promise<FleetResult<T>[]> {
  const results: FleetResult<T>[] = new Array(contexts.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < contexts.length; i = next++) {
      const context = contexts[i]!;
      try {
        results[i] = { context, value: await read(context) };
      } catch (error) {
        // Only what the tool explains (unreachable, forbidden, bad kubeconfig) is one context's failure; a bug is not.
        if (!(error instanceof UserError)) throw error;
        results[i] = { context, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, contexts.length) }, worker));
  return results;
}

/**
 * The exit code of a fleet run: the first failed context's (unreachable 5, kubeconfig 4, forbidden 6…), so a
 * pipeline notices a cluster it did not see; otherwise undefined and the command's own code stands.
 */
export function fleetExitCode(results: readonly FleetResult<unknown>[]): number | undefined {
  const failed = results.find((r): r is Extract<FleetResult<unknown>, { error: UserError }> => 'error' in r);
  return failed?.error.exitCode;
}
