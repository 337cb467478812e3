// A Diff as unified-diff text, coloured when the terminal takes colour.
import type { Diff } from '../../plan/diff.ts';
import { type Paint, plainPaint } from './paint.ts';

export function renderDiff(diff: Diff, paint: Paint = plainPaint): string {
  if (diff.hunks.length === 0) return '';
  const out = [paint('bold', `--- ${diff.labels.from}`), paint('bold', `+++ ${diff.labels.to}`)];
  for (const hunk of diff.hunks) {
    out.push(paint('cyan', `@@ -${hunk.from.line},${hunk.from.count} +${hunk.to.line},${hunk.to.count} @@`));
    for (const op of hunk.ops)
      out.push(op.kind === '-' ? paint('red', `-${op.line}`) : op.kind === '+' ? paint('green', `+${op.line}`) : ` ${op.line}`);
  }
  return `${out.join('\n')}\n`;
}
