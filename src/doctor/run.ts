// Runs the checks over a Snapshot. Pure: same snapshot, same findings.
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { Snapshot } from '../snapshot/types.ts';
import { workloadsOf } from '../snapshot/workloads.ts';
import { checks as allChecks } from './checks/index.ts';
import { doctorContext, type Check } from './context.ts';
import { severityRank, type Category, type CheckInfo, type Finding, type Severity } from './finding.ts';
import { noPolicy, notSkipped, withoutExceptions, withPolicySeverity, type DoctorPolicy, type Suppression } from './policy.ts';
import { groupByRootCause } from './root-causes.ts';
import { valuesCheckInfos } from './values-files.ts';
import { t } from '../i18n/index.ts';
import { byCodePoint } from '../k8s/order.ts';

export interface DoctorScope {
  category?: Category | undefined;
  /** One object: findings about it, or about the HPA/workload pair it belongs to. */
  name?: string | undefined;
}

/** Counts of root causes: a finding kept as another's evidence is counted in `related` only. */
export interface DoctorSummary {
  errors: number;
  warnings: number;
  info: number;
  related: number;
  checks: number;
  hpas: number;
  workloads: number;
  /** Set when the config file's exceptions took findings out of the report: how many, and by which rule. */
  suppressed?: number;
  suppressedBy?: SuppressionData[];
}

/** One exception rule of the config file and how many findings it took out. */
export interface SuppressionData {
  namespace: string;
  name?: string;
  checks: string[];
  reason: string;
  /** file:line:column of the rule. */
  at?: string;
  findings: number;
}

/** The summary's account of suppressed findings; nothing when none was. */
export function suppressionSummary(suppressions: readonly Suppression[]): Pick<DoctorSummary, 'suppressed' | 'suppressedBy'> {
  if (!suppressions.length) return {};
  return {
    suppressed: suppressions.reduce((sum, s) => sum + s.findings, 0),
    suppressedBy: suppressions.map(({ exception: { namespace, name, checks, reason, source }, findings }) => ({
      namespace,
      ...(name !== undefined ? { name } : {}),
      checks: [...checks],
      reason,
      ...(source !== undefined ? { at: source } : {}),
      findings,
    })),
  };
}

export interface DoctorReport {
  findings: Finding[];
  summary: DoctorSummary;
  /** What the config file's exceptions took out, by rule (the summary says it too). */
  suppressed?: Suppression[];
}

/** Findings about one object, or about the HPA/workload pair it belongs to. */
function aboutName(snapshot: Snapshot, name: string | undefined): (finding: Finding) => boolean {
  if (!name) return () => true;
  const related = new Set([name]);
  for (const hpa of snapshot.hpas) if (hpa.metadata.name === name) related.add(hpa.spec.scaleTargetRef.name);
  for (const hpa of snapshot.hpas) if (hpa.spec.scaleTargetRef.name === name) related.add(hpa.metadata.name);
  return (finding) => related.has(finding.name);
}

/**
 * The policy's skipped checks do not run; its exceptions take their findings out before the grouping by root cause
 * (an excepted cause does not hide what follows from it); its severities apply after it (they re-rank what the user
 * sees, not which finding causes which).
 */
export function runDoctor(
  snapshot: Snapshot,
  scope: DoctorScope = {},
  checks: readonly Check[] = allChecks,
  policy: DoctorPolicy = noPolicy,
): DoctorReport {
  const context = doctorContext(snapshot);
  const selected = notSkipped(checks, policy).filter((check) => !scope.category || check.category === scope.category);
  const { kept, suppressed } = withoutExceptions(
    selected.flatMap((check) => check.run(context)).filter(aboutName(snapshot, scope.name)),
    policy,
  );
  const findings = groupByRootCause(kept, snapshot).map((finding) => withPolicySeverity(finding, policy));
  findings.sort(
    (a, b) =>
      byCodePoint(a.namespace, b.namespace) ||
      byCodePoint(a.kind, b.kind) ||
      byCodePoint(a.name, b.name) ||
      severityRank[b.severity] - severityRank[a.severity] ||
      byCodePoint(a.id, b.id),
  );
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return {
    findings,
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      info: count('info'),
      related: findings.reduce((sum, f) => sum + (f.related?.length ?? 0), 0),
      checks: selected.length,
      hpas: snapshot.hpas.length,
      workloads: context.workloads.length,
      ...suppressionSummary(suppressed),
    },
    ...(suppressed.length ? { suppressed } : {}),
  };
}

export function findCheck(id: string): Check | undefined {
  return allChecks.find((check) => check.id.toLowerCase() === id.toLowerCase());
}

/** Every check's id and explanation: the live checks, then the values-file checks (doctor -f, --chart). */
export const allCheckInfos: readonly CheckInfo[] = [...allChecks, ...valuesCheckInfos];

/** `doctor --explain ID` over live and values-file checks alike. */
export function findCheckInfo(id: string): CheckInfo | undefined {
  return allCheckInfos.find((check) => check.id.toLowerCase() === id.toLowerCase());
}

/** A NAME that matches no HPA or workload is a typo, not a clean bill of health. */
export const hasObjectNamed = (snapshot: Snapshot, name: string): boolean =>
  snapshot.hpas.some((h) => h.metadata.name === name) || workloadsOf(snapshot).some((w) => w.name === name);

export function checkNameExists(snapshot: Snapshot, name: string | undefined, namespace: string | null): void {
  if (!name || hasObjectNamed(snapshot, name)) return;
  throw new UserError(namespace ? t('doctorRun.noObjectInNamespace', { name, namespace }) : t('doctorRun.noObject', { name }), {
    hint: t('doctorRun.noObjectHint'),
    exitCode: ExitCode.notFound,
  });
}
