// `doctor -o html`: one self-contained page a team can attach to a ticket: inline CSS, no scripts, fonts or images
// from anywhere, readable on paper. Every text from the report is escaped: a message holding markup shows as text.
import type { Finding, RelatedFinding, Severity } from '../../doctor/finding.ts';
import type { DoctorReport } from '../../doctor/run.ts';
import { t } from '../../i18n/index.ts';
import { pluginVersion } from '../version.ts';
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

// What HTML cannot carry as text (C0 and C1 controls but whitespace, lone surrogates, noncharacters): shown as \uXXXX.
const notHtml =
  /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe between tags and inside quoted attributes. */
export function htmlText(text: string): string {
  return text.replace(notHtml, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/[&<>"']/g, (c) => escapes[c]!);
}

const code = (text: string) => `<code>${htmlText(text)}</code>`;
const severityMark = (severity: Severity) => `<span class="severity ${severity}">${severity}</span>`;

const style = `
:root { color-scheme: light; --error: #b3261e; --warning: #8a5a00; --info: #1f5fa8; --rule: #d0d4d9; --muted: #5b6168; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f24;
  max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; }
pre { background: #f4f5f7; border: 1px solid var(--rule); border-radius: 4px; padding: .5rem .75rem;
  white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--rule); }
td { overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: .5rem 0; color: var(--muted); }
dd { margin: 0; }
.severity { font-weight: 600; text-transform: uppercase; font-size: .8em; letter-spacing: .03em; }
.severity.error { color: var(--error); } .severity.warning { color: var(--warning); } .severity.info { color: var(--info); }
.finding { border-left: 4px solid var(--rule); padding: .1rem 0 .1rem .9rem; margin: 1rem 0; }
.finding.error { border-color: var(--error); } .finding.warning { border-color: var(--warning); } .finding.info { border-color: var(--info); }
.finding h3 { font-size: 1rem; margin: 0; }
.location, .related, .note { color: var(--muted); }
footer { margin-top: 3rem; color: var(--muted); font-size: .85em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  .finding, tr, pre { break-inside: avoid; }
  h2 { break-after: avoid; }
}`;

function relatedItem(finding: Finding, related: RelatedFinding): string {
  const elsewhere = related.kind !== finding.kind || related.name !== finding.name ? `${code(objectPath(related))}: ` : '';
  const where = related.location ? ` (${code(locationText(related.location))})` : '';
  return `<li>${severityMark(related.severity)} ${code(related.id)} ${elsewhere}${htmlText(related.message)}${where}</li>`;
}

function findingArticle(finding: Finding): string {
  const parts = [
    `<article class="finding ${finding.severity}">`,
    `<h3>${severityMark(finding.severity)} ${code(finding.id)}</h3>`,
    `<p class="message">${htmlText(finding.message)}</p>`,
  ];
  if (finding.location)
    parts.push(`<p class="location">${t('report.document.atLabel', { location: code(locationText(finding.location)) })}</p>`);
  if (finding.related?.length)
    parts.push(
      `<div class="related"><p>${htmlText(t('report.document.sameCause'))}</p><ul>${finding.related.map((related) => relatedItem(finding, related)).join('')}</ul></div>`,
    );
  for (const block of fixBlocks(finding.fix)) {
    parts.push(`<p class="${block.kind}">${htmlText(block.text)}</p>`);
    if (block.code !== undefined) parts.push(`<pre><code>${htmlText(block.code)}</code></pre>`);
  }
  return [...parts, '</article>'].join('\n');
}

function overview(findings: readonly Finding[], anchors: Map<string, string>): string {
  const rows = bySeverity(findings).map((f) => {
    const object = objectPath(f);
    const cells = [
      severityMark(f.severity),
      code(f.id),
      `<a href="#${anchors.get(object)}">${htmlText(object)}</a>`,
      htmlText(f.message),
      f.location ? code(locationText(f.location)) : '',
    ];
    return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  const head = reportColumns()
    .map((name) => `<th>${htmlText(name)}</th>`)
    .join('');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

export function renderHtml(report: DoctorReport, source?: ReportSource): string {
  const { summary, findings } = report;
  const groups = byObject(findings);
  const anchors = new Map(groups.map(([object], i) => [object, `object-${i + 1}`]));
  const facts = sourceFacts(source);
  const body = [
    '<header>',
    '<h1>kubectl scale-ha doctor</h1>',
    `<p class="summary"><strong>${htmlText(countsText(summary))}</strong> — ${htmlText(scopeText(summary))}</p>`,
    ...(facts.length ? [`<dl>${facts.map(([name, value]) => `<dt>${htmlText(name)}</dt><dd>${code(value)}</dd>`).join('')}</dl>`] : []),
    '</header>',
    '<main>',
    ...(findings.length ? [overview(findings, anchors)] : [`<p>${htmlText(t('report.document.noFindings'))}</p>`]),
    ...groups.map(([object, ofObject]) =>
      [`<section id="${anchors.get(object)}">`, `<h2>${htmlText(object)}</h2>`, ...ofObject.map(findingArticle), '</section>'].join('\n'),
    ),
    '</main>',
    `<footer>${t('report.document.footer', { version: htmlText(pluginVersion), command: code('kubectl scale-ha doctor --explain ID') })}</footer>`,
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${t('report.document.htmlLang')}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>kubectl scale-ha doctor: ${htmlText(countsText(summary))}</title>`,
    `<style>${style}\n</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
