// What a run over several contexts says of those it could not read: an error each, beside the others' report,
// and the first one's exit code for the command, so a pipeline notices the cluster it did not see.
import { type FleetResult, fleetExitCode } from '../apply/fleet.ts';
import { t } from '../i18n/index.ts';
import { UserError } from '../k8s/errors.ts';
import { type Io, printError } from './program.ts';

export async function reportUnreadContexts(results: readonly FleetResult<unknown>[], io: Io): Promise<void> {
  for (const result of results)
    if ('error' in result)
      await printError(
        new UserError(t('cli.notes.contextError', { context: result.context, message: result.error.message }), { hint: result.error.hint }),
        io,
      );
  const code = fleetExitCode(results);
  if (code !== undefined) io.exitCode = code;
}
