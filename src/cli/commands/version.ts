import type { Command } from 'commander';
import { readServerVersion } from '../../apply/session.ts';
import { pluginVersion } from '../version.ts';
import { connect, globalsOf } from '../context.ts';
import { parseOutputFormat, renderData } from '../output.ts';
import type { Io } from '../program.ts';

export function registerVersion(program: Command, io: Io): void {
  program
    .command('version')
    .description("print the plugin's version and, unless --client, the API server's")
    .option('--client', 'print only the client version (no cluster needed)')
    .action(async (options: { client?: boolean }, command: Command) => {
      const client = { pluginVersion, node: process.version };
      if (options.client) {
        const format = parseOutputFormat(globalsOf(command).output);
        io.stdout.write(
          format === 'table' ? `kubectl-scale_ha ${pluginVersion} (node ${process.version})\n` : renderData(format, { client }),
        );
        return;
      }
      const ctx = connect(command);
      const server = await readServerVersion(ctx.session);
      if (ctx.output === 'table') {
        io.stdout.write(`kubectl-scale_ha ${pluginVersion} (node ${process.version})\nServer Version: ${server.gitVersion ?? 'unknown'}\n`);
      } else {
        io.stdout.write(
          renderData(ctx.output, {
            client,
            server: { gitVersion: server.gitVersion, platform: server.platform },
            context: ctx.session.contextName,
          }),
        );
      }
    });
}
