import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generate as generateCertificate } from 'selfsigned';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { KubeClient } from '../../../src/kube/client.ts';
import { loadKubeconfig } from '../../../src/kube/kubeconfig.ts';
import { useFakeApiServer } from '../../support/fake-api-server.ts';

/** A kubeconfig for the fake server whose user authenticates with the exec plugin `command`. */
function kubeconfigWithPlugin(server: string, command: string, env: Record<string, string> = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'scale-ha-exec-')), 'config');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: c',
      'contexts: [{name: c, context: {cluster: k, user: u}}]',
      `clusters: [{name: k, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]`,
      `users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "${command}", interactiveMode: Never, env: ${JSON.stringify(Object.entries(env).map(([name, value]) => ({ name, value })))}}}}]`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return file;
}

/** An executable shell script in a fresh directory; returns its path and the directory. */
function pluginScript(body: string): { plugin: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'scale-ha-plugin-'));
  const plugin = join(dir, 'plugin');
  writeFileSync(plugin, `#!/bin/sh\n${body}\n`);
  chmodSync(plugin, 0o700);
  return { plugin, dir };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // Killed but not yet reaped (a container's PID 1 may never reap orphans): a zombie runs nothing.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const credential = (token: string) =>
  `printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "${token}"`;

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

  it('a plugin that hangs is stopped by --request-timeout, and killed with the processes it started', async () => {
    const { plugin, dir } = pluginScript('echo $$ > "$(dirname "$0")/plugin.pid"\nsleep 30 &\necho $! > "$(dirname "$0")/sleep.pid"\nwait');
    const client = new KubeClient(loadKubeconfig({ kubeconfig: kubeconfigWithPlugin(fake.server().url, plugin) }), { timeoutMs: 500 });
    const started = Date.now();
    await assert.rejects(client.request('GET', '/version'), kubeconfigFault(/did not answer within 0\.5s/));
    assert.ok(Date.now() - started < 5000);
    for (const file of ['plugin.pid', 'sleep.pid']) {
      const pid = Number(readFileSync(join(dir, file), 'utf8'));
      assert.equal(isRunning(pid), false, `${file}: process ${pid} still runs`);
    }
  });

  it("sends the plugin's token, with the kubeconfig's env and KUBERNETES_EXEC_INFO, and runs it once while the token lasts", async () => {
    const { plugin, dir } = pluginScript(`echo "$KUBERNETES_EXEC_INFO" >> "$(dirname "$0")/runs"\n${credential('$PLUGIN_TOKEN')}`);
    fake.server().routes['GET /version'] = { gitVersion: 'v1.35.0' };
    const client = new KubeClient(
      loadKubeconfig({ kubeconfig: kubeconfigWithPlugin(fake.server().url, plugin, { PLUGIN_TOKEN: 'from-env' }) }),
    );
    await client.request('GET', '/version');
    await client.request('GET', '/version');
    assert.deepEqual(
      fake.server().requests.map((request) => request.headers.authorization),
      ['Bearer from-env', 'Bearer from-env'],
    );
    const runs = readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n');
    assert.equal(runs.length, 1);
    assert.deepEqual(JSON.parse(runs[0]!), {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      spec: { interactive: false },
    });
  });

  it('runs the plugin again once its credential has expired', async () => {
    const { plugin, dir } = pluginScript(
      `echo run >> "$(dirname "$0")/runs"\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"2000-01-01T00:00:00Z"}}'`,
    );
    fake.server().routes['GET /version'] = { gitVersion: 'v1.35.0' };
    const client = new KubeClient(loadKubeconfig({ kubeconfig: kubeconfigWithPlugin(fake.server().url, plugin) }));
    await client.request('GET', '/version');
    await client.request('GET', '/version');
    assert.equal(readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n').length, 2);
  });

  it('a plugin that fails is a kubeconfig fault quoting its error line, and one that prints no ExecCredential does not quote what it printed', async () => {
    const failing = pluginScript('echo "error: please run login first" >&2\nexit 1').plugin;
    await assert.rejects(
      new KubeClient(loadKubeconfig({ kubeconfig: kubeconfigWithPlugin(fake.server().url, failing) })).request('GET', '/version'),
      kubeconfigFault(/failed: error: please run login first/),
    );
    const garbled = pluginScript('echo "secret-token-123 not json"').plugin;
    await assert.rejects(
      new KubeClient(loadKubeconfig({ kubeconfig: kubeconfigWithPlugin(fake.server().url, garbled) })).request('GET', '/version'),
      (error: unknown) =>
        kubeconfigFault(/did not print an ExecCredential/)(error) && !(error as Error).message.includes('secret-token-123'),
    );
    const wrongVersion = pluginScript(
      `printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}'`,
    ).plugin;
    await assert.rejects(
      new KubeClient(loadKubeconfig({ kubeconfig: kubeconfigWithPlugin(fake.server().url, wrongVersion) })).request('GET', '/version'),
      kubeconfigFault(/client\.authentication\.k8s\.io\/v1beta1.*client\.authentication\.k8s\.io\/v1/),
    );
    assert.equal(fake.server().requests.length, 0, 'nothing is sent without credentials');
  });

  it("a plugin's client certificate and key of two different pairs are a kubeconfig fault, not a TLS error", async () => {
    const keyPair = () =>
      generateKeyPairSync('ec', {
        namedCurve: 'P-256',
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
    const certificate = await generateCertificate([{ name: 'commonName', value: 'u' }], { keyType: 'ec', keyPair: keyPair() });
    const { plugin, dir } = pluginScript('cat "$(dirname "$0")/credential.json"');
    const status = { clientCertificateData: certificate.cert, clientKeyData: keyPair().privateKey };
    writeFileSync(
      join(dir, 'credential.json'),
      JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status }),
    );
    await assert.rejects(
      new KubeClient(loadKubeconfig({ kubeconfig: kubeconfigWithPlugin(fake.server().url, plugin) })).request('GET', '/version'),
      kubeconfigFault(/failed: its clientKeyData is not the key of its clientCertificateData/),
    );
  });
});
