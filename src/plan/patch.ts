// Local model of the two patch types, so `after` and undo patches come from one definition.
// Maps merge (null deletes a key); lists are replaced, except in a strategic patch, where
// containers and initContainers merge by name as the API server does.
import type { PatchType } from './types.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const mergedByName = new Set(['containers', 'initContainers']);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}

const byNameMerge = (type: PatchType, key: string, value: unknown): value is { name: string }[] =>
  type === 'strategic' && mergedByName.has(key) && Array.isArray(value) && value.every((item) => isObject(item) && typeof item.name === 'string');

/** The object with the patch applied; never mutates its inputs. */
export function applyPatch<T>(target: T, patch: unknown, type: PatchType): T {
  return applyValue(clone(target), patch, type, '') as T;
}

function applyValue(target: unknown, patch: unknown, type: PatchType, key: string): unknown {
  if (!isObject(patch)) {
    if (byNameMerge(type, key, patch) && Array.isArray(target)) return mergeListByName(target, patch, type);
    return clone(patch);
  }
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete result[field];
    else result[field] = applyValue(result[field], value, type, field);
  }
  return result;
}

function mergeListByName(target: unknown[], patch: { name: string }[], type: PatchType): unknown[] {
  const result = [...target];
  for (const item of patch) {
    const index = result.findIndex((existing) => isObject(existing) && existing.name === item.name);
    if (index >= 0) result[index] = applyValue(result[index], item, type, '');
    else result.push(applyValue(undefined, item, type, ''));
  }
  return result;
}

/** The smallest patch of the given type that turns `from` into `to` (undefined when equal). */
export function diffPatch(from: unknown, to: unknown, type: PatchType, key = ''): unknown {
  if (deepEqual(from, to)) return undefined;
  if (isObject(from) && isObject(to)) {
    const patch: Record<string, unknown> = {};
    for (const field of new Set([...Object.keys(from), ...Object.keys(to)])) {
      if (!(field in to)) patch[field] = null;
      else {
        const sub = diffPatch(from[field], to[field], type, field);
        if (sub !== undefined) patch[field] = sub;
      }
    }
    return patch;
  }
  if (byNameMerge(type, key, to) && byNameMerge(type, key, from) && to.length >= from.length && from.every((item, i) => to[i]?.name === item.name)) {
    const items: unknown[] = [];
    to.forEach((item, i) => {
      const sub = diffPatch(from[i], item, type, '');
      if (sub !== undefined) items.push({ ...(sub as object), name: item.name });
    });
    return items;
  }
  return clone(to);
}

/** Leaf paths a patch touches, e.g. ["spec", "maxReplicas"]; list items merged by name add "name=x". */
export function patchPaths(patch: unknown, type: PatchType, prefix: string[] = [], key = ''): string[][] {
  if (isObject(patch)) {
    return Object.entries(patch).flatMap(([field, value]) => (value === null || !isObject(value) && !byNameMerge(type, field, value) ? [[...prefix, field]] : patchPaths(value, type, [...prefix, field], field)));
  }
  if (byNameMerge(type, key, patch)) {
    return patch.flatMap((item) => {
      const { name, ...rest } = item as { name: string } & Record<string, unknown>;
      return Object.keys(rest).length ? patchPaths(rest, type, [...prefix, `name=${name}`]) : [[...prefix, `name=${name}`]];
    });
  }
  return [prefix];
}

/** Value at a path made by patchPaths. */
export function valueAt(object: unknown, path: string[]): unknown {
  let current: unknown = object;
  for (const step of path) {
    if (step.startsWith('name=') && Array.isArray(current)) current = current.find((item) => isObject(item) && item.name === step.slice(5));
    else if (isObject(current)) current = current[step];
    else return undefined;
  }
  return current;
}
