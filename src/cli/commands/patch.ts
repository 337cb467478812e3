// `kubectl scale-ha patch env|org|hpa|workload`, kubectl-style: validate (flags → an Intent, pure,
// before any request) → complete (the session: kubeconfig, namespace) → run (the write use-case).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';
import { followWrite } from '../../apply/follow.ts';
import { parseWorkloadRef } from '../../apply/targets.ts';
import { type RouteOptions, runWrite, targetOf } from '../../apply/write.ts';
import { resolveBehaviorSource, type ReadFile } from '../../hpa/source.ts';
import type { ScaleSettings } from '../../hpa/scale.ts';
import { usageError } from '../../k8s/errors.ts';
import { checkObjectName } from '../../k8s/limits.ts';
import type { HPABehavior } from '../../k8s/types.ts';
import { type ApigeeKind, type ComponentSettings, resolveComponent, validateComponentSettings } from '../../plan/apigee.ts';
import type { Intent } from '../../plan/intent.ts';
import { OwnerRefusal } from '../../plan/owner.ts';
import {
  parseAntiAffinity,
  parseCount,
  parsePercent,
  parseSpread,
  parseTopologyKey,
  parseWhenUnsatisfiable,
  type ResourceFlags,
  resourceSettings,
} from '../flags.ts';
import { validateWorkloadSettings, type WorkloadSettings } from '../../plan/settings.ts';
import { type CommandContext, connect, globalsOf } from '../context.ts';
import type { Io } from '../program.ts';
import {
  type HelmFlags,
  helmOptions,
  printResult,
  reporterFor,
  type WriteFlags,
  type WriteMode,
  writeMode,
  writeRequest,
  writeSession,
} from '../write.ts';

interface ScaleFlags {
  min?: string;
  max?: string;
  cpu?: string;
}

interface RouteFlags extends HelmFlags {
  direct?: boolean;
}

export type ComponentFlags = WriteFlags & RouteFlags & ScaleFlags & { behavior?: string; waitTime?: string };
export type HpaFlags = WriteFlags & RouteFlags & ScaleFlags & { behavior?: string };

export interface WorkloadFlags extends WriteFlags, RouteFlags, ResourceFlags {
  replicas?: string;
  forceReplicas?: boolean;
  antiAffinity?: string;
  topologyKey?: string;
  weight?: string;
  topologySpread?: string;
  maxSkew?: string;
  whenUnsatisfiable?: string;
}

/** A validated intent without its namespace, which only the session can complete. */
type PendingIntent = { [K in Intent['type']]: Omit<Extract<Intent, { type: K }>, 'namespace'> }[Intent['type']];

function scaleSettings(flags: ScaleFlags): ScaleSettings {
  const settings: ScaleSettings = {};
  const min = parseCount(flags.min, '--min', 1);
  const max = parseCount(flags.max, '--max', 1);
  const cpu = parsePercent(flags.cpu, '--cpu');
  if (min !== undefined) settings.min = min;
  if (max !== undefined) settings.max = max;
  if (cpu !== undefined) settings.cpu = cpu;
  return settings;
}

const readFile: ReadFile = (path) => readFileSync(path, 'utf8');

/** --behavior PRESET|FILE → a validated behavior (null for kubernetes-default: no behavior). */
function loadBehavior(text: string): HPABehavior | null {
  return resolveBehaviorSource(text, { flag: '--behavior', readFile }).behavior;
}

/**
 * `patch hpa` on Apigee's runtime HPA is refused with the environment's command; a --behavior FILE that command
 * would refuse too is named first, at file:line:column with the allowed range (the HPA's owner is known only now).
 */
export function checkRefusedApigeeBehavior(error: unknown, behaviorText: string | undefined, read: ReadFile = readFile): void {
  if (behaviorText === undefined || !(error instanceof OwnerRefusal) || error.remedy?.type !== 'intent') return;
  const { intent } = error.remedy;
  if (intent.type !== 'component' || intent.kind !== 'ApigeeEnvironment' || intent.component !== 'runtime') return;
  resolveBehaviorSource(behaviorText, { flag: '--behavior', readFile: read, apigeeRuntime: true });
}

function validateComponent(kind: ApigeeKind, env: string | undefined, componentText: string, flags: ComponentFlags): PendingIntent {
  const settings: ComponentSettings = {
    ...scaleSettings(flags),
    ...(flags.behavior !== undefined ? { behavior: loadBehavior(flags.behavior) } : {}),
    ...(flags.waitTime !== undefined ? { waitTime: flags.waitTime } : {}),
  };
  const component = resolveComponent(kind, componentText);
  validateComponentSettings(kind, component, settings);
  return { type: 'component', kind, env, component, settings };
}

function validateHpa(name: string, flags: HpaFlags): PendingIntent {
  const behavior = flags.behavior !== undefined ? { behavior: loadBehavior(flags.behavior) } : {};
  return { type: 'hpa', name: checkObjectName(name, t('cli.patch.hpaName')), settings: { ...scaleSettings(flags), ...behavior } };
}

function validateWorkload(refText: string, flags: WorkloadFlags): PendingIntent {
  const { kind, name } = parseWorkloadRef(refText);
  const replicas = parseCount(flags.replicas, '--replicas', 0);
  const weight = parseCount(flags.weight, '--weight', 1);
  const antiAffinity = parseAntiAffinity(flags.antiAffinity);
  const topologyKey = parseTopologyKey(flags.topologyKey);
  const spread = parseSpread(flags.topologySpread);
  const maxSkew = parseCount(flags.maxSkew, '--max-skew', 1);
  const whenUnsatisfiable = parseWhenUnsatisfiable(flags.whenUnsatisfiable);
  const settings: WorkloadSettings = {
    ...(replicas !== undefined ? { replicas } : {}),
    ...(flags.forceReplicas ? { forceReplicas: true } : {}),
    ...(antiAffinity ? { antiAffinity } : {}),
    ...(topologyKey ? { topologyKey } : {}),
    ...(weight !== undefined ? { weight } : {}),
    ...(spread ? { spread } : {}),
    ...(maxSkew !== undefined ? { maxSkew } : {}),
    ...(whenUnsatisfiable ? { whenUnsatisfiable } : {}),
    ...resourceSettings(flags),
  };
  validateWorkloadSettings(settings);
  return { type: 'workload', kind, name, settings };
}

/** Complete: the namespace from -n or the context; patch works on one. */
function namespaceOf(ctx: CommandContext): string {
  if (ctx.namespace === null) throw usageError(t('cli.usage.patchOneNamespace'));
  return ctx.namespace;
}

/** Validate: the route flags. --direct and the helm route's own flags exclude each other. */
function routeOptions(flags: RouteFlags): RouteOptions {
  const helm = helmOptions(flags);
  const helmOnly = (['values', 'chart'] as const).filter((key) => flags[key] !== undefined);
  if (flags.direct && helmOnly.length)
    throw usageError(t('cli.usage.directAndHelm', { flag: helmOnly[0] }), t('cli.usage.directAndHelmHint'));
  return { direct: Boolean(flags.direct), helm };
}

async function runPatch(io: Io, command: Command, pending: PendingIntent, mode: WriteMode, route: RouteOptions): Promise<void> {
  io.finishWritesOnClosedOutput = true;
  const ctx = connect(command);
  const intent = { ...pending, namespace: namespaceOf(ctx) } as Intent;
  const report = reporterFor(io, ctx.output !== 'table');
  const session = writeSession(io, ctx);
  const target = await targetOf(
    session,
    intent,
    {
      namespaceExplicit: globalsOf(command).namespace !== undefined,
      onInfo: (text) => io.stderr.write(`${text}\n`),
      onWarning: report.warn,
    },
    route,
  );
  const result = await runWrite(session, target, writeRequest(mode, report));
  const followUp = await followWrite(ctx.client, intent, result, target.subject, mode.waitMs, report);
  printResult(io, ctx, result, followUp);
}

// The actions of `patch env|org|hpa|workload` (arguments and flags are declared in cli/usage/patch.ts).

export async function patchEnvAction(
  io: Io,
  first: string | undefined,
  second: string | undefined,
  flags: ComponentFlags,
  command: Command,
): Promise<void> {
  if (first === undefined) throw usageError(t('cli.usage.patchEnvComponent'), t('cli.usage.patchEnvComponentHint'));
  const [env, component] = second === undefined ? [undefined, first] : [first, second];
  const pending = validateComponent('ApigeeEnvironment', env, component, flags);
  await runPatch(io, command, pending, writeMode(flags), routeOptions(flags));
}

export async function patchOrgAction(io: Io, component: string, flags: ComponentFlags, command: Command): Promise<void> {
  const pending = validateComponent('ApigeeOrganization', undefined, component, flags);
  await runPatch(io, command, pending, writeMode(flags), routeOptions(flags));
}

export async function patchHpaAction(io: Io, name: string, flags: HpaFlags, command: Command): Promise<void> {
  const pending = validateHpa(name, flags);
  await runPatch(io, command, pending, writeMode(flags), routeOptions(flags)).catch((error: unknown) => {
    checkRefusedApigeeBehavior(error, flags.behavior);
    throw error;
  });
}

export async function patchWorkloadAction(io: Io, refText: string, flags: WorkloadFlags, command: Command): Promise<void> {
  const pending = validateWorkload(refText, flags);
  await runPatch(io, command, pending, writeMode(flags), routeOptions(flags));
}
