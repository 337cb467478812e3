import type { Command } from 'commander';
import type { DoctorFlags } from '../commands/doctor.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { t } from '../../i18n/index.ts';

/** A flag given more than once keeps every value, in order (helm merges values files in that order). */
const repeated = (value: string, previous: string[] = []) => [...previous, value];

export function registerDoctor(program: Command, io: Io): void {
  const doctor = program
    .command('doctor')
    .description(t('help.doctor.description'))
    .argument('[category]', t('help.doctor.argument.category'))
    .argument('[name]', t('help.doctor.argument.name'))
    .option('-l, --selector <selector>', t('help.doctor.option.selector'))
    .option('-w, --watch', t('help.doctor.option.watch'))
    .option('-f, --filename <path>', t('help.doctor.option.filename'), repeated)
    .option('--chart <path|ref>', t('help.doctor.option.chart'))
    .option('--set <key=value>', t('help.doctor.option.set'), repeated)
    .option('--set-string <key=value>', t('help.doctor.option.setString'), repeated)
    .option('--chart-version <version>', t('help.doctor.option.chartVersion'))
    .option('--release <name>', t('help.doctor.option.release'))
    .option('--helm <path>', t('help.doctor.option.helm'))
    .option('--nodes <file>', t('help.doctor.option.nodes'))
    .option('--explain <id>', t('help.doctor.option.explain'))
    .option('--list-checks', t('help.doctor.option.listChecks'))
    .option('--fail-on <severity>', t('help.doctor.option.failOn'))
    .addHelpText('after', t('help.doctor.after'))
    .action(async (first: string | undefined, second: string | undefined, flags: DoctorFlags, command: Command) =>
      (await import('../commands/doctor.ts')).doctorAction(io, [first, second], flags, command),
    );
  withExamples(doctor, [
    [t('help.doctor.example1'), 'kubectl scale-ha doctor'],
    [t('help.doctor.example2'), 'kubectl scale-ha doctor hpa -A --fail-on warning'],
    [t('help.doctor.example3'), 'kubectl scale-ha doctor web -n shop'],
    [t('help.doctor.example4'), 'kubectl scale-ha doctor ha -n apigee -l app=apigee-runtime -o json'],
    [t('help.doctor.example5'), 'kubectl scale-ha doctor -f k8s/ -o sarif > doctor.sarif'],
    [t('help.doctor.example6'), 'helm template web ./chart | kubectl scale-ha doctor -f - --nodes nodes.yaml'],
    [t('help.doctor.example7'), 'kubectl scale-ha doctor --chart wallarm/wallarm-sidecar --chart-version 6.7.2 -f values.yaml -n wallarm'],
    [t('help.doctor.example8'), 'kubectl scale-ha doctor -f overrides.yaml -o junit'],
    [t('help.doctor.example9'), 'kubectl scale-ha doctor --explain HPA003'],
  ]);
}
