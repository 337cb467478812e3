// The Review and Apply as screen lines, wrapped to the terminal's width: the screen shows a window of them and
// scrolls, and knows when every line has been on screen (only then may `y` apply). Pure.
import { t } from '../i18n/index.ts';
import type { Diff } from '../plan/diff.ts';
import type { WriteState, WriteStep } from './hooks/useWrite.ts';
import { displayWidth, sliceToWidth } from '../i18n/width.ts';

export type Tone = 'title' | 'step' | 'ok' | 'add' | 'remove' | 'hunk' | 'context' | 'plain' | 'muted' | 'warning' | 'error';

export interface ReviewLine {
  text: string;
  tone: Tone;
}

/** A step's title: its label, and what the server said of it once it has. */
function stepText({ label, status }: WriteStep): string {
  switch (status) {
    case null:
      return label;
    case 'dry-run':
      return t('tui.review.step.dryRun', { label });
    case 'unchanged':
      return t('tui.review.step.unchanged', { label });
    case 'applied':
      return t('tui.review.step.applied', { label });
    case 'declined':
      return t('tui.review.step.declined', { label });
  }
}

function diffLines(diff: Diff): ReviewLine[] {
  if (diff.hunks.length === 0) return [{ text: t('tui.review.noDifference', { object: diff.labels.to }), tone: 'muted' }];
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

/**
 * Splits a line wider than the terminal into several, so that one line of ours is one row on the screen (measured in
 * columns: a Japanese character takes two).
 */
function wrapped(line: ReviewLine, width: number): ReviewLine[] {
  if (displayWidth(line.text) <= width) return [line];
  const rows: ReviewLine[] = [];
  for (let rest = line.text; rest !== ''; ) {
    const [head, tail] = sliceToWidth(rest, width);
    rows.push({ text: head, tone: line.tone });
    rest = tail;
  }
  return rows;
}

/** Everything the Review (dry run) or the Apply says, step by step; the diffs only on the Review. */
export function reviewLines(write: WriteState, width: number): ReviewLine[] {
  const applying = write.phase === 'applying' || write.phase === 'applied';
  const lines: ReviewLine[] = [{ text: t(applying ? 'tui.review.title.apply' : 'tui.review.title.review'), tone: 'title' }];
  for (const step of write.steps) {
    lines.push({ text: ' ', tone: 'plain' });
    lines.push({ text: stepText(step), tone: 'step' });
    if (!applying) for (const diff of step.diffs) lines.push(...diffLines(diff));
    for (const line of step.lines)
      lines.push(
        line.kind === 'warning'
          ? { text: t('tui.review.warning', { text: line.text }), tone: 'warning' }
          : { text: line.text, tone: 'plain' },
      );
    if (step.journalId) lines.push({ text: t('tui.review.journalId', { id: step.journalId }), tone: 'ok' });
    if (step.journalError) lines.push({ text: t('tui.review.journalError', { error: step.journalError }), tone: 'warning' });
  }
  if (write.error) lines.push({ text: ' ', tone: 'plain' }, { text: t('tui.error.inPlace', { error: write.error }), tone: 'error' });
  return lines.flatMap((line) => wrapped(line, Math.max(20, width)));
}

/** The first line shown: `offset` kept within the lines (a large offset means "the end"). */
export const clampOffset = (offset: number, total: number, height: number) => Math.max(0, Math.min(offset, total - height));
