// What a check reports. The JSON schema of `doctor -o json` is exactly these types (docs/doctor.md).

export type Severity = 'error' | 'warning' | 'info';
export const severityRank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export type Category = 'hpa' | 'ha' | 'resources';

/** An exact remedy: a command to run, or a values edit in the owning helm release. */
export type Fix =
  | { type: 'command'; command: string; note?: string }
  | { type: 'values'; release: string; namespace: string; path: string; value: unknown; note?: string }
  | { type: 'manual'; text: string };

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
}

export interface CheckInfo {
  id: string;
  category: Category;
  title: string;
  /** Long explanation for `doctor --explain ID`: what, why, fix. */
  explain: string;
}
