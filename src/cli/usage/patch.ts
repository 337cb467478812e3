import type { Command } from 'commander';
import { presetNames } from '../../hpa/presets.ts';
import type { ComponentFlags, HpaFlags, WorkloadFlags } from '../commands/patch.ts';
import { addResourceOptions } from '../flags.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { addRouteOptions, addWriteOptions } from './write-flags.ts';

const scaleOptions = (command: Command, maxHelp = 'maximum replicas') =>
  addRouteOptions(command)
    .option('--min <n>', 'minimum replicas')
    .option('--max <n>', maxHelp)
    .option('--cpu <percent>', 'target average CPU utilization (percent of requests)');

/** Apigee runtime's scaling behavior and wait-time targets (apigee-env's runtime.hpaBehavior and hpaMetrics). */
const runtimeOptions = (command: Command) =>
  command
    .option(
      '--behavior <preset|file>',
      `runtime only: hpaBehavior, ${presetNames.join(', ')}, or a YAML/JSON file (within Apigee's ranges)`,
    )
    .option('--wait-time <quantity>', 'runtime only: serverMainTaskWaitTime and serverNioTaskWaitTime target, 300M–450M (capital M)');

const actions = () => import('../commands/patch.ts');

export function registerPatch(program: Command, io: Io): void {
  const patch = program
    .command('patch')
    .description(
      'change scaling settings safely: validate, check access and ownership, diff, server dry-run, confirm, write with a conflict check, journal',
    );
  withExamples(patch, [
    ['Raise the maximum of an HPA no operator owns; preview first', 'kubectl scale-ha patch hpa web --max 12 -n shop --dry-run'],
    [
      "Scale the Apigee runtime through its ApigeeEnvironment (the namespace's only environment)",
      'kubectl scale-ha patch env runtime --max 10 -n apigee',
    ],
    [
      'Spread a Deployment over zones',
      'kubectl scale-ha patch workload deployment/web --anti-affinity preferred --topology-key zone -n shop',
    ],
  ]);

  const env = runtimeOptions(
    scaleOptions(
      addWriteOptions(
        patch
          .command('env')
          .description(
            'scale an Apigee environment component (runtime, synchronizer, udca) through its ApigeeEnvironment, found by spec.name',
          )
          .argument('[ENV]', 'environment name (spec.name); may be omitted when the namespace has exactly one')
          .argument('[COMPONENT]', 'runtime | synchronizer | udca'),
      ),
    ),
  ).action(async (first: string | undefined, second: string | undefined, flags: ComponentFlags, command: Command) =>
    (await actions()).patchEnvAction(io, first, second, flags, command),
  );
  withExamples(env, [
    ["Raise the runtime's maximum when the namespace has one environment", 'kubectl scale-ha patch env runtime --max 10 -n apigee'],
    [
      'Environment test: scale up sooner, with a lower wait-time target',
      'kubectl scale-ha patch env test runtime --behavior apigee-more-aggressive --wait-time 350M -n apigee',
    ],
    [
      "Preview the synchronizer's minimum through the server's dry run",
      'kubectl scale-ha patch env test synchronizer --min 2 -n apigee --dry-run',
    ],
  ]);

  const org = scaleOptions(
    addWriteOptions(
      patch
        .command('org')
        .description('scale an Apigee organization component (mart, connectAgent, watcher, udca) through its ApigeeOrganization')
        .argument('<COMPONENT>', 'mart | connectAgent | watcher | udca'),
    ),
    'maximum replicas (watcher: 1)',
  ).action(async (component: string, flags: ComponentFlags, command: Command) =>
    (await actions()).patchOrgAction(io, component, flags, command),
  );
  withExamples(org, [
    ['Two to four MART replicas', 'kubectl scale-ha patch org mart --min 2 --max 4 -n apigee'],
    ["The Connect agent's CPU target, without a prompt (for scripts)", 'kubectl scale-ha patch org connectAgent --cpu 75 -n apigee --yes'],
  ]);

  const hpa = scaleOptions(
    addWriteOptions(patch.command('hpa').description('change an HPA that no operator owns').argument('<NAME>', 'HPA name')),
  )
    .option('--behavior <preset|file>', `scaling behavior: ${presetNames.join(', ')}, or a YAML/JSON file`)
    .action(async (name: string, flags: HpaFlags, command: Command) => (await actions()).patchHpaAction(io, name, flags, command));
  withExamples(hpa, [
    ['Three to twelve replicas at 70 % CPU', 'kubectl scale-ha patch hpa web --min 3 --max 12 --cpu 70 -n shop'],
    [
      "Back to Kubernetes' default behavior; preview only",
      'kubectl scale-ha patch hpa web --behavior kubernetes-default -n shop --dry-run=server',
    ],
    [
      'A behavior from a file, written into your helm values file too',
      'kubectl scale-ha patch hpa web --behavior behavior.yaml --values values.yaml -n shop',
    ],
  ]);

  const workload = addResourceOptions(
    addRouteOptions(
      addWriteOptions(
        patch
          .command('workload')
          .description(
            'change a Deployment or StatefulSet: replicas, pod anti-affinity, topology spread, container or Wallarm sidecar resources',
          )
          .argument('<KIND/NAME>', 'deployment/NAME or statefulset/NAME'),
      ),
    )
      .option('--replicas <n>', 'spec.replicas (refused when an HPA scales the workload, unless --force-replicas)')
      .option('--force-replicas', 'write spec.replicas even though an HPA manages it')
      .option('--anti-affinity <mode>', 'pod anti-affinity against its own pods: none | preferred | required')
      .option('--topology-key <key>', 'hostname | zone (default: the current key, else hostname)')
      .option('--weight <n>', 'weight of a preferred anti-affinity term, 1–100 (default 100)')
      .option('--topology-spread <key>', 'spread its pods evenly: hostname | zone | none (removes its own constraints)')
      .option('--max-skew <n>', 'allowed pod-count difference between topology domains (default 1)')
      .option('--when-unsatisfiable <mode>', 'ScheduleAnyway (default) | DoNotSchedule'),
  ).action(async (refText: string, flags: WorkloadFlags, command: Command) =>
    (await actions()).patchWorkloadAction(io, refText, flags, command),
  );
  withExamples(workload, [
    ['Three replicas of a StatefulSet no HPA scales', 'kubectl scale-ha patch workload statefulset/db --replicas 3 -n shop'],
    ['Keep replicas on different nodes where possible', 'kubectl scale-ha patch workload deployment/web --anti-affinity preferred -n shop'],
    ['Spread evenly over zones', 'kubectl scale-ha patch workload deployment/web --topology-spread zone --max-skew 1 -n shop'],
    [
      "One container's requests and memory limit",
      'kubectl scale-ha patch workload deployment/web -c app --requests cpu=250m,memory=256Mi --limits memory=512Mi -n shop',
    ],
    [
      'Two Wallarm sidecars in one rollout, each followed by its own lists',
      'kubectl scale-ha patch workload deployment/web --sidecar proxy --requests cpu=100m,memory=128Mi --limits memory=256Mi ' +
        '--sidecar init-iptables --requests cpu=10m,memory=32Mi --limits memory=64Mi -n shop',
    ],
  ]);
}
