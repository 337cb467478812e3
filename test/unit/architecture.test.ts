import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const src = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('architecture', () => {
  it('keeps the pure layers (doctor, hpa, plan, profiles) free of I/O and of the I/O layers', () => {
    const forbidden = /(^|\/)(kube|helm|apply|tui|cli)\/|^node:(fs|child_process|net|http|https)|^(execa|undici|@kubernetes\/client-node)/;
    const offenders = ['doctor', 'hpa', 'plan', 'profiles']
      .flatMap((layer) => sourceFiles(join(src, layer)))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => forbidden.test(spec))
          .map((spec) => `${relative(src, file)} imports ${spec}`),
      );
    assert.deepEqual(offenders, []);
  });

  it('lets only kube/ talk to the API server', () => {
    const offenders = sourceFiles(src)
      .filter((file) => !relative(src, file).startsWith('kube/'))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => /^(undici|@kubernetes\/client-node)/.test(spec))
          .map((spec) => `${relative(src, file)} imports ${spec}`),
      );
    assert.deepEqual(offenders, []);
  });
});
