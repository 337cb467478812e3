import type { Command } from 'commander';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { t } from '../../i18n/index.ts';

export function registerConfig(program: Command, io: Io): void {
  const config = program.command('config').description(t('help.config.description'));
  const view = config
    .command('view')
    .description(t('help.config.description2'))
    .action(async (_: unknown, command: Command) => (await import('../commands/config.ts')).configViewAction(io, command));
  const path = config
    .command('path')
    .description(t('help.config.description3'))
    .action(async (_: unknown, command: Command) => (await import('../commands/config.ts')).configPathAction(io, command));
  const examples: [string, string][] = [
    [t('help.config.exampleView'), 'kubectl scale-ha config view'],
    [t('help.config.exampleTeam'), 'kubectl scale-ha config view --config .scale-ha.yaml'],
  ];
  withExamples(config, examples);
  withExamples(view, examples);
  withExamples(path, [
    [t('help.config.example1'), 'kubectl scale-ha config path'],
    [t('help.config.example2'), 'kubectl scale-ha config path -o json'],
  ]);
}
