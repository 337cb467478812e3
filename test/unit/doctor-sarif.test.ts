// `doctor -o sarif`: valid SARIF 2.1.0 (checked against the schema), with the locations, levels and fingerprints
// GitHub code scanning needs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { parse } from 'yaml';
import { parseOutputFormat } from '../../src/cli/output.ts';
import { doctorReportData, renderDoctorTable } from '../../src/cli/render/doctor.ts';
import { parseDoctorFormat, renderDoctorReport } from '../../src/cli/render/doctor-output.ts';
import { plainPaint } from '../../src/cli/render/paint.ts';
import { fingerprint, fingerprintKey, renderSarif, sarifLog } from '../../src/cli/render/sarif.ts';
import type { Finding } from '../../src/doctor/finding.ts';
import { allCheckInfos, type DoctorReport } from '../../src/doctor/run.ts';
import { UserError } from '../../src/k8s/errors.ts';
import { doctorOn } from './doctor/fixture.ts';
import { inFiles } from './doctor/report-samples.ts';
import { valuesReport } from './doctor/values-report.ts';

// The SARIF 2.1.0 schema (rtm.5, draft-04), as @microsoft/jest-sarif 1.0.0-beta.0 ships it in lib/schemas/; one of
// its patterns (the language tag's) is not valid with JavaScript's u flag, hence unicodeRegExp: false.
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function assertValidSarif(text: string): Log {
  const log = JSON.parse(text) as Log;
  assert.ok(validate(log), ajv.errorsText(validate.errors, { separator: '\n' }));
  return log;
}

const sarifOf = (report: DoctorReport) => renderSarif(report, allCheckInfos);
const resultsOf = (log: Log): Result[] => log.runs[0]!.results ?? [];

const fixtures = [
  ['healthy.yaml'],
  ['cluster.yaml', 'wallarm-sidecar.yaml'],
  ['cluster.yaml', 'hpa-traps.yaml'],
  ['cluster.yaml', 'apigee-bad-scaling.yaml'],
  ['ha-rollout.yaml'],
  ['ha-spread.yaml'],
  ['zero-requests.yaml'],
];

describe('doctor -o sarif', () => {
  it('is accepted as a doctor output format, and only by the doctor', () => {
    assert.equal(parseDoctorFormat('sarif'), 'sarif');
    assert.equal(parseDoctorFormat(undefined), 'table');
    assert.throws(
      () => parseDoctorFormat('xml'),
      (error: unknown) => error instanceof UserError && /xml/.test(error.message) && /sarif/.test(error.hint ?? ''),
    );
  });

  it('is checked by a validator that rejects what the schema does not allow', () => {
    const log = JSON.parse(sarifOf(doctorOn('cluster.yaml', 'hpa-traps.yaml'))) as Log;
    resultsOf(log)[0]!.level = 'info' as Result.level;
    assert.equal(validate(log), false);
  });

  it('leaves table, json and yaml as they were, and -o sarif|junit a usage error for the other commands', async () => {
    const report = doctorOn('cluster.yaml', 'hpa-traps.yaml');
    const options = { paint: plainPaint, failOn: 'error' as const };
    assert.equal(await renderDoctorReport('table', report, options), renderDoctorTable(report, plainPaint));
    assert.equal(await renderDoctorReport('sarif', report, options), sarifOf(report), 'doctor -o sarif');
    assert.deepEqual(JSON.parse(await renderDoctorReport('json', report, options)), JSON.parse(JSON.stringify(doctorReportData(report))));
    assert.deepEqual(parse(await renderDoctorReport('yaml', report, options)), JSON.parse(JSON.stringify(doctorReportData(report))));
    for (const format of ['sarif', 'junit']) assert.throws(() => parseOutputFormat(format), UserError);
  });

  for (const files of fixtures)
    it(`validates against the SARIF 2.1.0 schema, from a cluster and from files: ${files.join(' + ')}`, () => {
      const report = doctorOn(...files);
      assertValidSarif(sarifOf(report));
      assertValidSarif(sarifOf(inFiles(report)));
    });

  it("places a values file's findings at their file, line and column, with the values checks as rules", () => {
    const files = ['behavior-out-of-range', 'wait-time-lowercase-m', 'watcher-max-2'].map(
      (name) => `test/fixtures/values-files/apigee/${name}.yaml`,
    );
    const report = valuesReport(...files);
    assert.ok(report.findings.length >= 3, 'the fixtures have findings');
    const log = assertValidSarif(sarifOf(report));
    const rules = log.runs[0]!.tool.driver.rules!;
    resultsOf(log).forEach((result, i) => {
      const { location } = report.findings[i]!;
      assert.equal(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri, location!.file);
      assert.deepEqual(result.locations?.[0]?.physicalLocation?.region, { startLine: location!.line, startColumn: location!.column });
      assert.equal(rules[result.ruleIndex!]?.shortDescription?.text, allCheckInfos.find((c) => c.id === result.ruleId)?.title);
    });
  });

  it('lists every check as a rule, and points each result at its rule', () => {
    const report = doctorOn('cluster.yaml', 'hpa-traps.yaml');
    assert.ok(report.findings.length > 0, 'the fixture has findings');
    const log = assertValidSarif(sarifOf(report));
    const rules = log.runs[0]!.tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((r) => r.id),
      allCheckInfos.map((c) => c.id),
    );
    for (const result of resultsOf(log)) assert.equal(rules[result.ruleIndex!]?.id, result.ruleId);
    const check = allCheckInfos.find((c) => c.id === 'HPA008')!;
    const rule = rules.find((r) => r.id === 'HPA008')!;
    assert.equal(rule.shortDescription?.text, check.title);
    assert.equal(rule.fullDescription?.text, check.explain);
    assert.match(rule.helpUri ?? '', /docs\/checks\.md#hpa008$/);
  });

  it('gives a finding of a check outside the list its own rule, so the index stays valid', () => {
    const report = doctorOn('cluster.yaml', 'hpa-traps.yaml');
    const log = sarifLog(report, []);
    for (const result of resultsOf(log)) assert.equal(log.runs[0]!.tool.driver.rules![result.ruleIndex!]?.id, result.ruleId);
  });

  it('maps error, warning and info to the levels error, warning and note', () => {
    const report = doctorOn('cluster.yaml', 'wallarm-sidecar.yaml');
    const log = assertValidSarif(sarifOf(report));
    const expected = { error: 'error', warning: 'warning', info: 'note' } as const;
    const severities = new Set(report.findings.map((f) => f.severity));
    assert.ok(severities.size > 1, 'the fixture has more than one severity');
    assert.deepEqual(
      resultsOf(log).map((r) => r.level),
      report.findings.map((f) => expected[f.severity]),
    );
  });

  it('places a finding from a file at its line and column, relative to the repository root', () => {
    const report = inFiles(doctorOn('cluster.yaml', 'hpa-traps.yaml'), './deploy/my app/shop.yaml');
    const result = resultsOf(assertValidSarif(sarifOf(report)))[1]!;
    const physical = result.locations?.[0]?.physicalLocation;
    assert.deepEqual(physical?.artifactLocation, { uri: 'deploy/my%20app/shop.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(physical?.region, { startLine: 11, startColumn: 3 });
    const f = report.findings[1]!;
    assert.equal(result.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName, `${f.namespace}/${f.kind}/${f.name}`);
  });

  it('writes an absolute path as a file URI, without a base', () => {
    const report = inFiles(doctorOn('cluster.yaml', 'hpa-traps.yaml'), '/srv/charts/web/values.yaml');
    const location = resultsOf(assertValidSarif(sarifOf(report)))[0]!.locations?.[0]?.physicalLocation?.artifactLocation;
    assert.deepEqual(location, { uri: 'file:///srv/charts/web/values.yaml' });
  });

  it('names a live finding (no file) by its object only: namespace/Kind/name', () => {
    const report = doctorOn('cluster.yaml', 'hpa-traps.yaml');
    const [result] = resultsOf(assertValidSarif(sarifOf(report)));
    const f = report.findings[0]!;
    assert.equal(result?.locations?.[0]?.physicalLocation, undefined);
    assert.deepEqual(result?.locations?.[0]?.logicalLocations, [
      { name: f.name, fullyQualifiedName: `${f.namespace}/${f.kind}/${f.name}`, kind: 'resource' },
    ]);
  });

  it('says the fix in the message and keeps the evidence as a property', () => {
    const report = doctorOn('cluster.yaml', 'wallarm-sidecar.yaml');
    const withCommand = report.findings.findIndex((f) => f.fix.type === 'intent');
    assert.ok(withCommand >= 0, 'the fixture has a finding fixed by a patch command');
    const result = resultsOf(assertValidSarif(sarifOf(report)))[withCommand]!;
    assert.match(result.message.text ?? '', /\nfix: kubectl scale-ha patch /);
    assert.ok(result.message.text?.startsWith(report.findings[withCommand]!.message));
    assert.deepEqual(result.properties?.evidence, report.findings[withCommand]!.evidence);
  });

  it('shows findings that follow from a cause as related locations when they are in a file, and in the message always', () => {
    const report = inFiles(doctorOn('cluster.yaml', 'wallarm-sidecar.yaml'));
    const index = report.findings.findIndex((f) => f.related?.length);
    assert.ok(index >= 0, 'the fixture groups findings under a cause');
    const cause = report.findings[index]!;
    const result = resultsOf(assertValidSarif(sarifOf(report)))[index]!;
    assert.deepEqual(
      result.relatedLocations?.map((l) => l.physicalLocation?.region?.startLine),
      cause.related!.map((r) => r.location!.line),
    );
    for (const r of cause.related!) assert.ok(result.message.text?.includes(`also: ${r.id} `), r.id);
    const live = resultsOf(sarifLog(doctorOn('cluster.yaml', 'wallarm-sidecar.yaml'), allCheckInfos))[index]!;
    assert.equal(live.relatedLocations, undefined, 'no related location without a file');
  });
});

describe('SARIF fingerprints', () => {
  const fingerprintsOf = (report: DoctorReport) =>
    resultsOf(sarifLog(report, allCheckInfos)).map((r) => r.partialFingerprints?.[fingerprintKey]);

  it('are the same for the same findings in another run', () => {
    const files = ['cluster.yaml', 'hpa-traps.yaml'];
    assert.deepEqual(fingerprintsOf(doctorOn(...files)), fingerprintsOf(doctorOn(...files)));
  });

  it('tell apart every finding of a report', () => {
    it('is checked by a validator that rejects what the schema does not allow', () => {
      const log = JSON.parse(sarifOf(doctorOn('cluster.yaml', 'hpa-traps.yaml'))) as Log;
      resultsOf(log)[0]!.level = 'info' as Result.level;
      assert.equal(validate(log), false);
    });

    for (const files of fixtures) {
      const prints = fingerprintsOf(doctorOn(...files));
      assert.equal(new Set(prints).size, prints.length, files.join(' + '));
    }
  });

  it('stay when a count changes or the finding moves to another line, and change with the container or the file', () => {
    const base: Finding = {
      id: 'RES001',
      severity: 'warning',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      message: 'container app has no cpu request.',
      evidence: { container: 'app', replicas: 3 },
      fix: { type: 'manual', text: 'set a request' },
      location: { file: 'manifests/web.yaml', line: 12, column: 7 },
    };
    const same = fingerprint(base);
    assert.equal(fingerprint({ ...base, evidence: { container: 'app', replicas: 5 } }), same);
    assert.equal(fingerprint({ ...base, location: { file: 'manifests/web.yaml', line: 40, column: 1 } }), same);
    assert.notEqual(fingerprint({ ...base, evidence: { container: 'sidecar', replicas: 3 } }), same);
    assert.notEqual(fingerprint({ ...base, location: { file: 'manifests/api.yaml', line: 12, column: 7 } }), same);
    assert.notEqual(fingerprint({ ...base, id: 'RES002' }), same);
  });
});
