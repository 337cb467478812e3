import type { Command } from 'commander';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';

export function registerHistory(program: Command, io: Io): void {
  const history = program
    .command('history')
    .description('list the journaled changes (undo one with `kubectl scale-ha undo ID`)')
    .option('--context-only', 'only entries made in the current kubeconfig context (or --context)')
    .action(async (options: { contextOnly?: boolean }, command: Command) =>
      (await import('../commands/history.ts')).historyAction(io, options, command),
    );
  withExamples(history, [
    ['Every journaled change, oldest first', 'kubectl scale-ha history'],
    ["Only this context's changes, as JSON", 'kubectl scale-ha history --context-only -o json'],
  ]);
}
