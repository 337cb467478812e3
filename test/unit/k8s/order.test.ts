import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byCodePoint } from '../../../src/k8s/order.ts';

describe('byCodePoint: the order kubectl lists names in', () => {
  it('sorts by code point, as Go sorts strings, whatever the locale', () => {
    assert.deepEqual(['web1', 'api', 'web-2', 'Web', 'web.0', 'web'].sort(byCodePoint), ['Web', 'api', 'web', 'web-2', 'web.0', 'web1']);
  });

  it('puts the newest RFC 3339 timestamp first when reversed, and calls equal strings equal', () => {
    const times = ['2026-12-05T06:00:00Z', '2026-12-05T07:00:00Z', '2026-11-30T23:59:59Z'];
    assert.equal([...times].sort((a, b) => byCodePoint(b, a))[0], '2026-12-05T07:00:00Z');
    assert.equal(byCodePoint('a', 'a'), 0);
  });
});
