import type { Command } from 'commander';
import { readServerVersion } from '../../apply/session.ts';
import { clientVersion, clientVersionLine } from '../version.ts';
import { t } from '../../i18n/index.ts';
import { connect } from '../context.ts';
import { renderData } from '../output.ts';
import type { Io } from '../program.ts';

/** `version` without --client: the API server's too (`version --client` needs no module of this file: cli/usage/version.ts). */
export async function versionAction(io: Io, command: Command): Promise<void> {
  const ctx = connect(command);
  const server = await readServerVersion(ctx.session);
  if (ctx.output === 'table') {
    const version = server.gitVersion ?? t('cli.version.unknown');
    io.stdout.write(`${clientVersionLine()}\n${t('cli.version.server', { version })}\n`);
  } else {
    io.stdout.write(
      renderData(ctx.output, {
        client: clientVersion(),
        server: { gitVersion: server.gitVersion, platform: server.platform },
        context: ctx.session.contextName,
      }),
    );
  }
}
