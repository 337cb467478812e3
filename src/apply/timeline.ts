// `timeline`: read an HPA, its events and its scale target's, and build the model; or follow them all and build
// it again on every change.
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { HorizontalPodAutoscaler, KubeEvent } from '../k8s/types.ts';
import { buildTimeline, type HpaTimeline } from '../hpa/timeline.ts';
import { followObjectEvents, type InvolvedObject, listObjectEvents } from '../kube/events.ts';
import { followHpa, getHpa, listHpaMetadata } from '../kube/resources.ts';
import { hpaSummary } from '../snapshot/summary.ts';
import type { Session } from './session.ts';
import { linkedAbort, mergeStreams } from './watch.ts';

export interface TimelineRequest {
  namespace: string;
  name: string;
  sinceSeconds: number | undefined;
}

/** The model, with kubectl's TARGETS text for the header. */
export interface TimelineView extends HpaTimeline {
  targets: string;
}

/** Only a Deployment's events say more about scaling ("Scaled up replica set … from 1 to 4"); a ReplicaSet's list pods. */
const targetOf = (hpa: HorizontalPodAutoscaler): InvolvedObject | null =>
  hpa.spec.scaleTargetRef.kind === 'Deployment' ? { kind: 'Deployment', name: hpa.spec.scaleTargetRef.name } : null;

const hpaObject = (name: string): InvolvedObject => ({ kind: 'HorizontalPodAutoscaler', name });

function view(
  hpa: HorizontalPodAutoscaler,
  events: KubeEvent[],
  targetEvents: KubeEvent[],
  request: TimelineRequest,
  now: Date,
): TimelineView {
  return { ...buildTimeline({ hpa, events, targetEvents, now, sinceSeconds: request.sinceSeconds }), targets: hpaSummary(hpa).targets };
}

/** Not an HPA: exit 7 naming the namespace's HPAs, so the next try is the right one. */
async function notAnHpa(session: Session, request: TimelineRequest, deleted = false): Promise<UserError> {
  const names = (await listHpaMetadata(session.client, { namespace: request.namespace }, (o) => o.metadata.name).catch(() => null))?.items;
  const { namespace, name } = request;
  const hint =
    names === undefined
      ? t('timeline.notAnHpa.listHint')
      : names.length === 0
        ? t('timeline.notAnHpa.noneHint', { namespace })
        : // Object names, joined the same way in every language.
          t('timeline.notAnHpa.namesHint', { namespace, names: names.join(', ') });
  return new UserError(t(deleted ? 'timeline.notAnHpa.deleted' : 'timeline.notAnHpa.missing', { name, namespace }), {
    hint,
    exitCode: ExitCode.notFound,
  });
}

async function readHpaOrExplain(session: Session, request: TimelineRequest): Promise<HorizontalPodAutoscaler> {
  try {
    return await getHpa(session.client, request.namespace, request.name);
  } catch (error) {
    if (error instanceof UserError && error.exitCode === ExitCode.notFound) throw await notAnHpa(session, request);
    throw error;
  }
}

export async function readTimeline(session: Session, request: TimelineRequest, now = () => new Date()): Promise<TimelineView> {
  const hpa = await readHpaOrExplain(session, request);
  const target = targetOf(hpa);
  const [events, targetEvents] = await Promise.all([
    listObjectEvents(session.client, request.namespace, hpaObject(request.name)),
    target ? listObjectEvents(session.client, request.namespace, target) : Promise.resolve([]),
  ]);
  return view(hpa, events, targetEvents, request, now());
}

/**
 * The timeline once everything is listed, then again after each change to the HPA (its status moves at every sync
 * that changes a metric), its events or its target's. Ends when `signal` aborts.
 */
export async function* followTimeline(
  session: Session,
  request: TimelineRequest,
  signal: AbortSignal | undefined,
  now = () => new Date(),
): AsyncGenerator<TimelineView> {
  const first = await readHpaOrExplain(session, request);
  const target = targetOf(first);
  const inner = linkedAbort(signal);
  const streams = [
    followHpa(session.client, request.namespace, request.name, inner.signal),
    followObjectEvents(session.client, request.namespace, hpaObject(request.name), inner.signal),
    ...(target ? [followObjectEvents(session.client, request.namespace, target, inner.signal)] : []),
  ];
  const latest: (unknown[] | undefined)[] = streams.map(() => undefined);
  try {
    for await (const { index, value } of mergeStreams<{ items: unknown[] }>(streams)) {
      latest[index] = value.items;
      if (latest.some((items) => items === undefined)) continue;
      const hpa = (latest[0] as HorizontalPodAutoscaler[])[0];
      if (!hpa) throw await notAnHpa(session, request, true);
      yield view(hpa, latest[1] as KubeEvent[], (latest[2] ?? []) as KubeEvent[], request, now());
    }
  } finally {
    inner.abort();
  }
}
