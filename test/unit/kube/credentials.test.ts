import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { KubeClient } from '../../../src/kube/client.ts';
import { loadKubeconfig } from '../../../src/kube/kubeconfig.ts';
import { useFakeApiServer } from '../../support/fake-api-server.ts';

/** A kubeconfig for the fake server whose user authenticates with the exec plugin `command`. */
function kubeconfigWithPlugin(server: string, command: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'scale-ha-exec-')), 'config');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: c',
      'contexts: [{name: c, context: {cluster: k, user: u}}]',
      `clusters: [{name: k, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]`,
      `users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "${command}", interactiveMode: Never}}}]`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return file;
}

const kubeconfigFault = (pattern: RegExp) => (error: unknown) =>
  error instanceof UserError && error.exitCode === ExitCode.kubeconfig && pattern.test(error.message);

describe('exec credential plugins', () => {
  const fake = useFakeApiServer();

  it('a plugin that is not there is a kubeconfig fault naming it, not a bug', async () => {
    const client = new KubeClient(loadKubeconfig({ kubeconfig: kubeconfigWithPlugin(fake.server().url, '/nonexistent/plugin') }));
    await assert.rejects(
      client.request('GET', '/version'),
      kubeconfigFault(/credential plugin \/nonexistent\/plugin of context "c" failed/),
    );
    assert.equal(fake.server().requests.length, 0, 'nothing is sent without credentials');
  });

  it('a plugin that hangs is stopped by --request-timeout', async () => {
    const plugin = join(mkdtempSync(join(tmpdir(), 'scale-ha-plugin-')), 'hang');
    writeFileSync(plugin, '#!/bin/sh\nsleep 30\n');
    chmodSync(plugin, 0o700);
    const client = new KubeClient(loadKubeconfig({ kubeconfig: kubeconfigWithPlugin(fake.server().url, plugin) }), { timeoutMs: 500 });
    const started = Date.now();
    await assert.rejects(client.request('GET', '/version'), kubeconfigFault(/did not answer within 0\.5s/));
    assert.ok(Date.now() - started < 5000);
  });
});
