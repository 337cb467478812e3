import type { Command } from 'commander';
import type { TimelineFlags } from '../commands/timeline.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { t } from '../../i18n/index.ts';

export function registerTimeline(program: Command, io: Io): void {
  const timeline = program
    .command('timeline')
    .description(t('help.timeline.description'))
    .argument('<hpa>', t('help.timeline.argument.hpa'))
    .option('--since <duration>', t('help.timeline.option.since'))
    .option('-w, --watch', t('help.timeline.option.watch'))
    .action(async (name: string, flags: TimelineFlags, command: Command) =>
      (await import('../commands/timeline.ts')).timelineAction(io, name, flags, command),
    );
  withExamples(timeline, [
    [t('help.timeline.example1'), 'kubectl scale-ha timeline web -n shop'],
    [t('help.timeline.example2'), 'kubectl scale-ha timeline web -n shop -w'],
    [t('help.timeline.example3'), 'kubectl scale-ha timeline web -n shop --since 30m -o json'],
  ]);
}
