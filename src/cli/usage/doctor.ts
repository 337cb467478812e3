import type { Command } from 'commander';
import type { DoctorFlags } from '../commands/doctor.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';

export function registerDoctor(program: Command, io: Io): void {
  const doctor = program
    .command('doctor')
    .description('diagnose HPAs, high availability and resources; every finding has an id and an exact fix')
    .argument('[category]', 'hpa, ha or resources (default: all); may be left out before a NAME')
    .argument('[name]', 'one object: an HPA or workload name')
    .option('-l, --selector <selector>', 'label selector for the workloads (kubectl syntax)')
    .option('--explain <id>', 'print the long explanation of a check id (e.g. HPA003) and exit')
    .option('--list-checks', 'list every check id and title')
    .option('--fail-on <severity>', 'exit 3 when a finding of this severity or worse exists: error|warning|info|none', 'error')
    .addHelpText(
      'after',
      '\nExit codes: 0 no finding at --fail-on level, 3 findings at that level, 2 usage error; see kubectl scale-ha --help for the rest.',
    )
    .action(async (first: string | undefined, second: string | undefined, flags: DoctorFlags, command: Command) =>
      (await import('../commands/doctor.ts')).doctorAction(io, [first, second], flags, command),
    );
  withExamples(doctor, [
    ['Every check over the current namespace', 'kubectl scale-ha doctor'],
    ['HPA checks in all namespaces; exit 3 on warnings too (for a pipeline)', 'kubectl scale-ha doctor hpa -A --fail-on warning'],
    ['One HPA or workload, with or without a category', 'kubectl scale-ha doctor web -n shop'],
    ['High availability of the Apigee runtime only, as JSON', 'kubectl scale-ha doctor ha -n apigee -l app=apigee-runtime -o json'],
    ['What a finding means and how it is fixed', 'kubectl scale-ha doctor --explain HPA003'],
  ]);
}
