// The Review and Apply as screen lines, wrapped to the terminal's width: the screen shows a window of them and
// scrolls, and knows when every line has been on screen (only then may `y` apply). Pure.
import type { Diff } from '../plan/diff.ts';
import type { WriteState } from './hooks/useWrite.ts';

export type Tone = 'title' | 'step' | 'ok' | 'add' | 'remove' | 'hunk' | 'context' | 'plain' | 'muted' | 'warning' | 'error';

export interface ReviewLine {
  text: string;
  tone: Tone;
}

const statusText: Record<string, string> = {
  'dry-run': 'the server accepts it (dry run, nothing written)',
  unchanged: 'unchanged: the object already has these values',
  applied: 'applied',
  declined: 'declined',
};

function diffLines(diff: Diff): ReviewLine[] {
  if (diff.hunks.length === 0) return [{ text: `no difference: ${diff.labels.to}`, tone: 'muted' }];
  const lines: ReviewLine[] = [
    { text: `--- ${diff.labels.from}`, tone: 'title' },
    { text: `+++ ${diff.labels.to}`, tone: 'title' },
  ];
  for (const hunk of diff.hunks) {
    lines.push({ text: `@@ -${hunk.from.line},${hunk.from.count} +${hunk.to.line},${hunk.to.count} @@`, tone: 'hunk' });
    for (const op of hunk.ops)
      lines.push({ text: `${op.kind}${op.line}`, tone: op.kind === '+' ? 'add' : op.kind === '-' ? 'remove' : 'context' });
  }
  return lines;
}

/** Splits a line longer than the width into several, so that one line of ours is one row on the screen. */
function wrapped(line: ReviewLine, width: number): ReviewLine[] {
  const chars = [...line.text];
  if (chars.length <= width) return [line];
  const rows: ReviewLine[] = [];
  for (let at = 0; at < chars.length; at += width) rows.push({ text: chars.slice(at, at + width).join(''), tone: line.tone });
  return rows;
}

/** Everything the Review (dry run) or the Apply says, step by step; the diffs only on the Review. */
export function reviewLines(write: WriteState, width: number): ReviewLine[] {
  const applying = write.phase === 'applying' || write.phase === 'applied';
  const lines: ReviewLine[] = [{ text: applying ? 'Apply' : 'Review', tone: 'title' }];
  for (const step of write.steps) {
    lines.push({ text: ' ', tone: 'plain' });
    lines.push({ text: step.status ? `${step.label} ${statusText[step.status]}` : step.label, tone: 'step' });
    if (!applying) for (const diff of step.diffs) lines.push(...diffLines(diff));
    for (const line of step.lines)
      lines.push(line.kind === 'warning' ? { text: `warning: ${line.text}`, tone: 'warning' } : { text: line.text, tone: 'plain' });
    if (step.journalId) lines.push({ text: `journal id: ${step.journalId} · h lists it, u undoes it (through this review)`, tone: 'ok' });
    if (step.journalError) lines.push({ text: `journal: ${step.journalError}`, tone: 'warning' });
  }
  if (write.error) lines.push({ text: ' ', tone: 'plain' }, { text: `error: ${write.error}`, tone: 'error' });
  return lines.flatMap((line) => wrapped(line, Math.max(20, width)));
}

/** The first line shown: `offset` kept within the lines (a large offset means "the end"). */
export const clampOffset = (offset: number, total: number, height: number) => Math.max(0, Math.min(offset, total - height));
