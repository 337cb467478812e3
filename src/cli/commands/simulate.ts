// `kubectl scale-ha simulate`: flags → SimulateOptions (complete → validate) → HPA spec, behaviors, load → what-if runs.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';
import { readHpa } from '../../apply/session.ts';
import { usageError } from '../../k8s/errors.ts';
import { parseWholeNumber } from '../../k8s/limits.ts';
import { formatFieldError } from '../../k8s/field-error.ts';
import type { HorizontalPodAutoscaler } from '../../k8s/types.ts';
import { loadPattern, parseLoadCsv, parseLoadPatternName, seriesEnd, type LoadPatternName, type LoadSeries } from '../../hpa/load.ts';
import { parseYamlSource, readSource, resolveBehaviorSource, type ReadFile } from '../../hpa/source.ts';
import { validateHPASpec } from '../../hpa/validate.ts';
import { defaultLoadLevels, runWhatIf } from '../../hpa/what-if.ts';
import { isApigeeRuntimeHpa } from '../../profiles/apigee.ts';
import { connect, globalsOf, parseDuration, type CommandContext, type GlobalOptions } from '../context.ts';
import { parseOutputFormat, renderData, type OutputFormat } from '../output.ts';
import { colorEnabled } from '../terminal.ts';
import type { Io } from '../program.ts';
import { painter } from '../render/paint.ts';
import { renderSimulation } from '../render/simulate.ts';

/** The flags as commander parses them. */
export interface SimulateFlags {
  spec?: string;
  load?: string;
  pattern?: string;
  behavior: string;
  compare?: string;
  duration?: string;
  startupDelay: string;
  syncPeriod: string;
  startReplicas?: string;
  base?: string;
  peak?: string;
}

/** What the user asked for, completed from the argument, the flags and the global flags. */
export interface SimulateOptions extends SimulateFlags {
  name: string | undefined;
  output: string | undefined;
  allNamespaces: boolean;
}

type Spec = HorizontalPodAutoscaler['spec'];

/** The load to simulate; pattern levels left out default to the HPA's own (known once the spec is read). */
type LoadRequest = { csv: string } | { pattern: LoadPatternName; base: number | undefined; peak: number | undefined };

export interface SimulateRequest {
  target: { hpa: string } | { specFile: string };
  /** --behavior, then --compare when given: PRESET|FILE, resolved once the HPA is known ("current"). */
  behaviors: { flag: string; text: string }[];
  load: LoadRequest;
  durationSeconds: number | undefined;
  startupDelaySeconds: number;
  syncPeriodSeconds: number;
  startReplicas: number | undefined;
  output: OutputFormat;
}

export function completeSimulate(name: string | undefined, flags: SimulateFlags, globals: GlobalOptions): SimulateOptions {
  return { ...flags, name, output: globals.output, allNamespaces: globals.allNamespaces === true && globals.namespace === undefined };
}

function nonNegative(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw usageError(t('cli.usage.negativeLoad', { flag, text }), t('cli.usage.negativeLoadHint'));
  return value;
}

const seconds = (text: string, flag: string) => parseDuration(text, flag) / 1000;

function validateLoad(options: SimulateOptions): LoadRequest {
  if (options.load && options.pattern) throw usageError(t('cli.usage.loadAndPattern'));
  if (options.load) return { csv: options.load };
  if (!options.pattern) throw usageError(t('cli.usage.noLoad'));
  const pattern = parseLoadPatternName(options.pattern);
  return { pattern, base: nonNegative(options.base, '--base'), peak: nonNegative(options.peak, '--peak') };
}

/** Every usage error the flags alone show, before any file is read or request sent. */
export function validateSimulate(options: SimulateOptions): SimulateRequest {
  const output = parseOutputFormat(options.output);
  const durationSeconds = options.duration === undefined ? undefined : seconds(options.duration, '--duration');
  const startupDelaySeconds = seconds(options.startupDelay, '--startup-delay');
  const syncPeriodSeconds = seconds(options.syncPeriod, '--sync-period');
  if (!(syncPeriodSeconds > 0)) throw usageError(t('cli.usage.notPositive', { flag: '--sync-period', text: options.syncPeriod }));
  if (durationSeconds !== undefined && !(durationSeconds > 0))
    throw usageError(t('cli.usage.notPositive', { flag: '--duration', text: options.duration }));
  if (syncPeriodSeconds < 1)
    throw usageError(t('cli.usage.belowOneSecond', { flag: '--sync-period', text: options.syncPeriod }), t('cli.usage.syncPeriodHint'));
  const startReplicas = parseWholeNumber(options.startReplicas, '--start-replicas', 0);
  const { name, spec } = options;
  if (name && spec) throw usageError(t('cli.usage.nameAndSpec', { name, spec }));
  if (!name && !spec) throw usageError(t('cli.usage.noHpa'));
  if (name && options.allNamespaces) throw usageError(t('cli.usage.oneHpa', { command: 'simulate' }));
  const behaviors = [{ flag: '--behavior', text: options.behavior }];
  if (options.compare) behaviors.push({ flag: '--compare', text: options.compare });
  return {
    target: spec ? { specFile: spec } : { hpa: name! },
    behaviors,
    load: validateLoad(options),
    durationSeconds,
    startupDelaySeconds,
    syncPeriodSeconds,
    startReplicas,
    output,
  };
}

/** The HPA to simulate; `apigeeRuntime` when Apigee's runtime.hpaBehavior ranges bind its behavior. */
interface SimulatedHpa {
  name: string;
  spec: Spec;
  apigeeRuntime: boolean;
}

/** An HPA object or a bare spec from a file; the first HorizontalPodAutoscaler document wins. */
function specFromFile(path: string, readFile: ReadFile): SimulatedHpa {
  const documents = parseYamlSource(readSource(path, '--spec', readFile), path, '--spec') as Record<string, unknown>[];
  const hpa = documents.find((doc) => doc?.kind === 'HorizontalPodAutoscaler') ?? documents[0];
  const spec = (hpa?.spec ?? hpa) as Spec | undefined;
  if (!spec || typeof spec !== 'object' || spec.maxReplicas === undefined) {
    throw usageError(t('cli.usage.noSpec', { path }), t('cli.usage.noSpecHint'));
  }
  const metadata = hpa?.metadata as HorizontalPodAutoscaler['metadata'] | undefined;
  const apigeeRuntime = metadata?.name !== undefined && isApigeeRuntimeHpa({ metadata } as HorizontalPodAutoscaler);
  return { name: metadata?.name ?? path, spec, apigeeRuntime };
}

async function liveHpa(name: string, ctx: CommandContext): Promise<SimulatedHpa> {
  if (ctx.namespace === null) throw new Error('validateSimulate let -A through for a live HPA');
  const hpa = await readHpa(ctx.session, ctx.namespace, name);
  return { name: hpa.metadata.name, spec: hpa.spec, apigeeRuntime: isApigeeRuntimeHpa(hpa) };
}

function buildLoad(
  request: SimulateRequest,
  spec: Spec,
  readFile: ReadFile,
): { load: LoadSeries; durationSeconds: number; source: string } {
  const { load: wanted, durationSeconds } = request;
  if ('csv' in wanted) {
    const load = parseLoadCsv(readSource(wanted.csv, '--load', readFile), wanted.csv);
    return { load, durationSeconds: durationSeconds ?? Math.max(seriesEnd(load) + 300, 1800), source: `csv:${wanted.csv}` };
  }
  const levels = defaultLoadLevels(spec);
  const duration = durationSeconds ?? 1800;
  const base = wanted.base ?? levels.base;
  const peak = wanted.peak ?? levels.peak;
  return {
    load: loadPattern(wanted.pattern, { durationSeconds: duration, base, peak }),
    durationSeconds: duration,
    source: `pattern:${wanted.pattern} base ${base} peak ${peak}`,
  };
}

const readFile: ReadFile = (path) => readFileSync(path, 'utf8');

export async function runSimulate(request: SimulateRequest, io: Io, session: () => CommandContext): Promise<void> {
  const target =
    'specFile' in request.target ? specFromFile(request.target.specFile, readFile) : await liveHpa(request.target.hpa, session());
  const errors = validateHPASpec(target.spec, { requireScaleTargetRef: false });
  if (errors.length > 0)
    throw usageError(
      t('cli.usage.invalidHpa', { name: target.name, errors: errors.map(formatFieldError).join('; ') }),
      t('cli.usage.invalidHpaHint'),
    );
  const current = target.spec.behavior ?? null;
  const { apigeeRuntime } = target;
  const behaviors = request.behaviors.map(({ flag, text }) => resolveBehaviorSource(text, { flag, readFile, current, apigeeRuntime }));
  const { load, durationSeconds, source } = buildLoad(request, target.spec, readFile);
  const { startupDelaySeconds, syncPeriodSeconds, output } = request;
  const runs = runWhatIf({
    spec: target.spec,
    behaviors,
    load,
    durationSeconds,
    startupDelaySeconds,
    syncPeriodSeconds,
    startReplicas: request.startReplicas,
  });
  if (output !== 'table') {
    const settings = { durationSeconds, syncPeriodSeconds, startupDelaySeconds, load: source, loadUnit: "one pod's request at 100 %" };
    io.stdout.write(renderData(output, { hpa: target.name, spec: target.spec, settings, runs }));
    return;
  }
  const view = { name: target.name, spec: target.spec, source, syncPeriodSeconds, startupDelaySeconds, runs };
  io.stdout.write(renderSimulation(view, painter(colorEnabled(io.stdout, io.env))));
}

/** The command's action (arguments and flags are declared in cli/usage/simulate.ts). */
export async function simulateAction(io: Io, name: string | undefined, flags: SimulateFlags, command: Command): Promise<void> {
  const request = validateSimulate(completeSimulate(name, flags, globalsOf(command)));
  await runSimulate(request, io, () => connect(command));
}
