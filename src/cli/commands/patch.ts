// `kubectl scale-ha patch env|org|hpa|workload`: flags → settings → the one write pipeline → result.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { usageError } from '../../errors.ts';
import { executeChange, type DryRunMode, type ExecuteResult, type Reporter } from '../../apply/pipeline.ts';
import { journalDir } from '../../apply/journal.ts';
import { followRollout, waitForComponentHpas } from '../../apply/observe.ts';
import { checkWriteAccess } from '../../apply/preflight.ts';
import { componentTarget, hpaTarget, parseWorkloadRef, workloadTarget, type Target } from '../../apply/targets.ts';
import { whoAmI } from '../../kube/write.ts';
import { resolveComponent } from '../../plan/apigee.ts';
import { parseAntiAffinity, parseCount, parsePercent, parseResourceList, parseSidecar, parseSpread, parseTopologyKey, parseWhenUnsatisfiable, validateWorkloadSettings, type ScaleSettings, type WorkloadSettings } from '../../plan/settings.ts';
import { behaviorFromDocument, findPreset, looksLikePresetName, presetNames } from '../../hpa/presets.ts';
import type { ApigeeResource, HPABehavior, WorkloadObject } from '../../snapshot/k8s.ts';
import { connect, globalsOf, parseDuration, type CommandContext } from '../context.ts';
import { colorEnabled, painter, renderData } from '../output.ts';
import type { Io } from '../program.ts';

export interface WriteFlags {
  dryRun?: string | boolean;
  yes?: boolean;
  waitTimeout?: string;
}

export function addWriteOptions(command: Command): Command {
  return command
    .option('--dry-run [mode]', 'stop before writing: server (the API server validates and answers the result; default) or client (local only)')
    .option('-y, --yes', 'apply without asking (for scripts); after a conflict only an identical re-planned change proceeds')
    .option('--wait-timeout <duration>', 'how long to follow the effect of the write (HPA reconcile, rollout); 0 = do not wait', '30s');
}

export function parseDryRun(value: string | boolean | undefined): DryRunMode {
  if (value === undefined || value === false) return 'none';
  if (value === true || value === 'server') return 'server';
  if (value === 'client' || value === 'none') return value;
  throw usageError(`--dry-run: "${value}" is not server, client or none.`);
}

/** Validate step shared by every write: refuse early when nobody can confirm. */
export function writeMode(flags: WriteFlags): { dryRun: DryRunMode; interactive: boolean; waitMs: number } {
  const dryRun = parseDryRun(flags.dryRun);
  const waitMs = parseDuration(flags.waitTimeout ?? '30s', '--wait-timeout');
  const interactive = Boolean(process.stdin.isTTY) && !flags.yes;
  if (dryRun === 'none' && !flags.yes && !interactive) {
    throw usageError('Refusing to write without confirmation: stdin is not a terminal.', 'Pass --yes to apply, or --dry-run=server to preview the change.');
  }
  return { dryRun, interactive, waitMs };
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    // Ctrl+D or Ctrl+C at the prompt: no answer is a no
    return false;
  } finally {
    rl.close();
  }
}

export function reporterFor(io: Io, json: boolean): Reporter {
  const paint = painter(colorEnabled(io.stderr, io.env));
  const main = json ? io.stderr : io.stdout;
  return {
    show: (text) => main.write(text.endsWith('\n') ? text : `${text}\n`),
    info: (text) => main.write(`${text}\n`),
    warn: (text) => io.stderr.write(`${paint('yellow', 'warning:')} ${text}\n`),
  };
}

/** Pre-flight, then the pipeline; returns the result for the command's own follow-up and output. */
export async function runWrite(io: Io, ctx: CommandContext, target: Target, flags: WriteFlags, extra: { undoOf?: string } = {}): Promise<ExecuteResult> {
  const mode = writeMode(flags);
  const json = ctx.output !== 'table';
  const report = reporterFor(io, json);
  if (mode.dryRun !== 'client') for (const warning of await checkWriteAccess(ctx.client, target.ref)) report.warn(warning);
  const user = await whoAmI(ctx.client).catch(() => ctx.loaded.kubeConfig.getCurrentUser()?.name ?? 'unknown');
  return executeChange(ctx.client, target.plan, {
    dryRun: mode.dryRun,
    yes: Boolean(flags.yes),
    confirm: mode.interactive ? askOnTerminal : undefined,
    report,
    paint: painter(colorEnabled(json ? io.stderr : io.stdout, io.env)),
    journal: { dir: journalDir(io.env), context: ctx.loaded.contextName, server: ctx.client.server, user, command: ['kubectl', 'scale-ha', ...process.argv.slice(2)].join(' '), ...(extra.undoOf ? { undoOf: extra.undoOf } : {}) },
  });
}

export function resultData(result: ExecuteResult, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { change } = result;
  return {
    status: result.status,
    object: { ...change.ref },
    changes: [{ patchType: change.patchType, patch: change.patch, summary: change.summary, warnings: change.warnings, notes: change.notes }],
    dryRun: result.dryRun,
    diff: result.diff.replace(/\u001b\[[0-9;]*m/g, ''),
    journalId: result.journalId ?? null,
    attempts: result.attempts,
    ...extra,
  };
}

export function printResult(io: Io, ctx: CommandContext, result: ExecuteResult, extra: Record<string, unknown> = {}): void {
  if (ctx.output !== 'table') io.stdout.write(renderData(ctx.output, resultData(result, extra)));
}

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
  if (looksLikePresetName(text)) throw usageError(`--behavior: "${text}" is neither a preset nor a file.`, `Presets: ${presetNames.join(', ')}; or a YAML/JSON file path.`);
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
    throw usageError(`--behavior: ${text}${at ? `:${at.line}:${at.col}` : ''}: ${first.message.split('\n')[0]}`, 'Fix the YAML at that line and column (indentation is the usual cause).');
  }
  const behavior = behaviorFromDocument(document.toJS(), text).behavior;
  return behavior;
}

async function componentCommand(io: Io, command: Command, kind: 'ApigeeEnvironment' | 'ApigeeOrganization', envName: string | undefined, componentText: string, options: WriteFlags & { min?: string; max?: string; cpu?: string }) {
  const settings = scaleSettings(options);
  const component = resolveComponent(kind, componentText);
  const mode = writeMode(options);
  const ctx = connect(command);
  const target = await componentTarget(ctx.client, namespaceOf(ctx), kind, envName, component, settings, {
    namespaceExplicit: globalsOf(command).namespace !== undefined,
    onInfo: (text) => io.stderr.write(`${text}\n`),
  });
  const result = await runWrite(io, ctx, target, options);
  let hpa: Awaited<ReturnType<typeof waitForComponentHpas>> | undefined;
  if (result.status === 'applied' && mode.waitMs > 0 && (settings.min !== undefined || settings.max !== undefined)) {
    const report = reporterFor(io, ctx.output !== 'table');
    report.info(`Waiting up to ${mode.waitMs / 1000}s for the Apigee operator to update the ${component} HPA…`);
    hpa = await waitForComponentHpas(ctx.client, result.applied as ApigeeResource, component, { min: settings.min, max: settings.max }, mode.waitMs);
    for (const h of hpa.hpas) report.info(`  hpa/${h.name}: min ${h.minReplicas}, max ${h.maxReplicas}, current ${h.currentReplicas ?? '-'}`);
    if (hpa.reconciled) report.info(`The operator reconciled: the ${component} HPA shows the new values.`);
    else
      report.warn(
        `The Apigee operator has not reconciled yet: ${hpa.hpas.length ? `the ${component} HPA still shows other values` : `no HPA owned by ${kind} ${target.ref.name} for ${component} was found`} after ${Math.round(hpa.waitedMs / 1000)}s. ` +
          `The custom resource is updated; check later with: kubectl get hpa -n ${target.ref.namespace}`,
      );
  }
  printResult(io, ctx, result, hpa ? { hpa } : {});
}

export function registerPatch(program: Command, io: Io): void {
  const patch = program.command('patch').description('change scaling settings safely: validate, check access and ownership, diff, server dry-run, confirm, write with a conflict check, journal');

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
      if (first === undefined) throw usageError('patch env needs a COMPONENT.', 'Example: kubectl scale-ha patch env test runtime --max 10');
      const [env, component] = second === undefined ? [undefined, first] : [first, second];
      await componentCommand(io, command, 'ApigeeEnvironment', env, component, options);
    });

  addWriteOptions(patch.command('org').description('scale an Apigee organization component (mart, connectAgent, watcher, udca) through its ApigeeOrganization').argument('<COMPONENT>', 'mart | connectAgent | watcher | udca'))
    .option('--min <n>', 'minimum replicas')
    .option('--max <n>', 'maximum replicas (watcher: 1)')
    .option('--cpu <percent>', 'target average CPU utilization (percent of requests)')
    .action(async (component: string, options, command: Command) => componentCommand(io, command, 'ApigeeOrganization', undefined, component, options));

  addWriteOptions(patch.command('hpa').description('change an HPA that no operator owns').argument('<NAME>', 'HPA name'))
    .option('--min <n>', 'minimum replicas')
    .option('--max <n>', 'maximum replicas')
    .option('--cpu <percent>', 'target average CPU utilization (percent of requests)')
    .option('--behavior <preset|file>', `scaling behavior: ${presetNames.join(', ')}, or a YAML/JSON file`)
    .action(async (name: string, options: WriteFlags & { min?: string; max?: string; cpu?: string; behavior?: string }, command: Command) => {
      const settings = { ...scaleSettings(options), ...(options.behavior !== undefined ? { behavior: loadBehavior(options.behavior) } : {}) };
      writeMode(options);
      const ctx = connect(command);
      const result = await runWrite(io, ctx, hpaTarget(ctx.client, namespaceOf(ctx), name, settings), options);
      printResult(io, ctx, result);
    });

  addWriteOptions(
    patch
      .command('workload')
      .description('change a Deployment or StatefulSet: replicas, pod anti-affinity, topology spread, container or Wallarm sidecar resources')
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
      let rollout: Awaited<ReturnType<typeof followRollout>> | undefined;
      if (result.status === 'applied' && mode.waitMs > 0) {
        rollout = await followRollout(ctx.client, target.ref, result.applied as WorkloadObject, mode.waitMs);
        const what = `${kind.toLowerCase()}/${name}`;
        if (rollout.complete) report.info(`Rollout of ${what} complete: ${rollout.updated}/${rollout.desired} pods updated and available.`);
        else report.warn(`Rollout of ${what} still in progress after ${Math.round(rollout.waitedMs / 1000)}s: ${rollout.updated}/${rollout.desired} updated, ${rollout.available} available. Follow with: kubectl rollout status ${what} -n ${target.ref.namespace}`);
      }
      printResult(io, ctx, result, rollout ? { rollout } : {});
    });
}
