// The Workloads screen's rows: `list`'s summary of each workload plus the doctor's findings counted by severity. Pure.
import type { Finding, Severity } from '../doctor/finding.ts';
import type { Snapshot } from '../snapshot/types.ts';
import { summarizeWorkloads, type WorkloadSummary } from '../snapshot/summary.ts';

export type SeverityCounts = Record<Severity, number>;

export interface WorkloadRow extends WorkloadSummary {
  /** namespace/kind/name: stable across re-lists, so the selection survives a refresh. */
  key: string;
  findings: SeverityCounts;
}

export const workloadKey = (namespace: string, kind: string, name: string) => `${namespace}/${kind}/${name}`;

/** The workload a finding is about: itself, or the target of the HPA it names, or a workload of that name in its namespace. */
export function findingsByWorkload(
  snapshot: Snapshot,
  findings: readonly Finding[],
  rows: readonly WorkloadSummary[],
): Map<string, Finding[]> {
  const keys = new Set(rows.map((r) => workloadKey(r.namespace, r.kind, r.name)));
  const byName = new Map(rows.map((r) => [`${r.namespace}/${r.name}`, workloadKey(r.namespace, r.kind, r.name)]));
  const hpaTarget = new Map(
    snapshot.hpas.map((h) => {
      const namespace = h.metadata.namespace ?? 'default';
      const ref = h.spec.scaleTargetRef;
      return [`${namespace}/${h.metadata.name}`, workloadKey(namespace, ref.kind, ref.name)];
    }),
  );
  const grouped = new Map<string, Finding[]>();
  for (const finding of findings) {
    const direct = workloadKey(finding.namespace, finding.kind, finding.name);
    const key = keys.has(direct)
      ? direct
      : finding.kind === 'HorizontalPodAutoscaler'
        ? hpaTarget.get(`${finding.namespace}/${finding.name}`)
        : byName.get(`${finding.namespace}/${finding.name}`);
    if (!key || !keys.has(key)) continue;
    grouped.set(key, [...(grouped.get(key) ?? []), finding]);
  }
  return grouped;
}

export function workloadRows(snapshot: Snapshot, findings: readonly Finding[]): WorkloadRow[] {
  const summaries = summarizeWorkloads(snapshot);
  const grouped = findingsByWorkload(snapshot, findings, summaries);
  return summaries.map((summary) => {
    const key = workloadKey(summary.namespace, summary.kind, summary.name);
    const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
    for (const finding of grouped.get(key) ?? []) counts[finding.severity]++;
    return { ...summary, key, findings: counts };
  });
}

/** Case-insensitive match on namespace, kind/name, owner and targets; several words must all match. */
export function filterRows(rows: readonly WorkloadRow[], filter: string): readonly WorkloadRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const text = searchTextOf(row);
    return words.every((word) => text.includes(word));
  });
}

// Built once per row: a filter keystroke over 10,000 rows then only compares.
const searchTexts = new WeakMap<WorkloadRow, string>();
function searchTextOf(row: WorkloadRow): string {
  let text = searchTexts.get(row);
  if (text === undefined) {
    text = `${row.namespace} ${row.kind.toLowerCase()}/${row.name} ${row.owner} ${row.hpa?.targets ?? ''}`.toLowerCase();
    searchTexts.set(row, text);
  }
  return text;
}
