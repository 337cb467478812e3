import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDiff } from '../../../src/cli/render/diff.ts';
import { forDisplay, lineDiff, objectDiff, unifiedDiff as diffOf } from '../../../src/plan/diff.ts';

const unifiedDiff = (before: string, after: string, labels: { from: string; to: string }) => renderDiff(diffOf(before, after, labels));
import { planHpa } from '../../../src/plan/hpa.ts';
import type { HorizontalPodAutoscaler } from '../../../src/k8s/types.ts';
import { fixture } from './fixtures.ts';

describe('unified YAML diff', () => {
  it('marks removed and added lines with context and a hunk header', () => {
    const text = unifiedDiff('a\nb\nc\nd\n', 'a\nb\nC\nd\n', { from: 'x (live)', to: 'x (planned)' });
    assert.equal(text, '--- x (live)\n+++ x (planned)\n@@ -1,4 +1,4 @@\n a\n b\n-c\n+C\n d\n');
  });

  it('is empty when nothing differs', () => {
    assert.deepEqual(diffOf('a\n', 'a\n', { from: 'a', to: 'b' }).hunks, []);
    assert.equal(unifiedDiff('a\n', 'a\n', { from: 'a', to: 'b' }), '');
  });

  it('splits far-apart changes into separate hunks with correct line numbers', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l2', 'L2').replace('l17', 'L17');
    const text = unifiedDiff(before, after, { from: 'a', to: 'b' });
    assert.deepEqual(
      text.split('\n').filter((l) => l.startsWith('@@')),
      ['@@ -1,6 +1,6 @@', '@@ -15,6 +15,6 @@'],
    );
  });

  it('keeps line operations minimal for insertions', () => {
    assert.deepEqual(
      lineDiff(['a', 'c'], ['a', 'b', 'c']).map((op) => op.kind + op.line),
      [' a', '+b', ' c'],
    );
  });

  it('shows the planned object change without server bookkeeping, coloured when asked', () => {
    const hpa = fixture<HorizontalPodAutoscaler>('hpa-web.yaml');
    const change = planHpa(hpa, { max: 10 });
    const paint = (color: string, text: string) => `<${color}>${text}</${color}>`;
    const text = renderDiff(objectDiff(change.before, change.after), paint);
    assert.match(text, /<red>- {2}maxReplicas: 8<\/red>\n<green>\+ {2}maxReplicas: 10<\/green>/);
    assert.match(text, /<bold>--- HorizontalPodAutoscaler\/web \(live\)<\/bold>/);
    assert.equal('resourceVersion' in forDisplay(hpa).metadata, false);
  });
});
