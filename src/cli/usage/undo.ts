import type { Command } from 'commander';
import type { UndoFlags } from '../commands/undo.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { addHelmOptions, addWriteOptions } from './write-flags.ts';

export function registerUndo(program: Command, io: Io): void {
  const undo = addHelmOptions(
    addWriteOptions(
      program
        .command('undo')
        .description('restore what a journaled change altered (default: the newest change in this context not undone yet)')
        .argument('[ID]', 'journal entry id or a unique prefix (see `kubectl scale-ha history`)'),
    ),
  )
    .option(
      '--force',
      'restore even if the changed fields were modified again since, the object was re-created, or the context now points at another server',
    )
    .action(async (id: string | undefined, flags: UndoFlags, command: Command) =>
      (await import('../commands/undo.ts')).undoAction(io, id, flags, command),
    );
  withExamples(undo, [
    ['Preview undoing the newest change made in this context', 'kubectl scale-ha undo --dry-run'],
    [
      'Undo one entry of `kubectl scale-ha history` by a unique prefix of its id, without a prompt',
      'kubectl scale-ha undo 20261125-154512 --yes',
    ],
  ]);
}
