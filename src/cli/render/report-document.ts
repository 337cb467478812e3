// What the doctor's markdown and HTML reports share: the summary sentence, findings grouped by object and
// ordered by severity, and fixes with the lines to copy apart from the prose, so a command is copied whole.
import { severityRank, type Finding, type Fix } from '../../doctor/finding.ts';
import type { DoctorSummary } from '../../doctor/run.ts';
import type { Snapshot } from '../../snapshot/types.ts';
import { groupBy } from '../../snapshot/workloads.ts';
import { objectPath } from './doctor.ts';
import { fixCommand, intentCommand } from './commands.ts';
import { t } from '../../i18n/index.ts';
import { byCodePoint } from '../../k8s/order.ts';

export interface FixBlock {
  /** What to do, or a note on it. */
  kind: 'fix' | 'note';
  /** Prose: what to do, or a note. */
  text: string;
  /** Lines to copy: a command, or the values keys to set. */
  code?: string;
  /** The code is a shell command. */
  command?: boolean;
}

export function fixBlocks(fix: Fix): FixBlock[] {
  const note: FixBlock[] = fix.type !== 'manual' && fix.note ? [{ kind: 'note', text: t('report.document.note', { text: fix.note }) }] : [];
  switch (fix.type) {
    case 'manual':
      return [{ kind: 'fix', text: t('report.document.fixText', { text: fix.text }) }];
    case 'values':
      return [
        {
          kind: 'fix',
          text: t('report.document.fixValues', { namespace: fix.namespace, release: fix.release }),
          code: fix.values.map((v) => `${v.path} = ${JSON.stringify(v.value)}`).join('\n'),
        },
        ...(fix.intent
          ? [{ kind: 'fix' as const, text: t('report.document.orHelmRoute'), code: intentCommand(fix.intent), command: true }]
          : []),
        ...note,
      ];
    default:
      return [{ kind: 'fix', text: t('report.document.fixCommand'), code: fixCommand(fix), command: true }, ...note];
  }
}

/** "2 errors, 1 warning, 0 info": the counts that decide the exit code. */
export const countsText = (summary: DoctorSummary) =>
  t('report.document.counts', {
    errors: t('report.summary.errors', { count: summary.errors }),
    warnings: t('report.summary.warnings', { count: summary.warnings }),
    info: t('report.summary.info', { count: summary.info }),
  });

/** What the counts are over, and what else shaped the report (grouped related findings, the config's exceptions). */
export function scopeText(summary: DoctorSummary): string {
  const scope = t('report.document.scope', {
    checks: summary.checks,
    workloads: t('report.document.workloads', { count: summary.workloads }),
    hpas: t('report.document.hpas', { count: summary.hpas }),
  });
  const related = summary.related ? [t('report.document.related', { count: summary.related })] : [];
  const suppressed = summary.suppressed ? [t('report.document.suppressed', { count: summary.suppressed })] : [];
  return [scope, ...related, ...suppressed].join(' ');
}

/** The overview table's column names. */
export const reportColumns = () => [
  t('report.document.column.severity'),
  t('report.document.column.id'),
  t('report.document.column.object'),
  t('report.document.column.message'),
  t('report.document.column.location'),
];

/** Where the report's data came from, when the command knows: the snapshot's context, namespace and time. */
export type ReportSource = Pick<Snapshot, 'context' | 'namespace' | 'takenAt'>;

export function sourceFacts(source: ReportSource | undefined): [string, string][] {
  if (!source) return [];
  return [
    [t('report.document.context'), source.context],
    [t('report.document.namespace'), source.namespace ?? t('report.document.allNamespaces')],
    [t('report.document.takenAt'), source.takenAt],
  ];
}

/** Every finding once, most severe first, then by object, for a report's overview table. */
export const bySeverity = (findings: readonly Finding[]) =>
  [...findings].sort((a, b) => severityRank[b.severity] - severityRank[a.severity] || byCodePoint(objectPath(a), objectPath(b)));

/** The findings of each object, objects in the report's order. */
export const byObject = (findings: readonly Finding[]): [string, Finding[]][] => [...groupBy(findings, objectPath)];
