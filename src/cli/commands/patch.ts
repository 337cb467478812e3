// `kubectl scale-ha patch env|org|hpa|workload`: flags → settings → the one write pipeline → result.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { usageError } from '../../k8s/errors.ts';
import { followRollout, waitForComponentHpas } from '../../apply/observe.ts';
import { componentTarget, hpaTarget, parseWorkloadRef, workloadTarget } from '../../apply/targets.ts';
import { resolveComponent } from '../../plan/apigee.ts';
import {
  parseAntiAffinity,
  parseCount,
  parsePercent,
  parseResourceList,
  parseSidecar,
  parseSpread,
  parseTopologyKey,
  parseWhenUnsatisfiable,
  validateWorkloadSettings,
  type ScaleSettings,
  type WorkloadSettings,
} from '../../plan/settings.ts';
import { behaviorFromDocument, findPreset, looksLikePresetName, presetNames } from '../../hpa/presets.ts';
import type { ApigeeResource, HPABehavior, WorkloadObject } from '../../k8s/types.ts';
import { connect, globalsOf, type CommandContext } from '../context.ts';
import type { Io } from '../program.ts';
import { addWriteOptions, afterWrite, printResult, reporterFor, runWrite, writeMode, type WriteFlags } from '../write.ts';

function namespaceOf(ctx: CommandContext): string {
  if (ctx.namespace === null) throw usageError('patch works on one namespace; -A/--all-namespaces does not apply.');
  return ctx.namespace;
}

function scaleSettings(options: { min?: string; max?: string; cpu?: string }): ScaleSettings {
  const settings: ScaleSettings = {};
  const min = parseCount(options.min, '--min', 1);
  const max = parseCount(options.max, '--max', 1);
  const cpu = parsePercent(options.cpu, '--cpu');
  if (min !== undefined) settings.min = min;
  if (max !== undefined) settings.max = max;
  if (cpu !== undefined) settings.cpu = cpu;
  return settings;
}

/** --behavior PRESET|FILE → a validated behavior (null for kubernetes-default: no behavior). */
export function loadBehavior(text: string): HPABehavior | null {
  const preset = findPreset(text);
  if (preset) return preset.behavior;
  if (looksLikePresetName(text))
    throw usageError(
      `--behavior: "${text}" is neither a preset nor a file.`,
      `Presets: ${presetNames.join(', ')}; or a YAML/JSON file path.`,
    );
  let source: string;
  try {
    source = readFileSync(text, 'utf8');
  } catch (error) {
    throw usageError(`--behavior: cannot read ${text}: ${(error as Error).message}.`);
  }
  const document = parseDocument(source);
  const first = document.errors[0];
  if (first) {
    const at = first.linePos?.[0];
    throw usageError(
      `--behavior: ${text}${at ? `:${at.line}:${at.col}` : ''}: ${first.message.split('\n')[0]}`,
      'Fix the YAML at that line and column (indentation is the usual cause).',
    );
  }
  const behavior = behaviorFromDocument(document.toJS(), text).behavior;
  return behavior;
}

async function componentCommand(
  io: Io,
  command: Command,
  kind: 'ApigeeEnvironment' | 'ApigeeOrganization',
  envName: string | undefined,
  componentText: string,
  options: WriteFlags & { min?: string; max?: string; cpu?: string },
) {
  const settings = scaleSettings(options);
  const component = resolveComponent(kind, componentText);
  const mode = writeMode(options);
  const ctx = connect(command);
  const target = await componentTarget(ctx.client, namespaceOf(ctx), kind, envName, component, settings, {
    namespaceExplicit: globalsOf(command).namespace !== undefined,
    onInfo: (text) => io.stderr.write(`${text}\n`),
  });
  const result = await runWrite(io, ctx, target, options);
  let hpa: Awaited<ReturnType<typeof waitForComponentHpas>> | { error: string } | undefined;
  if (result.status === 'applied' && mode.waitMs > 0 && (settings.min !== undefined || settings.max !== undefined)) {
    const report = reporterFor(io, ctx.output !== 'table');
    hpa = await afterWrite(report, `waiting for the ${component} HPA`, async () => {
      report.info(`Waiting up to ${mode.waitMs / 1000}s for the Apigee operator to update the ${component} HPA…`);
      const seen = await waitForComponentHpas(
        ctx.client,
        result.applied as ApigeeResource,
        component,
        { min: settings.min, max: settings.max },
        mode.waitMs,
      );
      for (const h of seen.hpas)
        report.info(`  hpa/${h.name}: min ${h.minReplicas}, max ${h.maxReplicas}, current ${h.currentReplicas ?? '-'}`);
      if (seen.reconciled) report.info(`The operator reconciled: the ${component} HPA shows the new values.`);
      else
        report.warn(
          `The Apigee operator has not reconciled yet: ${seen.hpas.length ? `the ${component} HPA still shows other values` : `no HPA owned by ${kind} ${target.ref.name} for ${component} was found`} after ${Math.round(seen.waitedMs / 1000)}s. ` +
            `The custom resource is updated; check later with: kubectl get hpa -n ${target.ref.namespace}`,
        );
      return seen;
    });
  }
  printResult(io, ctx, result, hpa ? { hpa } : {});
}

export function registerPatch(program: Command, io: Io): void {
  const patch = program
    .command('patch')
    .description(
      'change scaling settings safely: validate, check access and ownership, diff, server dry-run, confirm, write with a conflict check, journal',
    );

  addWriteOptions(
    patch
      .command('env')
      .description('scale an Apigee environment component (runtime, synchronizer, udca) through its ApigeeEnvironment, found by spec.name')
      .argument('[ENV]', 'environment name (spec.name); may be omitted when the namespace has exactly one')
      .argument('[COMPONENT]', 'runtime | synchronizer | udca'),
  )
    .option('--min <n>', 'minimum replicas')
    .option('--max <n>', 'maximum replicas')
    .option('--cpu <percent>', 'target average CPU utilization (percent of requests)')
    .action(async (first: string | undefined, second: string | undefined, options, command: Command) => {
      if (first === undefined)
        throw usageError('patch env needs a COMPONENT.', 'Example: kubectl scale-ha patch env test runtime --max 10');
      const [env, component] = second === undefined ? [undefined, first] : [first, second];
      await componentCommand(io, command, 'ApigeeEnvironment', env, component, options);
    });

  addWriteOptions(
    patch
      .command('org')
      .description('scale an Apigee organization component (mart, connectAgent, watcher, udca) through its ApigeeOrganization')
      .argument('<COMPONENT>', 'mart | connectAgent | watcher | udca'),
  )
    .option('--min <n>', 'minimum replicas')
    .option('--max <n>', 'maximum replicas (watcher: 1)')
    .option('--cpu <percent>', 'target average CPU utilization (percent of requests)')
    .action(async (component: string, options, command: Command) =>
      componentCommand(io, command, 'ApigeeOrganization', undefined, component, options),
    );

  addWriteOptions(patch.command('hpa').description('change an HPA that no operator owns').argument('<NAME>', 'HPA name'))
    .option('--min <n>', 'minimum replicas')
    .option('--max <n>', 'maximum replicas')
    .option('--cpu <percent>', 'target average CPU utilization (percent of requests)')
    .option('--behavior <preset|file>', `scaling behavior: ${presetNames.join(', ')}, or a YAML/JSON file`)
    .action(
      async (name: string, options: WriteFlags & { min?: string; max?: string; cpu?: string; behavior?: string }, command: Command) => {
        const settings = {
          ...scaleSettings(options),
          ...(options.behavior !== undefined ? { behavior: loadBehavior(options.behavior) } : {}),
        };
        writeMode(options);
        const ctx = connect(command);
        const result = await runWrite(io, ctx, hpaTarget(ctx.client, namespaceOf(ctx), name, settings), options);
        printResult(io, ctx, result);
      },
    );

  addWriteOptions(
    patch
      .command('workload')
      .description(
        'change a Deployment or StatefulSet: replicas, pod anti-affinity, topology spread, container or Wallarm sidecar resources',
      )
      .argument('<KIND/NAME>', 'deployment/NAME or statefulset/NAME'),
  )
    .option('--replicas <n>', 'spec.replicas (refused when an HPA scales the workload, unless --force-replicas)')
    .option('--force-replicas', 'write spec.replicas even though an HPA manages it')
    .option('--anti-affinity <mode>', 'pod anti-affinity against its own pods: none | preferred | required')
    .option('--topology-key <key>', 'hostname | zone (default: the current key, else hostname)')
    .option('--weight <n>', 'weight of a preferred anti-affinity term, 1–100 (default 100)')
    .option('--topology-spread <key>', 'spread its pods evenly: hostname | zone | none (removes its own constraints)')
    .option('--max-skew <n>', 'allowed pod-count difference between topology domains (default 1)')
    .option('--when-unsatisfiable <mode>', 'ScheduleAnyway (default) | DoNotSchedule')
    .option('-c, --container <name>', 'container (init containers included) for --requests/--limits')
    .option('--sidecar <name>', 'Wallarm injected container: proxy | helper | init-iptables | init-helper')
    .option('--requests <list>', 'cpu=…,memory=…')
    .option('--limits <list>', 'cpu=…,memory=…')
    .action(async (refText: string, options: WriteFlags & Record<string, string | boolean | undefined>, command: Command) => {
      const { kind, name } = parseWorkloadRef(refText);
      const str = (key: string) => (typeof options[key] === 'string' ? (options[key] as string) : undefined);
      const settings: WorkloadSettings = {};
      const replicas = parseCount(str('replicas'), '--replicas', 0);
      const weight = parseCount(str('weight'), '--weight', 1);
      const antiAffinity = parseAntiAffinity(str('antiAffinity'));
      const topologyKey = parseTopologyKey(str('topologyKey'));
      const sidecar = parseSidecar(str('sidecar'));
      const spread = parseSpread(str('topologySpread'));
      const maxSkew = parseCount(str('maxSkew'), '--max-skew', 1);
      const whenUnsatisfiable = parseWhenUnsatisfiable(str('whenUnsatisfiable'));
      const requests = parseResourceList(str('requests'), '--requests');
      const limits = parseResourceList(str('limits'), '--limits');
      Object.assign(settings, {
        ...(replicas !== undefined ? { replicas } : {}),
        ...(options.forceReplicas ? { forceReplicas: true } : {}),
        ...(antiAffinity ? { antiAffinity } : {}),
        ...(topologyKey ? { topologyKey } : {}),
        ...(weight !== undefined ? { weight } : {}),
        ...(spread ? { spread } : {}),
        ...(maxSkew !== undefined ? { maxSkew } : {}),
        ...(whenUnsatisfiable ? { whenUnsatisfiable } : {}),
        ...(str('container') ? { container: str('container') } : {}),
        ...(sidecar ? { sidecar } : {}),
        ...(requests ? { requests } : {}),
        ...(limits ? { limits } : {}),
      });
      validateWorkloadSettings(settings);
      const mode = writeMode(options);
      const ctx = connect(command);
      const report = reporterFor(io, ctx.output !== 'table');
      const target = workloadTarget(ctx.client, namespaceOf(ctx), kind, name, settings, report.warn);
      const result = await runWrite(io, ctx, target, options);
      let rollout: Awaited<ReturnType<typeof followRollout>> | { error: string } | undefined;
      if (result.status === 'applied' && mode.waitMs > 0) {
        const what = `${kind.toLowerCase()}/${name}`;
        rollout = await afterWrite(report, `following the rollout of ${what}`, async () => {
          const seen = await followRollout(ctx.client, target.ref, result.applied as WorkloadObject, mode.waitMs);
          if (seen.complete) report.info(`Rollout of ${what} complete: ${seen.updated}/${seen.desired} pods updated and available.`);
          else
            report.warn(
              `Rollout of ${what} still in progress after ${Math.round(seen.waitedMs / 1000)}s: ${seen.updated}/${seen.desired} updated, ${seen.available} available. Follow with: kubectl rollout status ${what} -n ${target.ref.namespace}`,
            );
          return seen;
        });
      }
      printResult(io, ctx, result, rollout ? { rollout } : {});
    });
}
