// `doctor -o junit`: JUnit XML as CI test reporters (GitLab, Jenkins, GitHub test-report actions) show it. One
// testsuite per category; one testcase per finding, failed when it is at or above --fail-on, so the report agrees
// with the exit code; one passing testcase per check that found nothing, so the number of checks shows.
import { severityRank, type CheckInfo, type Finding, type Severity } from '../../doctor/finding.ts';
import type { DoctorReport } from '../../doctor/run.ts';
import { locationText, objectPath } from './doctor.ts';
import { findingText } from './finding-text.ts';

// Characters XML 1.0 cannot hold at all, even as references (control characters, lone surrogates, U+FFFE/U+FFFF).
const notXml =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Inside an attribute a parser turns raw tabs and newlines into spaces; references keep them.
const attributeEscapes: Record<string, string> = { ...escapes, '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Text safe between tags: markup escaped, and what XML cannot hold shown as \uXXXX rather than dropped. */
export function xmlText(text: string): string {
  return text.replace(notXml, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/[&<>"']/g, (c) => escapes[c]!);
}

export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/[\t\n\r]/g, (c) => attributeEscapes[c]!);
}

const attributes = (values: Record<string, string | number | undefined>) =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`)
    .join('');

interface TestCase {
  classname: string;
  name: string;
  file?: string | undefined;
  line?: number | undefined;
  /** A failure's type (its severity) and text. */
  failure?: { type: Severity; message: string; text: string };
  /** A finding below --fail-on: passing, its text kept as output. */
  output?: string;
}

function findingCase(finding: Finding, category: string, failOn: Severity | 'none'): TestCase {
  const at = finding.location ? locationText(finding.location) : '';
  // A values file is both the finding's object and its place: named once.
  const subject = finding.location?.file === finding.name ? at : [objectPath(finding), at && `(${at})`].filter(Boolean).join(' ');
  const text = `${finding.severity}${at && ` (${at})`}: ${findingText(finding)}`;
  const failed = failOn !== 'none' && severityRank[finding.severity] >= severityRank[failOn];
  return {
    classname: `doctor.${category}.${finding.id}`,
    // The message too: a CI UI lists testcases by name, and one check may report an object twice.
    name: `${finding.id} ${subject}: ${finding.message}`,
    file: finding.location?.file,
    line: finding.location?.line,
    ...(failed ? { failure: { type: finding.severity, message: finding.message, text } } : { output: text }),
  };
}

function testCaseXml(test: TestCase): string {
  const open = `    <testcase${attributes({ classname: test.classname, name: test.name, file: test.file, line: test.line })}`;
  if (test.failure)
    return `${open}>\n      <failure${attributes({ message: test.failure.message, type: test.failure.type })}>${xmlText(test.failure.text)}</failure>\n    </testcase>`;
  if (test.output !== undefined) return `${open}>\n      <system-out>${xmlText(test.output)}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

export function renderJunit(report: DoctorReport, checks: readonly CheckInfo[], failOn: Severity | 'none'): string {
  const categoryOf = new Map(checks.map((c) => [c.id, c.category as string]));
  const suites = new Map<string, TestCase[]>();
  const add = (category: string, test: TestCase) => suites.set(category, [...(suites.get(category) ?? []), test]);
  const reported = new Set(report.findings.flatMap((f) => [f.id, ...(f.related ?? []).map((r) => r.id)]));
  for (const check of checks)
    if (!reported.has(check.id))
      add(check.category, { classname: `doctor.${check.category}.${check.id}`, name: `${check.id} ${check.title}` });
  for (const f of report.findings) {
    const category = categoryOf.get(f.id) ?? 'other';
    add(category, findingCase(f, category, failOn));
  }
  const count = (tests: TestCase[]) => ({ tests: tests.length, failures: tests.filter((t) => t.failure).length, errors: 0, skipped: 0 });
  const all = [...suites.values()].flat();
  const body = [...suites].map(
    ([category, tests]) =>
      `  <testsuite${attributes({ name: `doctor ${category}`, ...count(tests) })}>\n${tests.map(testCaseXml).join('\n')}\n  </testsuite>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'kubectl scale-ha doctor', ...count(all) })}>`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
