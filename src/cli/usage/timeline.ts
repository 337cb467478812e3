import type { Command } from 'commander';
import type { TimelineFlags } from '../commands/timeline.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';

export function registerTimeline(program: Command, io: Io): void {
  const timeline = program
    .command('timeline')
    .description(
      "an HPA's scaling decisions over time, from its events and status: each rescale with its metric and the limit it met, failures, a replicas chart",
    )
    .argument('<hpa>', 'name of the HPA in the namespace')
    .option('--since <duration>', 'only what happened in this last stretch, e.g. 30m, 2h (events are kept about 1 h)')
    .option('-w, --watch', 'after the timeline, print each new decision as it happens (Ctrl+C stops)')
    .action(async (name: string, flags: TimelineFlags, command: Command) =>
      (await import('../commands/timeline.ts')).timelineAction(io, name, flags, command),
    );
  withExamples(timeline, [
    ['What an HPA decided and why, with a chart of its replicas', 'kubectl scale-ha timeline web -n shop'],
    ['Follow it live: each new rescale or failure as a new row', 'kubectl scale-ha timeline web -n shop -w'],
    ['The last 30 minutes as JSON, for scripts', 'kubectl scale-ha timeline web -n shop --since 30m -o json'],
  ]);
}
