import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { followObjectEvents } from '../../../src/kube/events.ts';
import { followCollection, type CollectionUpdate } from '../../../src/kube/watch.ts';
import { ok, type RecordedRequest, type RouteResult, statusReply, useFakeApiServer } from '../../support/fake-api-server.ts';

const path = '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers';
const hpa = (name: string, resourceVersion: string, replicas = 1) => ({
  metadata: { name, namespace: 'shop', resourceVersion },
  status: { currentReplicas: replicas },
});
const list = (resourceVersion: string, ...items: object[]) => ok({ items, metadata: { resourceVersion } });

/** Answers a LIST or a watch of `path`, by the watch query parameter. */
function collection(onList: (request: RecordedRequest) => RouteResult, onWatch: (request: RecordedRequest) => RouteResult) {
  return (request: RecordedRequest) => (request.query.get('watch') === 'true' ? onWatch(request) : onList(request));
}

/** Takes `count` updates from a follow, then stops it. */
async function take<T>(updates: AsyncGenerator<CollectionUpdate<T>>, count: number): Promise<CollectionUpdate<T>[]> {
  const taken: CollectionUpdate<T>[] = [];
  for await (const update of updates) {
    taken.push(update);
    if (taken.length === count) break;
  }
  return taken;
}

const names = (update: CollectionUpdate<KubeObject> | undefined) => update?.items.map((item) => item.metadata.name).sort();
const watches = (requests: RecordedRequest[]) => requests.filter((r) => r.query.get('watch') === 'true');

describe('followCollection: list, then watch', () => {
  const { server, client } = useFakeApiServer();

  it('lists, then applies added, modified and deleted objects from the stream to the whole collection', async () => {
    server().routes[`GET ${path}`] = collection(
      () => list('10', hpa('web', '9')),
      () => ({
        lines: [
          { type: 'ADDED', object: hpa('api', '11') },
          { type: 'MODIFIED', object: hpa('web', '12', 3) },
          { type: 'DELETED', object: hpa('api', '13') },
        ],
      }),
    );
    const updates = await take(followCollection<KubeObject>(client(), path, { action: 'watch hpas', timeoutSeconds: 30 }), 4);
    assert.deepEqual(
      updates.map((u) => u.type),
      ['LISTED', 'ADDED', 'MODIFIED', 'DELETED'],
    );
    assert.deepEqual(names(updates[1]), ['api', 'web']);
    const web = updates[2]?.items.find((i) => i.metadata.name === 'web') as ReturnType<typeof hpa> | undefined;
    assert.equal(web?.status.currentReplicas, 3);
    assert.deepEqual(names(updates[3]), ['web']);
    const [watch] = watches(server().requests);
    assert.equal(watch?.query.get('resourceVersion'), '10');
    assert.equal(watch?.query.get('allowWatchBookmarks'), 'true');
    assert.equal(watch?.query.get('timeoutSeconds'), '30');
  });

  it('watches again from the last bookmark when the server closes the stream, without listing again', async () => {
    let watchCount = 0;
    server().routes[`GET ${path}`] = collection(
      () => list('10', hpa('web', '9')),
      () =>
        ++watchCount === 1
          ? { lines: [{ type: 'BOOKMARK', object: { metadata: { name: '', resourceVersion: '42' } } }] }
          : { lines: [{ type: 'MODIFIED', object: hpa('web', '43', 5) }] },
    );
    const updates = await take(followCollection<KubeObject>(client(), path, { action: 'watch hpas', retryDelayMs: 5 }), 2);
    assert.equal(updates[1]?.type, 'MODIFIED');
    assert.deepEqual(
      watches(server().requests).map((r) => r.query.get('resourceVersion')),
      ['10', '42'],
    );
    assert.equal(server().requests.filter((r) => r.query.get('watch') !== 'true').length, 1, 'one LIST only');
  });

  for (const [how, gone] of [
    [
      'an ERROR event with code 410 in the stream',
      { lines: [{ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } }] },
    ],
    ['an HTTP 410 answer to the watch', statusReply(410, 'Gone', 'too old resource version: 10 (55)')],
  ] as const) {
    it(`lists again after ${how}, and yields the fresh collection`, async () => {
      let listCount = 0;
      server().routes[`GET ${path}`] = collection(
        () => (++listCount === 1 ? list('10', hpa('web', '9')) : list('60', hpa('web', '58'), hpa('api', '59'))),
        (request) => (request.query.get('resourceVersion') === '10' ? gone : 'hang'),
      );
      const updates = await take(followCollection<KubeObject>(client(), path, { action: 'watch hpas' }), 2);
      assert.deepEqual(
        updates.map((u) => u.type),
        ['LISTED', 'LISTED'],
      );
      assert.deepEqual(names(updates[1]), ['api', 'web']);
    });
  }

  it('ends with the mapped error when the watch is refused (403: exit 6, the verb named)', async () => {
    server().routes[`GET ${path}`] = collection(
      () => list('10'),
      () => statusReply(403, 'Forbidden', 'horizontalpodautoscalers is forbidden: cannot watch'),
    );
    await assert.rejects(
      take(followCollection<KubeObject>(client(), path, { action: 'watch horizontalpodautoscalers in namespace shop' }), 5),
      (error: unknown) =>
        error instanceof UserError && error.exitCode === ExitCode.forbidden && /cannot watch horizontalpodautoscalers/.test(error.message),
    );
  });

  it('retries a dropped connection, then carries on from the same resourceVersion', async () => {
    let watchCount = 0;
    server().routes[`GET ${path}`] = collection(
      () => list('10', hpa('web', '9')),
      () => (++watchCount === 1 ? 'reset' : { lines: [{ type: 'ADDED', object: hpa('api', '11') }] }),
    );
    const updates = await take(followCollection<KubeObject>(client(), path, { action: 'watch hpas', retryDelayMs: 5 }), 2);
    assert.equal(updates[1]?.type, 'ADDED');
    assert.deepEqual(
      watches(server().requests).map((r) => r.query.get('resourceVersion')),
      ['10', '10'],
    );
  });

  it('ends quietly when its signal aborts while the stream is open', async () => {
    server().routes[`GET ${path}`] = collection(
      () => list('10', hpa('web', '9')),
      () => 'hang',
    );
    const controller = new AbortController();
    const seen: string[] = [];
    const started = Date.now();
    for await (const update of followCollection<KubeObject>(client(), path, { action: 'watch hpas', signal: controller.signal })) {
      seen.push(update.type);
      setTimeout(() => controller.abort(), 50);
    }
    assert.deepEqual(seen, ['LISTED']);
    assert.ok(Date.now() - started < 5000);
  });

  it("watches one object's events with a field selector on the involved object", async () => {
    const eventsPath = '/api/v1/namespaces/shop/events';
    const event = { metadata: { name: 'web.1', namespace: 'shop', resourceVersion: '5' }, reason: 'SuccessfulRescale' };
    server().routes[`GET ${eventsPath}`] = collection(
      () => list('5', event),
      () => 'hang',
    );
    const [listed] = await take(followObjectEvents(client(), 'shop', { kind: 'HorizontalPodAutoscaler', name: 'web' }), 1);
    assert.equal(listed?.items.length, 1);
    assert.equal(server().requests[0]?.query.get('fieldSelector'), 'involvedObject.kind=HorizontalPodAutoscaler,involvedObject.name=web');
  });
});
