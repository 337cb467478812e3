// Generated behavior and spec files: whatever they hold, the tool answers with a usage error naming the
// field (exit 2) or accepts them, never an exception of its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { resolveBehaviorSource } from '../../../src/hpa/source.ts';
import { validateApigeeBehavior } from '../../../src/profiles/apigee-hpa.ts';
import { validateHPASpec } from '../../../src/hpa/validate.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { HorizontalPodAutoscaler } from '../../../src/k8s/types.ts';

const value = fc.oneof(
  fc.integer({ min: -5, max: 5000 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 4294967296, 0.5, null, '', 'x', '400M', true),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const policy = fc.oneof(
  fc.record({ type: fc.constantFrom('Pods', 'Percent', 'Other', 5), value, periodSeconds: value }, { requiredKeys: [] }),
  value,
);
const rules = fc.oneof(
  fc.record(
    {
      stabilizationWindowSeconds: value,
      selectPolicy: fc.constantFrom('Max', 'Min', 'Disabled', 'Sideways', 3),
      policies: fc.oneof(fc.array(policy, { maxLength: 3 }), value),
    },
    { requiredKeys: [] },
  ),
  value,
);
const behavior = fc.record({ scaleUp: rules, scaleDown: rules }, { requiredKeys: [] });

const apigeePolicy = fc.oneof(fc.record({ value, periodSeconds: value, valeu: value }, { requiredKeys: [] }), value);
// A pods key in scaleUp is what makes a document read as runtime.hpaBehavior rather than an HPA behavior.
const apigeeRulesMap = fc.record(
  {
    percent: apigeePolicy,
    pods: apigeePolicy,
    selectPolicy: fc.constantFrom('Max', 'Min', 'Disabled', 'Sideways', 3),
    stabilizationWindowSeconds: value,
  },
  { requiredKeys: ['pods'] },
);
const apigeeBehavior = fc.record({ scaleUp: apigeeRulesMap, scaleDown: fc.oneof(apigeeRulesMap, value) }, { requiredKeys: ['scaleUp'] });

const onlyUsageErrors = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UserError && error.exitCode === ExitCode.usage, `not a usage error: ${String(error)}`);
  }
};

describe('generated typed files', () => {
  it('behavior files: accepted, or a usage error naming the field (1,000 cases)', () => {
    fc.assert(
      fc.property(behavior, (document) => {
        const text = stringify(document);
        onlyUsageErrors(() => resolveBehaviorSource('b.yaml', { flag: '--behavior', readFile: () => text }));
      }),
      { numRuns: 1000 },
    );
  });

  it("Apigee hpaBehavior files: a usage error, or a behavior within Apigee's ranges (1,000 cases)", () => {
    fc.assert(
      fc.property(apigeeBehavior, (hpaBehavior) => {
        const text = stringify({ runtime: { hpaBehavior } });
        onlyUsageErrors(() => {
          const accepted = resolveBehaviorSource('overrides.yaml', { flag: '--behavior', readFile: () => text });
          assert.deepEqual(validateApigeeBehavior(accepted.behavior!), [], text);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('HPA specs: field errors, never an exception (1,000 cases)', () => {
    const spec = fc.record(
      {
        minReplicas: value,
        maxReplicas: value,
        metrics: fc.oneof(fc.array(fc.oneof(value, fc.record({ type: fc.constantFrom('Resource', 'Pods', 7) })), { maxLength: 3 }), value),
        behavior,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(spec, (candidate) => {
        const errors = validateHPASpec(candidate as unknown as HorizontalPodAutoscaler['spec'], { requireScaleTargetRef: false });
        assert.ok(Array.isArray(errors));
      }),
      { numRuns: 1000 },
    );
  });
});
