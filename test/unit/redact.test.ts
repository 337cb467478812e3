import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { objectDiff } from '../../src/plan/diff.ts';
import type { KubeObject } from '../../src/k8s/types.ts';

describe('redaction', () => {
  it('keeps literal env values out of a diff, even next to the change', () => {
    const deployment = (cpu: string) =>
      ({
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'app',
                  resources: { requests: { cpu } },
                  env: [
                    { name: 'API_TOKEN', value: 's3cr3t' },
                    { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'x', key: 'y' } } },
                  ],
                },
              ],
            },
          },
        },
      }) as unknown as KubeObject;
    const diff = objectDiff(deployment('100m'), deployment('200m'));
    assert.match(diff, /-\s+cpu: 100m/);
    assert.match(diff, /API_TOKEN/);
    assert.doesNotMatch(diff, /s3cr3t/);
  });
});
