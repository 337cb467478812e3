// kubectl's help shape: an Examples section under every command, a comment line above each command line.
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';

/** One example: what it does, then the command line as a user types it. */
export type Example = [comment: string, commandLine: string];

export function withExamples<T extends Command>(command: T, examples: Example[]): T {
  const lines = examples.map(([comment, commandLine]) => `  # ${comment}\n  ${commandLine}`);
  return command.addHelpText('after', `\n${t('help.examples')}\n${lines.join('\n\n')}\n`) as T;
}
