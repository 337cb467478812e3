// The TUI's entry point, loaded by `kubectl scale-ha tui` only (Ink and React stay out of the other commands' start-up).
import { render } from 'ink';
import type { Session } from '../apply/session.ts';
import { buildSnapshot } from '../snapshot/build.ts';
import { AppContainer } from './AppContainer.tsx';
import { themeFor } from './theme.ts';
import { writeSessionOf } from '../apply/write.ts';
import { writeIntentWith } from './write.ts';

export interface TuiOptions {
  session: Session;
  /** null: all namespaces (-A). */
  namespace: string | null;
  readOnly: boolean;
  refreshMs: number;
  env: NodeJS.ProcessEnv;
}

export async function runTui(options: TuiOptions): Promise<void> {
  const load = () => buildSnapshot(options.session.client, { namespace: options.namespace });
  const app = render(
    <AppContainer
      load={load}
      theme={themeFor(options.env)}
      context={options.session.contextName}
      namespace={options.namespace}
      readOnly={options.readOnly}
      refreshMs={options.refreshMs}
      write={writeIntentWith(writeSessionOf(options.session, options.env, 'kubectl scale-ha tui'))}
    />,
    { exitOnCtrlC: true },
  );
  await app.waitUntilExit();
}
