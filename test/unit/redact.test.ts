import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDiff } from '../../src/cli/render/diff.ts';
import { objectDiff } from '../../src/plan/diff.ts';
import type { KubeObject } from '../../src/k8s/types.ts';
import { redactSecretValues } from '../../src/k8s/redact.ts';

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
    const diff = renderDiff(objectDiff(deployment('100m'), deployment('200m')));
    assert.match(diff, /-\s+cpu: 100m/);
    assert.match(diff, /API_TOKEN/);
    assert.doesNotMatch(diff, /s3cr3t/);
  });

  it('redacts secret-looking helm values but keeps selector and placement keys', () => {
    const values = {
      config: { api: { token: 'abc', host: 'api.example' } },
      tls: { cert: 'PEM', key: 'PEM' },
      db: { password: 'pw' },
      affinity: { topologyKey: 'kubernetes.io/hostname' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gw' }],
    };
    assert.deepEqual(redactSecretValues(values), {
      config: { api: { token: '<redacted>', host: 'api.example' } },
      tls: { cert: '<redacted>', key: '<redacted>' },
      db: { password: '<redacted>' },
      affinity: { topologyKey: 'kubernetes.io/hostname' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gw' }],
    });
  });
});
