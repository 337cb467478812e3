import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseAllDocuments } from 'yaml';
import { usageError } from '../../k8s/errors.ts';
import { renderChart } from '../../hpa/chart.ts';
import { loadPattern, parseLoadCsv, parseLoadPatternName, seriesEnd, type LoadSeries } from '../../hpa/load.ts';
import { behaviorFromDocument, findPreset, presetNames, type BehaviorPreset } from '../../hpa/presets.ts';
import { formatFieldError } from '../../k8s/field-error.ts';
import { validateHPASpec } from '../../hpa/validate.ts';
import { defaultLoadLevels, runWhatIf, type WhatIfRun } from '../../hpa/what-if.ts';
import { collectionPath } from '../../kube/client.ts';
import type { HorizontalPodAutoscaler } from '../../k8s/types.ts';
import { connect, globalsOf, parseDuration } from '../context.ts';
import { colorEnabled, painter, parseOutputFormat, renderData, renderTable } from '../output.ts';
import type { Io } from '../program.ts';

interface SimulateOptions {
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

type Spec = HorizontalPodAutoscaler['spec'];

function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw usageError(
      `${flag}: cannot read "${path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      'Check the path; it is relative to the current directory.',
    );
  }
}

function parseYamlFile(path: string, flag: string): unknown[] {
  const documents = parseAllDocuments(readText(path, flag));
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [0, 0];
      throw usageError(
        `${flag}: ${path}:${line}:${column}: ${error.message.split('\n')[0]}`,
        'Fix the YAML (or JSON) syntax at that position.',
      );
    }
  }
  return documents.map((document) => document.toJS() as unknown);
}

/** An HPA object or a bare spec from a file; the first HorizontalPodAutoscaler document wins. */
function specFromFile(path: string): { name: string; spec: Spec } {
  const documents = parseYamlFile(path, '--spec') as Record<string, unknown>[];
  const hpa = documents.find((doc) => doc?.kind === 'HorizontalPodAutoscaler') ?? documents[0];
  const spec = (hpa?.spec ?? hpa) as Spec | undefined;
  if (!spec || typeof spec !== 'object' || spec.maxReplicas === undefined) {
    throw usageError(
      `--spec: ${path} holds no HPA spec (no maxReplicas found).`,
      'Give a HorizontalPodAutoscaler manifest (autoscaling/v2) or its spec.',
    );
  }
  const name = (hpa?.metadata as { name?: string } | undefined)?.name ?? path;
  return { name, spec };
}

function resolveBehavior(text: string, flag: string, spec: Spec): BehaviorPreset {
  if (text === 'current') return { name: 'current', description: "the HPA's own behavior", behavior: spec.behavior ?? null };
  const preset = findPreset(text);
  if (preset) return preset;
  if (!existsSync(text)) {
    throw usageError(
      `${flag}: "${text}" is neither a preset nor a file.`,
      `Presets: current, ${presetNames.join(', ')}; or a YAML/JSON file with scaleUp/scaleDown (an HPA, or overrides.yaml's runtime.hpaBehavior).`,
    );
  }
  const [document] = parseYamlFile(text, flag);
  return behaviorFromDocument(document, text);
}

function positiveInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw usageError(`${flag}: "${text}" is not a whole number of replicas.`);
  return value;
}

function nonNegative(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw usageError(`${flag}: "${text}" is not a non-negative number.`, "Load is total demand in units of one pod's request, e.g. 2.5.");
  return value;
}

function buildLoad(
  options: SimulateOptions,
  spec: Spec,
  durationSeconds: number | undefined,
): { load: LoadSeries; durationSeconds: number; source: string } {
  if (options.load && options.pattern) throw usageError('Use either --load CSV or --pattern spike|ramp|diurnal, not both.');
  if (options.load) {
    const load = parseLoadCsv(readText(options.load, '--load'), options.load);
    return { load, durationSeconds: durationSeconds ?? Math.max(seriesEnd(load) + 300, 1800), source: `csv:${options.load}` };
  }
  if (!options.pattern) throw usageError('Say what load to simulate: --load FILE.csv (t_seconds,load) or --pattern spike|ramp|diurnal.');
  const pattern = parseLoadPatternName(options.pattern);
  const levels = defaultLoadLevels(spec);
  const duration = durationSeconds ?? 1800;
  const base = nonNegative(options.base, '--base') ?? levels.base;
  const peak = nonNegative(options.peak, '--peak') ?? levels.peak;
  return {
    load: loadPattern(pattern, { durationSeconds: duration, base, peak }),
    durationSeconds: duration,
    source: `pattern:${pattern} base ${base} peak ${peak}`,
  };
}

function seconds(text: string, flag: string): number {
  return parseDuration(text, flag) / 1000;
}

function reportTable(runs: WhatIfRun[]): string {
  const row = (label: string, cell: (run: WhatIfRun) => string) => [label, ...runs.map(cell)];
  return renderTable(
    ['', ...runs.map((run) => run.behaviorName)],
    [
      row(
        'time to reach needed capacity',
        (r) => `${r.summary.timeToCapacitySeconds}s${r.summary.capacityReached ? '' : ' (not reached)'}`,
      ),
      row('seconds under-provisioned', (r) => `${r.summary.underProvisionedSeconds}s`),
      row('replica-minutes (cost)', (r) => String(r.summary.replicaMinutes)),
      row('scale events (up/down)', (r) => `${r.summary.scaleEvents} (${r.summary.scaleUps}/${r.summary.scaleDowns})`),
      row('peak replicas', (r) => String(r.summary.peakReplicas)),
    ],
  );
}

export function registerSimulate(program: Command, io: Io): void {
  program
    .command('simulate')
    .description("what the HPA controller would do on a load, for one or two behaviors side by side (the controller's exact algorithm)")
    .argument('[hpa]', 'name of a live HPA in the namespace (or use --spec)')
    .option('--spec <file>', 'HPA manifest or spec (YAML/JSON) instead of a live HPA')
    .option('--load <csv>', "load series: lines t_seconds,load; load = total demand in units of one pod's request")
    .option('--pattern <name>', 'built-in load: spike|ramp|diurnal')
    .option('--behavior <preset|file>', `behavior to simulate: current, ${presetNames.join(', ')}, or a file`, 'current')
    .option('--compare <preset|file>', 'a second behavior, shown side by side')
    .option('--duration <duration>', 'simulated time, e.g. 30m, 2h (default 30m, or the CSV plus 5m)')
    .option('--startup-delay <duration>', 'pod creation to Ready; new pods carry no load until then', '30s')
    .option('--sync-period <duration>', "the controller's --horizontal-pod-autoscaler-sync-period", '15s')
    .option('--start-replicas <n>', 'replicas at the start (default minReplicas)')
    .option('--base <load>', 'pattern: quiet load (default minReplicas at target)')
    .option('--peak <load>', 'pattern: busiest load (default 80 % of maxReplicas at target)')
    .action(async (name: string | undefined, options: SimulateOptions, command: Command) => {
      const output = parseOutputFormat(globalsOf(command).output);
      const duration = options.duration === undefined ? undefined : seconds(options.duration, '--duration');
      const startupDelay = seconds(options.startupDelay, '--startup-delay');
      const syncPeriod = seconds(options.syncPeriod, '--sync-period');
      if (!(syncPeriod > 0)) throw usageError(`--sync-period: "${options.syncPeriod}" must be longer than zero.`);
      if (duration !== undefined && !(duration > 0)) throw usageError(`--duration: "${options.duration}" must be longer than zero.`);
      const startReplicas = positiveInteger(options.startReplicas, '--start-replicas');
      if (name && options.spec) throw usageError(`Give either an HPA name ("${name}") or --spec ${options.spec}, not both.`);
      if (!name && !options.spec) throw usageError('Name a live HPA (kubectl scale-ha simulate NAME) or give --spec FILE.');
      let target: { name: string; spec: Spec };
      if (options.spec) {
        target = specFromFile(options.spec);
      } else {
        const ctx = connect(command);
        if (ctx.namespace === null) throw usageError('simulate reads one HPA: use -n NAMESPACE instead of -A.');
        const path = `${collectionPath('autoscaling/v2', 'horizontalpodautoscalers', ctx.namespace)}/${encodeURIComponent(name!)}`;
        const hpa = await ctx.client.get<HorizontalPodAutoscaler>(
          path,
          `get horizontalpodautoscaler ${name} in namespace ${ctx.namespace}`,
        );
        target = { name: hpa.metadata.name, spec: hpa.spec };
      }
      const errors = validateHPASpec(target.spec, { requireScaleTargetRef: false });
      if (errors.length > 0)
        throw usageError(
          `HPA ${target.name} is not valid: ${errors.map(formatFieldError).join('; ')}.`,
          'The API server would reject this spec; fix it first.',
        );
      const behaviors = [resolveBehavior(options.behavior, '--behavior', target.spec)];
      if (options.compare) behaviors.push(resolveBehavior(options.compare, '--compare', target.spec));
      const { load, durationSeconds, source } = buildLoad(options, target.spec, duration);
      const runs = runWhatIf({
        spec: target.spec,
        behaviors,
        load,
        durationSeconds,
        startupDelaySeconds: startupDelay,
        syncPeriodSeconds: syncPeriod,
        startReplicas,
      });
      if (output !== 'table') {
        const settings = {
          durationSeconds,
          syncPeriodSeconds: syncPeriod,
          startupDelaySeconds: startupDelay,
          load: source,
          loadUnit: "one pod's request at 100 %",
        };
        io.stdout.write(renderData(output, { hpa: target.name, spec: target.spec, settings, runs }));
        return;
      }
      const paint = painter(colorEnabled(io.stdout, io.env));
      io.stdout.write(
        `HPA ${target.name}: min ${target.spec.minReplicas ?? 1}, max ${target.spec.maxReplicas}; load ${source}; sync ${syncPeriod}s, pod start-up ${startupDelay}s\n\n`,
      );
      io.stdout.write(
        renderChart(
          runs.map((run) => ({ title: run.behaviorName, steps: run.steps })),
          { paint },
        ),
      );
      io.stdout.write('\n' + reportTable(runs));
    });
}
