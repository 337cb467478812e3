// What a check reports: data only. The CLI spells fixes as command lines (cli/render/commands.ts);
// `doctor -o json|yaml` shows them as docs/doctor.md documents.
import type { LabelSelector } from '../k8s/types.ts';
import type { Intent, KubectlPatch } from '../plan/intent.ts';

export type Severity = 'error' | 'warning' | 'info';
export const severityRank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export type Category = 'hpa' | 'ha' | 'resources';

/**
 * One key of a release's values (a dotted path, as `helm --set` spells it) and the value to set there. A values fix
 * lists every key it needs, valid together: a memory request raised above its limit comes with the raised limit.
 */
export interface ValuesKey {
  path: string;
  value: unknown;
}

/** An exact remedy, as data: a change through the plugin's patch commands, a kubectl edit, a values edit, or prose. */
export type Fix =
  /** What `kubectl scale-ha patch …` would change; the TUI pre-fills its wizard from it. */
  | { type: 'intent'; intent: Intent; note?: string }
  /** A patch the plugin's commands do not make (a KEDA ScaledObject, a PDB, a VPA, part of an HPA's behavior), for `kubectl patch`. */
  | (KubectlPatch & { note?: string })
  /** A new PodDisruptionBudget over an equality selector, for `kubectl create poddisruptionbudget`. */
  | { type: 'kubectl-create-pdb'; namespace: string; name: string; selector: LabelSelector; maxUnavailable: number; note?: string }
  /** An edit of a helm release's values; `intent` is the same change as `kubectl scale-ha patch …`, which takes this helm route. */
  | { type: 'values'; release: string; namespace: string; values: ValuesKey[]; intent?: Intent; note?: string }
  | { type: 'manual'; text: string };

/** Where in a file the finding is (doctor -f, --chart): 1-based, as editors and SARIF count. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface Finding {
  id: string;
  severity: Severity;
  kind: string;
  namespace: string;
  name: string;
  message: string;
  /** The fields the check read, so the user can verify it. */
  evidence: Record<string, unknown>;
  fix: Fix;
  /** Findings that follow from this one's cause and go with its fix (doctor/root-causes.ts): its evidence. */
  related?: RelatedFinding[];
  /** Set when the object or value was read from a file rather than a cluster. */
  location?: SourceLocation;
  /** The kubeconfig context the object is in, when one report covers several (--all-contexts). */
  context?: string;
}

/** A finding kept as another's evidence: what it says, without a fix of its own. */
export type RelatedFinding = Omit<Finding, 'fix' | 'related'>;

export interface CheckInfo {
  id: string;
  category: Category;
  title: string;
  /** Long explanation for `doctor --explain ID`: what, why, fix. */
  explain: string;
  /** The vendor guide and section the check's rule comes from, when one does. */
  guide?: string | undefined;
}

export function findingsAtOrAbove(findings: readonly Finding[], threshold: Severity): number {
  return findings.filter((f) => severityRank[f.severity] >= severityRank[threshold]).length;
}
