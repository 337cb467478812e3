import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTable, writeJson } from '../../src/cli/output.ts';

function written(data: unknown): string {
  let out = '';
  writeJson({ write: (s) => void (out += s) }, data);
  return out;
}

describe('output', () => {
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
});
