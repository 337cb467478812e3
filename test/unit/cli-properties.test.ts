// Generated command lines over every write and read command: whatever the flags hold, the CLI answers
// with a documented exit code and one paragraph, never "unexpected failure" (exit 1) or a stack trace.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { run } from '../../src/cli/program.ts';

// Nothing listens on port 1: every request is refused at once (exit 5), after validation passed.
const kubeconfig = join(mkdtempSync(join(tmpdir(), 'scale-ha-props-')), 'config');
writeFileSync(
  kubeconfig,
  'apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts: [{name: c, context: {cluster: k, user: u, namespace: shop}}]\nclusters: [{name: k, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: t}}]\n',
  { mode: 0o600 },
);
const stateHome = mkdtempSync(join(tmpdir(), 'scale-ha-props-state-'));

const tricky = [
  '',
  ' ',
  '0',
  '1',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  '2147483647',
  '2147483648',
  '4294967296',
  '9'.repeat(40),
  'NaN',
  'Infinity',
  '..',
  '.',
  'a/b',
  'Web',
  '💥',
];
// Mostly valid values, so that generated lines also get past validation to the deeper paths.
const mostly = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: hostile, weight: 1 });
const text = mostly(
  fc.constantFrom('web', 'runtime', 'shop', 'app=web'),
  fc.oneof(fc.constantFrom(...tricky), fc.string({ maxLength: 12 })),
);
const count = mostly(fc.integer({ min: 1, max: 12 }).map(String), fc.constantFrom(...tricky));
const quantity = mostly(
  fc.constantFrom('250m', '400M', '1Gi', '0.5'),
  fc.oneof(fc.constantFrom('400m', '1e400', '-1', 'cpu', ''), fc.string({ maxLength: 8 })),
);
const duration = mostly(
  fc.constantFrom('30s', '1m', '2h', '15s'),
  fc.oneof(fc.constantFrom('0', '1ms', '10000h', 'soon', ''), fc.string({ maxLength: 6 })),
);

const commands = fc.oneof(
  fc
    .tuple(text, count, count, count)
    .map(([name, min, max, cpu]) => ['patch', 'hpa', name, '--min', min, '--max', max, '--cpu', cpu, '--yes']),
  fc
    .tuple(
      text,
      count,
      fc.constantFrom('none', 'preferred', 'required', 'sideways'),
      fc.constantFrom('hostname', 'zone', 'rack'),
      count,
      quantity,
    )
    .map(([name, replicas, mode, key, weight, cpu]) => [
      'patch',
      'workload',
      `deployment/${name}`,
      '--replicas',
      replicas,
      '--anti-affinity',
      mode,
      '--topology-key',
      key,
      '--weight',
      weight,
      '-c',
      'web',
      '--requests',
      `cpu=${cpu}`,
      '--yes',
    ]),
  fc.tuple(text, count, quantity).map(([component, max, wait]) => ['patch', 'env', component, '--max', max, '--wait-time', wait, '--yes']),
  fc
    .tuple(fc.constantFrom('spike', 'ramp', 'diurnal', 'flat'), count, duration, duration)
    .map(([pattern, start, length, sync]) => [
      'simulate',
      '--spec',
      'test/fixtures/hpa/web-hpa.yaml',
      '--pattern',
      pattern,
      '--start-replicas',
      start,
      '--duration',
      length,
      '--sync-period',
      sync,
      '-o',
      'json',
    ]),
  fc.tuple(text, text).map(([namespace, selector]) => ['doctor', '-n', namespace, '-l', selector]),
  fc
    .tuple(text, mostly(fc.constantFrom('table', 'json', 'yaml'), fc.constantFrom('xml', '')))
    .map(([namespace, output]) => ['list', '-n', namespace, '-o', output]),
);

/** The exit codes a machine without a reachable cluster may give (README: Exit codes). */
const expected = new Set([0, 2, 3, 4, 5, 7]);

describe('generated command lines', () => {
  it('always end in a documented exit code with a one-paragraph error, never a bug or a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (args) => {
        let stderr = '';
        const code = await run([...args, '--kubeconfig', kubeconfig], {
          stdout: { write: () => {} },
          stderr: { write: (s) => void (stderr += s) },
          env: { NO_COLOR: '1', XDG_STATE_HOME: stateHome, PATH: process.env.PATH },
        });
        assert.ok(expected.has(code), `exit ${code} for ${JSON.stringify(args)}:\n${stderr}`);
        assert.doesNotMatch(stderr, /unexpected failure|\n\s+at /, JSON.stringify(args));
      }),
      { numRuns: 1000 },
    );
  });
});
