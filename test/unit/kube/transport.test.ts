import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KubeClient } from '../../../src/kube/client.ts';
import { getObject } from '../../../src/kube/resources.ts';
import { credentialHeaders, needsClientNode } from '../../../src/kube/transport.ts';
import { loadedKubeconfigFor, useFakeApiServer } from '../../support/fake-api-server.ts';

const ref = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'shop', name: 'web' };
const deployment = { metadata: { name: 'web', namespace: 'shop' } };

describe('the HTTP transport: credentials as client-node applies them', () => {
  const { server } = useFakeApiServer();

  it('sends a token as Bearer, basic auth as Basic (a token wins), and the user to impersonate', () => {
    assert.deepEqual(credentialHeaders({ name: 'u', token: 't' }), { Authorization: 'Bearer t' });
    assert.deepEqual(credentialHeaders({ name: 'u', username: 'a', password: 'b' }), {
      Authorization: `Basic ${Buffer.from('a:b').toString('base64')}`,
    });
    assert.deepEqual(credentialHeaders({ name: 'u', username: 'a', password: 'b', token: 't', impersonateUser: 'x' }), {
      Authorization: 'Bearer t',
      'Impersonate-User': 'x',
    });
    assert.deepEqual(credentialHeaders(undefined), {});
  });

  it('leaves auth providers and proxies to client-node, and only those', () => {
    const cluster = { name: 'k', server: 'https://10.0.0.1', skipTLSVerify: false };
    assert.equal(needsClientNode(cluster, { name: 'u', token: 't' }), false);
    assert.equal(needsClientNode({ ...cluster, proxyUrl: 'http://proxy:3128' }, { name: 'u' }), true);
    assert.equal(needsClientNode(cluster, { name: 'u', authProvider: { name: 'oidc', config: {} } }), true);
  });

  it('goes through client-node (loaded on first use) for a user with an auth provider: its token reaches the server', async () => {
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'scale-ha-transport-')), 'token');
    writeFileSync(tokenFile, 'token-from-the-provider', { mode: 0o600 });
    server().routes['GET /apis/apps/v1/namespaces/shop/deployments/web'] = deployment;
    const loaded = loadedKubeconfigFor(server().url);
    const user = { name: 'tester', authProvider: { name: 'file', config: { tokenFile } } };
    const client = new KubeClient({ ...loaded, users: [user], user });
    assert.deepEqual(await getObject(client, ref), deployment);
    assert.equal(server().requests.at(-1)?.headers.authorization, 'Bearer token-from-the-provider');
  });

  it('reuses its connections: many requests, few sockets', async () => {
    server().routes['GET /apis/apps/v1/namespaces/shop/deployments/web'] = deployment;
    const client = new KubeClient(loadedKubeconfigFor(server().url), { maxInFlight: 2 });
    await Promise.all(Array.from({ length: 12 }, () => getObject(client, ref)));
    const ports = new Set(server().requests.map((r) => r.remotePort));
    assert.equal(server().requests.length, 12);
    assert.ok(ports.size <= 2, `${ports.size} connections for 12 requests`);
  });
});
