import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { Finding } from '../../src/doctor/finding.ts';
import { allCheckInfos, findCheckInfo } from '../../src/doctor/run.ts';
import { checkValuesFile, valuesCheckInfos, valuesVendorOf } from '../../src/doctor/values-files.ts';

const fixtures = join(import.meta.dirname, '../fixtures/values-files');
const read = (file: string) => readFileSync(join(fixtures, file), 'utf8');
const check = (file: string, extra: { vendor?: 'apigee' | 'wallarm'; chartVersion?: string } = {}) =>
  checkValuesFile({ file, text: read(file), ...extra });
const at = (findings: Finding[]) => findings.map((f) => `${f.id} ${f.location?.line}:${f.location?.column}`);
/** The keys of a shown path, last first: `a.b` → b, a; `a["x.y/z"]` → x.y/z, a. */
const keysOf = (path: string) => [...path.matchAll(/\["([^"]+)"\]|([^.[\]]+)/g)].map((m) => m[1] ?? m[2] ?? '').reverse();
const fixText = (finding: Finding | undefined) => (finding?.fix.type === 'manual' ? finding.fix.text : '');

/** Each trap in its own file, with every finding it should give: id and line:column. */
const expected: Record<string, string[]> = {
  'apigee/clean.yaml': [],
  'apigee/behavior-out-of-range.yaml': ['VAL010 7:16', 'VAL010 8:35', 'VAL010 11:16', 'VAL010 12:21', 'VAL010 13:7'],
  'apigee/wait-time-lowercase-m.yaml': ['VAL011 4:29', 'VAL011 5:28'],
  'apigee/watcher-max-2.yaml': ['VAL012 7:20'],
  'apigee/metrics-not-on-runtime.yaml': ['VAL013 3:3', 'VAL013 8:3', 'VAL013 14:9', 'VAL013 18:9'],
  'apigee/per-env-zero.yaml': ['VAL015 3:3', 'VAL014 8:26'],
  'apigee/root-reaches-every-env.yaml': ['VAL015 9:3', 'VAL015 10:3'],
  'apigee/min-above-max.yaml': ['VAL015 3:3', 'VAL016 3:20', 'VAL015 4:3', 'VAL016 9:26'],
  'apigee/counts-not-whole.yaml': [
    'VAL015 3:3',
    'VAL017 3:20',
    'VAL015 4:3',
    'VAL017 4:20',
    'VAL015 6:3',
    'VAL017 6:20',
    'VAL017 7:35',
    'VAL017 12:26',
  ],
  'wallarm/clean.yaml': [],
  'wallarm/guide-example-invalid.yaml': ['VAL001 18:13'],
  'wallarm/limits-inside-requests.yaml': ['VAL023 2:3', 'VAL002 9:13'],
  'wallarm/arena-above-memory.yaml': ['VAL023 2:3', 'VAL020 15:17'],
  'wallarm/tarantool-keys.yaml': ['VAL023 2:3', 'VAL021 9:3'],
  'wallarm/annotations-replace-resources.yaml': ['VAL022 5:3', 'VAL022 7:3'],
  'wallarm/sidecar-without-cpu.yaml': ['VAL023 13:11', 'VAL023 19:9'],
  'unknown-vendor.yaml': ['VAL003 1:1'],
};

describe('values files checked as values', () => {
  for (const [file, findings] of Object.entries(expected))
    it(`${file}: ${findings.length ? findings.join(', ') : 'no findings'}`, () => {
      assert.deepEqual(at(check(file)), findings);
    });

  it('points every finding at the key or value it names, in the file it names', () => {
    for (const file of Object.keys(expected)) {
      const lines = read(file).split('\n');
      for (const finding of check(file)) {
        assert.deepEqual([finding.kind, finding.namespace, finding.name, finding.location?.file], ['ValuesFile', '', file, file]);
        const path = String(finding.evidence.path ?? '');
        // A key that is missing is reported at the deepest key above it that is there.
        const [key = '', ...above] = keysOf(path);
        const text = lines[finding.location!.line - 1]!.slice(finding.location!.column - 1).replace(/^["']/, '');
        const value = finding.evidence.value;
        const startsRight =
          finding.id === 'VAL001' ||
          finding.id === 'VAL003' ||
          text.startsWith(key) ||
          above.some((k) => text.startsWith(`${k}:`)) ||
          (value !== undefined && text.startsWith(String(value).slice(0, 2)));
        assert.ok(
          startsRight,
          `${file} ${finding.id} at ${finding.location?.line}:${finding.location?.column} points at "${text}", not ${path}`,
        );
      }
    }
  });

  it("reports the Wallarm guide's mis-indented limits: where it stands, and where it belongs", () => {
    const [finding] = check('wallarm/guide-example-invalid.yaml');
    assert.equal(finding?.severity, 'error');
    assert.match(finding!.message, /same column/);
    assert.match(fixText(finding), /Indent limits: on line 18 .* to column 11, like requests: on line 15/);
  });

  it('names the exact value to write: the nearest allowed one, a capital M, the watcher at 1', () => {
    const behavior = check('apigee/behavior-out-of-range.yaml');
    assert.equal(fixText(behavior[0]), 'Write runtime.hpaBehavior.scaleUp.pods.value: 15 (allowed 2–15, chart default 4).');
    assert.match(fixText(behavior[3]), /selectPolicy: "Min"/);
    assert.match(fixText(behavior[4]), /^Remove runtime\.hpaBehavior\.scaleDown\.stabilisationWindowSeconds/);
    const [lowercase, tooHigh] = check('apigee/wait-time-lowercase-m.yaml');
    assert.match(lowercase!.message, /400m is 0\.4/);
    assert.equal(fixText(lowercase), 'Write runtime.hpaMetrics.serverMainTaskWaitTime: 400M.');
    assert.equal(fixText(tooHigh), 'Write runtime.hpaMetrics.serverNioTaskWaitTime: 450M.');
    assert.equal(fixText(check('apigee/watcher-max-2.yaml')[0]), 'Write watcher.replicaCountMax: 1.');
  });

  it('says which root value a per-environment 0 falls back to, and which environments a root key reaches', () => {
    const zero = check('apigee/per-env-zero.yaml').find((f) => f.id === 'VAL014');
    assert.match(zero!.message, /falls back to runtime\.replicaCountMin \(3\)/);
    const reach = check('apigee/root-reaches-every-env.yaml');
    assert.deepEqual(
      reach.map((f) => f.evidence.inheritedBy),
      [['test', 'prod'], ['test']],
    );
    const minMax = check('apigee/min-above-max.yaml').filter((f) => f.id === 'VAL016');
    assert.match(minMax[1]!.message, /replicaCountMin 5 .* above replicaCountMax 4 \(the chart default\)/);
  });

  it('checks the store against its arena with the live rule: a limit below it is an error, the fix 25 % above', () => {
    const [finding] = check('wallarm/arena-above-memory.yaml').filter((f) => f.id === 'VAL020');
    assert.equal(finding?.severity, 'error');
    assert.equal(
      fixText(finding),
      'Write postanalytics.wstore.resources.requests.memory: 5Gi and postanalytics.wstore.resources.limits.memory: 5Gi.',
    );
  });

  it("warns of store keys the chart's version ignores, and says which versions read them when it is unknown", () => {
    const six = check('wallarm/tarantool-keys.yaml', { chartVersion: '6.7.2' }).find((f) => f.id === 'VAL021');
    assert.equal(six?.severity, 'warning');
    assert.match(six!.message, /ignored by chart 6\.7\.2/);
    assert.equal(check('wallarm/tarantool-keys.yaml', { chartVersion: '5.3.0' }).filter((f) => f.id === 'VAL021').length, 0);
    assert.deepEqual(at(check('wallarm/clean.yaml', { chartVersion: '5.3.0' })), ['VAL021 26:3']);
    const unknown = check('wallarm/tarantool-keys.yaml').find((f) => f.id === 'VAL021');
    assert.equal(unknown?.severity, 'info');
    assert.match(unknown!.message, /charts >= 6\.0 ignore it/);
  });

  it('warns when annotations drop the cpu request the HPA needs, and names the annotations to add', () => {
    const [proxy, iptables] = check('wallarm/annotations-replace-resources.yaml');
    assert.equal(proxy?.severity, 'warning');
    assert.match(proxy!.message, /no cpu request, cpu limit .*<unknown>/);
    assert.match(fixText(proxy), /sidecar\.wallarm\.io\/proxy-cpu: "<cpu request>"/);
    assert.equal(iptables?.severity, 'info');
  });

  it('tells the vendor from the keys, and a given vendor wins', () => {
    const values = (file: string) => ({ values: parse(read(file)) as Record<string, unknown> });
    assert.equal(valuesVendorOf(values('apigee/clean.yaml')), 'apigee');
    assert.equal(valuesVendorOf(values('wallarm/clean.yaml')), 'wallarm');
    assert.equal(valuesVendorOf({ values: { name: 'web' } }), undefined);
    assert.deepEqual(
      at(check('apigee/watcher-max-2.yaml', { vendor: 'wallarm' })).filter((f) => f.startsWith('VAL012')),
      [],
    );
  });

  it('gives every values check a unique VAL id, an explanation with a fix, and a section in docs/checks.md', () => {
    const ids = allCheckInfos.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    const doc = readFileSync(join(import.meta.dirname, '../../docs/checks.md'), 'utf8');
    for (const info of valuesCheckInfos) {
      assert.match(info.id, /^VAL\d{3}$/);
      assert.match(info.explain, /Fix:/);
      assert.ok(doc.includes(`## ${info.id}`) && doc.includes(info.title), `${info.id} is documented`);
      assert.equal(findCheckInfo(info.id.toLowerCase())?.title, info.title);
    }
    assert.equal(findCheckInfo('HPA013')?.id, 'HPA013');
  });
});
