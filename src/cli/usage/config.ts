import type { Command } from 'commander';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';

export function registerConfig(program: Command, io: Io): void {
  const config = program
    .command('config')
    .description("the plugin's config file (docs/config.md): view the effective settings, or the path it is read from");
  const view = config
    .command('view')
    .description('print the effective config (defaults filled in) and, as a comment, the file it came from; validates the file')
    .action(async (_: unknown, command: Command) => (await import('../commands/config.ts')).configViewAction(io, command));
  const path = config
    .command('path')
    .description('print the config file read: --config, else $SCALE_HA_CONFIG, else $XDG_CONFIG_HOME/kubectl-scale-ha/config.yaml')
    .action(async (_: unknown, command: Command) => (await import('../commands/config.ts')).configPathAction(io, command));
  const examples: [string, string][] = [
    ['The settings the doctor uses, and where they come from', 'kubectl scale-ha config view'],
    ["Check a team's config file before committing it", 'kubectl scale-ha config view --config .scale-ha.yaml'],
  ];
  withExamples(config, examples);
  withExamples(view, examples);
  withExamples(path, [
    ['Where the config file is looked for, and whether it is there', 'kubectl scale-ha config path'],
    ['The same as JSON', 'kubectl scale-ha config path -o json'],
  ]);
}
