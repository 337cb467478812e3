import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/doctor/finding.ts';
import { runDoctor } from '../../../src/doctor/run.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { commandOf, doctorOn, loadObjects, noteOf } from './fixture.ts';

const findings = doctorOn('ha-pools.yaml', 'hpa-traps.yaml').findings;
const all = (id: string, name?: string): Finding[] => findings.filter((f) => f.id === id && (!name || f.name === name));
const fixText = (f: Finding | undefined) => (f?.fix.type === 'manual' ? f.fix.text : commandOf(f));

/** The fixture's objects with the named one replaced. */
function edited(kind: string, name: string, change: (o: KubeObject & { spec: Record<string, unknown> }) => object): KubeObject[] {
  return loadObjects('hpa-traps.yaml').map((o) =>
    o.kind === kind && o.metadata.name === name
      ? (change(structuredClone(o) as KubeObject & { spec: Record<string, unknown> }) as KubeObject)
      : o,
  );
}

describe('doctor: an HPA and a VPA on the same resource (HPA016)', () => {
  it('reports a VPA in its default Auto mode on the cpu the HPA scales on, fixed by switching the VPA off', () => {
    const [fight] = all('HPA016', 'fought');
    assert.equal(fight?.severity, 'error');
    assert.match(fight?.message ?? '', /VerticalPodAutoscaler fought \(updateMode Auto\) also sets the cpu requests of Deployment\/fought/);
    assert.equal(
      commandOf(fight),
      `kubectl patch verticalpodautoscaler fought -n traps --type merge -p '{"spec":{"updatePolicy":{"updateMode":"Off"}}}'`,
    );
  });

  it('leaves a VPA that only recommends, or that controls a resource the HPA does not scale on', () => {
    assert.deepEqual(all('HPA016', 'advised'), []);
  });

  it('reports an InPlaceOrRecreate VPA on memory against an HPA on memory utilization', () => {
    const objects = edited('HorizontalPodAutoscaler', 'advised', (hpa) => ({
      ...hpa,
      spec: {
        ...hpa.spec,
        metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } }],
      },
    })).map((o) =>
      o.metadata.name === 'advised-memory'
        ? { ...o, spec: { ...(o as unknown as { spec: object }).spec, updatePolicy: { updateMode: 'InPlaceOrRecreate' } } }
        : o,
    );
    const [fight] = runDoctor(snapshotFromObjects(objects)).findings.filter((f) => f.id === 'HPA016');
    assert.equal(fight?.evidence.vpa, 'advised-memory');
    assert.deepEqual(fight?.evidence.sharedResources, ['memory']);
  });

  it('counts an HPA without metrics as scaling on cpu, and a VPA whose "*" policy is Off as controlling nothing', () => {
    const noMetrics = edited('HorizontalPodAutoscaler', 'fought', (hpa) => ({ ...hpa, spec: { ...hpa.spec, metrics: undefined } }));
    assert.equal(runDoctor(snapshotFromObjects(noMetrics)).findings.filter((f) => f.id === 'HPA016').length, 1);
    const off = edited('VerticalPodAutoscaler', 'fought', (vpa) => ({
      ...vpa,
      spec: { ...vpa.spec, resourcePolicy: { containerPolicies: [{ containerName: '*', mode: 'Off' }] } },
    }));
    assert.deepEqual(
      runDoctor(snapshotFromObjects(off)).findings.filter((f) => f.id === 'HPA016'),
      [],
    );
  });
});

describe('doctor: selectPolicy Disabled (HPA017)', () => {
  it('notes a disabled scale-down and re-enables it with a patch of the HPA', () => {
    const [down] = all('HPA017', 'advised');
    assert.equal(down?.severity, 'info');
    assert.match(down?.message ?? '', /behavior\.scaleDown\.selectPolicy is Disabled: it never removes pods/);
    assert.equal(
      commandOf(down),
      `kubectl patch hpa advised -n traps --type merge -p '{"spec":{"behavior":{"scaleDown":{"selectPolicy":"Max"}}}}'`,
    );
  });

  it('warns about a disabled scale-up, fixed in the KEDA ScaledObject that owns the HPA', () => {
    const [up] = all('HPA017', 'keda-hpa-frozen');
    assert.equal(up?.severity, 'warning');
    assert.match(up?.message ?? '', /never adds pods, however high the load/);
    assert.match(
      commandOf(up),
      /^kubectl patch scaledobject frozen -n traps --type merge -p .*"horizontalPodAutoscalerConfig":\{"behavior":\{"scaleUp":\{"selectPolicy":"Max"\}\}\}/,
    );
    assert.match(noteOf(up), /KEDA owns this HPA/);
  });
});

describe('doctor: HPAs on targets that cannot be autoscaled', () => {
  it('reports an HPA on a DaemonSet as an error (HPA019)', () => {
    const [daemonSet] = all('HPA019', 'logs');
    assert.equal(daemonSet?.severity, 'error');
    assert.match(daemonSet?.message ?? '', /scaleTargetRef DaemonSet\/logs cannot be scaled: a DaemonSet runs one pod per eligible node/);
  });

  it('reports an HPA on a kind the API server does not serve, read from its FailedGetScale condition (HPA019)', () => {
    const [crd] = all('HPA019', 'crd');
    assert.match(crd?.message ?? '', /does not serve Widget in example\.com\/v1 \(a missing CRD or a wrong apiVersion\)/);
    assert.deepEqual(all('HPA004', 'crd'), [], 'HPA004 is about a missing object of a known kind');
  });

  it('warns about an HPA on Wallarm postanalytics and moves its replicas into the chart values (HPA018)', () => {
    const [store] = all('HPA018', 'postanalytics');
    assert.equal(store?.severity, 'warning');
    assert.match(store?.message ?? '', /Wallarm postanalytics must not be autoscaled/);
    assert.match(
      fixText(store),
      /^kubectl delete hpa postanalytics -n wallarm, then set postanalytics\.replicaCount to 3 .* in the values of helm release wallarm\/wallarm-sidecar\.$/,
    );
  });

  it('does not report an HPA on any other workload as unsupported', () => {
    assert.deepEqual(
      all('HPA018').map((f) => f.name),
      ['postanalytics'],
    );
  });
});

describe('doctor: a PDB that blocks every eviction (HA005)', () => {
  it('reports a PDB with neither minAvailable nor maxUnavailable, fixed with maxUnavailable 1', () => {
    const [empty] = all('HA005', 'empty-budget');
    assert.equal(empty?.severity, 'warning');
    assert.match(
      empty?.message ?? '',
      /sets neither minAvailable nor maxUnavailable: the disruption controller then allows no eviction at all/,
    );
    assert.equal(
      commandOf(empty),
      `kubectl patch pdb empty-budget -n traps --type merge -p '{"spec":{"minAvailable":null,"maxUnavailable":1}}'`,
    );
    assert.deepEqual(all('HA004', 'empty-budget'), []);
  });

  it('reports a PDB whose status allows no disruption while every pod it expects is healthy', () => {
    const objects = edited('PodDisruptionBudget', 'empty-budget', (pdb) => ({
      ...pdb,
      spec: { ...pdb.spec, minAvailable: 1 },
      status: { observedGeneration: 1, expectedPods: 1, desiredHealthy: 1, currentHealthy: 1, disruptionsAllowed: 0 },
    }));
    const [blocked] = runDoctor(snapshotFromObjects(objects)).findings.filter((f) => f.id === 'HA005');
    assert.match(blocked?.message ?? '', /requires 1 of 1 pods available: no pod can ever be evicted/);
    assert.equal(blocked?.evidence.expectedPodsFrom, 'status.expectedPods');
  });
});

describe('doctor: pods without a controller', () => {
  it('says a bare pod is not re-created (HA010), and checks its requests (RES001) with a re-create fix', () => {
    const [bare] = all('HA010', 'debug');
    assert.equal(bare?.severity, 'info');
    assert.equal(bare?.kind, 'Pod');
    assert.match(bare?.message ?? '', /no controller owns this pod/);
    const [requests] = all('RES001', 'debug');
    assert.equal(requests?.kind, 'Pod');
    assert.match(requests?.message ?? '', /container shell has no cpu and memory request/);
    assert.match(
      fixText(requests),
      /^Re-create Pod debug \(namespace traps\) with \{"requests":\{"cpu":"100m","memory":"128Mi"\}\} on container shell/,
    );
  });

  it('skips finished pods and mirror pods, which their node owns', () => {
    assert.deepEqual(
      all('HA010').map((f) => f.name),
      ['debug'],
    );
    assert.deepEqual(
      findings.filter((f) => f.name === 'done' || f.name === 'etcd-general-1'),
      [],
    );
  });

  it('counts a pod a workload selects as that workload’s, not as bare', () => {
    const adopted = doctorOn('ha-pools.yaml', 'ha-live.yaml').findings.filter((f) => f.id === 'HA010');
    assert.deepEqual(adopted, []);
  });
});
