import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDoctor } from '../../../src/doctor/run.ts';
import type { Finding } from '../../../src/doctor/finding.ts';
import type { KubeObject, WorkloadObject } from '../../../src/k8s/types.ts';
import { planWorkload } from '../../../src/plan/workload.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { workloadsOf } from '../../../src/snapshot/workloads.ts';
import { checkOn, commandOf, doctorOn, loadObjects, only } from './fixture.ts';

const found = (findings: Finding[], id: string, name: string) => findings.filter((f) => f.id === id && f.name === name);
const fixText = (f: Finding | undefined) => (f?.fix.type === 'manual' ? f.fix.text : commandOf(f));

/** The fixture's objects with one object's spec fields replaced. */
function withSpec(file: string, kind: string, name: string, spec: Record<string, unknown>): KubeObject[] {
  return loadObjects(file).map((o) =>
    o.kind === kind && o.metadata.name === name ? { ...o, spec: { ...(o as unknown as { spec: object }).spec, ...spec } } : o,
  );
}

describe('doctor: HA placement against the eligible nodes', () => {
  const pinned = doctorOn('ha-pools.yaml', 'ha-pinned.yaml').findings;
  const keys = doctorOn('ha-pools.yaml', 'ha-keys.yaml').findings;

  it('counts only the nodes the required node affinity allows when anti-affinity caps the replicas', () => {
    const [unschedulable] = found(pinned, 'HA003', 'pinned-general');
    assert.match(unschedulable?.message ?? '', /fits 2 pods, but its HPA may scale to maxReplicas 3: 1 would stay Pending/);
    assert.equal(unschedulable?.evidence.eligibleNodes, 2);
  });

  it('blames the node affinity, not the spread, when it pins every pod to one node of a larger cluster', () => {
    const [solo] = found(pinned, 'HA002', 'solo');
    assert.equal(solo?.severity, 'warning');
    assert.match(
      solo?.message ?? '',
      /all 2 ready pods run on node general-1, the only one their required node affinity allows \(3 nodes would take them without it\)/,
    );
    assert.match(fixText(solo), /Widen the required node affinity so that several nodes match/);
    assert.doesNotMatch(fixText(solo), /anti-affinity/);
  });

  it('reports pods pinned to one zone by a nodeSelector as information when the cluster has more zones', () => {
    const [zoneOne] = found(pinned, 'HA002', 'zone-one');
    assert.equal(zoneOne?.severity, 'info');
    assert.match(
      zoneOne?.message ?? '',
      /run in zone zone-1, the only one their nodeSelector allows \(2 zones would take them without it\)/,
    );
    assert.deepEqual(zoneOne?.evidence.nodeSelector, { 'topology.kubernetes.io/zone': 'zone-1' });
  });

  it('does not report pods on one node when the cluster has no other node for them', () => {
    const onlyGeneral1 = loadObjects('ha-pools.yaml').filter((o) => o.metadata.name === 'general-1');
    const objects = [...onlyGeneral1, ...loadObjects('ha-pinned.yaml')];
    assert.deepEqual(found(runDoctor(snapshotFromObjects(objects)).findings, 'HA002', 'solo'), []);
  });

  it('reports pods in one zone against the zones the workload may use', () => {
    const objects = withSpec('ha-pinned.yaml', 'Deployment', 'zone-one', {
      template: {
        metadata: { labels: { app: 'zone-one' } },
        spec: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }], containers: [{ name: 'app' }] },
      },
    });
    const [oneZone] = found(
      runDoctor(snapshotFromObjects([...loadObjects('ha-pools.yaml'), ...objects]), {}, only('HA002')).findings,
      'HA002',
      'zone-one',
    );
    assert.equal(oneZone?.severity, 'warning');
    assert.match(oneZone?.message ?? '', /all 2 ready pods run in one zone of 2 eligible/);
  });

  it('does not call pods one zone when some run on a node without a zone label', () => {
    assert.deepEqual(found(pinned, 'HA002', 'zoneless'), []);
  });

  it('does not cap replicas by anti-affinity on a key that some eligible node lacks', () => {
    assert.deepEqual(found(keys, 'HA003', 'rack-strict'), []);
    assert.deepEqual(found(keys, 'HA003', 'zone-strict'), []);
    assert.deepEqual(found(checkOn('HA006', 'ha-pools.yaml', 'ha-keys.yaml'), 'HA006', 'zone-strict'), []);
  });

  it('gives a manual fix, not a patch command, for anti-affinity on a key the patch command rejects', () => {
    for (const id of ['HA003', 'HA006']) {
      const [rack] = found(checkOn(id, 'ha-pools.yaml', 'ha-keys.yaml'), id, 'rack-pinned');
      assert.equal(rack?.fix.type, 'manual', `${id} on example.com/rack`);
      assert.match(
        fixText(rack),
        /required pod anti-affinity term on example\.com\/rack to preferredDuringSchedulingIgnoredDuringExecution/,
      );
      assert.doesNotMatch(fixText(rack), /scale-ha patch|--topology-key/);
    }
    const [rack] = found(keys, 'HA003', 'rack-pinned');
    assert.match(rack?.message ?? '', /fits 1 pods, but it runs 3 replicas: 2 stay Pending\.$/, 'no HPA: no maxReplicas');
    assert.match(fixText(rack), /\(or lower replicas to 1\).*First let one old pod go: kubectl patch deployment rack-pinned/);
    assert.deepEqual(
      rack?.related?.map((r) => r.id),
      ['HA006'],
      'the deadlock of the same term is its evidence',
    );
  });

  it('reports a rollout deadlock for zone anti-affinity with as many replicas as eligible zones', () => {
    const [deadlock] = found(keys, 'HA006', 'zone-pinned');
    assert.match(
      deadlock?.message ?? '',
      /2 replicas with required anti-affinity on topology\.kubernetes\.io\/zone over 2 eligible topology\.kubernetes\.io\/zone domains/,
    );
    assert.match(fixText(deadlock), /--anti-affinity preferred --topology-key topology\.kubernetes\.io\/zone -n keys$/);
  });
});

describe('doctor: PDBs over several workloads', () => {
  const budgets = doctorOn('ha-pdb-shared.yaml').findings;

  it('counts the replicas of every workload a PDB covers', () => {
    assert.deepEqual(found(budgets, 'HA005', 'api-a'), [], 'minAvailable 3 of 4 pods leaves one eviction');
    const objects = withSpec('ha-pdb-shared.yaml', 'PodDisruptionBudget', 'api', { minAvailable: 4 });
    const blocked = runDoctor(snapshotFromObjects(objects)).findings.filter((f) => f.id === 'HA005');
    assert.deepEqual(blocked.map((f) => f.name).sort(), ['api-a', 'api-b']);
    assert.match(
      blocked[0]?.message ?? '',
      /requires 4 of 4 pods available: no pod can ever be evicted \(it covers Deployment\/api-a, Deployment\/api-b, counted together\)/,
    );
  });

  it("trusts the PDB's status over the replicas of the workloads in view", () => {
    assert.deepEqual(found(budgets, 'HA005', 'worker'), []);
  });

  it('falls back to the replica count when the status was written for an older spec', () => {
    const objects = loadObjects('ha-pdb-shared.yaml').map((o) =>
      o.kind === 'PodDisruptionBudget' && o.metadata.name === 'worker' ? { ...o, metadata: { ...o.metadata, generation: 2 } } : o,
    );
    const [stale] = found(runDoctor(snapshotFromObjects(objects)).findings, 'HA005', 'worker');
    assert.match(stale?.message ?? '', /requires 2 of 2 pods available/);
    assert.equal(stale?.evidence.expectedPodsFrom, 'spec.replicas');
  });

  it("resolves a percentage minAvailable at the HPA's minReplicas", () => {
    assert.deepEqual(found(budgets, 'HA005', 'batch'), []);
  });
});

describe('doctor: DoNotSchedule topology spread (HA007)', () => {
  const spread = doctorOn('ha-pools.yaml', 'ha-spread.yaml').findings;

  it('reports every pod Pending when no eligible node has the topology key', () => {
    const [edge] = found(spread, 'HA007', 'edge-spread');
    assert.equal(edge?.severity, 'error');
    assert.match(
      edge?.message ?? '',
      /DoNotSchedule topology spread on topology\.kubernetes\.io\/zone: none of the 1 eligible nodes has the label, so every pod stays Pending/,
    );
    assert.equal(edge?.fix.type, 'manual');
    assert.match(fixText(edge), /whenUnsatisfiable: ScheduleAnyway/);
  });

  it('warns about eligible nodes that lack the key', () => {
    const [partial] = found(spread, 'HA007', 'partial-spread');
    assert.equal(partial?.severity, 'warning');
    assert.match(partial?.message ?? '', /1 of 3 eligible nodes lack the label \(edge-1\)/);
  });

  it('reports minDomains above the eligible domains when maxReplicas exceeds what fits', () => {
    const [minDomains] = found(spread, 'HA007', 'min-domains');
    assert.equal(minDomains?.severity, 'error');
    assert.match(
      minDomains?.message ?? '',
      /minDomains 3 but the eligible nodes span 2: at most 2 pods \(maxSkew 1 per domain\) fit, so 2 of up to 4 replicas would stay Pending/,
    );
  });

  it('does not report minDomains when every replica fits', () => {
    const objects = loadObjects('ha-spread.yaml').map((o) =>
      o.kind === 'HorizontalPodAutoscaler' ? { ...o, spec: { ...(o as unknown as { spec: object }).spec, maxReplicas: 2 } } : o,
    );
    assert.deepEqual(
      found(runDoctor(snapshotFromObjects([...loadObjects('ha-pools.yaml'), ...objects])).findings, 'HA007', 'min-domains'),
      [],
    );
  });

  it('never prints a patch command for a topology key the patch command rejects', () => {
    const [rack] = found(spread, 'HA007', 'rack-spread');
    assert.equal(rack?.fix.type, 'manual');
    assert.doesNotMatch(fixText(rack), /scale-ha patch|--topology-key/);
  });

  it('ignores ScheduleAnyway constraints', () => {
    assert.deepEqual(found(spread, 'HA007', 'lenient'), []);
  });
});

describe('doctor: several replicas without spreading (HA001)', () => {
  const counted = doctorOn('cluster.yaml', 'ha-counted.yaml').findings;

  it('counts the replicas that run, with the HPA minimum beside them', () => {
    assert.match(found(counted, 'HA001', 'scaled-up')[0]?.message ?? '', /^3 replicas \(HPA minReplicas 2\) with no pod anti-affinity/);
    assert.match(
      found(counted, 'HA001', 'low-minimum')[0]?.message ?? '',
      /^3 replicas \(HPA minReplicas 1\)/,
      'three pods run now, whatever the minimum',
    );
    assert.match(found(counted, 'HA004', 'scaled-up')[0]?.message ?? '', /^3 replicas \(HPA minReplicas 2\) and no PodDisruptionBudget/);
  });

  it('names a spread constraint that selects none of the pods, and replaces it with one over the own pods', () => {
    const [copied] = found(counted, 'HA001', 'copied-spread');
    assert.match(
      copied?.message ?? '',
      /^2 replicas with no pod anti-affinity, and the topology spread constraint on topology\.kubernetes\.io\/zone selects none of its pods \(labelSelector \{"matchLabels":\{"app":"checkout"\}\}\)/,
    );
    assert.doesNotMatch(copied?.message ?? '', /no pod anti-affinity or topology spread/);
    assert.equal(
      commandOf(copied),
      'kubectl scale-ha patch workload deployment/copied-spread --topology-spread topology.kubernetes.io/zone --max-skew 1 --when-unsatisfiable DoNotSchedule -n counted',
    );
    const snapshot = snapshotFromObjects([...loadObjects('cluster.yaml'), ...loadObjects('ha-counted.yaml')]);
    const workload = workloadsOf(snapshot).find((w) => w.name === 'copied-spread')!;
    const intent = copied?.fix.type === 'intent' ? copied.fix.intent : undefined;
    const after = planWorkload(workload.object, intent?.type === 'workload' ? intent.settings : {}, { hpas: [], pods: [] })
      .after as WorkloadObject;
    assert.deepEqual(after.spec.template.spec.topologySpreadConstraints, [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'copied-spread' } },
      },
    ]);
  });
});
