import type { Command } from 'commander';
import type { ListFlags } from '../commands/list.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';

export function registerList(program: Command, io: Io): void {
  const list = program
    .command('list')
    .description('one row per workload: replicas, its HPA, anti-affinity/spread, nodes and zones of ready pods, who owns its scaling')
    .option('-l, --selector <selector>', 'label selector for the workloads (kubectl syntax)')
    .option('-w, --watch', 'after the table, print the rows that change (a terminal redraws it) until Ctrl+C')
    .action(async (flags: ListFlags, command: Command) => (await import('../commands/list.ts')).listAction(io, flags, command));
  withExamples(list, [
    ["The workloads of the context's namespace", 'kubectl scale-ha list'],
    ['Every namespace, only the Apigee runtime', 'kubectl scale-ha list -A -l app=apigee-runtime'],
    ['As JSON, for scripts', 'kubectl scale-ha list -n shop -o json'],
    ['Follow the shop namespace as HPAs scale and rollouts go', 'kubectl scale-ha list -n shop -w'],
  ]);
}
