// List-then-watch, as client-go's reflector does: one LIST, then a watch from its resourceVersion that is resumed
// when the server closes it and restarted from a fresh LIST when the server answers 410 Gone.
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { KubeObject } from '../k8s/types.ts';
import type { KubeApi } from './api.ts';
import { KubeApiError, toUserError } from './errors.ts';

/** The whole collection after each change: callers re-render from `items`, never patch their own copy. */
export type CollectionUpdate<T> = { type: 'LISTED'; items: T[] } | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T; items: T[] };

export interface FollowOptions {
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
  /**
   * Words for error messages, e.g. "watch events of horizontalpodautoscaler web in namespace shop": of the LIST and of
   * the watch, built by verb when an error needs them (a string starting "watch" names the LIST with "list").
   */
  action: string | ((verb: 'list' | 'watch') => string);
  signal?: AbortSignal | undefined;
  /** The longest a single watch request stays open (the server's default is 30–60 min). */
  timeoutSeconds?: number;
  /** Waits before re-watching after a lost connection, for tests. */
  retryDelayMs?: number;
}

interface Status {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
}

/** A lost connection is retried this many times in a row before it is the user's to see. */
const maxConnectionRetries = 3;

const keyOf = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Yields the collection once listed, then after every change, until the signal aborts or a failure ends it. */
export async function* followCollection<T extends KubeObject>(
  api: KubeApi,
  path: string,
  options: FollowOptions,
): AsyncGenerator<CollectionUpdate<T>> {
  const { signal, labelSelector, fieldSelector } = options;
  const words = options.action;
  const listAction = typeof words === 'string' ? words.replace(/^watch/, 'list') : () => words('list');
  const action = typeof words === 'string' ? words : () => words('watch');
  const retryDelayMs = options.retryDelayMs ?? 1000;
  while (!signal?.aborted) {
    const listed = await api.list<T>(path, { labelSelector, fieldSelector, action: listAction });
    if (signal?.aborted) return;
    const objects = new Map(listed.items.map((object) => [keyOf(object), object]));
    let resourceVersion = listed.resourceVersion;
    yield { type: 'LISTED', items: [...objects.values()] };
    let failures = 0;
    let gone = false;
    while (!gone && !signal?.aborted) {
      const started = Date.now();
      let received = 0;
      try {
        const timeoutSeconds = options.timeoutSeconds ?? 300 + Math.floor(Math.random() * 300);
        for await (const event of api.watch<T | Status>(path, {
          resourceVersion,
          labelSelector,
          fieldSelector,
          timeoutSeconds,
          signal,
          action,
        })) {
          received++;
          failures = 0;
          if (event.type === 'ERROR') {
            const status = event.object as Status;
            if (status.code === 410) {
              gone = true;
              break;
            }
            throw toUserError(
              new KubeApiError(status.code ?? 500, status.reason ?? '', status.message ?? t('kube.watch.error'), 'GET', path),
              {
                action,
                server: api.server,
                contextName: api.contextName,
              },
            );
          }
          const object = event.object as T;
          resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
          if (event.type === 'BOOKMARK') continue;
          if (event.type === 'DELETED') objects.delete(keyOf(object));
          else objects.set(keyOf(object), object);
          yield { type: event.type, object, items: [...objects.values()] };
        }
        // A stream the server closes at once, again and again, must not become a busy loop.
        if (!gone && received === 0 && Date.now() - started < retryDelayMs) await pause(retryDelayMs, signal);
      } catch (error) {
        if (signal?.aborted) return;
        if (error instanceof KubeApiError && error.status === 410) gone = true;
        else if (error instanceof UserError && error.exitCode === ExitCode.unreachable && ++failures <= maxConnectionRetries)
          await pause(retryDelayMs * failures, signal);
        else throw error;
      }
    }
  }
}
