import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayWidth, visibleWidth } from '../../src/i18n/width.ts';

describe('text width in terminal columns (tables, charts and the TUI alike)', () => {
  it('counts wide characters and characters beyond the BMP as two columns, colour codes as none', () => {
    assert.equal(displayWidth('web-1'), 5);
    assert.equal(displayWidth('ウェブ'), 6);
    assert.equal(displayWidth('😀'), 2);
    assert.equal(visibleWidth('\u001b[31mウェブ\u001b[0m ok'), 9);
  });
});
