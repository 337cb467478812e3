import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Session } from '../../../src/apply/session.ts';
import { watchWorkloadChanges } from '../../../src/apply/watch.ts';
import { ok, type RecordedRequest, useFakeApiServer } from '../../support/fake-api-server.ts';

const paths = {
  deployments: '/apis/apps/v1/namespaces/shop/deployments',
  statefulsets: '/apis/apps/v1/namespaces/shop/statefulsets',
  replicasets: '/apis/apps/v1/namespaces/shop/replicasets',
  hpas: '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers',
};
const deployment = (resourceVersion: string) => ({ metadata: { name: 'web', namespace: 'shop', resourceVersion } });
const never = new Promise<never>(() => {});

describe('watchWorkloadChanges: what makes `list -w` read again', () => {
  const { server, client } = useFakeApiServer();

  it('yields once every kind is listed, then once per burst of changes, and ends when aborted', async () => {
    // Changes before every kind is listed are read by the first read: the burst comes once all lists are answered.
    let listsAnswered = 0;
    const allListed = async () => {
      while (listsAnswered < Object.keys(paths).length) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    for (const path of Object.values(paths))
      server().routes[`GET ${path}`] = (request: RecordedRequest) => {
        if (request.query.get('watch') !== 'true') {
          listsAnswered++;
          return ok({ items: [], metadata: { resourceVersion: '1' } });
        }
        if (path !== paths.deployments) return 'hang';
        return {
          // A rollout's burst, then a quiet stream the server keeps open.
          lines: (async function* () {
            await allListed();
            for (const version of ['2', '3', '4']) yield { type: 'MODIFIED', object: deployment(version) };
            await never;
          })(),
        };
      };
    const controller = new AbortController();
    const session = { client: client() } as unknown as Session;
    const yields: number[] = [];
    const started = Date.now();
    const watching = (async () => {
      for await (const _ of watchWorkloadChanges(session, { namespace: 'shop', labelSelector: 'app=web' }, controller.signal, 100))
        yields.push(Date.now() - started);
    })();
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(yields.length, 2, `one yield for the lists, one for the burst (got ${yields.length})`);
    controller.abort();
    await watching;
    const lists = server().requests.filter((r) => r.query.get('watch') !== 'true');
    assert.deepEqual(lists.map((r) => r.path).sort(), Object.values(paths).sort());
    assert.equal(
      lists.find((r) => r.path === paths.hpas)?.query.get('labelSelector'),
      null,
      "HPAs are not chosen by the workloads' labels",
    );
    assert.equal(lists.find((r) => r.path === paths.deployments)?.query.get('labelSelector'), 'app=web');
  });
});
