import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { WorkloadObject } from '../../../src/k8s/types.ts';
import { isEmptyChange } from '../../../src/plan/change.ts';
import { changeDiff } from '../../../src/plan/diff.ts';
import { applyValuesEdits, planHelmUpgrade } from '../../../src/plan/values.ts';
import { planValuesFileEdit } from '../../../src/plan/values-file.ts';
import { valuesEditsFor } from '../../../src/profiles/values/edits.ts';
import type { Values } from '../../../src/profiles/values/model.ts';

const text = (name: string) => readFileSync(new URL(`../../fixtures/values/${name}`, import.meta.url), 'utf8');
const load = <T>(name: string) => parse(text(name)) as T;
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UserError && e.exitCode === ExitCode.usage && pattern.test(e.message);

/** Every leaf path of a values tree with its value, "a.b[0].c" → value. */
function leaves(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) for (const [i, item] of value.entries()) leaves(item, `${path}[${i}]`, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else out.set(path, value);
  return out;
}

function changedLeaves(before: Values, after: Values): string[] {
  const [a, b] = [leaves(before), leaves(after)];
  return [...new Set([...a.keys(), ...b.keys()])].filter((key) => a.get(key) !== b.get(key) || a.has(key) !== b.has(key)).sort();
}

const release = { name: 'wallarm', namespace: 'wallarm' };
const chart = { name: 'wallarm-sidecar', version: '6.7.2' };

describe('applying values edits', () => {
  it('copies deeply and never mutates the input', () => {
    const values = { controller: { replicaCount: 1, podLabels: { team: 'a' } } };
    const after = applyValuesEdits(values, [{ path: ['controller', 'replicaCount'], value: 3 }]);
    assert.deepEqual(values, { controller: { replicaCount: 1, podLabels: { team: 'a' } } });
    (after.controller as Values).podLabels = {};
    assert.deepEqual(values.controller.podLabels, { team: 'a' });
  });

  it('creates intermediate maps, including under a null', () => {
    assert.deepEqual(
      applyValuesEdits({ config: null }, [
        { path: ['config', 'sidecar', 'containers', 'proxy', 'resources', 'requests', 'cpu'], value: '1' },
      ]),
      {
        config: { sidecar: { containers: { proxy: { resources: { requests: { cpu: '1' } } } } } },
      },
    );
  });

  it('addresses lists by index and by entry name', () => {
    const values = { envs: [{ name: 'test' }, { name: 'prod', components: { runtime: { replicaCountMax: 6 } } }] };
    const after = applyValuesEdits(values, [
      { path: ['envs', 0, 'components', 'runtime', 'replicaCountMin'], value: 2 },
      { path: ['envs', { name: 'prod' }, 'components', 'runtime', 'replicaCountMax'], value: 10 },
    ]);
    assert.deepEqual(after.envs, [
      { name: 'test', components: { runtime: { replicaCountMin: 2 } } },
      { name: 'prod', components: { runtime: { replicaCountMax: 10 } } },
    ]);
    assert.throws(
      () => applyValuesEdits(values, [{ path: ['envs', { name: 'dev' }, 'x'], value: 1 }]),
      usage(/envs has no entry named dev/),
    );
  });

  it('removes a key with an undefined value, and ignores the removal of a missing one', () => {
    const values = { controller: { affinity: { podAntiAffinity: { x: 1 }, nodeAffinity: { y: 2 } } } };
    assert.deepEqual(applyValuesEdits(values, [{ path: ['controller', 'affinity', 'podAntiAffinity'], value: undefined }]), {
      controller: { affinity: { nodeAffinity: { y: 2 } } },
    });
    assert.deepEqual(applyValuesEdits(values, [{ path: ['postanalytics', 'affinity'], value: undefined }]), values);
  });

  it('refuses to build through a plain value', () => {
    assert.throws(
      () => applyValuesEdits({ controller: 'off' }, [{ path: ['controller', 'replicaCount'], value: 2 }]),
      usage(/controller holds "off", not a map/),
    );
  });
});

describe('planning a helm upgrade from values edits', () => {
  it('summarises each value changed like a patch, with (unset) for absent values', () => {
    const change = planHelmUpgrade({
      release,
      chart,
      revision: 4,
      userValues: load<Values>('wallarm-values.yaml'),
      edits: [
        { path: ['controller', 'replicaCount'], value: 3 },
        { path: ['controller', 'resources', 'limits', 'cpu'], value: '1' },
        { path: ['postanalytics', 'affinity', 'podAntiAffinity'], value: undefined },
      ],
      notes: ['a note'],
      warnings: ['a warning'],
    });
    assert.equal(change.kind, 'helm-upgrade');
    assert.equal(change.revision, 4);
    assert.deepEqual(change.summary, ['controller.replicaCount: 1 → 3', 'controller.resources.limits.cpu: (unset) → 1']);
    assert.deepEqual([change.notes, change.warnings], [['a note'], ['a warning']]);
  });

  it('changes only the intended keys of a values tree of more than 20 user values, and freezes no chart default in', () => {
    const userValues = { ...load<Values>('overrides.yaml'), env: 'prod' };
    assert.ok(leaves(userValues).size >= 20, `the fixture has ${leaves(userValues).size} values`);
    const chartDefaults = {
      runtime: { replicaCountMin: 1, replicaCountMax: 4, image: 'apigee-runtime:1.15' },
      udca: { replicaCountMax: 4 },
    };
    const { edits, notes, warnings } = valuesEditsFor(
      { type: 'component', kind: 'ApigeeEnvironment', env: 'prod', component: 'runtime', settings: { max: 12, cpu: 60 } },
      { chart: { name: 'apigee-env', version: '1.15.1' }, userValues, chartDefaults },
    );
    const change = planHelmUpgrade({
      release,
      chart: { name: 'apigee-env', version: '1.15.1' },
      revision: 7,
      userValues,
      edits,
      notes,
      warnings,
    });
    assert.deepEqual(changedLeaves(change.valuesBefore, change.valuesAfter), [
      'envs[1].components.runtime.replicaCountMax',
      'runtime.targetCPUUtilizationPercentage',
    ]);
    assert.deepEqual(change.valuesBefore, userValues);
    assert.equal(leaves(change.valuesAfter).has('runtime.image'), false);
    assert.equal(leaves(change.valuesAfter).has('udca.replicaCountMax'), false);
    assert.deepEqual(change.summary, [
      'envs[name=prod].components.runtime.replicaCountMax: 6 → 12',
      'runtime.targetCPUUtilizationPercentage: 75 → 60',
    ]);
    assert.equal(isEmptyChange(change), false);
  });

  it('is empty when the values already say so', () => {
    const change = planHelmUpgrade({
      release,
      chart,
      revision: 1,
      userValues: { controller: { replicaCount: 2 } },
      edits: [{ path: ['controller', 'replicaCount'], value: 2 }],
    });
    assert.deepEqual(change.summary, []);
    assert.equal(isEmptyChange(change), true);
  });

  it('shows in the diff only the lines it changes (with secret-looking values redacted)', () => {
    const userValues = { config: { wallarm: { api: { token: 'abc123' } } }, controller: { replicaCount: 1 } };
    const change = planHelmUpgrade({
      release,
      chart,
      revision: 1,
      userValues,
      edits: [{ path: ['controller', 'replicaCount'], value: 2 }],
    });
    const changed = changeDiff(change).hunks.flatMap((h) => h.ops.filter((op) => op.kind !== ' ').map((op) => `${op.kind}${op.line}`));
    assert.deepEqual(changed, ['-  replicaCount: 1', '+  replicaCount: 2']);
    assert.doesNotMatch(JSON.stringify(changeDiff(change)), /abc123/);
  });

  it('carries the values-file edit, and warns where the file and the release disagree', () => {
    const wallarm = load<WorkloadObject>('wallarm-controller.yaml');
    const userValues = load<Values>('wallarm-values.yaml');
    (userValues.controller as Values).replicaCount = 2; // e.g. a --set at install time
    const { edits } = valuesEditsFor({ type: 'workload', workload: wallarm, settings: { replicas: 3 } }, { chart, userValues });
    const valuesFile = planValuesFileEdit('wallarm-values.yaml', text('wallarm-values.yaml'), edits);
    const change = planHelmUpgrade({ release, chart, revision: 2, userValues, edits, valuesFile });
    assert.equal(change.valuesFile, valuesFile);
    assert.deepEqual(valuesFile.summary, ['controller.replicaCount: 1 → 3']);
    assert.match(change.warnings.join('\n'), /controller\.replicaCount is 2 in the release but 1 in wallarm-values\.yaml/);
  });
});
