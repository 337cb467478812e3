import type { Command } from 'commander';
import { presetNames } from '../../hpa/presets.ts';
import type { SimulateFlags } from '../commands/simulate.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { t } from '../../i18n/index.ts';

export function registerSimulate(program: Command, io: Io): void {
  const simulate = program
    .command('simulate')
    .description(t('help.simulate.description'))
    .argument('[hpa]', t('help.simulate.argument.hpa'))
    .option('--spec <file>', t('help.simulate.option.spec'))
    .option('--load <csv>', t('help.simulate.option.load'))
    .option('--pattern <name>', t('help.simulate.option.pattern'))
    .option('--behavior <preset|file>', t('help.simulate.option.behavior', { presetNames: presetNames.join(', ') }), 'current')
    .option('--compare <preset|file>', t('help.simulate.option.compare'))
    .option('--duration <duration>', t('help.simulate.option.duration'))
    .option('--startup-delay <duration>', t('help.simulate.option.startupDelay'), '30s')
    .option('--sync-period <duration>', t('help.simulate.option.syncPeriod'), '15s')
    .option('--start-replicas <n>', t('help.simulate.option.startReplicas'))
    .option('--base <load>', t('help.simulate.option.base'))
    .option('--peak <load>', t('help.simulate.option.peak'))
    .action(async (name: string | undefined, flags: SimulateFlags, command: Command) =>
      (await import('../commands/simulate.ts')).simulateAction(io, name, flags, command),
    );
  withExamples(simulate, [
    [t('help.simulate.example1'), 'kubectl scale-ha simulate web -n shop --pattern spike --compare apigee-default'],
    [t('help.simulate.example2'), 'kubectl scale-ha simulate --spec hpa.yaml --load load.csv -o json'],
    [t('help.simulate.example3'), 'kubectl scale-ha simulate web -n shop --pattern diurnal --duration 24h --startup-delay 2m'],
  ]);
}
