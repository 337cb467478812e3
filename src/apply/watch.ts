// Watching, for the faces: several followed collections as one stream, Ctrl+C as a clean end, and the changes
// that make `list --watch` read its snapshot again.
import type { CollectionUpdate } from '../kube/watch.ts';
import { followDeployments, followHpas, followReplicaSets, followStatefulSets } from '../kube/resources.ts';
import type { Session } from './session.ts';

/**
 * An AbortSignal that Ctrl+C or SIGTERM aborts: a watch is meant to run until the user stops it, so stopping is
 * a clean end (exit 0), not an interruption. `dispose` gives the signals back.
 */
export function abortOnInterrupt(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    },
  };
}

/** Values from several streams as they come, each tagged with its stream's index; ends when all have ended. */
export async function* mergeStreams<T>(streams: AsyncIterable<T>[]): AsyncGenerator<{ index: number; value: T }> {
  const iterators = streams.map((stream) => stream[Symbol.asyncIterator]());
  const next = (index: number) => iterators[index]!.next().then((result) => ({ index, result }));
  const pending = new Map(iterators.map((_, index) => [index, next(index)]));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pending.set(index, next(index));
      yield { index, value: result.value };
    }
  } finally {
    // The streams' own signal has stopped them by now (callers abort before leaving); this only lets them finish.
    await Promise.allSettled(iterators.map((iterator) => iterator.return?.()));
  }
}

/** An AbortSignal that ends with `outer` or when `abort` is called: callers stop their streams before leaving. */
export function linkedAbort(outer: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', () => controller.abort(), { once: true });
  return controller;
}

export interface WorkloadWatchScope {
  /** null: all namespaces. */
  namespace: string | null;
  labelSelector: string | undefined;
}

/**
 * Yields once every kind `list` reads from has been listed, then after each change to one of them (workloads,
 * ReplicaSets for Apigee, HPAs). A burst of changes (a rollout) is one yield per `settleMs`.
 */
export async function* watchWorkloadChanges(
  session: Session,
  scope: WorkloadWatchScope,
  signal: AbortSignal | undefined,
  settleMs = 1000,
): AsyncGenerator<void> {
  const inner = linkedAbort(signal);
  const namespace = scope.namespace ?? undefined;
  const workloads = { namespace, labelSelector: scope.labelSelector };
  const streams: AsyncIterable<CollectionUpdate<unknown>>[] = [
    followDeployments(session.client, workloads, inner.signal),
    followStatefulSets(session.client, workloads, inner.signal),
    followReplicaSets(session.client, { namespace }, inner.signal),
    // HPAs are not chosen by the workloads' labels.
    followHpas(session.client, { namespace }, inner.signal),
  ];
  const listed = new Set<number>();
  let dirty = false;
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const pump = (async () => {
    try {
      for await (const { index, value } of mergeStreams(streams)) {
        if (value.type === 'LISTED') listed.add(index);
        if (listed.size < streams.length) continue;
        dirty = true;
        wake?.();
      }
    } catch (error) {
      failure = error;
    } finally {
      ended = true;
      wake?.();
    }
  })();
  try {
    for (let first = true; ; first = false) {
      while (!dirty && !ended) await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== undefined && !inner.signal.aborted) throw failure;
      if (!dirty || inner.signal.aborted) return;
      // A rollout touches a workload and two ReplicaSets many times a second: one re-read per burst.
      if (!first) await new Promise((resolve) => setTimeout(resolve, settleMs));
      dirty = false;
      if (inner.signal.aborted) return;
      yield;
    }
  } finally {
    inner.abort();
    await pump;
  }
}
