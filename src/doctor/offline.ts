// The doctor over files (doctor -f, --chart): which checks the snapshot's gaps skip, and the report with each
// finding's place in the files and the values files' findings. Pure.
import type { SourceLocation, Finding, Severity } from './finding.ts';
import type { Check, LiveData } from './context.ts';
import type { DoctorReport } from './run.ts';
import type { Snapshot } from '../snapshot/types.ts';

export interface SkippedCheck {
  check: Check;
  /** The live data the snapshot lacks. */
  lacking: LiveData[];
}

/** Checks that need live data the snapshot lacks (Snapshot.missing): they would have nothing, or something wrong, to say. */
export function skippedChecks(snapshot: Snapshot, checks: readonly Check[]): SkippedCheck[] {
  const missing = new Set(snapshot.missing.map((m) => m.resource));
  return checks.flatMap((check) => {
    const lacking = (check.needs ?? []).filter((need) => missing.has(need));
    return lacking.length ? [{ check, lacking }] : [];
  });
}

export function runnableChecks(snapshot: Snapshot, checks: readonly Check[]): Check[] {
  const skipped = new Set(skippedChecks(snapshot, checks).map((s) => s.check));
  return checks.filter((check) => !skipped.has(check));
}

type Locate = (object: { kind: string; namespace: string; name: string }) => SourceLocation | undefined;

function located<T extends Omit<Finding, 'fix' | 'related'>>(finding: T, locate: Locate): T {
  const location = finding.location ?? locate(finding);
  return location ? { ...finding, location } : finding;
}

/** The report with every finding about an object read from a file located there, and the values files' findings after them. */
export function withFileFindings(report: DoctorReport, locate: Locate, valuesFindings: readonly Finding[]): DoctorReport {
  const findings = [
    ...report.findings.map((f) => ({
      ...located(f, locate),
      ...(f.related ? { related: f.related.map((r) => located(r, locate)) } : {}),
    })),
    ...valuesFindings,
  ];
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return {
    findings,
    summary: { ...report.summary, errors: count('error'), warnings: count('warning'), info: count('info') },
  };
}
