// `doctor -o junit`: well-formed XML (a strict XML 1.0 parser reads it back) that CI test reporters show as one
// testcase per finding, failed at --fail-on, and one passing testcase per check that found nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { renderDoctorReport } from '../../src/cli/render/doctor-output.ts';
import { renderJunit, xmlAttribute, xmlText } from '../../src/cli/render/junit.ts';
import { plainPaint } from '../../src/cli/render/paint.ts';
import { severityRank, type Finding, type Severity } from '../../src/doctor/finding.ts';
import { allCheckInfos, type DoctorReport } from '../../src/doctor/run.ts';
import { doctorOn } from './doctor/fixture.ts';
import { valuesReport } from './doctor/values-report.ts';

interface Failure {
  message: string;
  type: string;
  '#text': string;
}
interface TestCase {
  classname: string;
  name: string;
  file?: string;
  line?: string;
  failure?: Failure;
  'system-out'?: string;
}
interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  testcase: TestCase[];
}

/** Throws at the first thing XML 1.0 does not allow: markup in text, a control character, a bad reference. */
function assertWellFormed(xml: string): void {
  const parser = new SaxesParser();
  parser.on('error', (error) => assert.fail(`not well-formed XML: ${error.message}`));
  parser.write(xml).close();
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

function junitOf(report: DoctorReport, failOn: Severity | 'none' = 'error'): { xml: string; suites: TestSuite[]; totals: TestSuite } {
  const xml = renderJunit(report, allCheckInfos, failOn);
  assertWellFormed(xml);
  const parsed = xmlParser.parse(xml) as { testsuites: TestSuite & { testsuite: TestSuite[] } };
  return { xml, suites: parsed.testsuites.testsuite, totals: parsed.testsuites };
}

const casesOf = (suites: TestSuite[]) => suites.flatMap((s) => s.testcase);

describe('doctor -o junit', () => {
  it('is what doctor -o junit writes', async () => {
    const report = doctorOn('cluster.yaml', 'hpa-traps.yaml');
    assert.equal(
      await renderDoctorReport('junit', report, { paint: plainPaint, failOn: 'warning' }),
      renderJunit(report, allCheckInfos, 'warning'),
    );
  });

  it('has a testsuite per category, a testcase per finding and a passing one per check that found nothing', () => {
    const report = doctorOn('cluster.yaml', 'hpa-traps.yaml');
    const { suites, totals } = junitOf(report);
    assert.deepEqual(suites.map((s) => s.name).sort(), ['doctor ha', 'doctor hpa', 'doctor resources']);
    const reported = new Set(report.findings.flatMap((f) => [f.id, ...(f.related ?? []).map((r) => r.id)]));
    const quiet = allCheckInfos.filter((c) => !reported.has(c.id));
    const cases = casesOf(suites);
    assert.equal(cases.length, report.findings.length + quiet.length);
    assert.equal(Number(totals.tests), cases.length);
    for (const suite of suites) assert.equal(Number(suite.tests), suite.testcase.length, suite.name);
    for (const check of quiet) {
      const passing = cases.find((c) => c.name === `${check.id} ${check.title}`);
      assert.ok(passing && !passing.failure && passing['system-out'] === undefined, check.id);
    }
  });

  for (const failOn of ['error', 'warning', 'info', 'none'] as const)
    it(`fails the testcases of findings at or above --fail-on ${failOn}, as the exit code does`, () => {
      const report = doctorOn('cluster.yaml', 'wallarm-sidecar.yaml');
      const { suites, totals } = junitOf(report, failOn);
      const failing = failOn === 'none' ? [] : report.findings.filter((f) => severityRank[f.severity] >= severityRank[failOn]);
      const failures = casesOf(suites).filter((c) => c.failure);
      assert.equal(failures.length, failing.length);
      assert.equal(Number(totals.failures), failing.length);
      assert.deepEqual(failures.map((c) => c.failure!.message).sort(), failing.map((f) => f.message).sort());
      const below = casesOf(suites).filter((c) => c['system-out']);
      assert.equal(below.length, report.findings.length - failing.length, 'findings below --fail-on pass, their text kept');
    });

  it('gives a failure its message, severity, file and line, and the fix in its text', () => {
    const report = doctorOn('cluster.yaml', 'wallarm-sidecar.yaml');
    const index = report.findings.findIndex((f) => f.severity === 'error' && f.fix.type === 'intent');
    assert.ok(index >= 0, 'the fixture has an error fixed by a patch command');
    const finding = report.findings[index]!;
    report.findings[index] = { ...finding, location: { file: 'manifests/shop.yaml', line: 14, column: 5 } };
    const testcase = casesOf(junitOf(report).suites).find((c) => c.failure?.message === finding.message)!;
    assert.equal(testcase.file, 'manifests/shop.yaml');
    assert.equal(testcase.line, '14');
    assert.equal(testcase.failure!.type, 'error');
    assert.match(
      testcase.name,
      new RegExp(`^${finding.id} ${finding.namespace}/${finding.kind}/${finding.name} \\(manifests/shop\\.yaml:14:5\\)`),
    );
    assert.match(testcase.failure!['#text'], /\nfix: kubectl scale-ha patch /);
  });

  it("names a values file's finding by its place once, with the file and line as attributes", () => {
    const file = 'test/fixtures/values-files/apigee/watcher-max-2.yaml';
    const [finding] = valuesReport(file).findings;
    assert.ok(finding?.location, 'the fixture has a located finding');
    const testcase = casesOf(junitOf(valuesReport(file), 'warning').suites).find((c) => c.file)!;
    const { line, column } = finding.location;
    assert.equal(testcase.name, `${finding.id} ${file}:${line}:${column}: ${finding.message}`);
    assert.equal(testcase.line, String(line));
  });

  it('keeps markup, quotes, ampersands, tabs and newlines in text and attributes, and shows control characters', () => {
    const message = `a <b> & "c" 'd' ]]> tab\there\nline two \u0001 \u001b[31mred\u001b[0m end`;
    const shown = message.replace('\u0001', '\\u0001').replaceAll('\u001b', '\\u001b');
    const finding: Finding = {
      id: 'HPA008',
      severity: 'error',
      kind: 'HorizontalPodAutoscaler',
      namespace: 'shop',
      name: 'web&<api>',
      message,
      evidence: {},
      fix: { type: 'manual', text: 'use "2" & <more>' },
    };
    const report = { findings: [finding], summary: { errors: 1, warnings: 0, info: 0, related: 0, checks: 0, hpas: 1, workloads: 1 } };
    const { xml, suites } = junitOf(report);
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, 'no raw control character');
    const testcase = casesOf(suites).find((c) => c.failure)!;
    assert.equal(testcase.failure!.message, shown);
    assert.equal(testcase.name, `HPA008 shop/HorizontalPodAutoscaler/web&<api>: ${shown}`);
    assert.equal(testcase.failure!['#text'], `error: ${shown}\nfix: use "2" & <more>`);
  });

  it('escapes each special character, and replaces what XML 1.0 cannot hold (lone surrogates too)', () => {
    assert.equal(xmlText(`<&>"'`), '&lt;&amp;&gt;&quot;&apos;');
    assert.equal(xmlText('a\u0000b\u000Bc\uD800d'), 'a\\u0000b\\u000bc\\ud800d');
    assert.equal(xmlText('emoji \u{1F680} stays'), 'emoji \u{1F680} stays');
    assert.equal(xmlAttribute('one\ttwo\r\nthree'), 'one&#9;two&#13;&#10;three');
  });
});
