import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { ok, type RecordedRequest, statusReply, useFakeApiServer } from '../../support/fake-api-server.ts';

const path = '/apis/apps/v1/namespaces/shop/deployments';
const deployment = (name: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'shop' } });
const expired = () => statusReply(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.');

/** Pages of a LIST keyed by the continue token that asks for them ('' = the first page). */
function pagedList(pages: Record<string, { names: string[]; next?: string; resourceVersion: string }>) {
  return (request: RecordedRequest) => {
    const page = pages[request.query.get('continue') ?? ''];
    if (!page) return expired();
    return ok({
      kind: 'DeploymentList',
      metadata: { resourceVersion: page.resourceVersion, ...(page.next ? { continue: page.next } : {}) },
      items: page.names.map(deployment),
    });
  };
}

const continueTokens = (requests: RecordedRequest[]) => requests.map((r) => r.query.get('continue'));

describe('paginated LIST against an API server', () => {
  const fake = useFakeApiServer();
  const reset = (route: Parameters<typeof pagedList>[0] | ((r: RecordedRequest) => unknown)) => {
    fake.server().requests.length = 0;
    fake.server().routes[`GET ${path}`] = typeof route === 'function' ? route : pagedList(route);
  };

  it('follows continue tokens across pages, sending limit and the selector on every page', async () => {
    reset({
      '': { names: ['a', 'b'], next: 'page-2', resourceVersion: '101' },
      'page-2': { names: ['c', 'd'], next: 'page-3', resourceVersion: '101' },
      'page-3': { names: ['e'], resourceVersion: '107' },
    });
    const result = await fake.client().list<KubeObject>(path, { pageSize: 2, labelSelector: 'app=web' });
    assert.deepEqual(
      result.items.map((d) => d.metadata.name),
      ['a', 'b', 'c', 'd', 'e'],
    );
    assert.deepEqual(continueTokens(fake.server().requests), [null, 'page-2', 'page-3']);
    assert.ok(fake.server().requests.every((r) => r.query.get('limit') === '2' && r.query.get('labelSelector') === 'app=web'));
  });

  it("returns the last page's resourceVersion", async () => {
    reset({ '': { names: ['a'], next: 'p2', resourceVersion: '101' }, p2: { names: ['b'], resourceVersion: '202' } });
    assert.equal((await fake.client().list(path, { pageSize: 1 })).resourceVersion, '202');
  });

  it('asks for 500 items a page unless told otherwise', async () => {
    reset({ '': { names: ['a'], resourceVersion: '1' } });
    await fake.client().list(path);
    assert.equal(fake.server().requests[0]?.query.get('limit'), '500');
  });

  it('passes every item through the project callback as its page arrives', async () => {
    reset({ '': { names: ['a', 'b'], next: 'p2', resourceVersion: '1' }, p2: { names: ['c'], resourceVersion: '1' } });
    const seen: string[] = [];
    const result = await fake.client().list<KubeObject, string>(path, { pageSize: 2 }, (item) => {
      seen.push(`${item.metadata.name}@page${fake.server().requests.length}`);
      return item.metadata.name.toUpperCase();
    });
    assert.deepEqual(result.items, ['A', 'B', 'C']);
    assert.deepEqual(seen, ['a@page1', 'b@page1', 'c@page2']);
  });

  it('restarts from the first page when a continue token expires (410), without duplicates', async () => {
    let expiredOnce = false;
    const pages = pagedList({
      '': { names: ['a', 'b'], next: 'p2', resourceVersion: '5' },
      p2: { names: ['c'], resourceVersion: '5' },
    });
    reset((request: RecordedRequest) => {
      if (request.query.get('continue') === 'p2' && !expiredOnce) {
        expiredOnce = true;
        return expired();
      }
      return pages(request);
    });
    const result = await fake.client().list<KubeObject>(path, { pageSize: 2 });
    assert.deepEqual(
      result.items.map((d) => d.metadata.name),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(continueTokens(fake.server().requests), [null, 'p2', null, 'p2']);
  });

  it('gives up after 3 restarts with an error that names the list and the 410', async () => {
    reset({ '': { names: ['a'], next: 'always-stale', resourceVersion: '5' } });
    await assert.rejects(fake.client().list(path, { pageSize: 1, action: 'list deployments in namespace shop' }), (error) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, ExitCode.failure);
      assert.match(error.message, /answered 410 Expired while trying to list deployments in namespace shop: The provided continue/);
      return true;
    });
    assert.equal(fake.server().requests.filter((r) => !r.query.has('continue')).length, 4);
    assert.equal(fake.server().requests.length, 8);
  });

  it('does not retry a failure other than 410', async () => {
    reset(() => statusReply(500, 'InternalError', 'etcd timed out'));
    await assert.rejects(
      fake.client().list(path),
      (error) => error instanceof UserError && /failed \(500 InternalError\)/.test(error.message),
    );
    assert.equal(fake.server().requests.length, 1);
  });
});
