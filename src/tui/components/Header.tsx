// The top line: where we are (context, namespace), the mode, and how fresh the rows are.
import { Box, Text } from 'ink';
import type { Theme } from '../theme.ts';

export interface HeaderProps {
  theme: Theme;
  context: string;
  namespace: string | null;
  readOnly: boolean;
  loading: boolean;
  spinner: string;
  loadedAt: Date | null;
  refreshSeconds: number;
}

export function Header({ theme, context, namespace, readOnly, loading, spinner, loadedAt, refreshSeconds }: HeaderProps) {
  const fresh = loadedAt ? `listed ${loadedAt.toLocaleTimeString('en-GB')}` : 'not listed yet';
  const every = refreshSeconds > 0 ? `, every ${refreshSeconds}s` : '';
  return (
    <Box justifyContent="space-between">
      <Text>
        <Text bold color={theme.accent}>
          scale-ha
        </Text>{' '}
        context <Text bold>{context}</Text> · namespace <Text bold>{namespace ?? 'all'}</Text>
        {readOnly ? <Text color={theme.severity.warning}> · read-only</Text> : null}
      </Text>
      <Text color={theme.muted}>
        {loading ? `${spinner} listing… ` : ''}
        {fresh}
        {every}
      </Text>
    </Box>
  );
}
