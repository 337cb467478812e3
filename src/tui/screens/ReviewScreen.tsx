// Review and Apply: a window of the review's lines (diffs of objects or release values, notes, warnings, the server
// dry-run's answer; then the apply's progress and journal id), scrolled with the list keys. `y` is offered only once
// every line has been on screen: nothing is applied that was not shown.
import { Box, Text } from 'ink';
import { t } from '../../i18n/index.ts';
import type { WritePhase } from '../hooks/useWrite.ts';
import type { ReviewLine, Tone } from '../review-lines.ts';
import type { Theme } from '../theme.ts';

export interface ReviewScreenProps {
  theme: Theme;
  lines: readonly ReviewLine[];
  /** The first line shown, already within range. */
  offset: number;
  height: number;
  phase: WritePhase;
  spinner: string;
  /** The dry run accepted something to apply. */
  applicable: boolean;
  /** Every line has been on screen. */
  seenAll: boolean;
  failed: boolean;
  /** Where esc leads: the wizard that made the change, or the History that offered the undo. */
  backTo?: 'wizard' | 'history';
}

function colorOf(theme: Theme, tone: Tone): string | undefined {
  switch (tone) {
    case 'add':
    case 'ok':
      return theme.ok;
    case 'remove':
    case 'error':
      return theme.severity.error;
    case 'warning':
      return theme.severity.warning;
    case 'hunk':
    case 'step':
      return theme.accent;
    case 'muted':
      return theme.muted;
    default:
      return undefined;
  }
}

export function ReviewScreen(props: ReviewScreenProps) {
  const { theme, lines, offset, height, phase, spinner, applicable, seenAll, failed, backTo = 'wizard' } = props;
  const busy = phase === 'reviewing' || phase === 'applying';
  const shown = lines.slice(offset, offset + height);
  const scrolls = lines.length > height;
  const toHistory = backTo === 'history';
  return (
    <Box flexDirection="column">
      {shown.map((line, index) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: a window of lines; its position is its identity
          key={index}
          bold={line.tone === 'title' || line.tone === 'step'}
          color={colorOf(theme, line.tone)}
          dimColor={line.tone === 'context' && theme.dim}
        >
          {line.text}
        </Text>
      ))}
      <Box marginTop={1} flexDirection="column">
        {scrolls ? (
          <Text color={theme.muted}>
            {t('tui.review.lines', { from: offset + 1, to: Math.min(lines.length, offset + height), total: lines.length })}
          </Text>
        ) : null}
        {busy ? (
          <Text color={theme.accent}>
            {spinner} {t(phase === 'reviewing' ? 'tui.review.reviewing' : 'tui.review.applying')}
          </Text>
        ) : null}
        {phase === 'review' && applicable && !failed ? (
          seenAll ? (
            <Text bold>{t(toHistory ? 'tui.review.ready.history' : 'tui.review.ready.wizard')}</Text>
          ) : (
            <Text bold color={theme.severity.warning}>
              {t(toHistory ? 'tui.review.scrollFirst.history' : 'tui.review.scrollFirst.wizard')}
            </Text>
          )
        ) : null}
        {phase === 'review' && !applicable && !failed ? <Text color={theme.muted}>{t('tui.review.nothing')}</Text> : null}
        {phase === 'review' && failed ? (
          <Text color={theme.muted}>{t(toHistory ? 'tui.review.failedBack.history' : 'tui.review.failedBack.wizard')}</Text>
        ) : null}
        {phase === 'applied' ? (
          <Text color={theme.muted}>{t(toHistory ? 'tui.review.appliedBack.history' : 'tui.review.appliedBack.workload')}</Text>
        ) : null}
      </Box>
    </Box>
  );
}
