// `kubectl scale-ha doctor`: flags → DoctorOptions (complete → validate) → snapshot → checks → report.
import type { Command } from 'commander';
import { checks } from '../../doctor/checks/index.ts';
import type { Check } from '../../doctor/context.ts';
import { findingsAtOrAbove, type Category } from '../../doctor/finding.ts';
import { checkNameExists, findCheck, runDoctor } from '../../doctor/run.ts';
import { ExitCode, usageError } from '../../k8s/errors.ts';
import { parseLabelSelector } from '../../k8s/selector.ts';
import { buildSnapshot } from '../../snapshot/build.ts';
import { hpasByNamespace } from '../../snapshot/hpa-namespaces.ts';
import { connect, globalsOf, type CommandContext, type GlobalOptions } from '../context.ts';
import { colorEnabled, parseOutputFormat, renderData, writeJson, type OutputFormat } from '../output.ts';
import type { Io } from '../program.ts';
import { checkListText, doctorReportData, emptyScopeText, explainText, renderDoctorTable } from '../render/doctor.ts';
import { painter } from '../render/paint.ts';

/** The flags as commander parses them. */
export interface DoctorFlags {
  selector?: string;
  explain?: string;
  listChecks?: boolean;
  failOn: string;
}

/** What the user asked for, completed from the arguments, the flags and the global flags. */
export interface DoctorOptions {
  category: Category | undefined;
  name: string | undefined;
  selector: string | undefined;
  explain: string | undefined;
  listChecks: boolean;
  failOn: string;
  output: string | undefined;
}

const failLevels = ['error', 'warning', 'info', 'none'] as const;
type FailLevel = (typeof failLevels)[number];

/** A validated request: one of the three things doctor does. */
export type DoctorRequest =
  | { action: 'explain'; check: Check; output: OutputFormat }
  | { action: 'list-checks'; output: OutputFormat }
  | {
      action: 'diagnose';
      category: Category | undefined;
      name: string | undefined;
      selector: string | undefined;
      failOn: FailLevel;
      output: OutputFormat;
    };

export function completeDoctor(
  category: Category | undefined,
  name: string | undefined,
  flags: DoctorFlags,
  globals: GlobalOptions,
): DoctorOptions {
  return {
    category,
    name,
    selector: flags.selector,
    explain: flags.explain,
    listChecks: flags.listChecks ?? false,
    failOn: flags.failOn,
    output: globals.output,
  };
}

const isFailLevel = (text: string): text is FailLevel => (failLevels as readonly string[]).includes(text);

/** Every usage error, before any request. */
export function validateDoctor(options: DoctorOptions): DoctorRequest {
  const failOn = options.failOn;
  if (!isFailLevel(failOn)) throw usageError(`--fail-on: "${failOn}" is not one of ${failLevels.join(', ')}.`);
  const output = parseOutputFormat(options.output);
  if (options.explain) {
    const check = findCheck(options.explain);
    if (!check) throw usageError(`No check has the id "${options.explain}".`, 'kubectl scale-ha doctor --list-checks lists them.');
    return { action: 'explain', check, output };
  }
  if (options.listChecks) return { action: 'list-checks', output };
  if (options.selector) parseLabelSelector(options.selector);
  return { action: 'diagnose', category: options.category, name: options.name, selector: options.selector, failOn, output };
}

export async function runDoctorCommand(request: DoctorRequest, io: Io, session: () => CommandContext): Promise<void> {
  const { output } = request;
  if (request.action === 'explain') {
    const { id, category, title, explain } = request.check;
    io.stdout.write(output === 'table' ? explainText(request.check) : renderData(output, { id, category, title, explain }));
    return;
  }
  if (request.action === 'list-checks') {
    const rows = checks.map(({ id, category, title }) => ({ id, category, title }));
    io.stdout.write(output === 'table' ? checkListText(rows) : renderData(output, rows));
    return;
  }
  const ctx = session();
  const snapshot = await buildSnapshot(ctx.client, { namespace: ctx.namespace, labelSelector: request.selector });
  checkNameExists(snapshot, request.name, ctx.namespace);
  const report = runDoctor(snapshot, { category: request.category, name: request.name });
  if (!report.summary.workloads && !report.summary.hpas) {
    // Only a namespace's emptiness points elsewhere; with -l the other namespaces' HPAs say nothing.
    const elsewhere = ctx.namespace && !request.selector ? await hpasByNamespace(ctx.client) : undefined;
    const text = emptyScopeText({ namespace: ctx.namespace, selector: request.selector }, elsewhere);
    // stdout stays parseable for -o json|yaml.
    if (output === 'table') io.stdout.write(`${text}\n`);
    else io.stderr.write(`note: ${text}\n`);
  }
  if (output === 'table') io.stdout.write(renderDoctorTable(report, painter(colorEnabled(io.stdout, io.env))));
  else if (output === 'json') writeJson(io.stdout, doctorReportData(report));
  else io.stdout.write(renderData(output, doctorReportData(report)));
  for (const gap of snapshot.missing)
    io.stderr.write(`warning: could not list ${gap.resource} (checks that need it were skipped): ${gap.reason}\n`);
  if (request.failOn !== 'none' && findingsAtOrAbove(report.findings, request.failOn) > 0) {
    io.exitCode = ExitCode.findings;
  }
}

const categories: readonly string[] = ['hpa', 'ha', 'resources'];

/** `doctor NAME` as well as `doctor CATEGORY [NAME]`: a first word that is no category is the name. */
export function doctorArguments(first: string | undefined, second: string | undefined): [Category | undefined, string | undefined] {
  if (first === undefined || categories.includes(first)) return [first as Category | undefined, second];
  if (second !== undefined)
    throw usageError(
      `"${first}" is not a category (${categories.join(', ')}).`,
      'Give one name: kubectl scale-ha doctor [CATEGORY] [NAME]',
    );
  return [undefined, first];
}

/** The command's action (arguments and flags are declared in cli/usage/doctor.ts). */
export async function doctorAction(io: Io, args: (string | undefined)[], flags: DoctorFlags, command: Command): Promise<void> {
  const [category, name] = doctorArguments(args[0], args[1]);
  const request = validateDoctor(completeDoctor(category, name, flags, globalsOf(command)));
  await runDoctorCommand(request, io, () => connect(command));
}
