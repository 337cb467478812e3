// The global flags as parsed (declared in usage/globals.ts), and the cluster connection built from them.
import type { Command } from 'commander';
import { t } from '../i18n/index.ts';
import { usageError } from '../k8s/errors.ts';
import { isContextPattern, selectContexts } from '../apply/fleet.ts';
import { openSession, type Session, type SessionOptions } from '../apply/session.ts';
import { checkNamespace } from '../k8s/limits.ts';
import { parseOutputFormat, type OutputFormat } from './output.ts';

export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  output?: string;
  requestTimeout?: string;
  /** --config: the plugin's config file (cli/config.ts). */
  config?: string;
  allContexts?: boolean;
  /** --lang: read before the program is built (cli/language.ts); declared here so commander accepts it. */
  lang?: string;
}

/** "30s", "1m", "500ms", "2" (seconds) → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw usageError(t('cli.usage.duration', { flag, text }), t('cli.usage.durationHint'));
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

export interface CommandContext {
  session: Session;
  client: Session['client'];
  /** null means all namespaces (-A). */
  namespace: string | null;
  output: OutputFormat;
  /** A session on another context of the same kubeconfig, with the same flags (the TUI's context switch). */
  openContext: (context: string) => Session;
}

export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Validates flags before any request (kubectl's Complete + Validate), then connects lazily. */
export function connect(command: Command, context?: string): CommandContext {
  const globals = globalsOf(command);
  const output = parseOutputFormat(globals.output);
  const timeoutMs = parseDuration(globals.requestTimeout ?? '0', '--request-timeout');
  if (globals.allNamespaces && globals.namespace) {
    throw usageError(t('cli.usage.namespaceAndAll'));
  }
  if (globals.namespace !== undefined) checkNamespace(globals.namespace);
  const chosen = context ?? globals.context;
  if (context === undefined && (globals.allContexts || (chosen !== undefined && isContextPattern(chosen))))
    throw usageError(
      t('cli.usage.oneContext', { flag: globals.allContexts ? '--all-contexts' : `--context ${chosen}` }),
      t('cli.usage.oneContextHint'),
    );
  const trace = process.env.SCALE_HA_TRACE ? (line: string) => void process.stderr.write(`[api] ${line}\n`) : undefined;
  const options: SessionOptions = {
    kubeconfig: globals.kubeconfig,
    context: chosen,
    namespace: globals.namespace,
    timeoutMs,
    trace,
  };
  const session = openSession(options);
  return {
    session,
    client: session.client,
    namespace: globals.allNamespaces ? null : session.namespace,
    output,
    openContext: (other) => openSession({ ...options, context: other, namespace: undefined }),
  };
}

/** Several clusters at once: the contexts --all-contexts or a --context pattern selects, each connected alike. */
export interface Fleet {
  contexts: string[];
  connect: (context: string) => CommandContext;
}

/** The fleet the flags ask for (list and doctor), or undefined for one context. */
export function fleetOf(command: Command): Fleet | undefined {
  const globals = globalsOf(command);
  const pattern = globals.context !== undefined && isContextPattern(globals.context) ? globals.context : undefined;
  if (!globals.allContexts && pattern === undefined) return undefined;
  if (globals.allContexts && globals.context !== undefined)
    throw usageError(t('cli.usage.contextAndAll'), t('cli.usage.contextAndAllHint'));
  return {
    contexts: selectContexts({ kubeconfig: globals.kubeconfig }, pattern),
    connect: (context) => connect(command, context),
  };
}
