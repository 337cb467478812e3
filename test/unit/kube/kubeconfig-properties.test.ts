// Generated kubeconfigs of every shape: loading one either works or is a kubeconfig fault (exit 4) that
// quotes no credential; never an exception of our own or of a library.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { KubeClient } from '../../../src/kube/client.ts';
import { loadKubeconfig } from '../../../src/kube/kubeconfig.ts';

const secret = 's3cr3t';
const scalar = fc.oneof(
  fc.constantFrom('c', 'k', 'u', '', 'https://127.0.0.1:6443', 'not a url', '/nonexistent/file'),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
// Mostly well-formed pieces, so that generated files also get past the first fault to the deeper checks.
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: scalar, weight: 1 });
const nameOf = (usual: string) => mostly(fc.oneof({ arbitrary: fc.constant(usual), weight: 12 }, fc.constantFrom('c', 'k', 'u')));
const listOf = <T>(entry: fc.Arbitrary<T>) => mostly(fc.array(entry, { minLength: 1, maxLength: 3 }));
const anyOf = <T>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(fields, { requiredKeys: [] });

const cluster = mostly(
  fc.record({
    name: nameOf('k'),
    cluster: mostly(
      fc.record(
        {
          server: mostly(fc.constantFrom('https://127.0.0.1:6443', 'http://127.0.0.1:8080')),
          'insecure-skip-tls-verify': mostly(fc.boolean()),
          'certificate-authority': mostly(fc.oneof({ arbitrary: fc.constant('ca.crt'), weight: 6 }, fc.constant('/nonexistent/ca.crt'))),
          'certificate-authority-data': mostly(fc.constant(Buffer.from('not PEM').toString('base64'))),
        },
        { requiredKeys: ['server'] },
      ),
    ),
  }),
);
const exec = mostly(
  fc.record(
    {
      command: mostly(fc.constantFrom('/bin/true', './plugin', 'kubectl-oidc')),
      args: listOf(mostly(fc.string({ maxLength: 6 }))),
      env: listOf(mostly(fc.record({ name: mostly(fc.constant('A')), value: mostly(fc.constant('b')) }))),
      apiVersion: mostly(fc.constantFrom('client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1')),
      interactiveMode: mostly(fc.constantFrom('Never', 'IfAvailable')),
    },
    { requiredKeys: ['command'] },
  ),
);
const pem = fc.constant(Buffer.from('not PEM').toString('base64'));
const credentials = fc.oneof(
  fc.record({ token: fc.constant(`${secret}-token`) }),
  fc.record({ username: scalar, password: fc.constant(`${secret}-password`) }),
  fc.record({ tokenFile: mostly(fc.oneof({ arbitrary: fc.constant('token'), weight: 6 }, fc.constant('/nonexistent/token'))) }),
  fc.record({ 'client-certificate-data': mostly(pem), 'client-key-data': mostly(pem) }, { requiredKeys: [] }),
  fc.record(
    { 'client-certificate': mostly(fc.constant('/nonexistent/c.crt')), 'client-key': mostly(fc.constant('c.key')) },
    { requiredKeys: [] },
  ),
  fc.record({ exec }),
  fc.record({
    'auth-provider': mostly(
      anyOf({ name: mostly(fc.constantFrom('oidc', 'gcp', 'azure')), config: mostly(anyOf({ 'id-token': scalar })) }),
    ),
  }),
  anyOf({ token: fc.constant(`${secret}-token`), exec, username: scalar, password: fc.constant(`${secret}-password`), tokenFile: scalar }),
);
const user = mostly(fc.record({ name: nameOf('u'), user: mostly(credentials) }));
const context = mostly(
  fc.record({
    name: nameOf('c'),
    context: mostly(fc.record({ cluster: nameOf('k'), user: nameOf('u'), namespace: scalar }, { requiredKeys: ['cluster', 'user'] })),
  }),
);
const kubeconfig = mostly(
  fc.record(
    {
      apiVersion: fc.constant('v1'),
      kind: fc.constant('Config'),
      'current-context': nameOf('c'),
      clusters: listOf(cluster),
      contexts: listOf(context),
      users: listOf(user),
    },
    { requiredKeys: ['current-context', 'clusters', 'contexts', 'users'] },
  ),
);
/** The YAML of a generated kubeconfig, one time in eight cut short at a random place. */
const kubeconfigText = fc.tuple(kubeconfig, fc.oneof({ arbitrary: fc.constant(null), weight: 7 }, fc.nat())).map(([document, cut]) => {
  const text = stringify(document);
  return cut === null ? text : text.slice(0, cut % (text.length + 1));
});

describe('generated kubeconfigs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scale-ha-kubeconfig-props-'));
  const file = join(dir, 'config');
  // What the generated relative paths name; the CA is read only when a request is made.
  writeFileSync(join(dir, 'ca.crt'), 'not PEM\n');
  writeFileSync(join(dir, 'token'), `${secret}-token-from-file\n`, { mode: 0o600 });

  it('load, or are a kubeconfig fault (exit 4) that quotes no credential (1,000 cases)', () => {
    fc.assert(
      fc.property(kubeconfigText, fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, nameOf('c')), (text, wantedContext) => {
        writeFileSync(file, text, { mode: 0o600 });
        try {
          const loaded = loadKubeconfig({ kubeconfig: file, context: typeof wantedContext === 'string' ? wantedContext : undefined });
          assert.ok(new KubeClient(loaded));
        } catch (error) {
          assert.ok(error instanceof UserError, `not a UserError: ${String(error)}\n${text}`);
          assert.equal(error.exitCode, ExitCode.kubeconfig, `${error.message}\n${text}`);
          assert.ok(!`${error.message} ${error.hint}`.includes(secret), `${error.message} quotes a credential`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
