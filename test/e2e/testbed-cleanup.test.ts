// `scripts/testbed down` stops every process of a bed, also those kwokctl does not know (issue 16):
// it finds them by the bed's directories on their command lines, even when the directories are gone.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { requireTestbed } from './harness.ts';

const script = new URL('../../scripts/testbed', import.meta.url).pathname;

/** $CACHE/kwok, as exported by `scripts/testbed env`. */
function kwokWorkdir(): string {
  requireTestbed();
  const dir = process.env.KWOK_WORKDIR;
  assert.ok(dir, 'KWOK_WORKDIR is not set: run the e2e tests through scripts/test');
  return dir;
}

/** A process with `arg` on its command line; it ignores SIGTERM when asked to. */
function stray(arg: string, ignoreTerm: boolean): ChildProcess {
  const code = `${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''} setInterval(() => {}, 1000);`;
  return spawn(process.execPath, ['-e', code, '--', arg], { stdio: 'ignore' });
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('scripts/testbed down', () => {
  const name = `e2e-cleanup-${process.pid}`;
  const env = { SCALE_HA_TESTBED: name };

  it('is quiet and exits 0 for a bed that is not there', async () => {
    kwokWorkdir();
    const result = await execa(script, ['down'], { env, reject: false, timeout: 60_000 });
    assert.equal(result.exitCode, 0, String(result.stderr));
    assert.equal(String(result.stdout), '');
    assert.equal(String(result.stderr), '');
  });

  it("stops the bed's processes kwokctl does not know, with SIGKILL for one that ignores SIGTERM", async () => {
    const cache = dirname(kwokWorkdir());
    // Neither directory exists: a process left from a bed that was removed must be found as well.
    const children = [
      stray(join(cache, 'kwok', 'clusters', name, 'bin', 'metrics-server'), false),
      stray(`--ca-file=${join(cache, 'clusters', name, 'webhook', 'ca.pem')}`, true),
    ];
    const unrelated = stray(join(cache, 'clusters', `${name}x`, 'webhook', 'ca.pem'), false);
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const child of [...children, unrelated]) assert.equal(await exited(child, 0), false, `pid ${child.pid} did not start`);
      const result = await execa(script, ['down'], { env, reject: false, timeout: 60_000 });
      assert.equal(result.exitCode, 0, String(result.stderr));
      assert.match(String(result.stderr), /stopping 2 processes of test bed/);
      for (const child of children) assert.ok(await exited(child, 5_000), `pid ${child.pid} still runs after down`);
      assert.equal(await exited(unrelated, 0), false, 'down stopped a process of another bed');
    } finally {
      for (const child of [...children, unrelated]) child.kill('SIGKILL');
    }
  });

  it("leaves every component pid file of the running bed as kwokctl reads it: a bare pid of the bed's binary", async () => {
    const bed = process.env.SCALE_HA_TESTBED;
    assert.ok(bed, 'SCALE_HA_TESTBED is not set: run the e2e tests through scripts/test');
    const dir = join(kwokWorkdir(), 'clusters', bed);
    const files = await readdir(join(dir, 'pids'));
    assert.ok(files.includes('metrics-server.pid'), `no metrics-server.pid in ${files.join(', ')}`);
    for (const file of files) {
      const pid = await readFile(join(dir, 'pids', file), 'utf8');
      // kwokctl parses it with strconv.Atoi: with a newline it takes the component for stopped.
      assert.match(pid, /^[0-9]+$/, `${file} holds ${JSON.stringify(pid)}`);
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      assert.ok(cmdline.startsWith(join(dir, 'bin') + '/'), `${file}: pid ${pid} runs ${cmdline.replaceAll('\0', ' ')}`);
    }
  });
});
