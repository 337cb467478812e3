import type { Command } from 'commander';
import { presetNames } from '../../hpa/presets.ts';
import type { ComponentFlags, HpaFlags, WorkloadFlags } from '../commands/patch.ts';
import { addResourceOptions } from '../flags.ts';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { addRouteOptions, addWriteOptions } from './write-flags.ts';
import { t } from '../../i18n/index.ts';

const scaleOptions = (command: Command, maxHelp = t('help.patch.option.max')) =>
  addRouteOptions(command)
    .option('--min <n>', t('help.patch.option.min'))
    .option('--max <n>', maxHelp)
    .option('--cpu <percent>', t('help.patch.option.cpu'));

/** Apigee runtime's scaling behavior and wait-time targets (apigee-env's runtime.hpaBehavior and hpaMetrics). */
const runtimeOptions = (command: Command) =>
  command
    .option('--behavior <preset|file>', t('help.patch.option.behavior', { presetNames: presetNames.join(', ') }))
    .option('--wait-time <quantity>', t('help.patch.option.waitTime'));

const actions = () => import('../commands/patch.ts');

export function registerPatch(program: Command, io: Io): void {
  const patch = program.command('patch').description(t('help.patch.description'));
  withExamples(patch, [
    [t('help.patch.example1'), 'kubectl scale-ha patch hpa web --max 12 -n shop --dry-run'],
    [t('help.patch.example2'), 'kubectl scale-ha patch env runtime --max 10 -n apigee'],
    [t('help.patch.example3'), 'kubectl scale-ha patch workload deployment/web --anti-affinity preferred --topology-key zone -n shop'],
  ]);

  const env = runtimeOptions(
    scaleOptions(
      addWriteOptions(
        patch
          .command('env')
          .description(t('help.patch.description2'))
          .argument('[ENV]', t('help.patch.argument.ENV'))
          .argument('[COMPONENT]', t('help.patch.argument.COMPONENT')),
      ),
    ),
  ).action(async (first: string | undefined, second: string | undefined, flags: ComponentFlags, command: Command) =>
    (await actions()).patchEnvAction(io, first, second, flags, command),
  );
  withExamples(env, [
    [t('help.patch.example4'), 'kubectl scale-ha patch env runtime --max 10 -n apigee'],
    [t('help.patch.example5'), 'kubectl scale-ha patch env test runtime --behavior apigee-more-aggressive --wait-time 350M -n apigee'],
    [t('help.patch.example6'), 'kubectl scale-ha patch env test synchronizer --min 2 -n apigee --dry-run'],
  ]);

  const org = scaleOptions(
    addWriteOptions(
      patch.command('org').description(t('help.patch.description3')).argument('<COMPONENT>', t('help.patch.argument.COMPONENT2')),
    ),
    t('help.patch.option.maxWatcher'),
  ).action(async (component: string, flags: ComponentFlags, command: Command) =>
    (await actions()).patchOrgAction(io, component, flags, command),
  );
  withExamples(org, [
    [t('help.patch.example7'), 'kubectl scale-ha patch org mart --min 2 --max 4 -n apigee'],
    [t('help.patch.example8'), 'kubectl scale-ha patch org connectAgent --cpu 75 -n apigee --yes'],
  ]);

  const hpa = scaleOptions(
    addWriteOptions(patch.command('hpa').description(t('help.patch.description4')).argument('<NAME>', t('help.patch.argument.NAME'))),
  )
    .option('--behavior <preset|file>', t('help.patch.option.behavior2', { presetNames: presetNames.join(', ') }))
    .action(async (name: string, flags: HpaFlags, command: Command) => (await actions()).patchHpaAction(io, name, flags, command));
  withExamples(hpa, [
    [t('help.patch.example9'), 'kubectl scale-ha patch hpa web --min 3 --max 12 --cpu 70 -n shop'],
    [t('help.patch.example10'), 'kubectl scale-ha patch hpa web --behavior kubernetes-default -n shop --dry-run=server'],
    [t('help.patch.example11'), 'kubectl scale-ha patch hpa web --behavior behavior.yaml --values values.yaml -n shop'],
  ]);

  const workload = addResourceOptions(
    addRouteOptions(
      addWriteOptions(
        patch.command('workload').description(t('help.patch.description5')).argument('<KIND/NAME>', t('help.patch.argument.kindName')),
      ),
    )
      .option('--replicas <n>', t('help.patch.option.replicas'))
      .option('--force-replicas', t('help.patch.option.forceReplicas'))
      .option('--anti-affinity <mode>', t('help.patch.option.antiAffinity'))
      .option('--topology-key <key>', t('help.patch.option.topologyKey'))
      .option('--weight <n>', t('help.patch.option.weight'))
      .option('--topology-spread <key>', t('help.patch.option.topologySpread'))
      .option('--max-skew <n>', t('help.patch.option.maxSkew'))
      .option('--when-unsatisfiable <mode>', t('help.patch.option.whenUnsatisfiable')),
  ).action(async (refText: string, flags: WorkloadFlags, command: Command) =>
    (await actions()).patchWorkloadAction(io, refText, flags, command),
  );
  withExamples(workload, [
    [t('help.patch.example12'), 'kubectl scale-ha patch workload statefulset/db --replicas 3 -n shop'],
    [t('help.patch.example13'), 'kubectl scale-ha patch workload deployment/web --anti-affinity preferred -n shop'],
    [t('help.patch.example14'), 'kubectl scale-ha patch workload deployment/web --topology-spread zone --max-skew 1 -n shop'],
    [
      t('help.patch.example15'),
      'kubectl scale-ha patch workload deployment/web -c app --requests cpu=250m,memory=256Mi --limits memory=512Mi -n shop',
    ],
    [
      t('help.patch.example16'),
      'kubectl scale-ha patch workload deployment/web --sidecar proxy --requests cpu=100m,memory=128Mi --limits memory=256Mi ' +
        '--sidecar init-iptables --requests cpu=10m,memory=32Mi --limits memory=64Mi -n shop',
    ],
  ]);
}
