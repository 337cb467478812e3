// Unified diff of an object, values or a file before and after a change (a small LCS line diff, no
// dependency), as data: hunks of line operations. Each face renders it (cli/render/diff.ts).
import { stringify } from 'yaml';
import type { KubeObject } from '../k8s/types.ts';

import { redactSecretValues, withoutEnvValues } from '../k8s/redact.ts';
import type { Change } from './types.ts';
import { t } from '../i18n/index.ts';

/** The object as a person reads it: no status, no server bookkeeping. */
export function forDisplay(object: KubeObject): KubeObject {
  const { status: _status, ...rest } = object as KubeObject & { status?: unknown };
  const {
    managedFields: _m,
    resourceVersion: _r,
    generation: _g,
    uid: _u,
    creationTimestamp: _c,
    selfLink: _s,
    ...metadata
  } = object.metadata as KubeObject['metadata'] & Record<string, unknown>;
  const annotations = metadata.annotations ? { ...metadata.annotations } : undefined;
  if (annotations) delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  return withoutEnvValues({ ...rest, metadata: { ...metadata, ...(annotations ? { annotations } : {}) } }) as KubeObject;
}

export type DiffOp = { kind: ' ' | '-' | '+'; line: string };
type Op = DiffOp;

export interface DiffHunk {
  /** 1-based first line and line count on each side, as in `@@ -a,n +b,m @@`. */
  from: { line: number; count: number };
  to: { line: number; count: number };
  ops: DiffOp[];
}

/** Empty hunks mean nothing differs. */
export interface Diff {
  labels: { from: string; to: string };
  hunks: DiffHunk[];
}

/** Line operations turning `a` into `b`; common prefix and suffix are trimmed before the LCS table. */
export function lineDiff(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] = midA[i] === midB[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      ops.push({ kind: ' ', line: midA[i]! });
      i++;
      j++;
    } else if (i < n && (j === m || table[i + 1]![j]! >= table[i]![j + 1]!)) ops.push({ kind: '-', line: midA[i++]! });
    else ops.push({ kind: '+', line: midB[j++]! });
  }
  for (const line of a.slice(endA)) ops.push({ kind: ' ', line });
  return ops;
}

/** Hunks with `context` lines around each change; no hunks when nothing differs. */
export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }, context = 3): Diff {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.at(-1) === '') a.pop();
  if (b.at(-1) === '') b.pop();
  const ops = lineDiff(a, b);
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const hunks: DiffHunk[] = [];
  let index = 0;
  while (index < changed.length) {
    let last = index;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= context * 2 + 1) last++;
    const from = Math.max(0, changed[index]! - context);
    const to = Math.min(ops.length - 1, changed[last]! + context);
    let lineA = 1;
    let lineB = 1;
    for (const op of ops.slice(0, from)) {
      if (op.kind !== '+') lineA++;
      if (op.kind !== '-') lineB++;
    }
    const hunk = ops.slice(from, to + 1);
    hunks.push({
      from: { line: lineA, count: hunk.filter((op) => op.kind !== '+').length },
      to: { line: lineB, count: hunk.filter((op) => op.kind !== '-').length },
      ops: hunk,
    });
    index = last + 1;
  }
  return { labels, hunks };
}

export function objectDiff(before: KubeObject, after: KubeObject): Diff {
  const name = `${before.kind ?? 'object'}/${before.metadata.name}`;
  const yaml = (object: KubeObject) => stringify(forDisplay(object), { lineWidth: 0 });
  return unifiedDiff(yaml(before), yaml(after), { from: t('plan.diff.live', { name }), to: t('plan.diff.planned', { name }) });
}

/** The diff a change shows before it is confirmed; `predicted` is the server's dry-run answer for a patch. */
export function changeDiff(change: Change, predicted?: KubeObject): Diff {
  switch (change.kind) {
    case 'patch':
      return objectDiff(change.before, predicted ?? change.after);
    case 'helm-upgrade':
    case 'helm-rollback': {
      const name = t('plan.diff.releaseValues', { release: `${change.release.namespace}/${change.release.name}` });
      const yaml = (values: Record<string, unknown>) => stringify(redactSecretValues(values), { lineWidth: 0 });
      return unifiedDiff(yaml(change.valuesBefore), yaml(change.valuesAfter), {
        from: t('plan.diff.deployed', { name }),
        to: t('plan.diff.planned', { name }),
      });
    }
    case 'values-file':
      return unifiedDiff(change.textBefore, change.textAfter, {
        from: t('plan.diff.now', { name: change.path }),
        to: t('plan.diff.planned', { name: change.path }),
      });
  }
}
