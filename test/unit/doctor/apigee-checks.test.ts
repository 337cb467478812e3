import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDoctor } from '../../../src/doctor/run.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { doctorOn, loadObjects } from './fixture.ts';

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
  });
});
