import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDoctor } from '../../../src/doctor/run.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { commandOf, doctorOn, loadObjects } from './fixture.ts';

describe('doctor: Apigee scaling settings', () => {
  const report = doctorOn('cluster.yaml', 'apigee-bad-scaling.yaml');

  it('rejects a lowercase-m wait-time target and explains that it means milli', () => {
    const metrics = report.findings.find((f) => f.id === 'HPA015' && f.severity === 'error');
    assert.match(metrics?.message ?? '', /serverMainTaskWaitTime.*lowercase m means milli: 400m is 0\.4/);
    assert.doesNotMatch(metrics?.message ?? '', /serverNioTaskWaitTime/, 'the valid 400M target is not reported');
  });

  it('flags runtime hpaBehavior outside the documented ranges', () => {
    const behavior = report.findings.find((f) => f.id === 'HPA015' && f.severity === 'warning');
    assert.match(behavior?.message ?? '', /scaleDown\.percent\.value/);
    assert.doesNotMatch(behavior?.message ?? '', /scaleUp/, 'the default scaleUp is inside the ranges');
  });

  it('flags a custom resource behavior that breaks the API limits, which the operator could not apply', () => {
    const invalid = report.findings.find((f) => f.id === 'HPA014');
    assert.equal(invalid?.kind, 'ApigeeOrganization');
    assert.match(
      invalid?.message ?? '',
      /spec\.components\.mart\.autoScaler\.behavior\.scaleDown\.policies\[0\]\.periodSeconds: Invalid value: 2000/,
    );
  });

  it('finds nothing to say about the demo defaults', () => {
    const clean = doctorOn('cluster.yaml', 'apigee.yaml');
    assert.ok(!clean.findings.some((f) => f.id === 'HPA014' || f.id === 'HPA015'));
  });

  it("sends a runtime HPA's missing wait-time metrics to apigee-telemetry's customAutoscaling", () => {
    const runtimeHpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'apigee-runtime-hybrid-prod-1-abcde', namespace: 'apigee' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'apigee-runtime-hybrid-prod-1-abcde' },
        minReplicas: 2,
        maxReplicas: 6,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } },
          {
            type: 'Pods',
            pods: { metric: { name: 'server_main_task_wait_time' }, target: { type: 'AverageValue', averageValue: '400M' } },
          },
        ],
      },
    } as KubeObject;
    const found = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), runtimeHpa])).findings.find(
      (f) => f.id === 'HPA001' && f.evidence.metricType === 'Pods',
    );
    assert.match(found?.fix.type === 'manual' ? found.fix.text : '', /customAutoscaling\.enabled: true .* apigee-telemetry release/);
    // CPU is read: the HPA scales, only never down.
    assert.equal(found?.severity, 'warning');
    assert.match(found?.message ?? '', /which is not registered: the HPA scales up on its Resource metrics but never scales down\.$/);
    assert.doesNotMatch(found?.message ?? '', /cannot read/);
    const withoutMetricsServer = runDoctor(
      snapshotFromObjects([...loadObjects('cluster.yaml').filter((o) => o.kind !== 'APIService'), runtimeHpa]),
    ).findings.filter((f) => f.id === 'HPA001');
    assert.deepEqual(
      withoutMetricsServer.map((f) => [f.evidence.metricType, f.severity]),
      [
        ['Resource', 'error'],
        ['Pods', 'error'],
      ],
    );
    assert.match(withoutMetricsServer[0]?.message ?? '', /the HPA cannot read any metric and never scales\.$/);
  });
});

describe('doctor: an Apigee CR and its HPA out of step (HPA020)', () => {
  /** apigee.yaml with the environment's runtime autoScaler (and generations) changed, the HPA left as it was (1/4). */
  function withRuntime(autoScaler: { minReplicas: number; maxReplicas: number }, hpaStatus?: object) {
    const objects = loadObjects('apigee.yaml').map((o) =>
      o.kind === 'HorizontalPodAutoscaler' && hpaStatus
        ? ({ ...o, status: hpaStatus } as KubeObject)
        : o.kind === 'ApigeeEnvironment'
          ? ({
              ...o,
              metadata: { ...o.metadata, generation: 3 },
              spec: { name: 'test', organizationRef: 'hybrid', components: { runtime: { autoScaler } } },
              status: { state: 'running', lastAppliedGeneration: 2 },
            } as KubeObject)
          : o,
    );
    return runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects])).findings.filter(
      (f) => f.kind === 'HorizontalPodAutoscaler',
    );
  }

  it('reports the HPA the operator has not brought to the CR, and points at the operator, not the HPA', () => {
    const drift = withRuntime({ minReplicas: 5, maxReplicas: 10 }).find((f) => f.id === 'HPA020');
    assert.equal(drift?.severity, 'warning');
    assert.match(
      drift?.message ?? '',
      /^ApigeeEnvironment test \(hybrid-test-1a2b3c4\) sets runtime min\/max 5\/10, but this HPA still has 1\/4: the operator has not applied the CR \(it last applied generation 2 of 3\); the CR's state is running\.$/,
    );
    assert.match(drift?.fix.type === 'manual' ? drift.fix.text : '', /Nothing to patch.*apigee-controller-manager/);
    assert.equal(doctorOn('cluster.yaml', 'apigee.yaml').findings.filter((f) => f.id === 'HPA020').length, 0, 'in step: nothing');
  });

  it("judges the HPA by the CR's values and builds its fixes from them, never from the stale HPA", () => {
    const raised = withRuntime({ minReplicas: 5, maxReplicas: 10 });
    assert.ok(!raised.some((f) => f.id === 'HPA008'), 'the CR already keeps 5 pods: no minReplicas 1 finding from the stale HPA');
    assert.equal(
      commandOf(raised.find((f) => f.id === 'HPA012')),
      'kubectl scale-ha patch env test runtime --min 5 --max 10 -n apigee',
      "the owner's command carries the CR's values, so copying it keeps the change",
    );
    const capped = withRuntime(
      { minReplicas: 1, maxReplicas: 10 },
      { conditions: [{ type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas' }] },
    );
    assert.deepEqual(
      capped.filter((f) => f.id === 'HPA020').map((f) => f.related?.map((r) => r.id)),
      [['HPA009']],
      'capped at the stale max 4 that the CR already raised to 10: one finding, the drift',
    );
    const pinned = withRuntime({ minReplicas: 3, maxReplicas: 3 }).find((f) => f.id === 'HPA007');
    assert.match(pinned?.message ?? '', /both 3/);
    assert.equal(commandOf(pinned), 'kubectl scale-ha patch env test runtime --max 5 -n apigee');
  });
});
