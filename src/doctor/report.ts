// Renders a DoctorReport as a table grouped by object (json/yaml go through cli/output).
import type { Paint } from '../paint.ts';
import { severityRank, type Finding, type Fix, type Severity } from './finding.ts';
import type { DoctorReport } from './run.ts';

const marks: Record<Severity, [string, 'red' | 'yellow' | 'blue']> = { error: ['✖', 'red'], warning: ['▲', 'yellow'], info: ['●', 'blue'] };

function fixLines(fix: Fix, paint: Paint): string[] {
  switch (fix.type) {
    case 'command':
      return [`${paint('dim', 'fix:')} ${paint('cyan', fix.command)}`, ...(fix.note ? [`${paint('dim', 'note:')} ${fix.note}`] : [])];
    case 'values':
      return [
        `${paint('dim', 'fix:')} in the values of helm release ${fix.namespace}/${fix.release} set ${paint('cyan', fix.path)} = ${JSON.stringify(fix.value)}`,
        ...(fix.note ? [`${paint('dim', 'note:')} ${fix.note}`] : []),
      ];
    case 'manual':
      return [`${paint('dim', 'fix:')} ${fix.text}`];
  }
}

export function renderDoctorTable(report: DoctorReport, paint: Paint): string {
  const lines: string[] = [];
  let current = '';
  for (const f of report.findings) {
    const object = `${f.namespace}/${f.kind}/${f.name}`;
    if (object !== current) {
      lines.push('', paint('bold', object));
      current = object;
    }
    const [mark, color] = marks[f.severity];
    lines.push(`  ${paint(color, `${mark} ${f.id}`)} ${f.message}`);
    for (const line of fixLines(f.fix, paint)) lines.push(`      ${line}`);
  }
  const { errors, warnings, info, checks, hpas, workloads } = report.summary;
  const counts = `${paint(errors ? 'red' : 'green', `${errors} error${errors === 1 ? '' : 's'}`)}, ${paint(warnings ? 'yellow' : 'green', `${warnings} warning${warnings === 1 ? '' : 's'}`)}, ${info} info`;
  lines.push(
    '',
    `${counts} — ${checks} checks over ${workloads} workloads and ${hpas} HPAs. Explain a finding: kubectl scale-ha doctor --explain ID`,
  );
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

export function explainText(check: { id: string; title: string; category: string; explain: string }): string {
  return `${check.id} (${check.category}): ${check.title}\n\n${check.explain}\n`;
}

export function findingsAtOrAbove(findings: Finding[], threshold: Severity): number {
  return findings.filter((f) => severityRank[f.severity] >= severityRank[threshold]).length;
}
