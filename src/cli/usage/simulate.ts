import type { Command } from 'commander';
import { presetNames } from '../../hpa/presets.ts';
import type { SimulateFlags } from '../commands/simulate.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';

export function registerSimulate(program: Command, io: Io): void {
  const simulate = program
    .command('simulate')
    .description("what the HPA controller would do on a load, for one or two behaviors side by side (the controller's exact algorithm)")
    .argument('[hpa]', 'name of a live HPA in the namespace (or use --spec)')
    .option('--spec <file>', 'HPA manifest or spec (YAML/JSON) instead of a live HPA')
    .option('--load <csv>', "load series: lines t_seconds,load; load = total demand in units of one pod's request")
    .option('--pattern <name>', 'built-in load: spike|ramp|diurnal')
    .option('--behavior <preset|file>', `behavior to simulate: current, ${presetNames.join(', ')}, or a file`, 'current')
    .option('--compare <preset|file>', 'a second behavior, shown side by side')
    .option('--duration <duration>', 'simulated time, e.g. 30m, 2h (default 30m, or the CSV plus 5m)')
    .option('--startup-delay <duration>', 'pod creation to Ready; new pods carry no load until then', '30s')
    .option('--sync-period <duration>', "the controller's --horizontal-pod-autoscaler-sync-period", '15s')
    .option('--start-replicas <n>', 'replicas at the start (default minReplicas)')
    .option('--base <load>', 'pattern: quiet load (default minReplicas at target)')
    .option('--peak <load>', 'pattern: busiest load (default 80 % of maxReplicas at target)')
    .action(async (name: string | undefined, flags: SimulateFlags, command: Command) =>
      (await import('../commands/simulate.ts')).simulateAction(io, name, flags, command),
    );
  withExamples(simulate, [
    [
      "A live HPA on a built-in spike, its own behavior beside Apigee's default",
      'kubectl scale-ha simulate web -n shop --pattern spike --compare apigee-default',
    ],
    ['A manifest on your load series (t_seconds,load lines), as JSON', 'kubectl scale-ha simulate --spec hpa.yaml --load load.csv -o json'],
    [
      'A slow start-up on a daily curve for 24 hours',
      'kubectl scale-ha simulate web -n shop --pattern diurnal --duration 24h --startup-delay 2m',
    ],
  ]);
}
