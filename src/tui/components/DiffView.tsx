// A plan/diff.ts Diff as unified-diff lines: + in the theme's ok colour, - in its error colour, hunk heads in accent.
import { Box, Text } from 'ink';
import type { Diff } from '../../plan/diff.ts';
import type { Theme } from '../theme.ts';

export function DiffView({ theme, diff }: { theme: Theme; diff: Diff }) {
  if (diff.hunks.length === 0) return <Text color={theme.muted}>no difference: {diff.labels.to}</Text>;
  return (
    <Box flexDirection="column">
      <Text bold>--- {diff.labels.from}</Text>
      <Text bold>+++ {diff.labels.to}</Text>
      {diff.hunks.map((hunk) => (
        <Box key={`${hunk.from.line},${hunk.to.line}`} flexDirection="column">
          <Text color={theme.accent}>
            @@ -{hunk.from.line},{hunk.from.count} +{hunk.to.line},{hunk.to.count} @@
          </Text>
          {hunk.ops.map((op, index) => (
            <Text
              // biome-ignore lint/suspicious/noArrayIndexKey: diff lines repeat; their position is their identity
              key={index}
              color={op.kind === '+' ? theme.ok : op.kind === '-' ? theme.severity.error : undefined}
              dimColor={op.kind === ' ' && theme.dim}
            >
              {op.kind}
              {op.line}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
