// Presentation of the whole app: header, the current screen (or the help), the key hints. No state, no effects.
import { Box, Text } from 'ink';
import { Header, type HeaderProps } from './components/Header.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { KeyHints } from './components/KeyHints.tsx';
import { type Action, writeActions } from './keys.ts';
import { DetailScreen, type DetailScreenProps } from './screens/DetailScreen.tsx';
import { HistoryScreen, type HistoryScreenProps } from './screens/HistoryScreen.tsx';
import { ReviewScreen, type ReviewScreenProps } from './screens/ReviewScreen.tsx';
import { WizardScreen, type WizardScreenProps } from './screens/WizardScreen.tsx';
import { WorkloadsScreen, type WorkloadsScreenProps } from './screens/WorkloadsScreen.tsx';
import type { Theme } from './theme.ts';

export type AppView =
  | { screen: 'workloads'; props: Omit<WorkloadsScreenProps, 'theme'> }
  | { screen: 'detail'; props: Omit<DetailScreenProps, 'theme'> }
  | { screen: 'wizard'; props: Omit<WizardScreenProps, 'theme'> }
  | { screen: 'review'; props: Omit<ReviewScreenProps, 'theme'> }
  | { screen: 'history'; props: Omit<HistoryScreenProps, 'theme'> };

export interface AppProps {
  theme: Theme;
  header: Omit<HeaderProps, 'theme'>;
  view: AppView;
  help: boolean;
  /** --read-only: no write key is offered. */
  readOnly: boolean;
}

const hints: Record<AppView['screen'], Action[]> = {
  workloads: ['down', 'open', 'filter', 'nextPane', 'context', 'namespace', 'history', 'refresh', 'help', 'quit'],
  detail: ['back', 'nextPane', 'edit', 'fix', 'history', 'refresh', 'help', 'quit'],
  history: ['down', 'undo', 'refresh', 'back', 'help', 'quit'],
  wizard: [],
  review: ['confirm', 'back'],
};

function screenOf(theme: Theme, view: AppView) {
  switch (view.screen) {
    case 'workloads':
      return <WorkloadsScreen theme={theme} {...view.props} />;
    case 'detail':
      return <DetailScreen theme={theme} {...view.props} />;
    case 'wizard':
      return <WizardScreen theme={theme} {...view.props} />;
    case 'review':
      return <ReviewScreen theme={theme} {...view.props} />;
    case 'history':
      return <HistoryScreen theme={theme} {...view.props} />;
  }
}

export function App({ theme, header, view, help, readOnly }: AppProps) {
  const actions = hints[view.screen].filter((action) => !readOnly || !writeActions.has(action));
  return (
    <Box flexDirection="column">
      <Header theme={theme} {...header} />
      {help ? <HelpOverlay theme={theme} readOnly={readOnly} /> : screenOf(theme, view)}
      <Box marginTop={1}>{help ? <Text /> : <KeyHints theme={theme} actions={actions} />}</Box>
    </Box>
  );
}
