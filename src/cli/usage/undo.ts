import type { Command } from 'commander';
import type { UndoFlags } from '../commands/undo.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { addHelmOptions, addWriteOptions } from './write-flags.ts';
import { t } from '../../i18n/index.ts';

export function registerUndo(program: Command, io: Io): void {
  const undo = addHelmOptions(
    addWriteOptions(program.command('undo').description(t('help.undo.description')).argument('[ID]', t('help.undo.argument.ID'))),
  )
    .option('--force', t('help.undo.option.force'))
    .action(async (id: string | undefined, flags: UndoFlags, command: Command) =>
      (await import('../commands/undo.ts')).undoAction(io, id, flags, command),
    );
  withExamples(undo, [
    [t('help.undo.example1'), 'kubectl scale-ha undo --dry-run'],
    [t('help.undo.example2'), 'kubectl scale-ha undo 20261125-154512 --yes'],
  ]);
}
