import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HorizontalPodAutoscaler } from '../../src/k8s/types.ts';
import { hpaSummary } from '../../src/snapshot/summary.ts';

const hpa = (metrics: unknown[], current: unknown[]) =>
  ({
    metadata: { name: 'web' },
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 4, metrics },
    status: { currentMetrics: current },
  }) as unknown as HorizontalPodAutoscaler;

describe('list: HPA targets column', () => {
  it('shows current/target per metric like kubectl, matching status by index', () => {
    const summary = hpaSummary(
      hpa(
        [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
          { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
        ],
        [
          { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45, averageValue: '90m' } } },
          { type: 'External', external: { metric: { name: 'queue' }, current: { averageValue: '12' } } },
        ],
      ),
    );
    assert.equal(summary.targets, 'cpu: 45%/60%, queue: 12/30');
    assert.equal(summary.unknown, false);
  });

  it('shows <unknown> for a utilization target without a current utilization', () => {
    const summary = hpaSummary(
      hpa(
        [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
        [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '90m' } } }],
      ),
    );
    assert.equal(summary.targets, 'cpu: <unknown>/60%');
    assert.equal(summary.unknown, true);
  });
});
