// Presentation of the whole app: header, the current screen (or the help), the key hints. No state, no effects.
import { Box, Text } from 'ink';
import { Header, type HeaderProps } from './components/Header.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { KeyHints } from './components/KeyHints.tsx';
import type { Action } from './keys.ts';
import { DetailScreen, type DetailScreenProps } from './screens/DetailScreen.tsx';
import { WorkloadsScreen, type WorkloadsScreenProps } from './screens/WorkloadsScreen.tsx';
import type { Theme } from './theme.ts';

export type AppView =
  | { screen: 'workloads'; props: Omit<WorkloadsScreenProps, 'theme'> }
  | { screen: 'detail'; props: Omit<DetailScreenProps, 'theme'> };

export interface AppProps {
  theme: Theme;
  header: Omit<HeaderProps, 'theme'>;
  view: AppView;
  help: boolean;
}

const hints: Record<AppView['screen'], Action[]> = {
  workloads: ['down', 'open', 'filter', 'nextPane', 'refresh', 'help', 'quit'],
  detail: ['back', 'nextPane', 'refresh', 'help', 'quit'],
};

export function App({ theme, header, view, help }: AppProps) {
  return (
    <Box flexDirection="column">
      <Header theme={theme} {...header} />
      {help ? (
        <HelpOverlay theme={theme} />
      ) : view.screen === 'workloads' ? (
        <WorkloadsScreen theme={theme} {...view.props} />
      ) : (
        <DetailScreen theme={theme} {...view.props} />
      )}
      <Box marginTop={1}>{help ? <Text /> : <KeyHints theme={theme} actions={hints[view.screen]} />}</Box>
    </Box>
  );
}
