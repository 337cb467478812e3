// PRESET|FILE for --behavior and --compare: one loader for every command, reading through the reader it is given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYamlSource, readSource, resolveBehaviorSource, type ReadFile } from '../../../src/hpa/source.ts';
import { UserError } from '../../../src/k8s/errors.ts';

const fsError = (code: string) => Object.assign(new Error(`${code}: failed`), { code });
const files =
  (contents: Record<string, string>): ReadFile =>
  (path) => {
    const text = contents[path];
    if (text === undefined) throw fsError('ENOENT');
    return text;
  };
const usage = (pattern: RegExp) => (error: unknown) => error instanceof UserError && error.exitCode === 2 && pattern.test(error.message);

describe('behavior from a preset or a file', () => {
  it('takes a preset by name without reading any file', () => {
    const readFile: ReadFile = () => assert.fail('no file read for a preset');
    assert.equal(resolveBehaviorSource('apigee-default', { flag: '--behavior', readFile }).name, 'apigee-default');
    assert.equal(resolveBehaviorSource('kubernetes-default', { flag: '--behavior', readFile }).behavior, null);
  });

  it('offers "current" only where there is an HPA to take it from', () => {
    const current = { scaleDown: { stabilizationWindowSeconds: 60 } };
    assert.equal(resolveBehaviorSource('current', { flag: '--behavior', readFile: files({}), current }).behavior, current);
    assert.equal(resolveBehaviorSource('current', { flag: '--behavior', readFile: files({}), current: null }).behavior, null);
    assert.throws(
      () => resolveBehaviorSource('current', { flag: '--behavior', readFile: files({}) }),
      (error) => usage(/--behavior: "current" is neither a preset nor a file/)(error) && !/current,/.test((error as UserError).hint ?? ''),
    );
  });

  it('reads an overrides.yaml hpaBehavior and validates it like the API server', () => {
    const readFile = files({ 'overrides.yaml': 'runtime:\n  hpaBehavior:\n    scaleUp:\n      percent:\n        value: 30\n' });
    const loaded = resolveBehaviorSource('overrides.yaml', { flag: '--compare', readFile });
    assert.equal(loaded.name, 'overrides.yaml');
    assert.ok(loaded.behavior?.scaleUp);
  });

  it('names the flag, the file, line and column of a YAML error', () => {
    const readFile = files({ 'bad.yaml': 'scaleUp:\n  policies:\n  - type: Pods\n   value: 4\n' });
    assert.throws(() => resolveBehaviorSource('bad.yaml', { flag: '--behavior', readFile }), usage(/^--behavior: bad\.yaml:4:1: /));
  });

  it('tells a missing file from one it cannot read', () => {
    assert.throws(
      () => resolveBehaviorSource('turbo', { flag: '--behavior', readFile: files({}), current: null }),
      usage(/--behavior: "turbo" is neither a preset nor a file/),
    );
    const unreadable: ReadFile = () => {
      throw fsError('EISDIR');
    };
    assert.throws(
      () => resolveBehaviorSource('dir', { flag: '--compare', readFile: unreadable }),
      usage(/--compare: cannot read "dir": EISDIR\./),
    );
    assert.throws(() => readSource('x.csv', '--load', files({})), usage(/--load: cannot read "x\.csv": ENOENT\./));
  });

  it('refuses a plain behavior file with fractional seconds, naming the path', () => {
    const readFile = files({ 'b.yaml': 'scaleDown:\n  policies: [{type: Pods, value: 1, periodSeconds: 60.5}]\n' });
    assert.throws(
      () => resolveBehaviorSource('b.yaml', { flag: '--behavior', readFile }),
      usage(
        /b\.yaml is not a valid HPA behavior: behavior\.scaleDown\.policies\[0\]\.periodSeconds: Invalid value: 60\.5: must be a whole number/,
      ),
    );
  });

  it('parses every document of a file', () => {
    assert.deepEqual(parseYamlSource('a: 1\n---\nb: 2\n', 'two.yaml', '--spec'), [{ a: 1 }, { b: 2 }]);
  });
});
