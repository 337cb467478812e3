import type { Command } from 'commander';
import type { ListFlags } from '../commands/list.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { t } from '../../i18n/index.ts';

export function registerList(program: Command, io: Io): void {
  const list = program
    .command('list')
    .description(t('help.list.description'))
    .option('-l, --selector <selector>', t('help.list.option.selector'))
    .option('-w, --watch', t('help.list.option.watch'))
    .action(async (flags: ListFlags, command: Command) => (await import('../commands/list.ts')).listAction(io, flags, command));
  withExamples(list, [
    [t('help.list.example1'), 'kubectl scale-ha list'],
    [t('help.list.example2'), 'kubectl scale-ha list -A -l app=apigee-runtime'],
    [t('help.list.example3'), 'kubectl scale-ha list -n shop -o json'],
    [t('help.list.example4'), 'kubectl scale-ha list -n shop -w'],
  ]);
}
