import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

interface Layer {
  role: string;
  pure: boolean;
  mayImport: string[];
}

interface Architecture {
  layers: Record<string, Layer>;
  ioModules: string[];
  apiModules: string[];
  apiLayer: string;
  helmModules: string[];
  helmLayer: string;
}

const src = join(import.meta.dirname, '../../src');
const architecture = JSON.parse(readFileSync(join(src, 'layers.json'), 'utf8')) as Architecture;
const layerNames = Object.keys(architecture.layers);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** Static and dynamic import specifiers, and re-exports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specifiers.map((m) => m[1]!);
}

const layerOf = (file: string) => relative(src, file).split('/')[0]!;
const files = sourceFiles(src);

/** Folder → folder arrows actually present, with one example each. */
function arrows(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(src)) continue;
      const [from, to] = [layerOf(file), layerOf(target)];
      if (from !== to && !found.has(`${from} -> ${to}`)) found.set(`${from} -> ${to}`, `${relative(src, file)} imports ${spec}`);
    }
  }
  return found;
}

const ioPaths = new Map<string, string | null>();

/** The import chain from `file` to an I/O module (fs, http, undici, …), or null when there is none. */
function ioPath(file: string): string | null {
  if (ioPaths.has(file)) return ioPaths.get(file)!;
  ioPaths.set(file, null);
  let found: string | null = null;
  for (const spec of importsOf(file)) {
    if (architecture.ioModules.some((m) => spec === m || spec.startsWith(`${m}/`))) found = `${relative(src, file)} → ${spec}`;
    else if (spec.startsWith('.') && /\.tsx?$/.test(spec)) {
      const next = ioPath(resolve(dirname(file), spec));
      if (next) found = `${relative(src, file)} → ${next}`;
    }
    if (found) break;
  }
  ioPaths.set(file, found);
  return found;
}

function cycles(edges: [string, string][]): string[][] {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const found: string[][] = [];
  const walk = (node: string, path: string[]) => {
    for (const to of next.get(node) ?? []) {
      if (to === path[0]) found.push([...path, to]);
      else if (!path.includes(to) && to > path[0]!) walk(to, [...path, to]);
    }
  };
  for (const start of next.keys()) walk(start, [start]);
  return found;
}

describe('architecture (src/layers.json)', () => {
  it('puts every source file in a declared layer', () => {
    const loose = files.filter((file) => !layerNames.includes(layerOf(file)) || !relative(src, file).includes('/'));
    assert.deepEqual(
      loose.map((file) => relative(src, file)),
      [],
    );
  });

  it('has only the import arrows the layers allow', () => {
    const offenders = [...arrows()].filter(([arrow]) => {
      const [from, to] = arrow.split(' -> ') as [string, string];
      return !architecture.layers[from]?.mayImport.includes(to);
    });
    assert.deepEqual(
      offenders.map(([arrow, example]) => `${arrow} (${example})`),
      [],
    );
  });

  it('has no cycle between folders, neither declared nor actual', () => {
    const declared = Object.entries(architecture.layers).flatMap(([from, layer]) =>
      layer.mayImport.map((to) => [from, to] as [string, string]),
    );
    assert.deepEqual(cycles(declared), []);
    const actual = [...arrows().keys()].map((arrow) => arrow.split(' -> ') as [string, string]);
    assert.deepEqual(cycles(actual), []);
  });

  it('keeps the pure layers free of I/O, directly or through any file they import', () => {
    const offenders = files.filter((file) => architecture.layers[layerOf(file)]?.pure).flatMap((file) => ioPath(file) ?? []);
    assert.deepEqual(offenders, []);
  });

  it('lets only kube/ talk to the API server and only helm/ run helm', () => {
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            (architecture.apiModules.some((m) => spec === m || spec.startsWith(`${m}/`)) && layerOf(file) !== architecture.apiLayer) ||
            (architecture.helmModules.includes(spec) && layerOf(file) !== architecture.helmLayer),
        )
        .map((spec) => `${relative(src, file)} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('finds a forbidden arrow and a cycle when there is one (the checks can fail)', () => {
    assert.deepEqual(
      cycles([
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ]),
      [['a', 'b', 'c', 'a']],
    );
    assert.deepEqual(architecture.layers.k8s?.mayImport, ['i18n'], 'k8s imports nothing of ours but i18n');
    assert.equal(architecture.layers.i18n?.mayImport.length, 0);
    assert.ok(!architecture.layers.cli?.mayImport.includes('kube'), 'a face never calls the API');
  });
});
