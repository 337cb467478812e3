import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { hangingWrap, parseOutputFormat, renderChange, renderTable, terminalWidth, writeJson } from '../../src/cli/output.ts';
import { wrapWidth } from '../../src/cli/terminal.ts';

function written(data: unknown): string {
  let out = '';
  writeJson({ write: (s) => void (out += s) }, data);
  return out;
}

describe('output', () => {
  before(async () => {
    // A pipe's width is none and loads no wrapper; a terminal's loads it.
    assert.equal(await terminalWidth({ write() {}, isTTY: false, columns: 80 }), undefined);
    assert.equal(hangingWrap('', 'a '.repeat(60), 40), 'a '.repeat(60).trimEnd(), 'no wrapper loaded: one line');
    assert.equal(await terminalWidth({ write() {}, isTTY: true, columns: 80 }), 80);
  });

  it('streams JSON byte for byte like JSON.stringify with two-space indent', () => {
    const samples = [
      {
        findings: [
          { id: 'HPA001', evidence: { a: [1, 2], b: null } },
          { id: 'HA001', evidence: {} },
        ],
        summary: { errors: 1 },
      },
      { findings: [], summary: { errors: 0 }, skipped: undefined },
      [{ nested: [{ deep: 'x' }] }, 'text', 3],
      'plain',
    ];
    for (const sample of samples) assert.equal(written(sample), JSON.stringify(sample, null, 2) + '\n');
  });

  it('pads table columns by their visible width, ignoring colour codes', () => {
    const table = renderTable(
      ['name', 'ready'],
      [
        ['\u001b[31mweb\u001b[0m', '1/1'],
        ['a-longer-name', '2/2'],
      ],
    );
    const [header, first] = table.split('\n');
    assert.equal(header, 'NAME            READY');
    assert.equal(first?.replace(/\u001b\[[0-9;]*m/g, ''), 'web             1/1');
  });

  it('wraps a long last cell under its own column at the given width, and not without one', () => {
    const rows = [['web', 'helm release shop/web, whose values set replicaCount and the HPA limits together']];
    const wrapped = renderTable(['name', 'owner'], rows, 40).split('\n').filter(Boolean);
    assert.ok(wrapped.length > 2, wrapped.join('\n'));
    for (const line of wrapped) assert.ok(line.length <= 40, `"${line}" fits 40 columns`);
    // Continuation lines start under the OWNER column; the words come back whole, in order.
    assert.ok(wrapped.slice(2).every((line) => line.startsWith(' '.repeat(7)) && line[7] !== ' '));
    assert.equal(
      wrapped
        .slice(1)
        .map((line) => line.trim())
        .join(' ')
        .replace(/^web\s+/, ''),
      rows[0]![1],
    );
    assert.equal(renderTable(['name', 'owner'], rows).split('\n').filter(Boolean).length, 2);
  });

  it('wraps prose under its first column, keeps colours, and leaves it whole when the room is too narrow', () => {
    const text = 'the \u001b[33mHPA\u001b[0m cannot read its CPU metric because one container has no request';
    const lines = hangingWrap('  x HPA003 ', text, 40).split('\n');
    assert.ok(lines.length >= 3);
    assert.ok(lines.every((l) => l.replace(/\u001b\[[0-9;]*m/g, '').length <= 40));
    assert.ok(lines.slice(1).every((l) => /^ {11}\S/.test(l)));
    assert.match(lines.join(' '), /\u001b\[33mHPA\u001b\[0m/);
    assert.equal(hangingWrap('  x HPA003 ', text, 25), `  x HPA003 ${text}`);
  });

  it('wraps only for a terminal: a pipe or file keeps one record per line', () => {
    assert.equal(wrapWidth({ write() {}, isTTY: true, columns: 100 }), 100);
    assert.equal(wrapWidth({ write() {}, isTTY: false, columns: 100 }), undefined);
    assert.equal(wrapWidth({ write() {}, isTTY: true }), undefined);
  });

  it('prints one change of a -w stream as kubectl get -w does: a JSON line, a YAML document, the template over the object', () => {
    const row = { name: 'web', ready: '2/2' };
    assert.equal(renderChange('json', row), '{"name":"web","ready":"2/2"}\n');
    assert.equal(renderChange('yaml', row), '---\nname: web\nready: 2/2\n');
    const template = parseOutputFormat('jsonpath={.name} {.ready}{"\\n"}');
    assert.ok(typeof template === 'object');
    assert.equal(renderChange(template, row), 'web 2/2\n');
  });
});
