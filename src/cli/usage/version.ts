import type { Command } from 'commander';
import type { GlobalOptions } from '../context.ts';
import { parseOutputFormat, renderData } from '../output.ts';
import type { Io } from '../program.ts';
import { clientVersion, clientVersionLine } from '../version.ts';
import { withExamples } from './examples.ts';

export function registerVersion(program: Command, io: Io): void {
  const version = program
    .command('version')
    .description("print the plugin's version and, unless --client, the API server's")
    .option('--client', 'print only the client version (no cluster needed)')
    .action(async (options: { client?: boolean }, command: Command) => {
      if (!options.client) return (await import('../commands/version.ts')).versionAction(io, command);
      const format = parseOutputFormat((command.optsWithGlobals() as GlobalOptions).output);
      io.stdout.write(format === 'table' ? `${clientVersionLine()}\n` : renderData(format, { client: clientVersion() }));
    });
  withExamples(version, [
    ['The plugin and the API server of the current context', 'kubectl scale-ha version'],
    ['Only the plugin, as JSON (no cluster needed)', 'kubectl scale-ha version --client -o json'],
  ]);
}
