import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { kubectl, kubectlOk } from './harness.ts';

interface RawConfig {
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
}

describe('errors against the test bed', () => {
  let dir = '';
  let cluster: RawConfig['clusters'][number]['cluster'];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scale-ha-e2e-'));
    const raw = JSON.parse(await kubectlOk(['config', 'view', '--raw', '--minify', '-o', 'json'])) as RawConfig;
    cluster = raw.clusters[0]!.cluster;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function kubeconfigFor(server: string, token: string): string {
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}`);
    const config = {
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'limited',
      clusters: [{ name: 'bed', cluster: { ...cluster, server } }],
      users: [{ name: 'limited', user: { token } }],
      contexts: [{ name: 'limited', context: { cluster: 'bed', user: 'limited', namespace: 'default' } }],
    };
    writeFileSync(file, stringify(config), { mode: 0o600 });
    return file;
  }

  it('refuses a limited user with exit 6 and names what was denied', async () => {
    await kubectl(['create', 'serviceaccount', 'e2e-nobody', '-n', 'default']);
    const token = (await kubectlOk(['create', 'token', 'e2e-nobody', '-n', 'default'])).trim();
    const result = await kubectl(['scale-ha', 'list', '--kubeconfig', kubeconfigFor(cluster.server, token)]);
    assert.equal(result.exitCode, 6, result.stderr);
    assert.match(result.stderr, /Access denied: cannot list \w+ in namespace default/);
    assert.match(result.stderr, /forbidden/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('authenticates through an exec credential plugin, as kubectl does', async () => {
    await kubectl(['create', 'serviceaccount', 'e2e-viewer', '-n', 'shop']);
    await kubectl(['create', 'rolebinding', 'e2e-viewer', '-n', 'shop', '--clusterrole', 'view', '--serviceaccount', 'shop:e2e-viewer']);
    const token = (await kubectlOk(['create', 'token', 'e2e-viewer', '-n', 'shop'])).trim();
    // The plugin prints an ExecCredential; the token reaches it through the environment, not the kubeconfig.
    const plugin = join(dir, 'print-token');
    writeFileSync(
      plugin,
      '#!/bin/sh\nprintf \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}\' "$E2E_TOKEN"\n',
      { mode: 0o700 },
    );
    const file = join(dir, 'config-exec');
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'exec',
        clusters: [{ name: 'bed', cluster }],
        users: [
          {
            name: 'exec',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: './print-token',
                env: [{ name: 'E2E_TOKEN', value: token }],
                interactiveMode: 'Never',
              },
            },
          },
        ],
        contexts: [{ name: 'exec', context: { cluster: 'bed', user: 'exec', namespace: 'shop' } }],
      }),
      { mode: 0o600 },
    );
    const result = await kubectl(['scale-ha', 'list', '--kubeconfig', file, '-o', 'json']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok((JSON.parse(result.stdout) as { workloads: { name: string }[] }).workloads.some((w) => w.name === 'web'));
  });

  it('reports an unreachable server with exit 5', async () => {
    const result = await kubectl(['scale-ha', 'list', '--kubeconfig', kubeconfigFor('https://127.0.0.1:1', 'x')]);
    assert.equal(result.exitCode, 5, result.stderr);
    assert.match(result.stderr, /Cannot reach the API server https:\/\/127\.0\.0\.1:1/);
  });

  it('reports an unknown --context with exit 4', async () => {
    const result = await kubectl(['scale-ha', 'list', '--context', 'no-such-context']);
    assert.equal(result.exitCode, 4);
    assert.match(result.stderr, /context "no-such-context" does not exist/);
  });

  it('stops quietly when its output pipe closes early (| head)', async () => {
    const plugin = new URL('../../bin/kubectl-scale_ha', import.meta.url).pathname;
    // 24 h of steps as JSON is megabytes: head exits long before the plugin finishes writing.
    const source = execa(
      plugin,
      [
        'simulate',
        '--spec',
        new URL('../fixtures/hpa/web-hpa.yaml', import.meta.url).pathname,
        '--pattern',
        'diurnal',
        '--duration',
        '24h',
        '-o',
        'json',
      ],
      { reject: false },
    );
    const head = await source.pipe('head', ['-c', '1'], { reject: false });
    const result = await source;
    assert.equal(head.stdout, '{');
    assert.doesNotMatch(String(result.stderr), /EPIPE|\n\s+at /);
    assert.equal(result.exitCode, 0);
  });
});
