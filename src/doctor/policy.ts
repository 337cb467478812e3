// What a team's config file asks of the doctor: checks never run, checks re-ranked, and findings excepted per
// namespace (and object) with a reason. Pure. Nothing disappears silently: excepted findings are counted per rule.
import { posix } from 'node:path';
import type { Finding, RelatedFinding, Severity } from './finding.ts';

/** Findings of `checks` about objects in a namespace matching `namespace` (and named like `name`) are not reported. */
export interface PolicyException {
  /** A glob (`*`, `?`, `[…]`, `{a,b}`) over the namespace. */
  namespace: string;
  /** A glob over the object's name; every object when left out. */
  name?: string | undefined;
  checks: readonly string[];
  reason: string;
  /** Where the rule is written (file:line:column), so the report can point at it. */
  source?: string | undefined;
}

export interface DoctorPolicy {
  /** Check ids never run. */
  skip: readonly string[];
  /** Check id → the severity its findings take. */
  severity: Readonly<Record<string, Severity>>;
  exceptions: readonly PolicyException[];
}

export const noPolicy: DoctorPolicy = { skip: [], severity: {}, exceptions: [] };

/** --fail-on (and the config's doctor.failOn): the least severity that fails the run, or none. */
export const failLevels = ['error', 'warning', 'info', 'none'] as const;
export type FailLevel = (typeof failLevels)[number];
export const isFailLevel = (text: string): text is FailLevel => (failLevels as readonly string[]).includes(text);

/** How many findings one exception took out of the report. */
export interface Suppression {
  exception: PolicyException;
  findings: number;
}

const sameId = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The checks the policy lets run. */
export function notSkipped<T extends { id: string }>(checks: readonly T[], policy: DoctorPolicy): T[] {
  return checks.filter((check) => !policy.skip.some((id) => sameId(id, check.id)));
}

function rankedAs(policy: DoctorPolicy, id: string): Severity | undefined {
  const key = Object.keys(policy.severity).find((k) => sameId(k, id));
  return key === undefined ? undefined : policy.severity[key];
}

function reRanked<T extends RelatedFinding>(finding: T, policy: DoctorPolicy): T {
  const severity = rankedAs(policy, finding.id);
  return severity && severity !== finding.severity ? { ...finding, severity } : finding;
}

/** A finding (and what follows from it) with the severities the policy gives their checks. */
export function withPolicySeverity(finding: Finding, policy: DoctorPolicy): Finding {
  const ranked = reRanked(finding, policy);
  return finding.related ? { ...ranked, related: finding.related.map((r) => reRanked(r, policy)) } : ranked;
}

/** The first exception that covers the finding. */
export function exceptionFor(finding: Pick<Finding, 'id' | 'namespace' | 'name'>, policy: DoctorPolicy): PolicyException | undefined {
  return policy.exceptions.find(
    (rule) =>
      rule.checks.some((id) => sameId(id, finding.id)) &&
      posix.matchesGlob(finding.namespace, rule.namespace) &&
      (rule.name === undefined || posix.matchesGlob(finding.name, rule.name)),
  );
}

/** The findings no exception covers, and how many each exception took (rules that took none are left out). */
export function withoutExceptions(findings: readonly Finding[], policy: DoctorPolicy): { kept: Finding[]; suppressed: Suppression[] } {
  const counts = new Map<PolicyException, number>();
  const kept = findings.filter((finding) => {
    const rule = exceptionFor(finding, policy);
    if (rule) counts.set(rule, (counts.get(rule) ?? 0) + 1);
    return !rule;
  });
  return { kept, suppressed: [...counts].map(([exception, count]) => ({ exception, findings: count })) };
}

/** Two reports' suppressions as one: the same rule's counts added. */
export function mergeSuppressions(a: readonly Suppression[], b: readonly Suppression[]): Suppression[] {
  const counts = new Map<PolicyException, number>();
  for (const s of [...a, ...b]) counts.set(s.exception, (counts.get(s.exception) ?? 0) + s.findings);
  return [...counts].map(([exception, findings]) => ({ exception, findings }));
}
