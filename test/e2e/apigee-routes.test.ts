// Apigee runtime's behavior and wait time, on both routes: through the ApigeeEnvironment CR (the demo's
// `test` environment, applied by hand) and through the apigee-env helm release (the demo's `prod`).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { findPreset } from '../../src/hpa/presets.ts';
import type { ApigeeResource } from '../../src/k8s/types.ts';
import { getJson, kubectl, requireTestbed } from './harness.ts';

const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'scale-ha-e2e-state-')) };
const scaleHa = (args: string[]) => kubectl(['scale-ha', ...args], { env });

interface AutoScaler {
  minReplicas?: number;
  maxReplicas?: number;
  behavior?: unknown;
  metrics?: { type: string; pods?: { metric: { name: string }; target: { averageValue?: string } } }[];
}

const runtimeOf = (cr: ApigeeResource) =>
  (cr.spec as { components: { runtime: { autoScaler: AutoScaler } } }).components.runtime.autoScaler;

async function environment(namespace: string, name: string): Promise<ApigeeResource> {
  const list = await getJson<{ items: ApigeeResource[] }>(['get', 'apigeeenvironments', '-n', namespace]);
  const found = list.items.find((item) => (item.spec as { name?: string }).name === name);
  assert.ok(found, `ApigeeEnvironment with spec.name ${name} in ${namespace}`);
  return found;
}

const waitTimes = (scaler: AutoScaler) =>
  (scaler.metrics ?? [])
    .filter((m) => m.type === 'Pods' && /wait_?time/i.test(m.pods?.metric.name ?? ''))
    .map((m) => m.pods?.target.averageValue);

describe('Apigee runtime behavior and wait time', () => {
  it('refuses a lowercase 400m wait time before any request', async () => {
    requireTestbed();
    const result = await scaleHa(['patch', 'env', 'test', 'runtime', '--wait-time', '400m', '-n', 'apigee', '--yes']);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /400m is 0\.4, not 400 million/);
  });

  it('writes the behavior preset and the wait time into the CR on the CR route, and undo restores it', async () => {
    const before = runtimeOf(await environment('apigee', 'test'));
    const args = ['patch', 'env', 'test', 'runtime', '--behavior', 'apigee-more-aggressive', '--wait-time', '350M', '-n', 'apigee'];
    const result = await scaleHa([...args, '--yes', '--wait-timeout', '0', '-o', 'json']);
    assert.equal(result.exitCode, 0, result.stderr);
    const after = runtimeOf(await environment('apigee', 'test'));
    assert.deepEqual(after.behavior, findPreset('apigee-more-aggressive')?.behavior);
    assert.ok(waitTimes(after).length > 0 && waitTimes(after).every((value) => value === '350M'), JSON.stringify(after.metrics));
    const { journalId } = JSON.parse(result.stdout) as { journalId: string };
    assert.equal((await scaleHa(['undo', journalId, '--yes'])).exitCode, 0);
    assert.deepEqual(runtimeOf(await environment('apigee', 'test')), before);
  });

  it('takes the helm route for a chart-managed environment: the per-environment override, then hpaBehavior, in the values', async () => {
    const values = async () =>
      JSON.parse(String((await execa('helm', ['get', 'values', 'apigee-env-prod', '-n', 'apigee-prod', '-o', 'json'])).stdout)) as {
        envs: { name: string; components?: { runtime?: { replicaCountMax?: number } } }[];
        runtime: { hpaBehavior?: { scaleUp?: { pods?: { value?: number } } } };
      };
    const max = await scaleHa(['patch', 'env', 'prod', 'runtime', '--max', '7', '-n', 'apigee-prod', '--yes', '--wait-timeout', '0']);
    assert.equal(max.exitCode, 0, max.stderr);
    assert.match(max.stderr, /managed by helm release apigee-prod\/apigee-env-prod/);
    assert.equal((await values()).envs.find((e) => e.name === 'prod')?.components?.runtime?.replicaCountMax, 7);
    assert.equal(runtimeOf(await environment('apigee-prod', 'prod')).maxReplicas, 7);

    const behavior = await scaleHa([
      'patch',
      'env',
      'prod',
      'runtime',
      '--behavior',
      'apigee-more-aggressive',
      '-n',
      'apigee-prod',
      '--yes',
    ]);
    assert.equal(behavior.exitCode, 0, behavior.stderr);
    assert.equal((await values()).runtime.hpaBehavior?.scaleUp?.pods?.value, 5);
    const rendered = runtimeOf(await environment('apigee-prod', 'prod')).behavior as {
      scaleUp: { policies: { type: string; value: number }[] };
    };
    assert.deepEqual(
      rendered.scaleUp.policies.map((p) => [p.type, p.value]),
      [
        ['Percent', 30],
        ['Pods', 5],
      ],
    );
    for (let undone = 0; undone < 2; undone++) assert.equal((await scaleHa(['undo', '--yes', '-n', 'apigee-prod'])).exitCode, 0);
    assert.equal(runtimeOf(await environment('apigee-prod', 'prod')).maxReplicas, 6);
  });
});
