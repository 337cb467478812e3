// The doctor's report for a terminal (a table grouped by object) and for -o json|yaml (fixes spelled as
// commands, the schema docs/doctor.md documents).
import type { CheckInfo, Finding, Fix, RelatedFinding, Severity, SourceLocation } from '../../doctor/finding.ts';
import type { DoctorReport, DoctorSummary } from '../../doctor/run.ts';
import type { Intent } from '../../plan/intent.ts';
import type { NamespaceHpas } from '../../snapshot/hpa-namespaces.ts';
import { hangingWrap } from '../output.ts';
import { fixCommand, intentCommand } from './commands.ts';
import type { Paint } from './paint.ts';
import { t } from '../../i18n/index.ts';

const indented = (block: string) => block.replaceAll(/^/gm, '      ');

const marks: Record<Severity, [string, 'red' | 'yellow' | 'blue']> = { error: ['✖', 'red'], warning: ['▲', 'yellow'], info: ['●', 'blue'] };

/**
 * `namespace/Kind/name`, or `Kind/name` for what has no namespace (a values file); `context: …` before it when one
 * report covers several contexts (a context name may hold `/`, as EKS's do).
 */
export function objectPath(object: Pick<Finding, 'namespace' | 'kind' | 'name' | 'context'>): string {
  const path = [object.namespace, object.kind, object.name].filter(Boolean).join('/');
  return object.context ? `${object.context}: ${path}` : path;
}

/** file:line:column as compilers print it, so terminals and editors open the place. */
export const locationText = (location: SourceLocation) => `${location.file}:${location.line}:${location.column}`;

/** Prose wraps at the terminal's width; a command line never does, so it can be copied whole. */
export function fixLines(fix: Fix, paint: Paint, width: number | undefined): string[] {
  const label = (text: string) => `${paint('dim', text)} `;
  const note = (text: string | undefined) => (text ? [hangingWrap(label(t('report.label.note')), text, width)] : []);
  switch (fix.type) {
    case 'values':
      return [
        hangingWrap(
          label(t('report.label.fix')),
          t('report.fix.values', {
            namespace: fix.namespace,
            release: fix.release,
            settings: fix.values.map((v) => `${paint('cyan', v.path)} = ${JSON.stringify(v.value)}`).join(', '),
          }),
          width,
        ),
        ...(fix.intent ? [`${label(t('report.label.or'))}${paint('cyan', intentCommand(fix.intent))}`] : []),
        ...note(fix.note),
      ];
    case 'manual':
      return [hangingWrap(label(t('report.label.fix')), fix.text, width)];
    default:
      return [`${label(t('report.label.fix'))}${paint('cyan', fixCommand(fix))}`, ...note(fix.note)];
  }
}

/** What follows from a finding's cause, one line each; the object is named when it is another one. */
function relatedLines(finding: Finding, paint: Paint, width: number | undefined): string[] {
  return (finding.related ?? []).map((r: RelatedFinding) => {
    const [mark, color] = marks[r.severity];
    const elsewhere = r.kind !== finding.kind || r.name !== finding.name ? `${r.kind}/${r.name}: ` : '';
    return hangingWrap(`${paint('dim', t('report.label.also'))} ${paint(color, `${mark} ${r.id}`)} `, `${elsewhere}${r.message}`, width);
  });
}

/** `width`: the terminal's, to wrap long messages at (none for a pipe: one finding line stays one line). */
export function renderDoctorTable(report: DoctorReport, paint: Paint, width?: number): string {
  // Related and fix lines sit 6 columns in.
  const inner = width ? width - 6 : undefined;
  const lines: string[] = [];
  let current = '';
  for (const f of report.findings) {
    const object = objectPath(f);
    if (object !== current) {
      lines.push('', paint('bold', object));
      current = object;
    }
    const [mark, color] = marks[f.severity];
    lines.push(hangingWrap(`  ${paint(color, `${mark} ${f.id}`)} `, f.message, width));
    if (f.location) lines.push(indented(`${paint('dim', t('report.label.at'))} ${locationText(f.location)}`));
    for (const line of relatedLines(f, paint, inner)) lines.push(indented(line));
    for (const line of fixLines(f.fix, paint, inner)) lines.push(indented(line));
  }
  const { errors, warnings, info, related, checks, hpas, workloads } = report.summary;
  const counts = {
    errors: paint(errors ? 'red' : 'green', t('report.summary.errors', { count: errors })),
    warnings: paint(warnings ? 'yellow' : 'green', t('report.summary.warnings', { count: warnings })),
    info: t('report.summary.info', { count: info }),
    checks,
    workloads,
    hpas,
  };
  const summary = related ? t('report.summary.withRelated', { ...counts, count: related }) : t('report.summary.line', counts);
  lines.push('', hangingWrap('', summary, width));
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

/** What a scope without workloads or HPAs says, and where HPAs are when that is known. */
export function emptyScopeText(
  scope: { namespace: string | null; selector: string | undefined },
  elsewhere: NamespaceHpas[] | undefined,
): string {
  const { namespace, selector } = scope;
  if (selector)
    return namespace ? t('report.empty.selectorInNamespace', { selector, namespace }) : t('report.empty.selectorAnywhere', { selector });
  if (!namespace || !elsewhere) return namespace ? t('report.empty.inNamespace', { namespace }) : t('report.empty.anywhere');
  if (!elsewhere.length) return t('report.empty.noHpasAnywhere', { namespace });
  const shown = elsewhere.slice(0, 5).map((n) => `${n.namespace} (${n.hpas})`);
  const more = elsewhere.length - shown.length;
  const params = { namespace, namespaces: shown.join(', '), first: elsewhere[0]!.namespace, count: more };
  return more ? t('report.empty.hpasElsewhereAndMore', params) : t('report.empty.hpasElsewhere', params);
}

export function explainText(check: CheckInfo): string {
  // One guide section a line, under the heading.
  const guide = check.guide ? `\n${t('report.explain.guide')}\n${check.guide.replaceAll(/^/gm, '  ')}\n` : '';
  return `${check.id} (${check.category}): ${check.title}\n\n${check.explain}\n${guide}`;
}

export function checkListText(checks: readonly Pick<CheckInfo, 'id' | 'category' | 'title'>[]): string {
  return checks.map((c) => `${c.id.padEnd(7)} ${c.category.padEnd(10)} ${c.title}`).join('\n') + '\n';
}

/** A fix as users read it in JSON/YAML: a command line where there is one, with the intent behind it. */
export type FixData =
  | { type: 'command'; command: string; note?: string; intent?: Intent }
  | (Extract<Fix, { type: 'values' }> & { command?: string })
  | Extract<Fix, { type: 'manual' }>;

export function fixData(fix: Fix): FixData {
  switch (fix.type) {
    case 'values':
      return fix.intent ? { ...fix, command: intentCommand(fix.intent) } : fix;
    case 'manual':
      return fix;
    default: {
      const data: FixData = { type: 'command', command: fixCommand(fix), ...(fix.note !== undefined ? { note: fix.note } : {}) };
      return fix.type === 'intent' ? { ...data, intent: fix.intent } : data;
    }
  }
}

export interface DoctorReportData {
  findings: (Omit<Finding, 'fix'> & { fix: FixData })[];
  summary: DoctorSummary;
}

export function doctorReportData(report: DoctorReport): DoctorReportData {
  return { findings: report.findings.map((f) => ({ ...f, fix: fixData(f.fix) })), summary: report.summary };
}
