// `npm install -g` of the package puts kubectl-scale_ha (and its completion helper) on PATH, where kubectl finds it.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';

const root = join(import.meta.dirname, '../..');

describe('npm install -g', () => {
  it('links kubectl-scale_ha into the prefix’s bin, and kubectl runs it from there', { timeout: 300_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'npm-global-'));
    // scripts/test built dist/ already: the package is packed as it is (prepack would rebuild it).
    const packed = await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
      cwd: root,
      reject: false,
      timeout: 120_000,
    });
    assert.equal(packed.exitCode, 0, packed.stderr);
    const tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);
    const prefix = join(work, 'prefix');
    // The dependencies are in npm's cache since `npm ci`: prefer it to the registry, and bound the install, so a
    // registry that does not answer fails here with npm's words instead of hanging until the test's timeout.
    const installed = await execa('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], {
      reject: false,
      timeout: 180_000,
    });
    assert.equal(installed.exitCode, 0, `npm install -g${installed.timedOut ? ' timed out after 180 s' : ''}:\n${installed.stderr}`);
    assert.deepEqual(readdirSync(join(prefix, 'bin')).sort(), ['kubectl-scale_ha', 'kubectl_complete-scale_ha']);

    const kubectl = realpathSync((await execa('which', ['kubectl'])).stdout.trim());
    const node = process.execPath;
    const env = { PATH: `${join(prefix, 'bin')}:${dirname(kubectl)}:${dirname(node)}:/usr/bin:/bin` };
    const version = await execa(kubectl, ['scale-ha', 'version', '--client'], { env, reject: false });
    assert.equal(version.exitCode, 0, version.stderr);
    assert.match(version.stdout, /^kubectl-scale_ha \d+\.\d+\.\d+ \(node v2\d\.\d+\.\d+\)$/);
    const completion = await execa(kubectl, ['__complete', 'scale-ha', 'patch', ''], { env, reject: false });
    assert.match(completion.stdout, /^workload\t/m);
  });
});
