// `doctor -o sarif`: SARIF 2.1.0, the format GitHub code scanning and other viewers read. docs/doctor.md documents
// the mapping; test/unit/doctor-sarif.test.ts validates it against the SARIF schema.
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { CheckInfo, Finding, RelatedFinding, Severity, SourceLocation } from '../../doctor/finding.ts';
import type { DoctorReport } from '../../doctor/run.ts';
import { pluginVersion } from '../version.ts';
import { fixData } from './doctor.ts';
import { objectPath } from './doctor.ts';
import { findingText } from './finding-text.ts';
import { byCodePoint } from '../../k8s/order.ts';

const homepage = 'https://github.com/kubectl-scale-ha/kubectl-scale-ha';
const sarifSchema = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of partialFingerprints; a new version if what goes into the hash ever changes. */
export const fingerprintKey = 'scaleHaFinding/v1';

const levels: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** "minReplicas below 2: a single pod…" → "MinReplicasBelow2": SARIF's rule name is an identifier. */
function ruleName(title: string): string {
  const words = (title.split(':')[0] ?? title).match(/[A-Za-z0-9]+/g) ?? [];
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function rule(check: CheckInfo): ReportingDescriptor {
  return {
    id: check.id,
    name: ruleName(check.title),
    shortDescription: { text: check.title },
    fullDescription: { text: check.explain },
    help: { text: check.explain },
    helpUri: `${homepage}/blob/HEAD/docs/checks.md#${check.id.toLowerCase()}`,
    // Severity is a finding's, not a check's (one check may report an error or a warning): each result has its level.
    defaultConfiguration: { level: 'warning' },
    properties: { category: check.category, tags: ['kubernetes', check.category] },
  };
}

/** A path as the user gave it, as a URI: relative ones against the repository root (%SRCROOT%), as linters write them. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  const segments = file
    .replaceAll('\\', '/')
    .replace(/^(\.\/)+/, '')
    .split('/');
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function physicalLocation(location: SourceLocation): Location['physicalLocation'] {
  return {
    artifactLocation: artifactLocation(location.file),
    region: { startLine: location.line, startColumn: location.column },
  };
}

function locationOf(finding: RelatedFinding): Location {
  const logical = [{ name: finding.name, fullyQualifiedName: objectPath(finding), kind: 'resource' }];
  // Without a file (a live cluster's finding) only the object names the place: valid SARIF, which GitHub refuses.
  return finding.location
    ? { physicalLocation: physicalLocation(finding.location), logicalLocations: logical }
    : { logicalLocations: logical };
}

/**
 * Stable across runs, so viewers match a result to last run's: the check, the object, the file, the evidence's keys
 * and its string values (container, resource, key path); no counts or line numbers, which change while the problem stays.
 */
export function fingerprint(finding: Finding): string {
  const evidence = Object.entries(finding.evidence)
    .map(([key, value]) => (typeof value === 'string' ? [key, value] : [key]))
    .sort(([a], [b]) => byCodePoint(a!, b!));
  const identity = JSON.stringify([finding.id, objectPath(finding), finding.location?.file ?? null, evidence]);
  return createHash('sha256').update(identity).digest('hex');
}

function result(finding: Finding, ruleIndex: number): Result {
  // Only related findings in a file become relatedLocations (GitHub wants a file for each); the message names them all.
  const related = (finding.related ?? []).filter((r) => r.location);
  return {
    ruleId: finding.id,
    ruleIndex,
    level: levels[finding.severity],
    message: { text: findingText(finding) },
    locations: [locationOf(finding)],
    ...(related.length
      ? { relatedLocations: related.map((r, id) => ({ id, ...locationOf(r), message: { text: `${r.id}: ${r.message}` } })) }
      : {}),
    partialFingerprints: { [fingerprintKey]: fingerprint(finding) },
    properties: {
      severity: finding.severity,
      object: { kind: finding.kind, namespace: finding.namespace, name: finding.name },
      evidence: finding.evidence,
      fix: fixData(finding.fix),
      ...(finding.related ? { related: finding.related } : {}),
    },
  };
}

export function sarifLog(report: DoctorReport, checks: readonly CheckInfo[]): Log {
  const rules = checks.map(rule);
  // A finding of a check outside the list (a filtered run) still gets a rule, so every ruleIndex is valid.
  for (const f of report.findings)
    if (!rules.some((r) => r.id === f.id))
      rules.push({ id: f.id, shortDescription: { text: f.id }, defaultConfiguration: { level: 'warning' } });
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'kubectl-scale-ha', version: pluginVersion, semanticVersion: pluginVersion, informationUri: homepage, rules },
        },
        // Columns come from yaml's parser, which counts JavaScript string units.
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => result(f, indexOf.get(f.id)!)),
        properties: { summary: report.summary },
      },
    ],
  };
}

export function renderSarif(report: DoctorReport, checks: readonly CheckInfo[]): string {
  return JSON.stringify(sarifLog(report, checks), null, 2) + '\n';
}
