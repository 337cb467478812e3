// Local model of the two patch types, so `after` and undo patches come from one definition.
// Maps merge (null deletes a key); lists are replaced, except in a strategic patch, where the
// lists Kubernetes declares with a merge key merge item by item (`$patch: delete` removes one).
import type { PatchType } from './types.ts';

type JsonObject = Record<string, unknown>;

/** patchMergeKey of the lists we write (core/v1 PodSpec). */
const mergeKeys: Record<string, string> = { containers: 'name', initContainers: 'name', topologySpreadConstraints: 'topologyKey' };

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

/** The merge key when `field` holds a keyed list in this patch type, else undefined. */
function keyedList(type: PatchType, field: string, value: unknown): string | undefined {
  const key = type === 'strategic' ? mergeKeys[field] : undefined;
  return key && Array.isArray(value) && value.every((item) => isObject(item) && typeof item[key] === 'string') ? key : undefined;
}

/** The object with the patch applied; never mutates its inputs. */
export function applyPatch<T>(target: T, patch: unknown, type: PatchType): T {
  return applyValue(clone(target), patch, type, '') as T;
}

function applyValue(target: unknown, patch: unknown, type: PatchType, field: string): unknown {
  if (!isObject(patch)) {
    const key = keyedList(type, field, patch);
    if (key) return mergeList(Array.isArray(target) ? target : [], patch as JsonObject[], key, type);
    return clone(patch);
  }
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else result[name] = applyValue(result[name], value, type, name);
  }
  return result;
}

function mergeList(target: unknown[], patch: JsonObject[], key: string, type: PatchType): unknown[] {
  const result = [...target];
  for (const item of patch) {
    const index = result.findIndex((existing) => isObject(existing) && existing[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index] = applyValue(result[index], item, type, '');
    else result.push(applyValue(undefined, item, type, ''));
  }
  return result;
}

/** The smallest patch of the given type that turns `from` into `to` (undefined when equal). */
export function diffPatch(from: unknown, to: unknown, type: PatchType, field = ''): unknown {
  if (deepEqual(from, to)) return undefined;
  if (isObject(from) && isObject(to)) {
    const patch: JsonObject = {};
    for (const name of new Set([...Object.keys(from), ...Object.keys(to)])) {
      if (!(name in to)) patch[name] = null;
      else {
        const sub = diffPatch(from[name], to[name], type, name);
        if (sub !== undefined) patch[name] = sub;
      }
    }
    return patch;
  }
  const key = keyedList(type, field, to);
  if (key && keyedList(type, field, from) === key) {
    const before = from as JsonObject[];
    const after = to as JsonObject[];
    const items: JsonObject[] = [];
    for (const item of after) {
      const sub = diffPatch(
        before.find((b) => b[key] === item[key]),
        item,
        type,
        '',
      );
      if (sub !== undefined) items.push({ ...(sub as JsonObject), [key]: item[key] });
    }
    for (const item of before) if (!after.some((a) => a[key] === item[key])) items.push({ [key]: item[key], $patch: 'delete' });
    return items;
  }
  return clone(to);
}

/** Leaf paths a patch touches, e.g. ["spec", "maxReplicas"]; keyed list items add "[name=web]". */
export function patchPaths(patch: unknown, type: PatchType, prefix: string[] = [], field = ''): string[][] {
  if (isObject(patch)) {
    return Object.entries(patch).flatMap(([name, value]) =>
      value === null || (!isObject(value) && !keyedList(type, name, value))
        ? [[...prefix, name]]
        : patchPaths(value, type, [...prefix, name], name),
    );
  }
  const key = keyedList(type, field, patch);
  if (key) {
    return (patch as JsonObject[]).flatMap((item) => {
      const { [key]: id, $patch, ...rest } = item;
      const step = `[${key}=${String(id)}]`;
      return $patch === 'delete' || Object.keys(rest).length === 0 ? [[...prefix, step]] : patchPaths(rest, type, [...prefix, step]);
    });
  }
  return [prefix];
}

/**
 * Leaf paths where `from` and `to` differ. A subtree only one side has counts leaf by leaf (a keyed list
 * item by item), so putting those paths back leaves alone what someone else added beside them.
 */
export function changedPaths(from: unknown, to: unknown, type: PatchType, prefix: string[] = [], field = ''): string[][] {
  if (deepEqual(from, to)) return [];
  if (isObject(from) && isObject(to)) {
    return [...new Set([...Object.keys(from), ...Object.keys(to)])].flatMap((name) =>
      changedPaths(from[name], to[name], type, [...prefix, name], name),
    );
  }
  if (from === undefined) return leafPaths(to, type, prefix, field);
  if (to === undefined) return leafPaths(from, type, prefix, field);
  const key = keyedList(type, field, to);
  if (key && keyedList(type, field, from) === key) {
    const before = from as JsonObject[];
    const after = to as JsonObject[];
    const ids = [...new Set([...before, ...after].map((item) => item[key] as string))];
    return ids.flatMap((id) => {
      const step = `[${key}=${id}]`;
      const a = before.find((item) => item[key] === id);
      const b = after.find((item) => item[key] === id);
      return a && b ? changedPaths(a, b, type, [...prefix, step]) : [[...prefix, step]];
    });
  }
  return [prefix];
}

function leafPaths(value: unknown, type: PatchType, prefix: string[], field: string): string[][] {
  if (isObject(value) && Object.keys(value).length)
    return Object.entries(value).flatMap(([name, sub]) => leafPaths(sub, type, [...prefix, name], name));
  const key = keyedList(type, field, value);
  if (key && (value as JsonObject[]).length) return (value as JsonObject[]).map((item) => [...prefix, `[${key}=${String(item[key])}]`]);
  return [prefix];
}

function keyedStep(step: string): { key: string; id: string } | undefined {
  const match = /^\[([^=\]]+)=(.*)\]$/.exec(step);
  return match ? { key: match[1]!, id: match[2]! } : undefined;
}

/**
 * A copy of `object` with the value at a path made by changedPaths set, or removed when undefined. Maps
 * and lists the removal leaves empty go too, unless `shape` (the object being restored) has them.
 */
export function withValueAt(object: unknown, path: string[], value: unknown, shape?: unknown): unknown {
  const [step, ...rest] = path;
  if (step === undefined) return clone(value);
  const item = keyedStep(step);
  const list = Array.isArray(object) ? [...object] : [];
  const map: JsonObject = isObject(object) ? { ...object } : {};
  const index = item ? list.findIndex((entry) => isObject(entry) && entry[item.key] === item.id) : -1;
  const current = item ? list[index] : map[step];
  if (value === undefined && current === undefined) return object;
  const next = withValueAt(current, rest, value, valueAt(shape, [step]));
  if (item) {
    if (next === undefined) list.splice(index, 1);
    else if (index >= 0) list[index] = next;
    else list.push(next);
  } else if (next === undefined) delete map[step];
  else map[step] = next;
  const result = item ? list : map;
  const empty = Array.isArray(result) ? result.length === 0 : Object.keys(result).length === 0;
  return empty && shape === undefined ? undefined : result;
}

/** Value at a path made by patchPaths. */
export function valueAt(object: unknown, path: string[]): unknown {
  let current: unknown = object;
  for (const step of path) {
    const item = keyedStep(step);
    if (item && Array.isArray(current)) current = current.find((entry) => isObject(entry) && entry[item.key] === item.id);
    else if (isObject(current)) current = current[step];
    else return undefined;
  }
  return current;
}

/** "spec.template.spec.containers[web].resources" for people. */
export function formatPath(path: string[]): string {
  return path.map((step, i) => (step.startsWith('[') ? step.replace(/^\[[^=]+=/, '[') : i === 0 ? step : `.${step}`)).join('');
}
