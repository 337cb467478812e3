import assert from 'node:assert/strict';
import { remedyCommand } from '../../../src/cli/render/commands.ts';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { preconditionedPatch } from '../../../src/plan/change.ts';
import { planHpa } from '../../../src/plan/hpa.ts';
import { helmWarning, hpaOwnerRefusal, OwnerRefusal, workloadOwnerRefusal } from '../../../src/plan/owner.ts';
import type { HorizontalPodAutoscaler } from '../../../src/k8s/types.ts';
import { fixture } from './fixtures.ts';
import { webHpaRef } from '../../support/journal-entries.ts';

const web = () => fixture<HorizontalPodAutoscaler>('hpa-web.yaml');

describe('planning an HPA change', () => {
  it('patches only the fields asked for, as a strategic merge patch', () => {
    const change = planHpa(web(), { max: 10 });
    assert.equal(change.patchType, 'strategic');
    assert.deepEqual(change.patch, { spec: { maxReplicas: 10 } });
    assert.deepEqual(change.summary, ['spec.maxReplicas: 8 → 10']);
    assert.deepEqual(change.ref, webHpaRef);
  });

  it('warns that the next helm upgrade reverts a direct patch of a helm-managed HPA', () => {
    const hpa = web();
    hpa.metadata.annotations = { 'meta.helm.sh/release-name': 'shop', 'meta.helm.sh/release-namespace': 'shop' };
    assert.match(
      planHpa(hpa, { max: 10 }).warnings.join('\n'),
      /HorizontalPodAutoscaler web is managed by helm release shop.*next `helm upgrade shop` fails with a field conflict.*helm 3 the patch lasts/,
    );
    assert.equal(planHpa(web(), { max: 10 }).warnings.length, 0);
  });

  it('carries the resourceVersion it was planned against as the write precondition', () => {
    assert.deepEqual(preconditionedPatch(planHpa(web(), { min: 3 })), { spec: { minReplicas: 3 }, metadata: { resourceVersion: '1001' } });
  });

  it('changes the CPU target in place and keeps the other metrics (the list is replaced whole)', () => {
    const change = planHpa(web(), { cpu: 70 });
    const metrics = (change.patch.spec as { metrics: unknown[] }).metrics;
    assert.equal(metrics.length, 2);
    assert.deepEqual(metrics[0], { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } });
    assert.deepEqual(metrics[1], web().spec.metrics![1]);
  });

  it('adds a CPU metric when the HPA has none', () => {
    const hpa = web();
    hpa.spec.metrics = [];
    const change = planHpa(hpa, { cpu: 50 });
    assert.deepEqual((change.after as HorizontalPodAutoscaler).spec.metrics, [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
    ]);
  });

  it('refuses max below the current min', () => {
    assert.throws(
      () => planHpa(web(), { max: 1 }),
      (e) => e instanceof UserError && e.exitCode === ExitCode.usage && /below min replicas 2/.test(e.message),
    );
  });

  it('warns when min equals max, since the HPA cannot scale any more', () => {
    assert.match(planHpa(web(), { min: 8 }).warnings.join('\n'), /min = max = 8/);
  });

  it('yields an empty patch when the values are already set', () => {
    assert.deepEqual(planHpa(web(), { max: 8 }).patch, {});
  });

  it('replaces the behavior whole, removing fields the new one does not set', () => {
    const hpa = web();
    hpa.spec.behavior = { scaleDown: { stabilizationWindowSeconds: 300, tolerance: '0.05' } };
    const change = planHpa(hpa, { behavior: { scaleDown: { stabilizationWindowSeconds: 120 } } });
    assert.deepEqual(change.patch, { spec: { behavior: { scaleDown: { stabilizationWindowSeconds: 120, tolerance: null } } } });
  });
});

describe('HPA ownership', () => {
  it('refuses a patch when the HPA is owned by an ApigeeEnvironment and prints the environment command', () => {
    const hpa = fixture<HorizontalPodAutoscaler>('hpa-apigee-runtime.yaml');
    const refusal = hpaOwnerRefusal(hpa, { max: 10 }, 'test');
    assert.ok(refusal);
    assert.match(refusal.message, /owned by ApigeeEnvironment acme-hybrid-pro-test-49fa3f5/);
    assert.ok(refusal instanceof OwnerRefusal && refusal.remedy);
    assert.equal(remedyCommand(refusal.remedy), 'kubectl scale-ha patch env test runtime --max 10 -n apigee');
  });

  it('refuses a patch when KEDA manages the HPA and shows the ScaledObject patch', () => {
    const refusal = hpaOwnerRefusal(fixture<HorizontalPodAutoscaler>('hpa-keda.yaml'), { min: 2, max: 9 });
    assert.ok(refusal instanceof OwnerRefusal && refusal.remedy);
    assert.match(
      remedyCommand(refusal.remedy),
      /kubectl patch scaledobject orders -n shop --type merge -p '\{"spec":\{"minReplicaCount":2,"maxReplicaCount":9\}\}'/,
    );
  });

  it('lets a plain HPA through', () => {
    assert.equal(hpaOwnerRefusal(web(), { max: 10 }), undefined);
  });
});

describe('workload ownership and helm', () => {
  it('refuses a workload another controller owns, pointing Apigee users to patch env|org', () => {
    const refusal = workloadOwnerRefusal({
      kind: 'Deployment',
      metadata: {
        name: 'x',
        ownerReferences: [
          { apiVersion: 'apigee.cloud.google.com/v1alpha2', kind: 'ApigeeOrganization', name: 'org', uid: 'u', controller: true },
        ],
      },
    });
    assert.match(refusal?.message ?? '', /controlled by ApigeeOrganization org/);
    assert.match(refusal?.hint ?? '', /patch env\|org/);
    assert.equal(workloadOwnerRefusal({ metadata: { name: 'y' } }), undefined);
  });

  it('names the Wallarm chart values keys in the helm warning', () => {
    const warning = helmWarning({
      kind: 'Deployment',
      metadata: {
        name: 'w-controller',
        labels: { 'app.kubernetes.io/name': 'wallarm-sidecar', 'app.kubernetes.io/component': 'controller' },
        annotations: { 'meta.helm.sh/release-name': 'w', 'meta.helm.sh/release-namespace': 'wallarm' },
      },
    });
    assert.match(warning ?? '', /next `helm upgrade w` fails with a field conflict/);
    assert.match(warning ?? '', /controller\.replicaCount, controller\.affinity/);
    assert.equal(helmWarning({ metadata: { name: 'plain' } }), undefined);
  });
});
