import { Argument, type Command } from 'commander';
import { checks } from '../../doctor/checks/index.ts';
import type { Category, Severity } from '../../doctor/finding.ts';
import { explainText, findingsAtOrAbove, renderDoctorTable } from '../../doctor/report.ts';
import { findCheck, runDoctor } from '../../doctor/run.ts';
import { ExitCode, UserError, usageError } from '../../k8s/errors.ts';
import { buildSnapshot } from '../../snapshot/build.ts';
import { parseLabelSelector } from '../../k8s/selector.ts';
import { workloadsOf } from '../../snapshot/workloads.ts';
import { connect, globalsOf } from '../context.ts';
import { colorEnabled, painter, parseOutputFormat, renderData, writeJson } from '../output.ts';
import type { Io } from '../program.ts';

interface DoctorOptions {
  selector?: string;
  explain?: string;
  failOn: string;
  list?: boolean;
}

const failLevels = ['error', 'warning', 'info', 'none'] as const;

export function registerDoctor(program: Command, io: Io): void {
  program
    .command('doctor')
    .description('diagnose HPAs, high availability and resources; every finding has an id and an exact fix')
    .addArgument(new Argument('[category]', 'hpa, ha or resources (default: all)').choices(['hpa', 'ha', 'resources']))
    .argument('[name]', 'one object: an HPA or workload name')
    .option('-l, --selector <selector>', 'label selector for the workloads (kubectl syntax)')
    .option('--explain <id>', 'print the long explanation of a check id (e.g. HPA003) and exit')
    .option('--list-checks', 'list every check id and title')
    .option('--fail-on <severity>', 'exit 3 when a finding of this severity or worse exists: error|warning|info|none', 'error')
    .addHelpText(
      'after',
      '\nExit codes: 0 no finding at --fail-on level, 3 findings at that level, 2 usage error; see kubectl scale-ha --help for the rest.',
    )
    .action(
      async (
        category: Category | undefined,
        name: string | undefined,
        options: DoctorOptions & { listChecks?: boolean },
        command: Command,
      ) => {
        if (!failLevels.includes(options.failOn as (typeof failLevels)[number]))
          throw usageError(`--fail-on: "${options.failOn}" is not one of ${failLevels.join(', ')}.`);
        const format = parseOutputFormat(globalsOf(command).output);
        if (options.explain) {
          const check = findCheck(options.explain);
          if (!check) throw usageError(`No check has the id "${options.explain}".`, 'kubectl scale-ha doctor --list-checks lists them.');
          io.stdout.write(
            format === 'table'
              ? explainText(check)
              : renderData(format, { id: check.id, category: check.category, title: check.title, explain: check.explain }),
          );
          return;
        }
        if (options.listChecks) {
          const rows = checks.map(({ id, category: c, title }) => ({ id, category: c, title }));
          io.stdout.write(
            format === 'table'
              ? rows.map((r) => `${r.id.padEnd(7)} ${r.category.padEnd(10)} ${r.title}`).join('\n') + '\n'
              : renderData(format, rows),
          );
          return;
        }
        if (options.selector) parseLabelSelector(options.selector);
        const ctx = connect(command);
        const snapshot = await buildSnapshot(ctx.client, { namespace: ctx.namespace, labelSelector: options.selector });
        if (name && !snapshot.hpas.some((h) => h.metadata.name === name) && !workloadsOf(snapshot).some((w) => w.name === name)) {
          throw new UserError(
            `No HPA or workload named "${name}" ${ctx.namespace ? `in namespace ${ctx.namespace}` : 'in any namespace'}.`,
            {
              hint: 'Check the name and -n; kubectl scale-ha list shows the workloads and their HPAs.',
              exitCode: ExitCode.notFound,
            },
          );
        }
        const report = runDoctor(snapshot, { category, name });
        if (ctx.output === 'table') io.stdout.write(renderDoctorTable(report, painter(colorEnabled(io.stdout, io.env))));
        else if (ctx.output === 'json') writeJson(io.stdout, report);
        else io.stdout.write(renderData(ctx.output, report));
        for (const gap of snapshot.missing)
          io.stderr.write(`warning: could not list ${gap.resource} (checks that need it were skipped): ${gap.reason}\n`);
        if (options.failOn !== 'none' && findingsAtOrAbove(report.findings, options.failOn as Severity) > 0) {
          io.exitCode = ExitCode.findings;
        }
      },
    );
}
