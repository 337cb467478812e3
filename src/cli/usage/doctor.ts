import type { Command } from 'commander';
import type { DoctorFlags } from '../commands/doctor.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';

/** A flag given more than once keeps every value, in order (helm merges values files in that order). */
const repeated = (value: string, previous: string[] = []) => [...previous, value];

export function registerDoctor(program: Command, io: Io): void {
  const doctor = program
    .command('doctor')
    .description('diagnose HPAs, high availability and resources; every finding has an id and an exact fix')
    .argument('[category]', 'hpa, ha or resources (default: all); may be left out before a NAME')
    .argument('[name]', 'one object: an HPA or workload name')
    .option('-l, --selector <selector>', 'label selector for the workloads (kubectl syntax)')
    .option('-w, --watch', 'after the report, print the findings that appear or go away as the workloads change, until Ctrl+C')
    .option(
      '-f, --filename <path>',
      'check files instead of a cluster: manifests (YAML, JSON, Lists), directories of them, values files, - for stdin; with --chart, helm values files (repeatable)',
      repeated,
    )
    .option(
      '--chart <path|ref>',
      'render this chart with helm template (the -f values, --set) and check the result; -n is the release namespace',
    )
    .option('--set <key=value>', 'with --chart: a value as helm --set takes it (repeatable)', repeated)
    .option('--set-string <key=value>', 'with --chart: a string value as helm --set-string takes it (repeatable)', repeated)
    .option('--chart-version <version>', 'with --chart: the chart version to render (a repository or OCI chart)')
    .option('--release <name>', "with --chart: the release name (default: the chart's name)")
    .option('--helm <path>', 'with --chart: the helm executable (default: helm on PATH; helm 3.14+ or 4)')
    .option('--nodes <file>', 'with -f or --chart: Node objects (kubectl get nodes -o yaml) for the checks that need the nodes')
    .option('--explain <id>', 'print the long explanation of a check id (e.g. HPA003) and exit')
    .option('--list-checks', 'list every check id and title')
    .option(
      '--fail-on <severity>',
      "exit 3 when a finding of this severity or worse exists: error|warning|info|none (default: the config file's doctor.failOn, else error)",
    )
    .addHelpText(
      'after',
      `
With -f or --chart no cluster is contacted (no kubeconfig is read): pods are modelled from the pod templates (Wallarm's injected sidecars included, from the chart's config.sidecar.* values and the sidecar.wallarm.io/* annotations), objects without a namespace are in -n's (else "default"), and the checks that need live data (metrics APIs, running pods, status, nodes without --nodes) are skipped with a note on stderr. -o sarif and -o junit write reports for CI.

The config file (--config FILE, $SCALE_HA_CONFIG, else $XDG_CONFIG_HOME/kubectl-scale-ha/config.yaml) sets --fail-on's default, skips or re-ranks checks and excepts findings per namespace with a reason; the report counts what it suppressed. See docs/config.md and kubectl scale-ha config view.

Exit codes: 0 no finding at --fail-on level, 3 findings at that level, 2 usage error (a bad flag, a file that is not YAML or not objects, a chart helm cannot render); see kubectl scale-ha --help for the rest.`,
    )
    .action(async (first: string | undefined, second: string | undefined, flags: DoctorFlags, command: Command) =>
      (await import('../commands/doctor.ts')).doctorAction(io, [first, second], flags, command),
    );
  withExamples(doctor, [
    ['Every check over the current namespace', 'kubectl scale-ha doctor'],
    ['HPA checks in all namespaces; exit 3 on warnings too (for a pipeline)', 'kubectl scale-ha doctor hpa -A --fail-on warning'],
    ['One HPA or workload, with or without a category', 'kubectl scale-ha doctor web -n shop'],
    ['High availability of the Apigee runtime only, as JSON', 'kubectl scale-ha doctor ha -n apigee -l app=apigee-runtime -o json'],
    ['Manifests before deploy, for CI code scanning (no cluster needed)', 'kubectl scale-ha doctor -f k8s/ -o sarif > doctor.sarif'],
    [
      'Rendered output piped in, with the nodes saved from the target cluster',
      'helm template web ./chart | kubectl scale-ha doctor -f - --nodes nodes.yaml',
    ],
    [
      'A chart with your values, as helm would render it (Wallarm sidecars modelled from its config.sidecar.*)',
      'kubectl scale-ha doctor --chart wallarm/wallarm-sidecar --chart-version 6.7.2 -f values.yaml -n wallarm',
    ],
    [
      'Apigee overrides checked as values (ranges, the lowercase-m trap, per-environment 0)',
      'kubectl scale-ha doctor -f overrides.yaml -o junit',
    ],
    ['What a finding means and how it is fixed', 'kubectl scale-ha doctor --explain HPA003'],
  ]);
}
