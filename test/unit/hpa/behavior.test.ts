import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyBehaviorDefaults, resolveBehavior } from '../../../src/hpa/behavior.ts';

describe('behavior defaults', () => {
  it('leaves a nil behavior nil', () => {
    assert.equal(applyBehaviorDefaults(undefined), undefined);
    assert.equal(applyBehaviorDefaults(null), undefined);
  });

  it('fills an empty behavior like the API server: 4 pods or 100 % per 15 s up, 100 % per 15 s down, no scaleDown window', () => {
    assert.deepEqual(applyBehaviorDefaults({}), {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('lets the controller supply the scaleDown window (300 s by default, or its flag)', () => {
    assert.equal(resolveBehavior({})!.scaleDown.stabilizationWindowSeconds, 300);
    assert.equal(resolveBehavior({}, 120)!.scaleDown.stabilizationWindowSeconds, 120);
    assert.equal(resolveBehavior({ scaleDown: { stabilizationWindowSeconds: 0 } })!.scaleDown.stabilizationWindowSeconds, 0);
  });

  it('merges field by field and replaces the policy list whole', () => {
    const resolved = resolveBehavior({
      scaleUp: { stabilizationWindowSeconds: 60, tolerance: '0.05' },
      scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
    })!;
    assert.equal(resolved.scaleUp.stabilizationWindowSeconds, 60);
    assert.equal(resolved.scaleUp.tolerance, 0.05);
    assert.equal(resolved.scaleUp.policies.length, 2);
    assert.deepEqual(resolved.scaleDown.policies, [{ type: 'Pods', value: 1, periodSeconds: 60 }]);
    assert.equal(resolved.scaleDown.tolerance, undefined);
  });
});
