// What the doctor's markdown and HTML reports share: the summary sentence, findings grouped by object and
// ordered by severity, and fixes with the lines to copy apart from the prose, so a command is copied whole.
import { severityRank, type Finding, type Fix } from '../../doctor/finding.ts';
import type { DoctorSummary } from '../../doctor/run.ts';
import type { Snapshot } from '../../snapshot/types.ts';
import { groupBy } from '../../snapshot/workloads.ts';
import { objectPath } from './doctor.ts';
import { fixCommand, intentCommand } from './commands.ts';

export interface FixBlock {
  /** Prose: what to do, or a note. */
  text: string;
  /** Lines to copy: a command, or the values keys to set. */
  code?: string;
  /** The code is a shell command. */
  command?: boolean;
}

export function fixBlocks(fix: Fix): FixBlock[] {
  const note = fix.type !== 'manual' && fix.note ? [{ text: `Note: ${fix.note}` }] : [];
  switch (fix.type) {
    case 'manual':
      return [{ text: `Fix: ${fix.text}` }];
    case 'values':
      return [
        {
          text: `Fix: in the values of helm release ${fix.namespace}/${fix.release}, set`,
          code: fix.values.map((v) => `${v.path} = ${JSON.stringify(v.value)}`).join('\n'),
        },
        ...(fix.intent ? [{ text: 'Or, through the same helm route:', code: intentCommand(fix.intent), command: true }] : []),
        ...note,
      ];
    default:
      return [{ text: 'Fix:', code: fixCommand(fix), command: true }, ...note];
  }
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "2 errors, 1 warning, 0 info": the counts that decide the exit code. */
export const countsText = (summary: DoctorSummary) =>
  `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.info} info`;

/** What the counts are over, and what else shaped the report (grouped related findings, the config's exceptions). */
export function scopeText(summary: DoctorSummary): string {
  const related = summary.related ? ` ${plural(summary.related, 'finding')} that follow from another's cause are shown with it.` : '';
  const suppressed = summary.suppressed ? ` ${plural(summary.suppressed, 'finding')} left out by the config file's exceptions.` : '';
  return `${summary.checks} checks over ${plural(summary.workloads, 'workload')} and ${plural(summary.hpas, 'HPA')}.${related}${suppressed}`;
}

/** Where the report's data came from, when the command knows: the snapshot's context, namespace and time. */
export type ReportSource = Pick<Snapshot, 'context' | 'namespace' | 'takenAt'>;

export function sourceFacts(source: ReportSource | undefined): [string, string][] {
  if (!source) return [];
  return [
    ['Context', source.context],
    ['Namespace', source.namespace ?? 'all namespaces'],
    ['Taken at', source.takenAt],
  ];
}

/** Every finding once, most severe first, then by object, for a report's overview table. */
export const bySeverity = (findings: readonly Finding[]) =>
  [...findings].sort((a, b) => severityRank[b.severity] - severityRank[a.severity] || objectPath(a).localeCompare(objectPath(b)));

/** The findings of each object, objects in the report's order. */
export const byObject = (findings: readonly Finding[]): [string, Finding[]][] => [...groupBy(findings, objectPath)];
