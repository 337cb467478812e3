import type { Command } from 'commander';
import type { TuiFlags } from '../commands/tui.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';

export function registerTui(program: Command, io: Io): void {
  const tui = program
    .command('tui')
    .description(
      'the interactive terminal app (needs a terminal): workloads and findings, detail, a wizard for replicas, behavior, anti-affinity and sidecar resources, review (server dry-run), apply, history and undo',
    )
    .option('--read-only', 'show no write action')
    .option('--refresh <duration>', 're-list the workloads this often (0 = only on r)', '10s')
    .action(async (flags: TuiFlags, command: Command) => (await import('../commands/tui.ts')).tuiAction(io, flags, command));
  withExamples(tui, [
    ['Every namespace', 'kubectl scale-ha tui -A'],
    ['Look without any write action, re-listing every 30 seconds', 'kubectl scale-ha tui -n shop --read-only --refresh 30s'],
  ]);
}
