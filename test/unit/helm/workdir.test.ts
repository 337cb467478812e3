import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { helmWorkdirPath, withHelmFiles } from '../../../src/helm/workdir.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the private helm directory', () => {
  it('is 0700 with 0600 values files, holds the values as JSON, and is gone when the operation ends', async () => {
    let dir = '';
    await withHelmFiles(async (files) => {
      dir = files.dir;
      const path = await files.writeValues({ replicaCount: 3, password: 'hunter22' });
      assert.equal(mode(dir), 0o700);
      assert.equal(mode(path), 0o600);
      assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { replicaCount: 3, password: 'hunter22' });
    });
    assert.ok(dir && !existsSync(dir));
    assert.equal(helmWorkdirPath(), undefined);
  });

  it('is one directory for concurrent operations, removed when the last one ends, also on failure', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withHelmFiles(async (files) => {
      await held;
      return files.dir;
    });
    const second = await withHelmFiles(async (files) => files.dir);
    assert.ok(existsSync(second), 'still used by the first operation');
    release();
    assert.equal(await first, second);
    assert.ok(!existsSync(second));
    let failed = '';
    await assert.rejects(
      withHelmFiles(async (files) => {
        failed = files.dir;
        throw new Error('helm failed');
      }),
      /helm failed/,
    );
    assert.ok(!existsSync(failed));
  });

  it('registers its signal and exit handlers only while it exists', async () => {
    const before = ['SIGINT', 'SIGTERM', 'exit'].map((event) => process.listenerCount(event));
    await withHelmFiles(async () => {
      assert.deepEqual(
        ['SIGINT', 'SIGTERM', 'exit'].map((event) => process.listenerCount(event)),
        before.map((count) => count + 1),
      );
    });
    assert.deepEqual(
      ['SIGINT', 'SIGTERM', 'exit'].map((event) => process.listenerCount(event)),
      before,
    );
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`is removed on ${signal}, and the process still dies of the signal`, async () => {
      const script = `
        import { withHelmFiles } from ${JSON.stringify(new URL('../../../src/helm/workdir.ts', import.meta.url).href)};
        await withHelmFiles(async (files) => {
          await files.writeValues({ password: 'hunter22' });
          console.log(files.dir);
          await new Promise(() => setInterval(() => {}, 1000));
        });`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const dir = line.toString().trim();
      assert.ok(existsSync(dir));
      child.kill(signal);
      const [code, killedBy] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
      assert.deepEqual([code, killedBy], [null, signal]);
      assert.ok(!existsSync(dir));
    });
  }
});
