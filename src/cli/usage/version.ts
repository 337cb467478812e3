import type { Command } from 'commander';
import type { GlobalOptions } from '../context.ts';
import type { Io } from '../program.ts';
import { clientVersion, clientVersionLine } from '../version.ts';
import { withExamples } from './examples.ts';
import { t } from '../../i18n/index.ts';

export function registerVersion(program: Command, io: Io): void {
  const version = program
    .command('version')
    .description(t('help.version.description'))
    .option('--client', t('help.version.option.client'))
    .action(async (options: { client?: boolean }, command: Command) => {
      if (!options.client) return (await import('../commands/version.ts')).versionAction(io, command);
      const output = (command.optsWithGlobals() as GlobalOptions).output;
      // The plugin's quickest answer: the table needs no renderer; the others load one (and validate -o).
      if (output === undefined || output === 'table') return void io.stdout.write(`${clientVersionLine()}\n`);
      const { parseOutputFormat, renderData } = await import('../output.ts');
      const format = parseOutputFormat(output);
      io.stdout.write(format === 'table' ? `${clientVersionLine()}\n` : renderData(format, { client: clientVersion() }));
    });
  withExamples(version, [
    [t('help.version.example1'), 'kubectl scale-ha version'],
    [t('help.version.example2'), 'kubectl scale-ha version --client -o json'],
  ]);
}
