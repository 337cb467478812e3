// The API server going away under a running command, and Ctrl+C during a write: through the real kubectl
// and plugin, to the real API server by way of a proxy the test stops (test/support/api-proxy.ts), so the
// shared test bed itself keeps running for the other tests.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { execa, type ResultPromise } from 'execa';
import { stringify } from 'yaml';
import type { HorizontalPodAutoscaler } from '../../src/k8s/types.ts';
import { ApiProxy, type ProxiedRequest, upstreamFromKubeconfig, type Verdict } from '../support/api-proxy.ts';
import { apply, cpuHpa, fakeDeployment, getJson, kubectl, kubectlOk } from './harness.ts';

const ns = `e2e-faults-${Date.now().toString(36)}`;
const work = mkdtempSync(join(tmpdir(), 'scale-ha-e2e-faults-'));
/** A journal of its own for each test. */
const env = { XDG_STATE_HOME: '' };
const kubeconfig = join(work, 'kubeconfig');
const scaleHa = (args: string[]) => kubectl(['scale-ha', '--kubeconfig', kubeconfig, ...args], { env });
const maxReplicas = async () => (await getJson<HorizontalPodAutoscaler>(['get', 'hpa', 'web', '-n', ns])).spec.maxReplicas;
const isWrite = (request: ProxiedRequest) => request.method === 'PATCH' && !request.dryRun;
const stackTrace = /\n\s+at |node:internal|\.mjs:\d+/;

interface HistoryEntry {
  id: string;
  state: 'pending' | 'applied';
  summary: string[];
}
async function history(): Promise<HistoryEntry[]> {
  const result = await scaleHa(['history', '-o', 'json']);
  assert.equal(result.exitCode, 0, result.stderr);
  return (JSON.parse(result.stdout) as { entries: HistoryEntry[] }).entries;
}

describe('faults: the API server goes away, the user presses Ctrl+C', () => {
  let proxy: ApiProxy;

  before(async () => {
    proxy = await ApiProxy.start(
      upstreamFromKubeconfig(await kubectlOk(['config', 'view', '--raw', '--minify', '--flatten', '-o', 'json'])),
    );
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        // client-node refuses plain HTTP unless told to skip TLS verification (there is no TLS to verify).
        clusters: [{ name: 'bed', cluster: { server: proxy.url, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'admin', user: {} }],
        contexts: [{ name: 'via-proxy', context: { cluster: 'bed', user: 'admin', namespace: ns } }],
        'current-context': 'via-proxy',
      }),
      { mode: 0o600 },
    );
    await kubectlOk(['create', 'namespace', ns]);
    await apply([fakeDeployment(ns, 'web'), cpuHpa(ns, 'web', { min: 1, max: 4 })]);
  });
  beforeEach(async () => {
    proxy.onRequest = () => 'forward';
    proxy.seen.splice(0);
    env.XDG_STATE_HOME = mkdtempSync(join(work, 'state-'));
    if (!proxy.up) await proxy.restart();
  });
  after(async () => {
    proxy.stop();
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
    rmSync(work, { recursive: true, force: true });
  });

  it('doctor -A: the API server stops before the pods are listed → exit 5, no report', async () => {
    proxy.onRequest = (request) => (request.url.startsWith('/api/v1/pods') ? 'stop' : 'forward');
    const result = await scaleHa(['doctor', '-A']);
    assert.equal(result.exitCode, 5, result.stderr);
    assert.match(result.stderr, /(connection to the API server http:\/\/127\.0\.0\.1:\d+ .* was lost|Cannot reach the API server)/);
    assert.doesNotMatch(result.stderr, stackTrace);
    assert.equal(result.stdout, '', 'no report from a partial snapshot');
  });

  it('doctor -A: the API server stops in the middle of the pods list → exit 5 naming it, no report', async () => {
    proxy.onRequest = (request) => (request.url.startsWith('/api/v1/pods') ? 'stop-mid-answer' : 'forward');
    // One request at a time, so the broken answer is the error reported, not a refused request beside it.
    const result = await kubectl(['scale-ha', '--kubeconfig', kubeconfig, 'doctor', '-A'], {
      env: { ...env, SCALE_HA_MAX_IN_FLIGHT: '1' },
    });
    assert.equal(result.exitCode, 5, result.stderr);
    assert.match(result.stderr, /connection to the API server http:\/\/127\.0\.0\.1:\d+ .* was lost .* while trying to list pods/);
    assert.doesNotMatch(result.stderr, stackTrace);
    assert.equal(result.stdout, '');
  });

  it('patch --yes: the API server stops after the dry run, before the write → exit 5, nothing written or journaled, a retry works', async () => {
    proxy.onRequest = (request) => (request.method === 'PATCH' && request.dryRun ? 'stop-after-answer' : 'forward');
    const failed = await scaleHa(['patch', 'hpa', 'web', '--max', '6', '--yes']);
    assert.equal(failed.exitCode, 5, failed.stderr);
    assert.match(failed.stderr, /Cannot reach the API server .* while trying to patch/);
    assert.doesNotMatch(failed.stderr, stackTrace);
    assert.ok(!proxy.seen.some(isWrite), 'the write never left the plugin');
    assert.equal(await maxReplicas(), 4);
    assert.deepEqual(await history(), [], 'a write that was refused a connection is not journaled');

    await proxy.restart();
    proxy.onRequest = () => 'forward';
    const retried = await scaleHa(['patch', 'hpa', 'web', '--max', '6', '--yes']);
    assert.equal(retried.exitCode, 0, retried.stderr);
    assert.equal(await maxReplicas(), 6);
    assert.deepEqual(
      (await history()).map((e) => [e.state, e.summary]),
      [['applied', ['spec.maxReplicas: 4 → 6']]],
    );
    assert.equal((await scaleHa(['undo', '--yes'])).exitCode, 0);
  });

  it('patch --yes: the API server stops with the write in flight → exit 5 naming the pending entry; history says outcome unknown; a retry works', async () => {
    proxy.onRequest = (request) => (isWrite(request) ? 'stop' : 'forward');
    const failed = await scaleHa(['patch', 'hpa', 'web', '--max', '7', '--yes']);
    assert.equal(failed.exitCode, 5, failed.stderr);
    assert.doesNotMatch(failed.stderr, stackTrace);
    const [pending] = await history();
    assert.equal(pending?.state, 'pending', 'the request was sent: the tool cannot know it did not land');
    assert.match(failed.stderr, new RegExp(`was lost .*may have landed.* in the journal as ${pending.id}, outcome unknown`));
    assert.equal(await maxReplicas(), 4, 'the write never reached the API server');

    await proxy.restart();
    proxy.onRequest = () => 'forward';
    const table = await scaleHa(['history']);
    assert.match(table.stdout, new RegExp(`${pending.id} .*spec\\.maxReplicas: 4 → 7 +outcome unknown: check the object`));
    const retried = await scaleHa(['patch', 'hpa', 'web', '--max', '7', '--yes']);
    assert.equal(retried.exitCode, 0, retried.stderr);
    assert.equal(await maxReplicas(), 7);
    assert.deepEqual(
      (await history()).map((e) => e.state),
      ['pending', 'applied'],
    );
    assert.equal((await scaleHa(['undo', '--yes'])).exitCode, 0);
    assert.equal(await maxReplicas(), 4);
  });

  it('patch --yes: the answer to a write that landed breaks off → exit 5, the entry stays pending and undo restores', async () => {
    proxy.onRequest = (request) => (isWrite(request) ? 'stop-mid-answer' : 'forward');
    const failed = await scaleHa(['patch', 'hpa', 'web', '--max', '5', '--yes']);
    assert.equal(failed.exitCode, 5, failed.stderr);
    assert.match(failed.stderr, /may have landed/);
    assert.doesNotMatch(failed.stderr, stackTrace);
    assert.equal(await maxReplicas(), 5, 'the API server applied it');
    await proxy.restart();
    proxy.onRequest = () => 'forward';
    const [pending] = await history();
    assert.equal(pending?.state, 'pending');
    const undone = await scaleHa(['undo', pending.id, '--yes']);
    assert.equal(undone.exitCode, 0, undone.stderr);
    assert.equal(await maxReplicas(), 4);
  });

  it('Ctrl+C while the write is in flight: the write finishes and is journaled, then exit 130 naming the entry', async () => {
    const write = holdOnce(isWrite);
    const child = execa('kubectl', ['scale-ha', '--kubeconfig', kubeconfig, 'patch', 'hpa', 'web', '--max', '6', '--yes'], {
      reject: false,
      env: { ...env, NO_COLOR: '1' },
    });
    await write.arrived;
    // kubectl execs the plugin: this pid is the plugin's Node process.
    child.kill('SIGINT');
    await waitForOutput(child, /Interrupted: finishing the write/);
    write.release();
    const result = await child;
    assert.equal(result.exitCode, 130, String(result.stderr));
    const [entry] = await history();
    assert.equal(entry?.state, 'applied');
    assert.match(
      String(result.stderr),
      new RegExp(`Interrupted \\(SIGINT\\) after the change to HorizontalPodAutoscaler/web was applied and journaled as ${entry.id}`),
    );
    assert.doesNotMatch(String(result.stderr), stackTrace);
    assert.equal(await maxReplicas(), 6);
    assert.equal((await scaleHa(['undo', entry.id, '--yes'])).exitCode, 0);
  });

  it('Ctrl+C while following the rollout after the write: stops at once, the write already journaled as applied', async () => {
    await apply([fakeDeployment(ns, 'no-hpa')]);
    let written = false;
    const followUp = holdOnce((request) => {
      if (isWrite(request)) written = true;
      return written && !isWrite(request);
    });
    const child = execa(
      'kubectl',
      ['scale-ha', '--kubeconfig', kubeconfig, 'patch', 'workload', 'deployment/no-hpa', '--replicas', '2', '--yes'],
      { reject: false, env: { ...env, NO_COLOR: '1' } },
    );
    await followUp.arrived;
    child.kill('SIGINT');
    const result = await child;
    followUp.release();
    // Nothing is in flight: SIGINT's default action ends it (the shell reports 130).
    assert.ok(result.signal === 'SIGINT' || result.exitCode === 130, `exit ${result.exitCode}, signal ${result.signal}`);
    const [entry] = await history();
    assert.equal(entry?.state, 'applied');
    assert.match(String(result.stdout), new RegExp(`Applied to Deployment/no-hpa; journal entry ${entry.id}`));
    assert.doesNotMatch(String(result.stderr), stackTrace);
  });

  /** Holds the first request `match` picks until released. */
  function holdOnce(match: (request: ProxiedRequest) => boolean): { arrived: Promise<void>; release: () => void } {
    let release = () => {};
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    proxy.onRequest = async (request): Promise<Verdict> => {
      if (held || !match(request)) return 'forward';
      held = true;
      arrive();
      await released;
      return 'forward';
    };
    return { arrived, release };
  }
});

function waitForOutput(child: ResultPromise, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} on stderr within 10 s: ${seen}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
