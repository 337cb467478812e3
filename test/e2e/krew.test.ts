// The krew manifest and the standalone executable, through the real krew: scripts/package builds the
// linux-amd64 archive and a manifest with its sum, krew installs it into a temporary KREW_ROOT, and
// kubectl runs the plugin, its TUI included, through krew's link (about 20 s; krew is built once from the Go module proxy).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { Terminal } from './terminal.ts';

const root = join(import.meta.dirname, '../..');
const krewVersion = 'v0.4.3';
const cache = process.env.SCALE_HA_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kubectl-scale-ha');

async function krewBinary(): Promise<string> {
  const dir = join(cache, 'tools', `krew-${krewVersion}`);
  const krew = join(dir, 'krew');
  if (!existsSync(krew)) {
    const built = await execa('go', ['install', `sigs.k8s.io/krew/cmd/krew@${krewVersion}`], {
      env: { GOBIN: dir, GOFLAGS: '-buildvcs=false' },
      reject: false,
    });
    assert.equal(built.exitCode, 0, `go install krew failed:\n${built.stderr}`);
  }
  return krew;
}

describe('krew-manifest.yaml through the real krew', () => {
  it('installs the linux-amd64 archive and runs it as kubectl scale-ha through krew’s link', { timeout: 600_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'krew-'));
    const out = join(work, 'release');
    const manifest = join(work, 'krew-manifest.yaml');
    const packaged = await execa(join(root, 'scripts/package'), ['--out', out, '--platforms', 'linux-amd64', '--manifest', manifest], {
      reject: false,
    });
    assert.equal(packaged.exitCode, 0, packaged.stderr);

    const krewRoot = join(work, 'krew-root');
    const installed = await execa(
      await krewBinary(),
      ['install', `--manifest=${manifest}`, `--archive=${join(out, 'kubectl-scale_ha-linux-amd64.tar.gz')}`],
      { env: { KREW_ROOT: krewRoot }, reject: false },
    );
    assert.equal(installed.exitCode, 0, `krew install failed:\n${installed.stderr}`);
    assert.match(installed.stderr, /Installed plugin: scale-ha/);

    // Only krew's bin and kubectl's own folder: the plugin must come from krew, not this repository's bin/.
    const kubectl = realpathSync((await execa('which', ['kubectl'])).stdout.trim());
    const env = { PATH: `${join(krewRoot, 'bin')}:${dirname(kubectl)}:/usr/bin:/bin`, KREW_ROOT: krewRoot };
    const plugins = await execa(kubectl, ['plugin', 'list'], { env, reject: false });
    assert.match(plugins.stdout, new RegExp(`${join(krewRoot, 'bin', 'kubectl-scale_ha')}`));
    const version = await execa(kubectl, ['scale-ha', 'version', '--client'], { env, reject: false });
    assert.equal(version.exitCode, 0, version.stderr);
    assert.match(version.stdout, /^kubectl-scale_ha \d+\.\d+\.\d+ \(node v24\.\d+\.\d+\)$/);

    // The executable's TUI: Ink and its WebAssembly layout engine in one CommonJS script, over the test bed's cluster.
    const terminal = await Terminal.start({
      command: [kubectl, 'scale-ha', 'tui', '-n', 'shop'],
      env: { ...env, KUBECONFIG: process.env.KUBECONFIG!, XDG_STATE_HOME: work, NO_COLOR: '1' },
    });
    try {
      const screen = await terminal.waitForScreen(/ listed \d\d:\d\d:\d\d/);
      assert.match(screen, /deployment\/web/);
      await terminal.sendKeys('q');
      assert.equal((await terminal.waitForExit()).status, 0);
    } finally {
      await terminal.close();
    }
  });
});
