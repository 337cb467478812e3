import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checks } from '../../../src/doctor/checks/index.ts';

describe('doctor check registry', () => {
  it('gives every check a unique id of the form AAA000 and an explanation with a fix', () => {
    const ids = checks.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const check of checks) {
      assert.match(check.id, /^(HPA|HA|RES)\d{3}$/);
      assert.match(check.explain, /Fix:/, `${check.id} explains its fix`);
    }
  });

  it('is documented in docs/checks.md (regenerate with scripts/checks-doc.ts)', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/checks.md'), 'utf8');
    for (const check of checks) {
      assert.ok(doc.includes(`## ${check.id}`), `${check.id} has a section`);
      assert.ok(doc.includes(check.title), `${check.id}'s title is current`);
    }
  });
});
