// patch workload (replicas, anti-affinity, container and Wallarm sidecar resources) on the test bed.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Pod, WorkloadObject } from '../../src/k8s/types.ts';
import { apply, cpuHpa, fakeDeployment, getJson, kubectl, kubectlOk, waitFor } from './harness.ts';

// A fresh name per run: deleting a namespace full of pods can take minutes.
const ns = `e2e-patch-workload-${Date.now().toString(36)}`;
const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'scale-ha-e2e-state-')) };
const scaleHa = (args: string[]) => kubectl(['scale-ha', ...args], { env });
const deployment = (name: string) => getJson<WorkloadObject>(['get', 'deployment', name, '-n', ns]);
const pods = async (selector: string) =>
  (await getJson<{ items: Pod[] }>(['get', 'pods', '-n', ns, '-l', selector])).items.filter(
    (p) => !(p.metadata as { deletionTimestamp?: string }).deletionTimestamp,
  );

describe('kubectl scale-ha patch workload', () => {
  after(() => kubectl(['delete', 'namespace', ns, '--wait=false']));

  before(async () => {
    await kubectlOk(['create', 'namespace', ns]);
    await apply([
      fakeDeployment(ns, 'web', { replicas: 2 }),
      cpuHpa(ns, 'web', { min: 2, max: 4, cpu: 80 }),
      fakeDeployment(ns, 'plain', { replicas: 1 }),
      fakeDeployment(ns, 'api', { replicas: 1, labels: { 'wallarm-sidecar': 'enabled' } }),
      fakeDeployment(ns, 'orders', { replicas: 1, labels: { 'wallarm-sidecar': 'enabled' } }),
      { ...fakeDeployment(ns, 'db', { replicas: 1 }), kind: 'StatefulSet', spec: { ...fakeDeployment(ns, 'db').spec, serviceName: 'db' } },
    ]);
  });

  it('refuses spec.replicas on an HPA-managed workload unless --force-replicas', async () => {
    const refused = await scaleHa(['patch', 'workload', 'deployment/web', '-n', ns, '--replicas', '3', '--yes']);
    assert.equal(refused.exitCode, 2, refused.stderr);
    assert.match(refused.stderr, /scaled by HPA web/);
    const forced = await scaleHa([
      'patch',
      'workload',
      'deployment/web',
      '-n',
      ns,
      '--replicas',
      '3',
      '--force-replicas',
      '--yes',
      '--wait-timeout',
      '0',
    ]);
    assert.equal(forced.exitCode, 0, forced.stderr);
    assert.match(forced.stderr, /HPA web will move the replica count back/);
  });

  it('sets replicas on a workload without an HPA and reports the rollout', async () => {
    const result = await scaleHa(['patch', 'workload', 'deployment/plain', '-n', ns, '--replicas', '2', '--yes', '--wait-timeout', '60s']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal((await deployment('plain')).spec.replicas, 2);
    assert.match(result.stdout, /Rollout of deployment\/plain complete: 2\/2/);
  });

  it('adds required zone anti-affinity derived from the pod labels, accepted by the API server', async () => {
    const result = await scaleHa([
      'patch',
      'workload',
      'deployment/plain',
      '-n',
      ns,
      '--anti-affinity',
      'required',
      '--topology-key',
      'zone',
      '--yes',
      '--wait-timeout',
      '0',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    const terms = (await deployment('plain')).spec.template.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    assert.deepEqual(terms, [{ labelSelector: { matchLabels: { app: 'plain' } }, topologyKey: 'topology.kubernetes.io/zone' }]);
  });

  it('adds and removes its own topology spread constraint, keeping a foreign one (strategic delete directive)', async () => {
    const added = await scaleHa([
      'patch',
      'workload',
      'deployment/plain',
      '-n',
      ns,
      '--topology-spread',
      'hostname',
      '--yes',
      '--wait-timeout',
      '0',
    ]);
    assert.equal(added.exitCode, 0, added.stderr);
    const foreign = {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { app: 'other' } },
    };
    await kubectlOk([
      'patch',
      'deployment',
      'plain',
      '-n',
      ns,
      '--type',
      'json',
      '-p',
      JSON.stringify([{ op: 'add', path: '/spec/template/spec/topologySpreadConstraints/-', value: foreign }]),
    ]);
    const removed = await scaleHa([
      'patch',
      'workload',
      'deployment/plain',
      '-n',
      ns,
      '--topology-spread',
      'none',
      '--yes',
      '--wait-timeout',
      '0',
    ]);
    assert.equal(removed.exitCode, 0, removed.stderr);
    const constraints = (await deployment('plain')).spec.template.spec.topologySpreadConstraints ?? [];
    assert.deepEqual(
      constraints.map((c) => c.topologyKey),
      ['topology.kubernetes.io/zone'],
    );
  });

  it('patches a StatefulSet the same way (replicas and preferred hostname anti-affinity)', async () => {
    const result = await scaleHa([
      'patch',
      'workload',
      'statefulset/db',
      '-n',
      ns,
      '--replicas',
      '2',
      '--anti-affinity',
      'preferred',
      '--weight',
      '80',
      '--yes',
      '--wait-timeout',
      '0',
      '-o',
      'json',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    const db = await getJson<WorkloadObject>(['get', 'statefulset', 'db', '-n', ns]);
    assert.equal(db.spec.replicas, 2);
    assert.deepEqual(db.spec.template.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, [
      { weight: 80, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' } },
    ]);
    assert.match((JSON.parse(result.stdout) as { diff: string }).diff, /\+ {2}replicas: 2/);
  });

  it("changes one container's requests and the new pods carry them", async () => {
    const result = await scaleHa([
      'patch',
      'workload',
      'deployment/plain',
      '-n',
      ns,
      '-c',
      'app',
      '--requests',
      'cpu=150m',
      '--limits',
      'memory=128Mi',
      '--yes',
      '--wait-timeout',
      '60s',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    await waitFor('pods with the new request', async () => {
      const live = await pods('app=plain');
      return (
        live.length === 2 &&
        live.every(
          (p) => p.spec.containers[0]?.resources?.requests?.cpu === '150m' && p.spec.containers[0]?.resources?.limits?.memory === '128Mi',
        )
      );
    });
  });

  let apiBeforeSidecar: WorkloadObject | undefined;

  it('writes all four Wallarm annotations for the proxy and the re-created pods carry those resources', async () => {
    apiBeforeSidecar = await deployment('api');
    const result = await scaleHa([
      'patch',
      'workload',
      'deployment/api',
      '-n',
      ns,
      '--sidecar',
      'proxy',
      '--requests',
      'cpu=100m,memory=128Mi',
      '--limits',
      'cpu=500m,memory=256Mi',
      '--yes',
      '--wait-timeout',
      '60s',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /all four sidecar\.wallarm\.io\/proxy-\* annotations/);
    const annotations = (await deployment('api')).spec.template.metadata?.annotations ?? {};
    assert.deepEqual(Object.fromEntries(Object.entries(annotations).filter(([k]) => k.startsWith('sidecar.wallarm.io/proxy-'))), {
      'sidecar.wallarm.io/proxy-cpu': '100m',
      'sidecar.wallarm.io/proxy-memory': '128Mi',
      'sidecar.wallarm.io/proxy-cpu-limit': '500m',
      'sidecar.wallarm.io/proxy-memory-limit': '256Mi',
    });
    await waitFor('re-created pods with the injected proxy resources', async () => {
      const live = await pods('app=api');
      const proxy = live.map((p) => p.spec.containers.find((c) => c.name === 'sidecar-proxy'));
      return (
        live.length === 1 &&
        proxy.every(
          (c) =>
            c?.resources?.requests?.cpu === '100m' &&
            c.resources.requests.memory === '128Mi' &&
            c.resources.limits?.cpu === '500m' &&
            c.resources.limits?.memory === '256Mi',
        )
      );
    });
  });

  it('fills the sidecar values not given from the live container', async () => {
    const result = await scaleHa([
      'patch',
      'workload',
      'deployment/api',
      '-n',
      ns,
      '--sidecar',
      'proxy',
      '--requests',
      'cpu=200m',
      '--dry-run=server',
      '-o',
      'json',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    const data = JSON.parse(result.stdout) as {
      changes: { patch: { spec: { template: { metadata: { annotations: Record<string, string> } } } }; notes: string[] }[];
    };
    assert.deepEqual(data.changes[0]!.patch.spec.template.metadata.annotations, { 'sidecar.wallarm.io/proxy-cpu': '200m' });
    assert.match(data.changes[0]!.notes.join('\n'), /memory=128Mi, cpu-limit=500m, memory-limit=256Mi/);
  });

  it('refuses the helper sidecar when the pods use the single injection schema', async () => {
    const result = await scaleHa([
      'patch',
      'workload',
      'deployment/api',
      '-n',
      ns,
      '--sidecar',
      'helper',
      '--requests',
      'cpu=100m,memory=64Mi',
      '--limits',
      'cpu=200m,memory=128Mi',
      '--yes',
    ]);
    assert.equal(result.exitCode, 2, result.stderr);
    assert.match(result.stderr, /"single" injection schema/);
  });

  it('undo without an id restores the newest change (the sidecar annotations) exactly', async () => {
    const result = await scaleHa(['undo', '--yes', '--wait-timeout', '0']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stderr, /Undoing .*sidecar\.wallarm\.io\/proxy-cpu/);
    const restored = await deployment('api');
    assert.deepEqual(restored.spec.template, apiBeforeSidecar?.spec.template);
  });

  it("changes the proxy and init-iptables in one patch, one rollout, each with its own values (the guide's example)", async () => {
    const before = await deployment('orders');
    const result = await scaleHa([
      'patch',
      'workload',
      'deployment/orders',
      '-n',
      ns,
      '--sidecar',
      'proxy',
      '--requests',
      'cpu=200m,memory=256Mi',
      '--limits',
      'cpu=500m,memory=512Mi',
      '--sidecar',
      'init-iptables',
      '--requests',
      'cpu=50m,memory=32Mi',
      '--limits',
      'cpu=100m,memory=64Mi',
      '--yes',
      '--wait-timeout',
      '60s',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    const after = await deployment('orders');
    assert.equal(after.metadata.generation, (before.metadata.generation ?? 0) + 1, 'one template change, so one rollout');
    const annotations = after.spec.template.metadata?.annotations ?? {};
    assert.deepEqual(Object.fromEntries(Object.entries(annotations).filter(([k]) => k.startsWith('sidecar.wallarm.io/'))), {
      'sidecar.wallarm.io/proxy-cpu': '200m',
      'sidecar.wallarm.io/proxy-memory': '256Mi',
      'sidecar.wallarm.io/proxy-cpu-limit': '500m',
      'sidecar.wallarm.io/proxy-memory-limit': '512Mi',
      'sidecar.wallarm.io/init-iptables-cpu': '50m',
      'sidecar.wallarm.io/init-iptables-memory': '32Mi',
      'sidecar.wallarm.io/init-iptables-cpu-limit': '100m',
      'sidecar.wallarm.io/init-iptables-memory-limit': '64Mi',
    });
    await waitFor('re-created pods with both injected containers resourced', async () => {
      const live = await pods('app=orders');
      return (
        live.length === 1 &&
        live.every(
          (p) =>
            p.spec.containers.find((c) => c.name === 'sidecar-proxy')?.resources?.requests?.cpu === '200m' &&
            p.spec.initContainers?.find((c) => c.name === 'sidecar-init-iptables')?.resources?.limits?.memory === '64Mi',
        )
      );
    });
  });
});
