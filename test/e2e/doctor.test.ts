import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { execa } from 'execa';
import type { DoctorReportData } from '../../src/cli/render/doctor.ts';
import { apply, cpuHpa, fakeDeployment, freshNamespace, kubectl, kubectlOk, testbed, waitFor, withoutTestNamespaces } from './harness.ts';

async function doctor(args: string[]): Promise<{ exitCode: number; report: DoctorReportData; stderr: string }> {
  const result = await kubectl(['scale-ha', 'doctor', ...args, '-o', 'json']);
  assert.ok(result.exitCode === 0 || result.exitCode === 3, `doctor exited ${result.exitCode}: ${result.stderr}`);
  return { exitCode: result.exitCode, report: JSON.parse(result.stdout) as DoctorReportData, stderr: result.stderr };
}

describe('kubectl scale-ha doctor on the test bed', () => {
  // Several checks run over -A: the namespaces earlier test files left behind would count too.
  before(withoutTestNamespaces);

  it('finds every deliberately broken demo case and exits 3', async () => {
    const { exitCode, report } = await doctor(['-n', 'broken']);
    assert.equal(exitCode, 3);
    const found = new Set(report.findings.flatMap((f) => [f.id, ...(f.related ?? []).map((r) => r.id)]));
    for (const id of ['HPA003', 'HPA007', 'HA001', 'HA004', 'RES001'])
      assert.ok(found.has(id), `${id} found (got ${[...found].join(', ')})`);
    // One missing cpu request is one finding: the HPA's <unknown> and the container's missing requests are its evidence.
    const noRequests = report.findings.find((f) => f.id === 'HPA003' && f.name === 'no-requests');
    assert.ok(
      noRequests?.related?.some((r) => r.id === 'RES001' && r.name === 'no-requests'),
      JSON.stringify(noRequests),
    );
    assert.ok(!report.findings.some((f) => f.id === 'RES001' && f.name === 'no-requests'));
    assert.ok(report.findings.every((f) => f.fix && f.namespace === 'broken'));
    assert.equal(report.summary.errors, report.findings.filter((f) => f.severity === 'error').length);
    assert.equal(
      report.summary.related,
      report.findings.reduce((sum, f) => sum + (f.related?.length ?? 0), 0),
    );
  });

  it('names the injected Wallarm sidecar that has no CPU request', async () => {
    const { report } = await doctor(['hpa', 'shop-api', '-n', 'wallarm']);
    const proxy = report.findings.find((f) => f.id === 'HPA003' && f.evidence.container === 'sidecar-proxy');
    assert.ok(proxy, `sidecar-proxy named (got ${JSON.stringify(report.findings.map((f) => [f.id, f.evidence.container]))})`);
    assert.equal(proxy.severity, 'error');
    assert.match(proxy.fix.type === 'command' ? proxy.fix.command : '', /--sidecar proxy --requests cpu=/);
  });

  it('yields no error for the healthy shop workload and exits 0', async () => {
    // On a fresh bed the HPA reads its first metrics after metrics-server's first scrapes: healthy means after that.
    await waitFor('hpa shop/web to read its CPU metric', async () => {
      const hpa = JSON.parse(await kubectlOk(['get', 'hpa', 'web', '-n', 'shop', '-o', 'json'])) as {
        status?: { currentMetrics?: { resource?: { current?: { averageUtilization?: number } } }[] };
      };
      return hpa.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization !== undefined;
    });
    const { exitCode, report } = await doctor(['-n', 'shop']);
    assert.deepEqual(
      report.findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.equal(exitCode, 0);
  });

  it('fails on warnings with --fail-on warning, and prints a grouped table by default', async () => {
    const strict = await kubectl(['scale-ha', 'doctor', 'ha', '-n', 'broken', '--fail-on', 'warning']);
    assert.equal(strict.exitCode, 3);
    assert.match(strict.stdout, /^broken\/Deployment\//m);
    assert.match(strict.stdout, /fix: kubectl scale-ha patch workload deployment\//);
    assert.doesNotMatch(strict.stdout, /\u001b\[/, 'NO_COLOR respected');
  });

  it('limits the HPA checks to the workloads -l selects', async () => {
    const { report } = await doctor(['-A', '-l', 'app.kubernetes.io/name=web']);
    assert.equal(report.summary.workloads, 1);
    assert.equal(report.summary.hpas, 1);
    assert.ok(
      report.findings.every((f) => f.name === 'web'),
      JSON.stringify(report.findings.map((f) => f.name)),
    );
  });

  it('prints patch fixes for the whole demo, values fixes included, that a server dry-run accepts as written', async () => {
    const { report } = await doctor(['-A']);
    const commands = [
      ...new Set(
        report.findings.flatMap((f) =>
          (f.fix.type === 'command' || f.fix.type === 'values') && f.fix.command?.startsWith('kubectl scale-ha patch ')
            ? [f.fix.command]
            : [],
        ),
      ),
    ];
    assert.ok(commands.length >= 5, `expected several patch fixes, got ${commands.length}`);
    // The values fixes of helm-managed objects take the helm route: helm's dry run plus the API server's checks of every object.
    assert.ok(
      report.findings.some((f) => f.fix.type === 'values' && f.fix.command),
      'the demo has values fixes with a patch command',
    );
    for (const command of commands) {
      const result = await kubectl([...command.split(' ').slice(1), '--dry-run=server']);
      assert.equal(result.exitCode, 0, `${command}\n${result.stderr}`);
    }
  });

  it('flags the single-replica Wallarm controller and postanalytics, with the chart values that raise them', async () => {
    const { report } = await doctor(['ha', '-n', 'wallarm']);
    for (const [name, key] of [
      ['wallarm-sidecar-controller', 'controller.replicaCount'],
      ['wallarm-sidecar-postanalytics', 'postanalytics.replicaCount'],
    ] as const) {
      const single = report.findings.find((f) => f.id === 'HA008' && f.name === name);
      assert.equal(single?.severity, 'warning', `${name}: ${JSON.stringify(report.findings.map((f) => [f.id, f.name]))}`);
      assert.deepEqual(single.fix.type === 'values' && single.fix.values, [{ path: key, value: 2 }]);
    }
  });

  it('says an empty namespace is empty and names the namespaces where HPAs are', async () => {
    const ns = await freshNamespace('e2e-doctor-empty');
    const result = await kubectl(['scale-ha', 'doctor', '-n', ns]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /^No workloads or HPAs in namespace e2e-doctor-empty\. HPAs exist in .*apigee-prod \(2\)/);
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
  });

  it('says when the named object does not exist (exit 7)', async () => {
    const result = await kubectl(['scale-ha', 'doctor', 'hpa', 'no-such-hpa', '-n', 'shop']);
    assert.equal(result.exitCode, 7);
    assert.match(result.stderr, /No HPA or workload named "no-such-hpa" in namespace shop/);
  });

  it('explains a check and rejects an unknown id with exit 2', async () => {
    assert.match(await kubectlOk(['scale-ha', 'doctor', '--explain', 'HPA003']), /missing request for cpu in container X of Pod Y/);
    assert.equal((await kubectl(['scale-ha', 'doctor', '--explain', 'NOPE1'])).exitCode, 2);
  });

  it('names the metrics API when metrics-server stops and the HPA goes <unknown>', async () => {
    const ns = await freshNamespace('e2e-metrics');
    await apply([fakeDeployment(ns, 'api', { replicas: 2, cpuUsage: '60m' }), cpuHpa(ns, 'api', { min: 2, max: 4, cpu: 80 })]);
    await waitFor(
      'the HPA to read metrics',
      async () =>
        (
          await kubectlOk(['get', 'hpa', '-n', ns, 'api', '-o', 'jsonpath={.status.currentMetrics[0].resource.current.averageUtilization}'])
        ).trim() !== '',
      180_000,
    );
    await testbed(['metrics-server', 'stop']);
    const stopped = await kubectl(['get', 'apiservice', 'v1beta1.metrics.k8s.io']);
    assert.equal(stopped.exitCode, 0);
    try {
      const report = await waitFor(
        'doctor to name the metrics API',
        async () => {
          const { report: r } = await doctor(['hpa', 'api', '-n', ns]);
          return r.findings.some((f) => f.id === 'HPA001') ? r : undefined;
        },
        180_000,
        5_000,
      );
      assert.match(report.findings.find((f) => f.id === 'HPA001')!.message, /v1beta1\.metrics\.k8s\.io/);
      await waitFor('the HPA to show <unknown>', async () => /<unknown>/.test(await kubectlOk(['get', 'hpa', '-n', ns, 'api'])), 180_000);
    } finally {
      await testbed(['metrics-server', 'start']);
    }
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
  });

  it('applies its own fix for an injected sidecar without requests, and the HPA then reads metrics', async () => {
    const ns = await freshNamespace('e2e-doctor-fix');
    await apply([
      fakeDeployment(ns, 'api', { replicas: 2, cpuUsage: '40m', labels: { 'wallarm-sidecar': 'enabled' } }),
      cpuHpa(ns, 'api', { min: 2, max: 4, cpu: 70 }),
    ]);
    const report = await waitFor(
      'doctor to name the injected sidecar',
      async () => {
        const { report: r } = await doctor(['hpa', 'api', '-n', ns]);
        return r.findings.some((f) => f.id === 'HPA003' && f.evidence.container === 'sidecar-proxy') ? r : undefined;
      },
      120_000,
    );
    const fix = report.findings.find((f) => f.id === 'HPA003' && f.evidence.container === 'sidecar-proxy')!.fix;
    assert.equal(fix.type, 'command');
    const [kubectlWord, ...args] = fix.type === 'command' ? fix.command.split(' ') : [];
    assert.equal(kubectlWord, 'kubectl');
    const applied = await kubectl([...args, '--yes']);
    assert.equal(applied.exitCode, 0, applied.stderr);
    await waitFor(
      'the HPA to read CPU once the sidecar has requests',
      async () => {
        const value = await kubectlOk([
          'get',
          'hpa',
          '-n',
          ns,
          'api',
          '-o',
          'jsonpath={.status.currentMetrics[0].resource.current.averageUtilization}',
        ]);
        return value.trim() !== '' ? value : undefined;
      },
      240_000,
      5_000,
    );
    const after = await doctor(['hpa', 'api', '-n', ns]);
    assert.ok(!after.report.findings.some((f) => f.id === 'HPA003' && f.severity === 'error'), 'no container lacks a CPU request any more');
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
  });

  it('-w: prints the report, then a - line when a finding goes away, and Ctrl+C ends it with exit 0', async () => {
    const ns = await freshNamespace('e2e-doctor-watch');
    await apply([fakeDeployment(ns, 'api', { replicas: 2 }), cpuHpa(ns, 'api', { min: 1, max: 3 })]);
    const watch = execa('kubectl', ['scale-ha', 'doctor', 'hpa', '-n', ns, '-w'], { reject: false, env: { NO_COLOR: '1' } });
    let output = '';
    watch.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await waitFor('the first report', async () => /^ {2}▲ HPA008 minReplicas is 1/m.test(output), 30_000, 200);
      await kubectlOk(['patch', 'hpa', 'api', '-n', ns, '--type', 'merge', '-p', '{"spec":{"minReplicas":2}}']);
      await waitFor(
        'a - line for the finding that went away',
        async () => new RegExp(`^\\d\\d:\\d\\d:\\d\\d - HPA008 ${ns}/HorizontalPodAutoscaler/api: `, 'm').test(output),
        30_000,
        200,
      );
      watch.kill('SIGINT');
      const result = await watch;
      assert.equal(result.exitCode, 0, String(result.stderr));
    } finally {
      watch.kill('SIGKILL');
      await kubectl(['delete', 'namespace', ns, '--wait=false']);
    }
  });
});
