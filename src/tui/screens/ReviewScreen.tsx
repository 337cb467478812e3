// Review and Apply: each change's diff (objects, or the helm release's values), summary, notes and warnings from the
// server dry-run; then the apply's progress, result and journal id. Errors in place.
import { Box, Text } from 'ink';
import { DiffView } from '../components/DiffView.tsx';
import type { WriteState } from '../hooks/useWrite.ts';
import type { Theme } from '../theme.ts';

export interface ReviewScreenProps {
  theme: Theme;
  write: WriteState;
  spinner: string;
  /** Where esc leads: the wizard that made the change, or the History that offered the undo. */
  backTo?: 'wizard' | 'history';
}

const statusText: Record<string, string> = {
  'dry-run': 'the server accepts it (dry run, nothing written)',
  unchanged: 'unchanged: the object already has these values',
  applied: 'applied',
  declined: 'declined',
};

export function ReviewScreen({ theme, write, spinner, backTo = 'wizard' }: ReviewScreenProps) {
  const { phase, steps, error } = write;
  const applying = phase === 'applying' || phase === 'applied';
  const busy = phase === 'reviewing' || phase === 'applying';
  const canApply = phase === 'review' && !error && steps.some((s) => s.status === 'dry-run');
  return (
    <Box flexDirection="column">
      <Text bold>{applying ? 'Apply' : 'Review'}</Text>
      {steps.map((step) => (
        <Box key={step.label} flexDirection="column" marginTop={1}>
          <Text bold color={theme.accent}>
            {step.label}
            {step.status ? (
              <Text color={step.status === 'declined' ? theme.severity.warning : theme.ok}> {statusText[step.status]}</Text>
            ) : null}
          </Text>
          {applying ? null : step.diffs.map((diff) => <DiffView key={`${diff.labels.from}→${diff.labels.to}`} theme={theme} diff={diff} />)}
          {step.lines.map((line, index) =>
            line.kind === 'warning' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines arrive in order and never move
              <Text key={index} color={theme.severity.warning}>
                warning: {line.text}
              </Text>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines arrive in order and never move
              <Text key={index}>{line.text}</Text>
            ),
          )}
          {step.journalId ? (
            <Text color={theme.ok}>journal id: {step.journalId} · h lists it, u undoes it (through this review)</Text>
          ) : null}
          {step.journalError ? <Text color={theme.severity.warning}>journal: {step.journalError}</Text> : null}
        </Box>
      ))}
      <Box marginTop={1} flexDirection="column">
        {busy ? (
          <Text color={theme.accent}>
            {spinner} {phase === 'reviewing' ? 'asking the server for a dry run…' : 'applying…'}
          </Text>
        ) : null}
        {error ? <Text color={theme.severity.error}>error: {error}</Text> : null}
        {canApply ? <Text bold>y applies these changes · esc goes back to the {backTo}</Text> : null}
        {phase === 'review' && !canApply && !error ? <Text color={theme.muted}>nothing to apply · esc goes back</Text> : null}
        {phase === 'review' && error ? <Text color={theme.muted}>esc goes back to the {backTo}</Text> : null}
        {phase === 'applied' ? <Text color={theme.muted}>esc returns to the {backTo === 'history' ? 'history' : 'workload'}</Text> : null}
      </Box>
    </Box>
  );
}
