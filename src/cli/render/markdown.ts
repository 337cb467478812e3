// `doctor -o markdown`: the report for a pull-request comment or a ticket: the summary, a table of every finding
// (most severe first), then each object's findings with where they are, what follows from them and the fix to copy.
import type { Finding, RelatedFinding } from '../../doctor/finding.ts';
import type { DoctorReport } from '../../doctor/run.ts';
import { t } from '../../i18n/index.ts';
import { locationText, objectPath } from './doctor.ts';
import {
  byObject,
  bySeverity,
  countsText,
  fixBlocks,
  type ReportSource,
  reportColumns,
  scopeText,
  sourceFacts,
} from './report-document.ts';

/**
 * Prose as text, never markup: what CommonMark or GitHub would read as emphasis, code, links, tables, HTML or
 * entities is escaped (a message never starts a line, so block syntax such as # or - cannot begin there).
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, '\\$&').replaceAll(/\r?\n/g, ' ');
}

/** Inline code that holds any text: the fence is longer than the longest run of backticks inside. */
export function markdownCode(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded.replaceAll(/\r?\n/g, ' ')}${fence}`;
}

function codeBlock(code: string, language: string): string {
  const fence = '`'.repeat(Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}

/** Inline code in a table cell: GFM ends a cell at any pipe, even inside code, unless it is escaped. */
const cellCode = (text: string) => markdownCode(text).replaceAll('|', '\\|');

function overview(findings: readonly Finding[]): string[] {
  const rows = bySeverity(findings).map((f) =>
    [
      f.severity,
      cellCode(f.id),
      cellCode(objectPath(f)),
      markdownText(f.message),
      f.location ? cellCode(locationText(f.location)) : '',
    ].join(' | '),
  );
  const head = reportColumns().join(' | ');
  return [`| ${head} |`, '|---|---|---|---|---|', ...rows.map((row) => `| ${row} |`)];
}

function relatedItem(finding: Finding, related: RelatedFinding): string {
  const elsewhere = related.kind !== finding.kind || related.name !== finding.name ? `${markdownCode(objectPath(related))}: ` : '';
  const where = related.location ? ` (${markdownCode(locationText(related.location))})` : '';
  return `- ${related.severity} ${markdownCode(related.id)} ${elsewhere}${markdownText(related.message)}${where}`;
}

function findingSection(finding: Finding): string[] {
  const lines = [`**${finding.severity} ${markdownCode(finding.id)}**: ${markdownText(finding.message)}`];
  if (finding.location) lines.push('', t('report.document.atSentence', { location: markdownCode(locationText(finding.location)) }));
  if (finding.related?.length)
    lines.push('', t('report.document.sameCause'), '', ...finding.related.map((related) => relatedItem(finding, related)));
  for (const block of fixBlocks(finding.fix)) {
    lines.push('', markdownText(block.text));
    if (block.code !== undefined) lines.push('', codeBlock(block.code, block.command ? 'sh' : 'text'));
  }
  return lines;
}

export function renderMarkdown(report: DoctorReport, source?: ReportSource): string {
  const { summary, findings } = report;
  const facts = sourceFacts(source).map(([name, value]) => `${name} ${markdownCode(value)}`);
  const lines = ['# kubectl scale-ha doctor', '', `**${countsText(summary)}** — ${markdownText(scopeText(summary))}`];
  if (facts.length) lines.push('', `${facts.join(' · ')}`);
  if (!findings.length) return [...lines, '', t('report.document.noFindings'), ''].join('\n');
  lines.push('', ...overview(findings));
  for (const [object, ofObject] of byObject(findings)) {
    lines.push('', `## ${markdownCode(object)}`);
    for (const finding of ofObject) lines.push('', ...findingSection(finding));
  }
  return [...lines, ''].join('\n');
}
