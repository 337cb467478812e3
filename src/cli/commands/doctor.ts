// `kubectl scale-ha doctor`: flags → DoctorOptions (complete → validate) → snapshot (a cluster's, or files') →
// checks → report.
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';
import type { FilesRequest } from '../../apply/doctor-files.ts';
import { acrossContexts } from '../../apply/fleet.ts';
import { abortOnInterrupt, watchWorkloadChanges } from '../../apply/watch.ts';
import { checks } from '../../doctor/checks/index.ts';
import type { Check } from '../../doctor/context.ts';
import { findingsAtOrAbove, type Category, type CheckInfo, type Finding } from '../../doctor/finding.ts';
import { mergeContextReports } from '../../doctor/fleet.ts';
import { runnableChecks, skippedChecks, withFileFindings } from '../../doctor/offline.ts';
import {
  failLevels,
  isFailLevel,
  mergeSuppressions,
  notSkipped,
  withoutExceptions,
  withPolicySeverity,
  noPolicy,
  type DoctorPolicy,
  type FailLevel,
} from '../../doctor/policy.ts';
import {
  allCheckInfos,
  checkNameExists,
  findCheckInfo,
  hasObjectNamed,
  runDoctor,
  suppressionSummary,
  type DoctorReport,
} from '../../doctor/run.ts';
import { valuesCheckInfos, yamlSyntaxCheck } from '../../doctor/values-files.ts';
import { ExitCode, usageError } from '../../k8s/errors.ts';
import { checkNamespace } from '../../k8s/limits.ts';
import { parseLabelSelector } from '../../k8s/selector.ts';
import { buildSnapshot } from '../../snapshot/build.ts';
import { hpasByNamespace } from '../../snapshot/hpa-namespaces.ts';
import type { Snapshot } from '../../snapshot/types.ts';
import { emptyConfig, type ScaleHaConfig } from '../config-schema.ts';
import { loadConfig } from '../config.ts';
import { connect, fleetOf, globalsOf, type CommandContext, type Fleet, type GlobalOptions } from '../context.ts';
import { renderChange, renderData, terminalWidth, writeJson, type OutputFormat } from '../output.ts';
import { colorEnabled } from '../terminal.ts';
import { reportUnreadContexts } from '../fleet.ts';
import type { Io } from '../program.ts';
import { checkListText, doctorReportData, emptyScopeText, explainText, objectPath } from '../render/doctor.ts';
import { isReportFormat, parseDoctorFormat, renderDoctorReport, type DoctorFormat } from '../render/doctor-output.ts';
import type { ReportSource } from '../render/report-document.ts';
import { clearScreen, painter, watchFooter } from '../render/paint.ts';

/** The flags as commander parses them. */
export interface DoctorFlags {
  selector?: string;
  watch?: boolean;
  explain?: string;
  listChecks?: boolean;
  /** No default here: the config file's doctor.failOn comes between the flag and "error". */
  failOn?: string;
  /** -f: manifests, directories, values files, "-"; with --chart, helm values files. */
  filename?: string[];
  chart?: string;
  set?: string[];
  setString?: string[];
  chartVersion?: string;
  release?: string;
  helm?: string;
  nodes?: string;
}

/** What the user asked for, completed from the arguments, the flags and the global flags. */
export interface DoctorOptions {
  category: Category | undefined;
  name: string | undefined;
  selector: string | undefined;
  explain: string | undefined;
  listChecks: boolean;
  failOn: string | undefined;
  /** The config file's (empty without one): --fail-on's default and the doctor's policy. */
  config: ScaleHaConfig;
  /** Where the config was read, for notes; undefined without a file. */
  configFile: string | undefined;
  output: string | undefined;
  filenames: string[];
  chart: Omit<DoctorFlags, 'selector' | 'explain' | 'listChecks' | 'failOn' | 'filename' | 'nodes' | 'watch'>;
  watch: boolean;
  nodes: string | undefined;
  namespace: string | undefined;
  allNamespaces: boolean;
}

/** A validated request: one of the three things doctor does. */
export type DoctorRequest =
  | { action: 'explain'; check: CheckInfo; output: OutputFormat }
  | { action: 'list-checks'; output: OutputFormat }
  | {
      action: 'diagnose';
      category: Category | undefined;
      name: string | undefined;
      selector: string | undefined;
      failOn: FailLevel;
      /** The config file's; none when left out. */
      policy?: DoctorPolicy | undefined;
      configFile?: string | undefined;
      output: DoctorFormat;
      /** Set for doctor -f / --chart: no cluster is contacted. */
      files?: FilesRequest | undefined;
      watch: boolean;
    };

export function completeDoctor(
  category: Category | undefined,
  name: string | undefined,
  flags: DoctorFlags,
  globals: GlobalOptions,
  config: { config: ScaleHaConfig; file?: string | undefined } = { config: emptyConfig },
): DoctorOptions {
  return {
    category,
    name,
    selector: flags.selector,
    explain: flags.explain,
    listChecks: flags.listChecks ?? false,
    failOn: flags.failOn,
    config: config.config,
    configFile: config.file,
    output: globals.output,
    filenames: flags.filename ?? [],
    chart: {
      chart: flags.chart,
      set: flags.set,
      setString: flags.setString,
      chartVersion: flags.chartVersion,
      release: flags.release,
      helm: flags.helm,
    },
    nodes: flags.nodes,
    watch: flags.watch ?? false,
    namespace: globals.namespace,
    allNamespaces: globals.allNamespaces ?? false,
  };
}

/** A listing of checks is table, json, yaml or jsonpath; sarif, junit, markdown and html are reports of findings. */
function listingFormat(output: DoctorFormat, flag: string): OutputFormat {
  if (isReportFormat(output)) throw usageError(t('cli.usage.listingFormat', { flag, output }));
  return output;
}

/** -f / --chart and their flags: what to read instead of a cluster. */
function filesRequest(options: DoctorOptions): FilesRequest | undefined {
  const { chart, set, setString, chartVersion, release, helm } = options.chart;
  const chartOnly = Object.entries({
    '--set': set?.length,
    '--set-string': setString?.length,
    '--chart-version': chartVersion,
    '--release': release,
    '--helm': helm,
  })
    .filter(([, given]) => given)
    .map(([flag]) => flag);
  if (!chart && chartOnly.length)
    throw usageError(
      t('cli.usage.chartOnly', { count: chartOnly.length, flags: chartOnly.join(', ') }),
      'kubectl scale-ha doctor --chart PATH|REF [-f values.yaml] [--set key=value]',
    );
  if (!chart && !options.filenames.length) {
    if (options.nodes) throw usageError(t('cli.usage.nodes'));
    return undefined;
  }
  if (options.allNamespaces && options.namespace) throw usageError(t('cli.usage.namespaceAndAll'));
  if (options.namespace !== undefined) checkNamespace(options.namespace);
  if (chart && options.allNamespaces) throw usageError(t('cli.usage.chartAllNamespaces'));
  return {
    filenames: options.filenames,
    chart: chart ? { ref: chart, release, set: set ?? [], setString: setString ?? [], version: chartVersion, helmPath: helm } : undefined,
    nodesFile: options.nodes,
    namespace: options.namespace ?? null,
    labelSelector: options.selector,
  };
}

/** Every usage error, before any request. */
export function validateDoctor(options: DoctorOptions): DoctorRequest {
  const failOn = options.failOn ?? options.config.failOn ?? 'error';
  if (!isFailLevel(failOn)) throw usageError(t('cli.usage.failOn', { failOn, levels: failLevels.join(', ') }));
  const output = parseDoctorFormat(options.output);
  if (options.explain) {
    const check = findCheckInfo(options.explain);
    if (!check) throw usageError(t('cli.usage.unknownCheck', { id: options.explain }), t('cli.usage.unknownCheckHint'));
    return { action: 'explain', check, output: listingFormat(output, '--explain') };
  }
  if (options.listChecks) return { action: 'list-checks', output: listingFormat(output, '--list-checks') };
  if (options.selector) parseLabelSelector(options.selector);
  const files = filesRequest(options);
  if (options.watch && files) throw usageError(t('cli.usage.doctorWatchFiles'), t('cli.usage.doctorWatchFilesHint'));
  if (options.watch && isReportFormat(output))
    throw usageError(t('cli.usage.doctorWatchFormat', { output }), t('cli.usage.doctorWatchFormatHint'));
  return {
    action: 'diagnose',
    watch: options.watch,
    category: options.category,
    name: options.name,
    selector: options.selector,
    failOn,
    ...(options.configFile !== undefined ? { policy: options.config.policy, configFile: options.configFile } : {}),
    output,
    ...(files ? { files } : {}),
  };
}

export async function runDoctorCommand(request: DoctorRequest, io: Io, session: () => CommandContext, fleet?: Fleet): Promise<void> {
  if (request.action === 'explain') {
    const { id, category, title, explain } = request.check;
    const { output } = request;
    io.stdout.write(output === 'table' ? explainText(request.check) : renderData(output, { id, category, title, explain }));
    return;
  }
  if (request.action === 'list-checks') {
    const rows = allCheckInfos.map(({ id, category, title }) => ({ id, category, title }));
    const { output } = request;
    io.stdout.write(output === 'table' ? checkListText(rows) : renderData(output, rows));
    return;
  }
  const { output } = request;
  if (request.files) return diagnoseFilesCommand({ ...request, files: request.files }, io);
  if (fleet) return diagnoseFleet(request, io, fleet);
  const ctx = session();
  if (request.watch) return watchDoctor(request, io, ctx);
  const snapshot = await buildSnapshot(ctx.client, { namespace: ctx.namespace, labelSelector: request.selector });
  checkNameExists(snapshot, request.name, ctx.namespace);
  const report = runDoctor(snapshot, { category: request.category, name: request.name }, checks, request.policy);
  if (!report.summary.workloads && !report.summary.hpas) {
    // Only a namespace's emptiness points elsewhere; with -l the other namespaces' HPAs say nothing.
    const elsewhere = ctx.namespace && !request.selector ? await hpasByNamespace(ctx.client) : undefined;
    writeEmptyScope(io, output, emptyScopeText({ namespace: ctx.namespace, selector: request.selector }, elsewhere));
  }
  await writeReport(io, request, report, checks, snapshot);
  for (const gap of snapshot.missing) io.stderr.write(`${t('cli.notes.checksSkipped', { resource: gap.resource, reason: gap.reason })}\n`);
}

type Diagnose = Extract<DoctorRequest, { action: 'diagnose' }>;

/** A finding as -w tells it apart from the others: its check, object and wording. */
const findingKey = (f: Finding) => `${f.id} ${objectPath(f)} ${f.message}`;

/**
 * `doctor -w`: the report, then after each change of the workloads or HPAs (watched, re-read at most once a second)
 * either the report redrawn (a terminal) or, as kubectl get -w does, only what changed appended: a line per finding
 * that appeared (+) or went away (-); -o json|yaml one document per change. Ctrl+C ends it with exit 0.
 */
async function watchDoctor(request: Diagnose, io: Io, ctx: CommandContext): Promise<void> {
  const { signal, dispose } = abortOnInterrupt();
  const paint = painter(colorEnabled(io.stdout, io.env));
  const redraw = io.stdout.isTTY === true && request.output === 'table';
  const scope = { namespace: ctx.namespace, labelSelector: request.selector };
  let shown = new Map<string, Finding>();
  let first = true;
  try {
    for await (const _ of watchWorkloadChanges(ctx.session, scope, signal)) {
      const snapshot = await buildSnapshot(ctx.client, scope);
      const report = runDoctor(snapshot, { category: request.category, name: request.name }, checks, request.policy);
      const current = new Map(report.findings.map((f) => [findingKey(f), f]));
      const added = report.findings.filter((f) => !shown.has(findingKey(f)));
      const resolved = [...shown].filter(([key]) => !current.has(key)).map(([, f]) => f);
      shown = current;
      if (first || redraw) {
        if (first || added.length || resolved.length) {
          if (redraw) io.stdout.write(clearScreen);
          await writeReport(io, request, report, checks);
          if (redraw) io.stdout.write(`\n${watchFooter(paint)}\n`);
        }
      } else if (added.length || resolved.length) {
        const time = new Date().toISOString();
        const format = request.output;
        if (format === 'table')
          for (const [mark, f] of [...added.map((f) => ['+', f] as const), ...resolved.map((f) => ['-', f] as const)])
            io.stdout.write(`${time.slice(11, 19)} ${mark} ${f.id} ${objectPath(f)}: ${f.message}\n`);
        else if (!isReportFormat(format)) {
          const change = {
            time,
            added: doctorReportData({ ...report, findings: added }).findings,
            resolved: doctorReportData({ ...report, findings: resolved }).findings,
          };
          io.stdout.write(renderChange(format, change));
        }
      }
      first = false;
    }
  } finally {
    dispose();
  }
  // A watch ends by Ctrl+C, not by its findings: --fail-on judges one report, not a stream of them.
  io.exitCode = ExitCode.ok;
}

/**
 * --all-contexts, --context 'prod-*': every context's report in one, each finding named by its context. A context
 * that cannot be read is an error of its own beside the others' report, and its exit code (5 unreachable, 4
 * kubeconfig, 6 forbidden) wins over 3, so a pipeline notices the cluster it did not see.
 */
async function diagnoseFleet(request: Diagnose, io: Io, fleet: Fleet): Promise<void> {
  const results = await acrossContexts(fleet.contexts, async (context) => {
    const ctx = fleet.connect(context);
    const snapshot = await buildSnapshot(ctx.client, { namespace: ctx.namespace, labelSelector: request.selector });
    return {
      snapshot,
      namespace: ctx.namespace,
      report: runDoctor(snapshot, { category: request.category, name: request.name }, checks, request.policy),
    };
  });
  const read = results.flatMap((r) => ('value' in r ? [{ context: r.context, ...r.value }] : []));
  // A NAME is a typo only when no context has it.
  const name = request.name;
  if (name && read.length && !read.some((r) => hasObjectNamed(r.snapshot, name)))
    checkNameExists(read[0]!.snapshot, name, read[0]!.namespace);
  await writeReport(io, request, mergeContextReports(read), checks);
  for (const { context, snapshot } of read)
    for (const gap of snapshot.missing)
      io.stderr.write(`${t('cli.notes.contextChecksSkipped', { context, resource: gap.resource, reason: gap.reason })}\n`);
  await reportUnreadContexts(results, io);
}

/** stdout stays parseable for every format but the table. */
function writeEmptyScope(io: Io, output: DoctorFormat, text: string): void {
  if (output === 'table') io.stdout.write(`${text}\n`);
  else io.stderr.write(`${t('cli.notes.note', { text })}\n`);
}

/** `source`: the cluster snapshot the markdown and html reports name (none for files). */
async function writeReport(
  io: Io,
  request: Diagnose,
  report: DoctorReport,
  ran: readonly CheckInfo[],
  source?: ReportSource,
): Promise<void> {
  const paint = painter(colorEnabled(io.stdout, io.env));
  const selected = notSkipped(ran, request.policy ?? noPolicy).filter((check) => !request.category || check.category === request.category);
  // json is streamed: a cluster-wide report can be large.
  if (request.output === 'json') writeJson(io.stdout, doctorReportData(report));
  else
    io.stdout.write(
      await renderDoctorReport(request.output, report, {
        paint,
        failOn: request.failOn,
        checks: selected,
        width: await terminalWidth(io.stdout),
        source,
      }),
    );
  const suppressed = suppressedText(report);
  if (suppressed && request.output === 'table') io.stdout.write(`${suppressed}\n`);
  else if (suppressed) io.stderr.write(`${t('cli.notes.note', { text: suppressed })}\n`);
  const policy = policyNote(request);
  if (policy) io.stderr.write(`${t('cli.notes.note', { text: policy })}\n`);
  if (request.failOn !== 'none' && findingsAtOrAbove(report.findings, request.failOn) > 0) io.exitCode = ExitCode.findings;
}

/** The report's last line when the config's exceptions took findings out: how many, by which rule, and why. */
function suppressedText(report: DoctorReport): string | undefined {
  const { suppressed, suppressedBy } = report.summary;
  if (!suppressed || !suppressedBy) return undefined;
  const rules = suppressedBy.map((rule) => {
    const checks = rule.checks.join(', ');
    const scope = rule.name
      ? t('cli.doctor.ruleScopeNamed', { namespace: rule.namespace, name: rule.name, checks })
      : t('cli.doctor.ruleScope', { namespace: rule.namespace, checks });
    const params = { findings: rule.findings, at: rule.at, scope, reason: rule.reason };
    return rule.at ? t('cli.doctor.suppressedRule', params) : t('cli.doctor.suppressedRuleUnplaced', params);
  });
  return t('cli.doctor.suppressed', { count: suppressed, rules: rules.join('; ') });
}

/** What the config file changes in every report: the checks it skips and re-ranks. */
function policyNote(request: Diagnose): string | undefined {
  const { skip, severity } = request.policy ?? noPolicy;
  const ranked = Object.entries(severity).map(([id, rank]) => t('cli.doctor.rankedAs', { id, rank }));
  const params = { file: request.configFile ?? '', skips: skip.join(', '), ranks: ranked.join(', ') };
  if (skip.length && ranked.length) return t('cli.doctor.policySkipsAndRanks', params).replace('  ', ' ');
  if (skip.length) return t('cli.doctor.policySkips', params).replace('  ', ' ');
  return ranked.length ? t('cli.doctor.policyRanks', params).replace('  ', ' ') : undefined;
}

/** One line naming the checks the files cannot serve, and what they lack. */
function skippedNote(snapshot: Snapshot, ran: readonly Check[]): string | undefined {
  const skipped = skippedChecks(snapshot, checks).filter(({ check }) => !ran.includes(check));
  if (!skipped.length) return undefined;
  const listed = skipped.map(({ check, lacking }) => `${check.id} (${lacking.join(', ')})`).join(', ');
  const nodes = snapshot.missing.some((m) => m.resource === 'nodes');
  return t(nodes ? 'cli.notes.filesSkippedNodes' : 'cli.notes.filesSkipped', { count: skipped.length, listed });
}

const valuesCategory = new Map(valuesCheckInfos.map((info) => [info.id, info.category]));

/**
 * A values file's finding under doctor's CATEGORY and NAME, as the checks' findings are; a file that cannot be read
 * is reported under every category, since none of its checks ran.
 */
function inScope(finding: Finding, request: Diagnose): boolean {
  const unread = finding.id === yamlSyntaxCheck.id;
  if (request.category && !unread && valuesCategory.get(finding.id) !== request.category) return false;
  return !request.name || finding.name === request.name;
}

/** doctor -f / --chart: the same checks over the files' snapshot; nothing reaches a cluster. */
async function diagnoseFilesCommand(request: Diagnose & { files: FilesRequest }, io: Io): Promise<void> {
  // Loaded here: manifests, charts and values files are the offline path's, not a cluster run's.
  const { diagnoseFiles, nodeFileReader } = await import('../../apply/doctor-files.ts');
  const diagnosis = await diagnoseFiles(request.files, { reader: nodeFileReader, env: io.env });
  const { snapshot } = diagnosis;
  checkNameExists(snapshot, request.name, request.files.namespace);
  const ran = runnableChecks(snapshot, checks);
  const policy = request.policy ?? noPolicy;
  // Values files' findings come from no Check: the policy applies to them here, as runDoctor applies it to the checks'.
  const values = withoutExceptions(
    notSkipped(diagnosis.valuesFindings, policy).filter((f) => inScope(f, request)),
    policy,
  );
  const valuesFindings = values.kept.map((f) => withPolicySeverity(f, policy));
  const checked = runDoctor(snapshot, { category: request.category, name: request.name }, ran, policy);
  const suppressed = mergeSuppressions(checked.suppressed ?? [], values.suppressed);
  const located = withFileFindings(checked, diagnosis.locationOf, valuesFindings);
  const report = { ...located, summary: { ...located.summary, ...suppressionSummary(suppressed) } };
  if (!report.summary.workloads && !report.summary.hpas && !valuesFindings.length) {
    const { namespace } = request.files;
    const { selector } = request;
    const text = selector
      ? namespace
        ? t('cli.doctor.filesEmptySelectorIn', { selector, namespace })
        : t('cli.doctor.filesEmptySelector', { selector })
      : namespace
        ? t('cli.doctor.filesEmptyIn', { namespace })
        : t('cli.doctor.filesEmpty');
    writeEmptyScope(io, request.output, text);
  }
  await writeReport(io, request, report, [...ran, ...valuesCheckInfos]);
  for (const note of [...diagnosis.notes, skippedNote(snapshot, ran)])
    if (note) io.stderr.write(`${t('cli.notes.note', { text: note })}\n`);
}

const categories: readonly string[] = ['hpa', 'ha', 'resources'];

/** `doctor NAME` as well as `doctor CATEGORY [NAME]`: a first word that is no category is the name. */
export function doctorArguments(first: string | undefined, second: string | undefined): [Category | undefined, string | undefined] {
  if (first === undefined || categories.includes(first)) return [first as Category | undefined, second];
  if (second !== undefined)
    throw usageError(t('cli.usage.notCategory', { first, categories: categories.join(', ') }), t('cli.usage.notCategoryHint'));
  return [undefined, first];
}

/** The command's action (arguments and flags are declared in cli/usage/doctor.ts). */
export async function doctorAction(io: Io, args: (string | undefined)[], flags: DoctorFlags, command: Command): Promise<void> {
  const [category, name] = doctorArguments(args[0], args[1]);
  const globals = globalsOf(command);
  // --explain and --list-checks read no config: they are how a broken one gets fixed.
  const loaded = flags.explain || flags.listChecks ? undefined : loadConfig(globals.config, io.env);
  const config = loaded?.found ? { config: loaded.config, file: loaded.source.path } : undefined;
  const request = validateDoctor(completeDoctor(category, name, flags, globals, config));
  // -f and --chart read no cluster: --all-contexts or a --context pattern means nothing there.
  const fleet = request.action === 'diagnose' && !request.files ? fleetOf(command) : undefined;
  await runDoctorCommand(request, io, () => connect(command), fleet);
}
