// The helm route: a release's user values plus the edits the chart's profile chose, and nothing else
// (no chart default is frozen in), planned as a values-preserving `helm upgrade`.
import { usageError } from '../k8s/errors.ts';
import type { HelmRelease } from '../profiles/generic.ts';
import { parse } from 'yaml';
import {
  formatValuesPath,
  indexIn,
  isValuesMap,
  valueAtPath,
  type Values,
  type ValuesEdit,
  type ValuesPath,
  type ValuesPathSegment,
} from '../profiles/values/model.ts';
import { clone, deepEqual } from './patch.ts';
import type { ChartSource, HelmUpgradeChange, ValuesFileChange } from './types.ts';
import { t } from '../i18n/index.ts';

type Container = Values | unknown[];

function childOf(
  container: Container,
  segment: ValuesPathSegment,
  at: ValuesPath,
): { get: () => unknown; set: (v: unknown) => void; remove: () => void } {
  if (Array.isArray(container)) {
    if (typeof segment === 'string') throw usageError(t('plan.values.listNoKey', { at: formatValuesPath(at), key: segment }));
    const index = indexIn(container, segment);
    if (index < 0)
      throw usageError(
        typeof segment === 'number'
          ? t('plan.values.noEntryIndex', { at: formatValuesPath(at), index: `[${segment}]` })
          : t('plan.values.noEntryNamed', { at: formatValuesPath(at), name: segment.name }),
      );
    return { get: () => container[index], set: (v) => (container[index] = v), remove: () => container.splice(index, 1) };
  }
  if (typeof segment !== 'string') throw usageError(t('plan.values.notList', { at: formatValuesPath(at) }));
  return { get: () => container[segment], set: (v) => (container[segment] = v), remove: () => delete container[segment] };
}

function applyEdit(values: Values, edit: ValuesEdit): void {
  const { path, value } = edit;
  if (!path.length) throw new Error('internal: a values edit needs a path');
  if (value === undefined && valueAtPath(values, path) === undefined) return;
  let container: Container = values;
  for (const [i, segment] of path.slice(0, -1).entries()) {
    const child = childOf(container, segment, path.slice(0, i));
    let next = child.get();
    if (next === undefined || next === null) {
      if (value === undefined) return;
      if (typeof path[i + 1] !== 'string') throw usageError(t('plan.values.notList', { at: formatValuesPath(path.slice(0, i + 1)) }));
      next = {};
      child.set(next);
    } else if (!isValuesMap(next) && !Array.isArray(next)) {
      throw usageError(
        t('plan.values.holdsNotMap', {
          at: formatValuesPath(path.slice(0, i + 1)),
          value: JSON.stringify(next),
          path: formatValuesPath(path),
        }),
        t('plan.values.holdsNotMapHint'),
      );
    }
    container = next as Container;
  }
  const last = childOf(container, path.at(-1)!, path.slice(0, -1));
  if (value === undefined) {
    if (last.get() !== undefined) last.remove();
  } else last.set(clone(value));
}

/** The values with the edits applied, in order; never mutates its input. Arrays by index or by entry name. */
export function applyValuesEdits(values: Values, edits: readonly ValuesEdit[]): Values {
  const result = clone(values);
  for (const edit of edits) applyEdit(result, edit);
  return result;
}

function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

function leafLines(path: ValuesPath, before: unknown, after: unknown, lines: string[]): void {
  if (deepEqual(before, after)) return;
  const mapLike = (v: unknown) => v === undefined || isValuesMap(v);
  if (mapLike(before) && mapLike(after)) {
    const keys = new Set([...Object.keys((before as Values) ?? {}), ...Object.keys((after as Values) ?? {})]);
    for (const key of keys) leafLines([...path, key], (before as Values)?.[key], (after as Values)?.[key], lines);
    return;
  }
  lines.push(`${formatValuesPath(path)}: ${show(before)} → ${show(after)}`);
}

/** One line per value the edits change, "controller.replicaCount: 1 → 3", in the order of the edits. */
export function valuesSummary(before: Values, after: Values, edits: readonly ValuesEdit[]): string[] {
  const lines: string[] = [];
  for (const edit of edits) leafLines(edit.path, valueAtPath(before, edit.path), valueAtPath(after, edit.path), lines);
  return [...new Set(lines)];
}

export interface HelmUpgradePlan {
  release: HelmRelease;
  chart: ChartSource;
  revision: number;
  userValues: Values;
  edits: readonly ValuesEdit[];
  notes?: readonly string[];
  warnings?: readonly string[];
  valuesFile?: ValuesFileChange | undefined;
}

export function planHelmUpgrade(plan: HelmUpgradePlan): HelmUpgradeChange {
  const valuesBefore = clone(plan.userValues);
  const valuesAfter = applyValuesEdits(valuesBefore, plan.edits);
  return {
    kind: 'helm-upgrade',
    release: plan.release,
    chart: plan.chart,
    revision: plan.revision,
    valuesBefore,
    valuesAfter,
    ...(plan.valuesFile ? { valuesFile: plan.valuesFile } : {}),
    summary: valuesSummary(valuesBefore, valuesAfter, plan.edits),
    warnings: [...(plan.warnings ?? []), ...(plan.valuesFile ? fileDisagreements(valuesBefore, plan.valuesFile, plan.edits) : [])],
    notes: [...(plan.notes ?? [])],
  };
}

/** Keys the release holds with another value than the file: it was installed with more than this file (--set, another --values). */
function fileDisagreements(userValues: Values, file: ValuesFileChange, edits: readonly ValuesEdit[]): string[] {
  const parsed: unknown = parse(file.textBefore);
  const fileValues = isValuesMap(parsed) ? parsed : {};
  return edits.flatMap((edit) => {
    const inRelease = valueAtPath(userValues, edit.path);
    const inFile = valueAtPath(fileValues, edit.path);
    if (deepEqual(inRelease, inFile)) return [];
    return [
      t('plan.values.fileDisagrees', {
        path: formatValuesPath(edit.path),
        release: show(inRelease),
        file: show(inFile),
        filePath: file.path,
      }),
    ];
  });
}
