import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { findPreset } from '../../../src/hpa/presets.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { planValuesFileEdit } from '../../../src/plan/values-file.ts';
import { valuesEditsFor } from '../../../src/profiles/values/edits.ts';
import type { Values, ValuesEdit } from '../../../src/profiles/values/model.ts';

const text = (name: string) => readFileSync(new URL(`../../fixtures/values/${name}`, import.meta.url), 'utf8');
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UserError && e.exitCode === ExitCode.usage && pattern.test(e.message);
const edit = (file: string, edits: ValuesEdit[]) => planValuesFileEdit(file, text(file), edits).textAfter;
/** The original text with each [from, to] replaced, for comparing whole files. */
const replaced = (original: string, ...pairs: [string, string][]) =>
  pairs.reduce((acc, [from, to]) => {
    assert.ok(acc.includes(from), `fixture lacks ${JSON.stringify(from)}`);
    return acc.replace(from, to);
  }, original);

describe('editing a values file in place', () => {
  for (const file of ['overrides.yaml', 'wallarm-values.yaml', 'generic-chart-values.yaml', 'anchors.yaml']) {
    it(`gives back ${file} byte for byte when nothing changes`, () => {
      const change = planValuesFileEdit(file, text(file), []);
      assert.equal(change.textAfter, text(file));
      assert.deepEqual(change.summary, []);
    });
  }

  it('gives back the file byte for byte when it already holds the values', () => {
    const edits = [
      { path: ['runtime', 'hpaMetrics', 'serverMainTaskWaitTime'], value: '400M' },
      { path: ['envs', { name: 'prod' }, 'components', 'runtime', 'replicaCountMax'], value: 6 },
    ];
    assert.equal(edit('overrides.yaml', edits), text('overrides.yaml'));
  });

  it('leaves a value alone that already says so in another spelling', () => {
    const file = 'controller:\n  replicaCount: 3.0 # spelled as a float\n';
    assert.equal(planValuesFileEdit('v.yaml', file, [{ path: ['controller', 'replicaCount'], value: 3 }]).textAfter, file);
  });

  it('replaces a value in place, keeping its comment, the other comments and the key order', () => {
    const after = edit('wallarm-values.yaml', [{ path: ['controller', 'replicaCount'], value: 3 }]);
    assert.equal(
      after,
      replaced(text('wallarm-values.yaml'), ['replicaCount: 1 # a single replica', 'replicaCount: 3 # a single replica']),
    );
  });

  it('writes the per-environment key into the envs entry found by name, and appends a new key at the end of its map', () => {
    const after = edit('overrides.yaml', [
      { path: ['envs', { name: 'prod' }, 'components', 'runtime', 'replicaCountMax'], value: 10 },
      { path: ['envs', { name: 'prod' }, 'components', 'udca', 'replicaCountMin'], value: 2 },
    ]);
    assert.equal(
      after,
      replaced(
        text('overrides.yaml'),
        ['        replicaCountMax: 6\n', '        replicaCountMax: 10\n'],
        [
          'replicaCountMin: 0 # 0 falls back to the root value\n',
          'replicaCountMin: 0 # 0 falls back to the root value\n      udca:\n        replicaCountMin: 2\n',
        ],
      ),
    );
  });

  it('finds the envs entry by name wherever the file lists it', () => {
    const file = 'envs:\n  - name: prod # first here\n    components:\n      runtime:\n        replicaCountMax: 6\n  - name: test\n';
    const change = planValuesFileEdit('o.yaml', file, [
      { path: ['envs', { name: 'prod' }, 'components', 'runtime', 'replicaCountMax'], value: 9 },
    ]);
    assert.equal(change.textAfter, file.replace('replicaCountMax: 6', 'replicaCountMax: 9'));
    assert.deepEqual(change.summary, ['envs[name=prod].components.runtime.replicaCountMax: 6 → 9']);
  });

  it('refuses an envs entry the file does not have', () => {
    assert.throws(
      () => edit('overrides.yaml', [{ path: ['envs', { name: 'dev' }, 'components', 'runtime', 'replicaCountMax'], value: 3 }]),
      usage(/overrides\.yaml: envs has no entry named dev/),
    );
  });

  it("keeps runtime.hpaBehavior's range comments when a behavior preset is written", () => {
    const { edits } = valuesEditsFor(
      {
        type: 'component',
        kind: 'ApigeeEnvironment',
        env: 'dev',
        component: 'runtime',
        settings: { behavior: findPreset('apigee-less-aggressive')!.behavior },
      },
      { chart: { name: 'apigee-env', version: '1.15.1' }, userValues: parse(text('overrides.yaml')) as Values },
    );
    const after = edit('overrides.yaml', edits);
    assert.equal(
      after,
      replaced(
        text('overrides.yaml'),
        ['        value: 20 # (range: 5 - 50)', '        value: 10 # (range: 5 - 50)'],
        ['        value: 2 # (range: 1 - 15)', '        value: 1 # (range: 1 - 15)'],
        ['stabilizationWindowSeconds: 120 # (range: 60 - 300)', 'stabilizationWindowSeconds: 180 # (range: 60 - 300)'],
      ),
    );
  });

  it('adds a new top-level key at the end, apart like the other sections', () => {
    const after = edit('overrides.yaml', [{ path: ['udca', 'replicaCountMax'], value: 8 }]);
    assert.equal(after, `${text('overrides.yaml')}\nudca:\n  replicaCountMax: 8\n`);
  });

  it('edits a flow map in flow style', () => {
    const after = edit('wallarm-values.yaml', [
      { path: ['controller', 'resources', 'requests', 'cpu'], value: '100m' },
      { path: ['controller', 'resources', 'limits', 'cpu'], value: '1' },
    ]);
    assert.equal(
      after,
      replaced(text('wallarm-values.yaml'), [
        'requests: {cpu: 50m, memory: 64Mi}\n    limits: {memory: 128Mi}',
        'requests: {cpu: 100m, memory: 64Mi}\n    limits: {memory: 128Mi, cpu: "1"}',
      ]),
    );
  });

  it('turns an empty {} into a block when a key goes under it, in the file indentation', () => {
    const value = {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }],
    };
    const after = edit('wallarm-values.yaml', [{ path: ['postanalytics', 'affinity', 'podAntiAffinity'], value }]);
    assert.equal(
      after,
      replaced(text('wallarm-values.yaml'), [
        '  affinity: {}\n',
        '  affinity:\n    podAntiAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n        - weight: 100\n          podAffinityTerm:\n            topologyKey: kubernetes.io/hostname\n',
      ]),
    );
  });

  it('removes a key and leaves {} where its map empties', () => {
    const after = edit('wallarm-values.yaml', [{ path: ['controller', 'nodeSelector', 'kubernetes.io/os'], value: undefined }]);
    assert.equal(after, replaced(text('wallarm-values.yaml'), ['  nodeSelector:\n    kubernetes.io/os: linux\n', '  nodeSelector: {}\n']));
  });

  it('writes into an empty file and a file of comments only', () => {
    assert.equal(
      planValuesFileEdit('e.yaml', '', [{ path: ['controller', 'replicaCount'], value: 2 }]).textAfter,
      'controller:\n  replicaCount: 2\n',
    );
    assert.equal(
      planValuesFileEdit('e.yaml', '# my values\n', [{ path: ['controller', 'replicaCount'], value: 2 }]).textAfter,
      '# my values\ncontroller:\n  replicaCount: 2\n',
    );
  });

  it('fills an empty value (`key:`) without moving its comment', () => {
    const after = planValuesFileEdit('e.yaml', 'a: 1\nb:   # later\nc: 3\n', [{ path: ['b', 'c'], value: 2 }]).textAfter;
    assert.equal(after, 'a: 1\nb:   # later\n  c: 2\nc: 3\n');
  });

  it('keeps CRLF line ends and a four-space indentation', () => {
    const file = 'controller:\r\n    replicaCount: 1\r\nother: x\r\n';
    const after = planValuesFileEdit('w.yaml', file, [{ path: ['controller', 'resources', 'requests', 'cpu'], value: '1' }]).textAfter;
    assert.equal(
      after,
      'controller:\r\n    replicaCount: 1\r\n    resources:\r\n        requests:\r\n            cpu: "1"\r\nother: x\r\n',
    );
  });

  it('refuses a file whose top level is not a map', () => {
    assert.throws(() => planValuesFileEdit('l.yaml', '- a\n- b\n', []), usage(/l\.yaml: the top level is a list, not a map of values/));
    assert.throws(() => planValuesFileEdit('s.yaml', 'just text\n', []), usage(/the top level is a single value/));
  });
});

describe('values files the edit must not break', () => {
  it("reports the Wallarm guide's mis-indented example at file:line:column with the parser's message, and nothing else", () => {
    let thrown: unknown;
    try {
      planValuesFileEdit('wallarm-helper-guide.yaml', text('wallarm-helper-guide.yaml'), [
        { path: ['controller', 'replicaCount'], value: 2 },
      ]);
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof UserError && thrown.exitCode === ExitCode.usage);
    assert.equal(thrown.message, 'wallarm-helper-guide.yaml:10:1: All mapping items must start at the same column');
    assert.match(thrown.hint ?? '', /Line 10: " {12}limits:"/);
  });

  it('refuses an edit that would go through an alias', () => {
    assert.throws(
      () => edit('anchors.yaml', [{ path: ['controller', 'resources', 'requests', 'cpu'], value: '200m' }]),
      usage(/anchors\.yaml: controller\.resources is an alias \(\*resources\)/),
    );
  });

  it('refuses to change an anchored value an alias uses elsewhere', () => {
    assert.throws(() => edit('anchors.yaml', [{ path: ['postanalytics', 'replicaCount'], value: 2 }]), usage(/holds the anchor &one/));
    assert.throws(
      () => edit('anchors.yaml', [{ path: ['defaults', 'requests', 'cpu'], value: '1' }]),
      usage(/holds the anchor &resources/),
    );
  });

  it('edits elsewhere in a file with anchors and keeps them unexpanded', () => {
    const after = edit('anchors.yaml', [{ path: ['controller', 'replicaCount'], value: 2 }]);
    assert.equal(after, replaced(text('anchors.yaml'), ['controller:\n  replicaCount: 1', 'controller:\n  replicaCount: 2']));
  });

  it('refuses a map with a merge key', () => {
    const file = 'base: &b {replicaCount: 1}\ncontroller:\n  <<: *b\n  image: x\n';
    assert.throws(() => planValuesFileEdit('m.yaml', file, [{ path: ['controller', 'replicaCount'], value: 2 }]), usage(/merge key/));
  });
});
