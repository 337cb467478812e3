import type { Command } from 'commander';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { t } from '../../i18n/index.ts';

export function registerHistory(program: Command, io: Io): void {
  const history = program
    .command('history')
    .description(t('help.history.description'))
    .option('--context-only', t('help.history.option.contextOnly'))
    .action(async (options: { contextOnly?: boolean }, command: Command) =>
      (await import('../commands/history.ts')).historyAction(io, options, command),
    );
  withExamples(history, [
    [t('help.history.example1'), 'kubectl scale-ha history'],
    [t('help.history.example2'), 'kubectl scale-ha history --context-only -o json'],
  ]);
}
