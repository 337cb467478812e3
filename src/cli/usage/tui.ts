import type { Command } from 'commander';
import type { TuiFlags } from '../commands/tui.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { t } from '../../i18n/index.ts';

export function registerTui(program: Command, io: Io): void {
  const tui = program
    .command('tui')
    .description(t('help.tui.description'))
    .option('--read-only', t('help.tui.option.readOnly'))
    .option('--refresh <duration>', t('help.tui.option.refresh'), '10s')
    .action(async (flags: TuiFlags, command: Command) => (await import('../commands/tui.ts')).tuiAction(io, flags, command));
  withExamples(tui, [
    [t('help.tui.example1'), 'kubectl scale-ha tui -A'],
    [t('help.tui.example2'), 'kubectl scale-ha tui -n shop --read-only --refresh 30s'],
  ]);
}
