import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import type { WorkloadSummary } from '../../src/snapshot/summary.ts';
import { apply, cpuHpa, fakeDeployment, freshNamespace, getJson, kubectl, kubectlOk, waitFor } from './harness.ts';

interface ListOutput {
  workloads: WorkloadSummary[];
}

describe('kubectl scale-ha on the test bed', () => {
  it('is found by kubectl and reports the plugin and server versions', async () => {
    const out = await kubectlOk(['scale-ha', 'version']);
    assert.match(out, /kubectl-scale_ha \d+\.\d+\.\d+ \(node v2[4-9]\./);
    assert.match(out, /Server Version: v1\.36\.\d+/);
    assert.match(await kubectlOk(['plugin', 'list']), /kubectl-scale_ha/);
  });

  it('lists the demo workloads with their HPA, spread and owner columns', async () => {
    const list = await waitFor(
      'HPA metrics on shop/web',
      async () => {
        const out = JSON.parse(await kubectlOk(['scale-ha', 'list', '-A', '-o', 'json'])) as ListOutput;
        const web = out.workloads.find((w) => w.namespace === 'shop' && w.name === 'web');
        return web?.hpa && !web.hpa.unknown ? out : undefined;
      },
      180_000,
    );
    const web = list.workloads.find((w) => w.namespace === 'shop' && w.name === 'web')!;
    assert.equal(web.kind, 'Deployment');
    assert.equal(web.hpa?.minReplicas, 2);
    assert.equal(web.hpa?.maxReplicas, 8);
    assert.match(web.hpa?.targets ?? '', /^cpu: \d+%\/60%$/);
    assert.equal(web.antiAffinity, 'preferred');
    assert.ok(web.nodes >= 2, `web's ready pods span ${web.nodes} nodes`);
    assert.equal(web.owner, 'none');

    const wallarmApp = list.workloads.find((w) => w.namespace === 'wallarm' && w.name === 'shop-api');
    assert.ok(wallarmApp?.hpa, 'wallarm/shop-api has an HPA');
    assert.equal(wallarmApp.hpa.unknown, true, 'the injected sidecar without requests leaves the HPA <unknown>');
    assert.match(wallarmApp.hpa.targets, /<unknown>/);

    const controller = list.workloads.find((w) => w.namespace === 'wallarm' && w.name.endsWith('-controller'));
    assert.match(controller?.owner ?? '', /^helm:/);

    const runtime = list.workloads.find((w) => w.namespace === 'apigee' && w.kind === 'ReplicaSet' && w.name.startsWith('apigee-runtime-'));
    assert.ok(runtime, 'the Apigee runtime ReplicaSet is listed');
    assert.match(runtime.owner, /^ApigeeEnvironment\//);
    assert.ok(runtime.hpa, 'the runtime ReplicaSet has its operator-owned HPA');

    const unspread = list.workloads.filter((w) => w.namespace === 'broken' && w.antiAffinity === 'none' && !w.topologySpread);
    assert.ok(unspread.length > 0, 'a broken workload without anti-affinity is shown as such');
  });

  it('shows a table with namespaces for -A and honours -l', async () => {
    const table = await kubectlOk(['scale-ha', 'list', '-A']);
    assert.match(table.split('\n')[0] ?? '', /^NAMESPACE\s+WORKLOAD\s+READY/);
    const filtered = JSON.parse(
      await kubectlOk(['scale-ha', 'list', '-n', 'shop', '-l', 'app.kubernetes.io/name=web', '-o', 'json']),
    ) as ListOutput;
    assert.deepEqual(
      filtered.workloads.map((w) => w.name),
      ['web'],
    );
  });

  it('scales up for real when kwok reports more CPU usage', async () => {
    const ns = await freshNamespace('e2e-scale');
    await apply([
      fakeDeployment(ns, 'burst', { replicas: 1, cpuRequest: '100m', cpuUsage: '50m' }),
      cpuHpa(ns, 'burst', { min: 1, max: 5, cpu: 50 }),
    ]);
    await waitFor(
      'the HPA to read 50% CPU',
      async () => {
        const hpa = await getJson<{ status?: { currentMetrics?: { resource?: { current?: { averageUtilization?: number } } }[] } }>([
          'get',
          'hpa',
          '-n',
          ns,
          'burst',
        ]);
        return hpa.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization !== undefined;
      },
      180_000,
    );
    await kubectlOk([
      'patch',
      'deployment',
      '-n',
      ns,
      'burst',
      '--type',
      'merge',
      '-p',
      JSON.stringify({ spec: { template: { metadata: { annotations: { 'kwok.x-k8s.io/usage-cpu': '200m' } } } } }),
    ]);
    const replicas = await waitFor(
      'the HPA controller to scale burst up',
      async () => {
        const deployment = await getJson<{ spec: { replicas: number } }>(['get', 'deployment', '-n', ns, 'burst']);
        return deployment.spec.replicas >= 3 ? deployment.spec.replicas : undefined;
      },
      240_000,
    );
    assert.ok(replicas >= 3);
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
  });

  it('runs pods labelled for Wallarm injection with the injected sidecars', async () => {
    const pods = await getJson<{ items: { spec: { containers: { name: string }[]; initContainers?: { name: string }[] } }[] }>([
      'get',
      'pods',
      '-n',
      'wallarm',
      '-l',
      'wallarm-sidecar=enabled',
    ]);
    assert.ok(pods.items.length > 0, 'there are injected pods');
    for (const pod of pods.items) {
      assert.ok(
        pod.spec.containers.some((c) => c.name === 'sidecar-proxy'),
        'sidecar-proxy injected',
      );
      assert.ok(
        pod.spec.initContainers?.some((c) => c.name === 'sidecar-init-iptables'),
        'sidecar-init-iptables injected',
      );
    }
  });

  it('offers both helm majors, and both see the demo release', async () => {
    for (const [binary, major] of [
      ['helm', 'v4.'],
      ['helm3', 'v3.'],
    ] as const) {
      const version = await execa(binary, ['version', '--short'], { reject: false });
      assert.match(String(version.stdout), new RegExp(`^${major.replace('.', '\\.')}`), `${binary} is helm ${major}x`);
      const list = await execa(binary, ['list', '-n', 'wallarm', '-o', 'json'], { reject: false });
      assert.equal(list.exitCode, 0, String(list.stderr));
      assert.ok(
        (JSON.parse(String(list.stdout)) as { name: string }[]).some((r) => r.name === 'wallarm-sidecar'),
        `${binary} lists wallarm-sidecar`,
      );
    }
  });
});
