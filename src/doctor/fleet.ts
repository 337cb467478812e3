// One report over several clusters (--all-contexts, --context 'prod-*'): each context's findings, named by their
// context, in the contexts' order; the counts added up. Pure.
import { mergeSuppressions, type Suppression } from './policy.ts';
import { suppressionSummary, type DoctorReport } from './run.ts';

export interface ContextReport {
  context: string;
  report: DoctorReport;
}

export function mergeContextReports(parts: readonly ContextReport[]): DoctorReport {
  const findings = parts.flatMap(({ context, report }) => report.findings.map((f) => ({ ...f, context })));
  const sum = (field: 'errors' | 'warnings' | 'info' | 'related' | 'hpas' | 'workloads') =>
    parts.reduce((total, { report }) => total + report.summary[field], 0);
  const suppressed = parts.reduce<Suppression[]>((all, { report }) => mergeSuppressions(all, report.suppressed ?? []), []);
  return {
    findings,
    summary: {
      errors: sum('errors'),
      warnings: sum('warnings'),
      info: sum('info'),
      related: sum('related'),
      // The same checks ran on every context.
      checks: parts[0]?.report.summary.checks ?? 0,
      hpas: sum('hpas'),
      workloads: sum('workloads'),
      ...suppressionSummary(suppressed),
    },
    ...(suppressed.length ? { suppressed } : {}),
  };
}
