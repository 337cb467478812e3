// `doctor -o markdown`: a report for a pull-request comment or a ticket, read back as a CommonMark/GFM renderer
// that lets raw HTML through (the worst case) would show it: its text never turns into markup.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { fixData, locationText, objectPath } from '../../src/cli/render/doctor.ts';
import { parseDoctorFormat, renderDoctorReport } from '../../src/cli/render/doctor-output.ts';
import { renderMarkdown } from '../../src/cli/render/markdown.ts';
import { painter } from '../../src/cli/render/paint.ts';
import { severityRank, type Severity } from '../../src/doctor/finding.ts';
import { doctorOn } from './doctor/fixture.ts';
import { elements, type HtmlNode, parseHtmlFragment, textOf } from './doctor/html-tree.ts';
import { hostileFinding, locatedReport, withHostile } from './doctor/report-samples.ts';

const markdownIt = new MarkdownIt({ html: true });
const shown = (markdown: string): HtmlNode => parseHtmlFragment(markdownIt.render(markdown));

/** The overview table's rows, as the text of their cells. */
const tableRows = (page: HtmlNode) =>
  elements(page, 'tbody').flatMap((body) => elements(body, 'tr').map((row) => elements(row, 'td').map(textOf)));

/** Each object's heading and what follows it up to the next one, as rendered HTML. */
function sections(page: HtmlNode): Map<string, HtmlNode[]> {
  const bySection = new Map<string, HtmlNode[]>();
  let current: HtmlNode[] | undefined;
  for (const node of page.childNodes ?? []) {
    if (node.tagName === 'h2') bySection.set(textOf(node), (current = []));
    else current?.push(node);
  }
  return bySection;
}

describe('doctor -o markdown', () => {
  const report = locatedReport();
  const markdown = renderMarkdown(report);
  const page = shown(markdown);

  it('opens with the counts that decide the exit code and what they cover', () => {
    const { errors, warnings, checks, workloads } = report.summary;
    const summary = elements(page, 'p').map(textOf)[0] ?? '';
    assert.match(
      summary,
      new RegExp(`^${errors} errors?, ${warnings} warnings?, \\d+ info — ${checks} checks over ${workloads} workloads?`),
    );
    assert.equal(textOf(elements(page, 'strong')[0]!), summary.split(' — ')[0]);
  });

  it('lists every finding once in a table, most severe first, with its object and place', () => {
    const rows = tableRows(page);
    assert.equal(rows.length, report.findings.length);
    assert.ok(
      rows.every((cells) => cells.length === 5),
      'five cells in every row',
    );
    const ranks = rows.map(([severity]) => severityRank[severity as Severity]);
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => b - a),
    );
    for (const f of report.findings)
      assert.ok(
        rows.some(
          ([, id, object, message, at]) =>
            id === f.id && object === objectPath(f) && message === f.message && at === locationText(f.location!),
        ),
        `${f.id} of ${objectPath(f)} has its row`,
      );
  });

  it('gives each object a section with its findings’ messages, places, related findings and fixes to copy', () => {
    const bySection = sections(page);
    assert.deepEqual([...bySection.keys()], [...new Set(report.findings.map(objectPath))]);
    for (const finding of report.findings) {
      const section = bySection.get(objectPath(finding)) ?? [];
      const text = section.map(textOf).join('\n');
      assert.ok(text.includes(finding.message), `${finding.id}'s message under its object`);
      assert.ok(text.includes(`At ${locationText(finding.location!)}.`));
      for (const related of finding.related ?? []) assert.ok(text.includes(related.message), `${related.id} follows ${finding.id}`);
      const { command } = fixData(finding.fix) as { command?: string };
      const shellBlocks = section
        .flatMap((node) => elements(node, 'code'))
        .filter((code) => /language-sh/.test(code.attrs?.[0]?.value ?? ''));
      if (command)
        assert.ok(
          shellBlocks.some((code) => textOf(code) === `${command}\n`),
          `${finding.id}'s command in a sh block`,
        );
    }
    assert.ok(
      report.findings.some((f) => f.related?.length) && report.findings.some((f) => f.fix.type === 'values'),
      'the fixture covers related findings and values fixes',
    );
  });

  it('keeps a hostile message and object name as text: no element, emphasis, link or extra cell comes of them', () => {
    const hostile = shown(renderMarkdown(withHostile(report)));
    for (const tag of ['script', 'img', 'a', 'em']) assert.equal(elements(hostile, tag).length, 0, `no <${tag}>`);
    const row = tableRows(hostile).find(([, id]) => id === hostileFinding.id);
    assert.deepEqual(row, ['error', hostileFinding.id, objectPath(hostileFinding), hostileFinding.message, '']);
    // The values fix holds three backticks: its fence is longer, so the block cannot end early.
    const blocks = elements(hostile, 'pre').map(textOf);
    assert.ok(blocks.includes('note = "```</code></pre><script>"\n'), blocks.join('\n---\n'));
  });

  it('is the doctor’s -o markdown, with no colour codes even when colour is on', async () => {
    assert.equal(parseDoctorFormat('markdown'), 'markdown');
    const rendered = await renderDoctorReport('markdown', report, { paint: painter(true), failOn: 'error' });
    assert.equal(rendered, markdown);
    assert.ok(!rendered.includes('\u001b'));
  });

  it('names the snapshot when the command gives it, and says when nothing was found', () => {
    const source = { context: 'prod-eu', namespace: null, takenAt: '2026-12-05T03:00:00Z' };
    assert.match(renderMarkdown(report, source), /Context `prod-eu` · Namespace `all namespaces` · Taken at `2026-12-05T03:00:00Z`/);
    assert.doesNotMatch(markdown, /Context/);
    const clean = doctorOn('cluster.yaml');
    assert.equal(clean.findings.length, 0);
    const empty = shown(renderMarkdown(clean));
    assert.equal(tableRows(empty).length, 0);
    assert.equal(elements(empty, 'p').map(textOf).at(-1), 'No findings.');
  });
});
