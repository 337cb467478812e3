// The top line: where we are (context, namespace), the mode, and how fresh the rows are.
import { Box, Text } from 'ink';
import { t } from '../../i18n/index.ts';
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
  const time = loadedAt?.toLocaleTimeString('en-GB');
  const seconds = refreshSeconds;
  const fresh = time
    ? refreshSeconds > 0
      ? t('tui.header.listedEvery', { time, seconds })
      : t('tui.header.listed', { time })
    : refreshSeconds > 0
      ? t('tui.header.notListedEvery', { seconds })
      : t('tui.header.notListed');
  return (
    <Box justifyContent="space-between">
      <Text>
        <Text bold color={theme.accent}>
          scale-ha
        </Text>{' '}
        {t('tui.header.context')} <Text bold>{context}</Text> · {t('tui.header.namespace')}{' '}
        <Text bold>{namespace ?? t('tui.header.allNamespaces')}</Text>
        {readOnly ? <Text color={theme.severity.warning}> · {t('tui.header.readOnly')}</Text> : null}
      </Text>
      <Text color={theme.muted}>
        {loading ? `${spinner} ${t('tui.header.listing')} ` : ''}
        {fresh}
      </Text>
    </Box>
  );
}
