import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDoctor } from '../../../src/doctor/run.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { commandOf, doctorOn, ids, loadObjects, noteOf, shownFix } from './fixture.ts';

describe('doctor: HPA checks', () => {
  it('finds no error or warning on a healthy workload', () => {
    const report = doctorOn('cluster.yaml', 'healthy.yaml');
    assert.deepEqual(
      report.findings.filter((f) => f.severity !== 'info'),
      [],
    );
    assert.equal(report.summary.errors, 0);
  });

  it('names the metrics API when v1beta1.metrics.k8s.io is not registered', () => {
    const objects = loadObjects('cluster.yaml').filter((o) => o.kind !== 'APIService');
    const report = runDoctor(snapshotFromObjects([...objects, ...loadObjects('healthy.yaml')]));
    const hpa001 = report.findings.find((f) => f.id === 'HPA001');
    assert.ok(hpa001, 'HPA001 reported');
    assert.match(hpa001.message, /v1beta1\.metrics\.k8s\.io, which is not registered/);
    assert.equal(hpa001.severity, 'error');
  });

  it('names the metrics API when it is registered but not Available', () => {
    const objects = loadObjects('cluster.yaml').map((o) =>
      o.kind === 'APIService' ? { ...o, status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] } } : o,
    );
    const report = runDoctor(snapshotFromObjects([...objects, ...loadObjects('healthy.yaml')]));
    assert.match(report.findings.find((f) => f.id === 'HPA001')?.message ?? '', /MissingEndpoints/);
  });

  it('names the injected Wallarm sidecar without a CPU request and fixes it with the sidecar annotations', () => {
    const report = doctorOn('cluster.yaml', 'wallarm-sidecar.yaml');
    const missing = report.findings.filter((f) => f.id === 'HPA003');
    const proxy = missing.find((f) => f.evidence.container === 'sidecar-proxy');
    assert.ok(proxy, 'sidecar-proxy reported');
    assert.equal(proxy.severity, 'error');
    assert.match(
      proxy.message,
      /missing request for cpu in container sidecar-proxy of Pod shop-api-x1 \(injected by the Wallarm webhook\)/,
    );
    assert.equal(shownFix(proxy)?.type, 'command');
    assert.match(
      commandOf(proxy),
      /^kubectl scale-ha patch workload deployment\/shop-api --sidecar proxy --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi --sidecar init-iptables --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi -n wallarm$/,
    );
    assert.match(noteOf(proxy), /these 2 containers entirely \(all four of each are written, in one rollout\)/);
    assert.match(noteOf(proxy), /config\.sidecar\.containers\.proxy\.resources\.requests\.cpu.*release wallarm\/wallarm-sidecar/);
    const init = missing.find((f) => f.evidence.container === 'sidecar-init-iptables');
    assert.equal(init?.severity, 'warning', 'a plain init container does not break the HPA');
    assert.ok(!missing.some((f) => f.evidence.container === 'app'), 'the app container has its request');
  });

  it('treats a restartable init container (native sidecar) like a container', () => {
    const objects = loadObjects('wallarm-sidecar.yaml').map((o) =>
      o.kind === 'Pod'
        ? { ...o, spec: { ...(o as unknown as { spec: object }).spec, initContainers: [{ name: 'log-shipper', restartPolicy: 'Always' }] } }
        : o,
    );
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    assert.equal(report.findings.find((f) => f.id === 'HPA003' && f.evidence.container === 'log-shipper')?.severity, 'error');
  });

  it('explains ScalingActive=False from its reason, as evidence of the missing request that causes it', () => {
    const report = doctorOn('cluster.yaml', 'wallarm-sidecar.yaml');
    const cause = report.findings.find((f) => f.related?.some((r) => r.id === 'HPA002'));
    assert.equal(cause?.id, 'HPA003');
    const active = cause?.related?.find((r) => r.id === 'HPA002');
    assert.match(active?.message ?? '', /FailedGetResourceMetric.*pods without requests/);
    assert.ok(!report.findings.some((f) => f.id === 'HPA002'), 'not a finding of its own');
  });

  it('finds min == max, a container without requests, a 95 % target, a missing target and a capped HPA', () => {
    const report = doctorOn('cluster.yaml', 'broken.yaml');
    assert.deepEqual(
      ids(report, 'pinned')
        .filter((id) => id.startsWith('HPA'))
        .sort(),
      ['HPA003', 'HPA007', 'HPA011'],
    );
    assert.ok(ids(report, 'orphan').includes('HPA004'));
    assert.ok(ids(report, 'strict').includes('HPA009'));
    const minMax = report.findings.find((f) => f.id === 'HPA007');
    assert.equal(commandOf(minMax), 'kubectl scale-ha patch hpa pinned --max 3 -n broken');
  });

  it('reports two HPAs on one target', () => {
    const duplicate = {
      ...loadObjects('broken.yaml').find((o) => o.metadata.name === 'strict' && o.kind === 'HorizontalPodAutoscaler')!,
      metadata: { name: 'strict-copy', namespace: 'broken' },
    };
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...loadObjects('broken.yaml'), duplicate]));
    const found = report.findings
      .filter((f) => f.id === 'HPA005')
      .map((f) => f.name)
      .sort();
    assert.deepEqual(found, ['strict', 'strict-copy']);
  });

  it('sends Apigee HPA fixes to the ApigeeEnvironment by its plain name, and flags watcher max > 1', () => {
    const report = doctorOn('cluster.yaml', 'apigee.yaml');
    const min = report.findings.find((f) => f.id === 'HPA008');
    assert.equal(commandOf(min), 'kubectl scale-ha patch env test runtime --min 2 -n apigee');
    assert.match(noteOf(min), /reverted by the operator/);
    assert.ok(report.findings.some((f) => f.id === 'HPA012' && f.severity === 'info'));
    const watcher = report.findings.find((f) => f.id === 'HPA013');
    assert.equal(commandOf(watcher), 'kubectl scale-ha patch org watcher --max 1 -n apigee');
  });

  it('flags helm setting spec.replicas on an HPA-scaled workload', () => {
    const objects = loadObjects('healthy.yaml').map((o) =>
      o.kind === 'Deployment'
        ? {
            ...o,
            metadata: {
              ...o.metadata,
              annotations: { 'meta.helm.sh/release-name': 'web', 'meta.helm.sh/release-namespace': 'shop' },
              managedFields: [{ manager: 'helm', operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }],
            },
          }
        : o,
    );
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    assert.match(report.findings.find((f) => f.id === 'HPA010')?.message ?? '', /helm release web sets spec\.replicas/);
  });

  it('limits the report to one object and its HPA with a name', () => {
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...loadObjects('broken.yaml')]), {
      category: 'hpa',
      name: 'pinned',
    });
    assert.ok(report.findings.length > 0);
    assert.ok(report.findings.every((f) => f.name === 'pinned'));
  });

  it('keeps the live sidecar values in its fix and never suggests a limit below the request', () => {
    const objects = loadObjects('wallarm-sidecar.yaml').map((o) =>
      o.kind === 'Pod'
        ? {
            ...o,
            spec: {
              ...(o as unknown as { spec: { containers: object[] } }).spec,
              containers: [
                { name: 'app', resources: { requests: { cpu: '100m', memory: '128Mi' } } },
                { name: 'sidecar-proxy', resources: { requests: { memory: '512Mi' } } },
              ],
            },
          }
        : o,
    );
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    const proxy = report.findings.find((f) => f.id === 'HPA003' && f.evidence.container === 'sidecar-proxy');
    assert.equal(
      commandOf(proxy),
      'kubectl scale-ha patch workload deployment/shop-api --sidecar proxy --requests cpu=50m,memory=512Mi --limits cpu=500m,memory=512Mi --sidecar init-iptables --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi -n wallarm',
    );
    assert.match(noteOf(proxy), /proxy-cpu-limit=500m, proxy-memory-limit=512Mi, init-iptables-cpu=50m, .* are starting values/);
  });
});
