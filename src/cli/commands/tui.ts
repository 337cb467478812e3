// `kubectl scale-ha tui`: the interactive face. Refuses without a terminal; loads Ink and React only here.
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';
import { usageError } from '../../k8s/errors.ts';
import { kubeconfigContexts } from '../../apply/session.ts';
import { loadConfig } from '../config.ts';
import { connect, globalsOf, parseDuration } from '../context.ts';
import type { Io } from '../program.ts';

export interface TuiFlags {
  readOnly?: boolean;
  refresh: string;
}

export interface TuiRequest {
  readOnly: boolean;
  refreshMs: number;
}

/** Every usage error before any request: the terminal first, since nothing else matters without one. */
export function validateTui(flags: TuiFlags, terminal: { stdin: boolean; stdout: boolean }): TuiRequest {
  if (!terminal.stdin || !terminal.stdout) {
    throw usageError(t('cli.usage.tuiTerminal'), t('cli.usage.tuiTerminalHint'));
  }
  const refreshMs = parseDuration(flags.refresh, '--refresh');
  if (refreshMs !== 0 && refreshMs < 1000) throw usageError(t('cli.usage.refresh', { text: flags.refresh }), t('cli.usage.refreshHint'));
  return { readOnly: flags.readOnly ?? false, refreshMs };
}

/** The command's action (flags are declared in cli/usage/tui.ts). */
export async function tuiAction(io: Io, flags: TuiFlags, command: Command): Promise<void> {
  const request = validateTui(flags, { stdin: Boolean(process.stdin.isTTY), stdout: Boolean(io.stdout.isTTY) });
  const globals = globalsOf(command);
  const { config } = loadConfig(globals.config, io.env);
  const ctx = connect(command);
  const { runTui } = await import('../../tui/run.tsx');
  await runTui({
    session: ctx.session,
    contexts: kubeconfigContexts({ kubeconfig: globals.kubeconfig, context: globals.context }).names,
    openContext: ctx.openContext,
    namespace: ctx.namespace,
    readOnly: request.readOnly,
    refreshMs: request.refreshMs,
    env: io.env,
    policy: config.policy,
  });
}
