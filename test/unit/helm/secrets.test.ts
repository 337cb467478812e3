import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutSecretDocuments } from '../../../src/helm/manifest.ts';
import { scrubber, secretStrings } from '../../../src/helm/scrub.ts';

describe('secret values are cut out of the helm output we hand on', () => {
  const values = {
    replicaCount: 3,
    password: 'hunter22',
    wallarm: { api: { token: 'tok-123456' } },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'edge' }],
    tls: { cert: 'no' },
  };

  it('finds the values of secret-looking keys, not label keys or short words', () => {
    assert.deepEqual(secretStrings(values), ['tok-123456', 'hunter22']);
  });

  it('replaces them, and their base64 form, in a line', () => {
    const scrub = scrubber(secretStrings(values));
    assert.equal(
      scrub(`password "hunter22" rejected; data: ${Buffer.from('hunter22').toString('base64')}; token tok-123456`),
      'password "<redacted>" rejected; data: <redacted>; token <redacted>',
    );
  });
});

describe('manifests without Secrets', () => {
  it('drops Secret documents and keeps the others with their sources', () => {
    const manifest = [
      '---',
      '# Source: tiny/templates/secret.yaml',
      'apiVersion: v1',
      'kind: Secret',
      'data:',
      '  password: aHVudGVyMjI=',
      '---',
      '# Source: tiny/templates/deployment.yaml',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: tiny',
      '  annotations:',
      '    kind: Secret',
      '',
    ].join('\n');
    const kept = withoutSecretDocuments(manifest);
    assert.doesNotMatch(kept, /aHVudGVyMjI=/);
    assert.match(kept, /^---\n# Source: tiny\/templates\/deployment\.yaml\n.*kind: Deployment/s);
  });
});
