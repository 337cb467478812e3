// `?`: the whole key table.
import { Box, Text } from 'ink';
import { t } from '../../i18n/index.ts';
import { keyBindings, writeActions } from '../keys.ts';
import type { Theme } from '../theme.ts';

export function HelpOverlay({ theme, readOnly }: { theme: Theme; readOnly: boolean }) {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold color={theme.accent}>
        {t('tui.help.title')}
      </Text>
      {keyBindings
        .filter((b) => !readOnly || !writeActions.has(b.action))
        .map((b) => (
          <Text key={b.action}>
            {b.keys.padEnd(10)} {b.description}
          </Text>
        ))}
      <Text color={theme.muted}>{t('tui.help.close')}</Text>
    </Box>
  );
}
