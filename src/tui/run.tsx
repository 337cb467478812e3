// The TUI's entry point, loaded by `kubectl scale-ha tui` only (Ink and React stay out of the other commands' start-up).
import { render } from 'ink';
import type { Session } from '../apply/session.ts';
import { buildSnapshot } from '../snapshot/build.ts';
import { AppContainer } from './AppContainer.tsx';
import { themeFor } from './theme.ts';
import { writeSessionOf } from '../apply/write.ts';
import { writeIntentWith } from './write.ts';
import type { Scope } from './scope.ts';
import { undoJobWith } from './undo.ts';
import { journalDir } from '../apply/journal.ts';
import { readHistory } from '../apply/undo.ts';
import type { DoctorPolicy } from '../doctor/policy.ts';

export interface TuiOptions {
  session: Session;
  /** The kubeconfig's contexts, and a session on one of them with the same flags. */
  contexts: readonly string[];
  openContext: (context: string) => Session;
  /** null: all namespaces (-A). */
  namespace: string | null;
  readOnly: boolean;
  refreshMs: number;
  env: NodeJS.ProcessEnv;
  /** The config file's doctor policy. */
  policy?: DoctorPolicy;
}

/** The reads and writes of one context and namespace. */
function scopeOf(session: Session, namespace: string | null, env: NodeJS.ProcessEnv): Scope {
  const writeSession = writeSessionOf(session, env, 'kubectl scale-ha tui');
  return {
    context: session.contextName,
    namespace,
    load: () => buildSnapshot(session.client, { namespace }),
    write: writeIntentWith(writeSession),
    undo: undoJobWith(writeSession),
  };
}

export async function runTui(options: TuiOptions): Promise<void> {
  const sessions = new Map([[options.session.contextName, options.session]]);
  const sessionOf = (context: string) => {
    const session = sessions.get(context) ?? options.openContext(context);
    sessions.set(context, session);
    return session;
  };
  const first = scopeOf(options.session, options.namespace, options.env);
  const journal = journalDir(options.env);
  const app = render(
    <AppContainer
      load={first.load}
      theme={themeFor(options.env)}
      context={first.context}
      namespace={first.namespace}
      readOnly={options.readOnly}
      refreshMs={options.refreshMs}
      write={first.write}
      undo={first.undo}
      loadHistory={() => readHistory(journal)}
      journal={journal}
      {...(options.policy ? { policy: options.policy } : {})}
      contexts={options.contexts}
      switchScope={(context, namespace) => scopeOf(sessionOf(context), namespace, options.env)}
    />,
    // tui refuses without a terminal, so a terminal it has: Ink's CI detection (CI=true) must not turn drawing off.
    { exitOnCtrlC: true, interactive: true },
  );
  await app.waitUntilExit();
}
