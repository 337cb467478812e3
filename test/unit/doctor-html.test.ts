// `doctor -o html`: one self-contained page, read back as a browser parses it: well-formed, nothing fetched from
// anywhere, no script, every text from the report shown as text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixData, locationText, objectPath } from '../../src/cli/render/doctor.ts';
import { parseDoctorFormat, renderDoctorReport } from '../../src/cli/render/doctor-output.ts';
import { renderHtml } from '../../src/cli/render/html.ts';
import { painter } from '../../src/cli/render/paint.ts';
import { cli } from '../support/cli.ts';
import { doctorOn } from './doctor/fixture.ts';
import { allElements, attribute, elements, parseDocument, textOf } from './doctor/html-tree.ts';
import { hostileFinding, hostileMessage, locatedReport, withHostile } from './doctor/report-samples.ts';

const byClass = (nodes: ReturnType<typeof allElements>, name: string) =>
  nodes.filter((node) => (attribute(node, 'class') ?? '').split(' ').includes(name));

describe('doctor -o html', () => {
  const report = locatedReport();
  const html = renderHtml(report, { context: 'prod-eu', namespace: 'shop', takenAt: '2026-12-05T03:00:00Z' });
  const { document, errors } = parseDocument(html);

  it('is a well-formed HTML document: no parse error, a doctype, a language, utf-8 and a title with the counts', () => {
    assert.deepEqual(errors, []);
    assert.equal(document.childNodes?.[0]?.nodeName, '#documentType');
    assert.equal(attribute(elements(document, 'html')[0]!, 'lang'), 'en');
    assert.equal(attribute(elements(document, 'meta')[0]!, 'charset'), 'utf-8');
    assert.match(
      textOf(elements(document, 'title')[0]!),
      new RegExp(`${report.summary.errors} errors?, ${report.summary.warnings} warnings?`),
    );
  });

  it('is self-contained: inline CSS only, no script, no resource from anywhere, links only within the page', () => {
    const nodes = allElements(document);
    for (const tag of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'base'])
      assert.equal(elements(document, tag).length, 0, `no <${tag}>`);
    assert.ok(
      nodes.every((node) => attribute(node, 'src') === undefined),
      'no src attribute',
    );
    assert.ok(
      nodes.every((node) => (attribute(node, 'href') ?? '#').startsWith('#')),
      'every href is an anchor in the page',
    );
    assert.ok(
      nodes.every((node) => !node.attrs?.some((a) => a.name.startsWith('on'))),
      'no event handler',
    );
    const css = elements(document, 'style').map(textOf).join('');
    assert.ok(css.length > 0 && !/url\(|@import|@font-face/.test(css), 'the CSS loads nothing');
    assert.ok(css.includes('@media print'), 'it is laid out for paper too');
    assert.ok(!html.includes('\u001b'), 'no colour codes');
  });

  it('shows a hostile message, object name and fix as text', () => {
    const page = renderHtml(withHostile(report));
    const hostile = parseDocument(page);
    assert.deepEqual(hostile.errors, []);
    assert.equal(elements(hostile.document, 'script').length, 0);
    assert.equal(elements(hostile.document, 'img').length, 0);
    const message = byClass(allElements(hostile.document), 'message').map(textOf);
    // Control characters HTML cannot carry are shown as \uXXXX; the rest is the message as it is.
    assert.ok(message.includes(hostileMessage.replace('\u0001', '\\u0001')), message.at(-1));
    assert.ok(elements(hostile.document, 'h2').map(textOf).includes(objectPath(hostileFinding)));
    assert.ok(elements(hostile.document, 'pre').map(textOf).includes('note = "```</code></pre><script>"'));
  });

  it('opens with the summary and the snapshot’s context, namespace and time', () => {
    const summary = byClass(allElements(document), 'summary').map(textOf)[0] ?? '';
    const { errors: errorCount, checks, workloads } = report.summary;
    assert.match(summary, new RegExp(`^${errorCount} errors?, .* — ${checks} checks over ${workloads} workloads?`));
    const facts = elements(document, 'dl').map(textOf).join(' ');
    for (const fact of ['prod-eu', 'shop', '2026-12-05T03:00:00Z']) assert.ok(facts.includes(fact), fact);
    assert.equal(elements(parseDocument(renderHtml(report)).document, 'dl').length, 0, 'nothing to say without a snapshot');
  });

  it('groups findings by object, each with its place, related findings and the fix in <pre>', () => {
    const sections = elements(document, 'section');
    assert.deepEqual(
      sections.map((section) => textOf(elements(section, 'h2')[0]!)),
      [...new Set(report.findings.map(objectPath))],
    );
    const articles = sections.flatMap((section) => elements(section, 'article').map((article) => ({ section, article })));
    assert.equal(articles.length, report.findings.length);
    report.findings.forEach((finding, i) => {
      const { section, article } = articles[i]!;
      assert.equal(textOf(elements(section, 'h2')[0]!), objectPath(finding));
      assert.ok(byClass(allElements(article), finding.severity).length > 0, `${finding.id} is marked ${finding.severity}`);
      assert.equal(byClass(allElements(article), 'message').map(textOf)[0], finding.message);
      assert.equal(byClass(allElements(article), 'location').map(textOf)[0], `At ${locationText(finding.location!)}`);
      const related = elements(article, 'li').map(textOf);
      assert.equal(related.length, finding.related?.length ?? 0);
      for (const r of finding.related ?? [])
        assert.ok(
          related.some((text) => text.includes(r.id) && text.includes(r.message)),
          r.id,
        );
      const { command } = fixData(finding.fix) as { command?: string };
      if (command) assert.ok(elements(article, 'pre').map(textOf).includes(command), `${finding.id}'s command in <pre>`);
    });
  });

  it('links each overview row to its object’s section', () => {
    const ids = new Set(elements(document, 'section').map((section) => attribute(section, 'id')));
    const links = elements(elements(document, 'table')[0]!, 'a');
    assert.equal(links.length, report.findings.length);
    for (const link of links) assert.ok(ids.has(attribute(link, 'href')?.slice(1)), attribute(link, 'href'));
  });

  it('is the doctor’s -o html, with no colour codes even when colour is on, and says when nothing was found', async () => {
    assert.equal(parseDoctorFormat('html'), 'html');
    assert.equal(await renderDoctorReport('html', report, { paint: painter(true), failOn: 'error' }), renderHtml(report));
    const empty = parseDocument(renderHtml(doctorOn('cluster.yaml')));
    assert.deepEqual(empty.errors, []);
    assert.ok(elements(empty.document, 'p').map(textOf).includes('No findings.'));
    assert.equal(elements(empty.document, 'table').length, 0);
  });

  it('is what doctor -f writes with -o html (no cluster)', async () => {
    const result = await cli(['doctor', '-f', 'test/fixtures/offline/manifests', '-o', 'html']);
    const page = parseDocument(result.stdout);
    assert.deepEqual(page.errors, []);
    const asJson = await cli(['doctor', '-f', 'test/fixtures/offline/manifests', '-o', 'json']);
    assert.equal(elements(page.document, 'article').length, (JSON.parse(asJson.stdout) as { findings: unknown[] }).findings.length);
    assert.equal(result.code, asJson.code, 'the exit code still follows --fail-on');
  });
});
