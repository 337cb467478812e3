import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findHelm, parseHelmVersion, supportedMajor } from '../../../src/helm/tool.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';

describe('helm version parsing', () => {
  it('reads what `helm version --template {{.Version}}` prints for helm 3 and helm 4', () => {
    assert.deepEqual(parseHelmVersion('v3.21.4'), { major: 3, minor: 21, patch: 4 });
    assert.deepEqual(parseHelmVersion('v4.1.4\n'), { major: 4, minor: 1, patch: 4 });
    assert.deepEqual(parseHelmVersion('v3.14.0-rc.1+g1234abc'), { major: 3, minor: 14, patch: 0 });
  });

  it('rejects what is not a version', () => {
    for (const text of ['', 'version.BuildInfo{Version:"v3.21.4"}', 'Client: &version.Version{SemVer:"v2.17.0"}', 'v3.x']) {
      assert.equal(parseHelmVersion(text), undefined, text);
    }
  });

  it('supports helm 3 from 3.14 and helm 4; not helm 2, older helm 3 or helm 5', () => {
    assert.equal(supportedMajor({ major: 3, minor: 14, patch: 0 }), 3);
    assert.equal(supportedMajor({ major: 4, minor: 0, patch: 0 }), 4);
    assert.equal(supportedMajor({ major: 3, minor: 13, patch: 3 }), undefined);
    assert.equal(supportedMajor({ major: 2, minor: 17, patch: 0 }), undefined);
    assert.equal(supportedMajor({ major: 5, minor: 0, patch: 0 }), undefined);
  });
});

describe('findHelm', () => {
  const root = mkdtempSync(join(tmpdir(), 'find-helm-test-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  /** A fake helm in its own directory that prints `version` for `helm version --template …`. */
  function fakeHelm(dirName: string, script: string, mode = 0o755): string {
    const dir = join(root, dirName);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'helm');
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, mode);
    return path;
  }
  const printing = (version: string) => `[ "$1" = version ] && [ "$2" = --template ] && printf '%s' '${version}'`;
  const env = (...dirs: string[]) => ({ PATH: dirs.map((dir) => join(root, dir)).join(':') });

  const usageErrorMatching = (message: RegExp) => (error: unknown) => {
    assert.ok(error instanceof UserError);
    assert.equal(error.exitCode, ExitCode.usage);
    assert.match(error.message, message);
    assert.match(error.hint ?? '', /helm ≥ 3\.14.*--helm PATH/);
    return true;
  };

  it('finds helm 4 and helm 3 on PATH, the first executable one winning', async () => {
    fakeHelm('four', printing('v4.1.4'));
    fakeHelm('three', printing('v3.21.4'));
    fakeHelm('not-executable', printing('v3.21.4'), 0o644);
    assert.deepEqual(await findHelm({ env: env('not-executable', 'four', 'three') }), {
      path: join(root, 'four', 'helm'),
      major: 4,
      version: 'v4.1.4',
    });
    assert.equal((await findHelm({ env: env('three', 'four') })).major, 3);
  });

  it('uses --helm PATH before PATH', async () => {
    const three = fakeHelm('given', printing('v3.14.2'));
    assert.deepEqual(await findHelm({ helmPath: three, env: env('four') }), { path: three, major: 3, version: 'v3.14.2' });
  });

  it('says what it looked for when helm is missing or not executable', async () => {
    await assert.rejects(findHelm({ env: env('nothing-here') }), usageErrorMatching(/no executable `helm` in any directory of PATH/));
    await assert.rejects(
      findHelm({ helmPath: join(root, 'not-executable', 'helm'), env: env('four') }),
      usageErrorMatching(/--helm .*no executable file at/),
    );
  });

  it('refuses helm 2, helm 3 before 3.14 and helm 5, naming the version', async () => {
    for (const [dir, version] of [
      ['old3', 'v3.13.3'],
      ['five', 'v5.0.0'],
    ] as const) {
      const path = fakeHelm(dir, printing(version));
      await assert.rejects(
        findHelm({ helmPath: path, env: {} }),
        usageErrorMatching(new RegExp(`is helm ${version.replaceAll('.', '\\.')}`)),
      );
    }
    const two = fakeHelm('two', 'echo "Error: unknown flag: --template" >&2; exit 1');
    await assert.rejects(
      findHelm({ helmPath: two, env: {} }),
      usageErrorMatching(/does not look like helm: .* failed: Error: unknown flag/),
    );
  });
});
