import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../..');
const manifest = parse(readFileSync(join(root, 'krew-manifest.yaml'), 'utf8'));
const packageVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

interface Platform {
  selector: { matchLabels: { os: string; arch: string } };
  uri: string;
  sha256: string;
  bin: string;
}

describe('krew-manifest.yaml', () => {
  it('names the plugin scale-ha at the package’s version', () => {
    assert.equal(manifest.apiVersion, 'krew.googlecontainertools.github.com/v1alpha2');
    assert.equal(manifest.kind, 'Plugin');
    assert.equal(manifest.metadata.name, 'scale-ha');
    assert.equal(manifest.spec.version, `v${packageVersion}`);
    assert.ok(manifest.spec.shortDescription.length <= 50, 'krew-index keeps short descriptions short');
    assert.ok(manifest.spec.description.length > manifest.spec.shortDescription.length);
  });

  it('has one archive per linux architecture, each with its selector, sum and the plugin executable', () => {
    const platforms = manifest.spec.platforms as Platform[];
    assert.deepEqual(platforms.map((p) => `${p.selector.matchLabels.os}/${p.selector.matchLabels.arch}`).sort(), [
      'linux/amd64',
      'linux/arm64',
    ]);
    for (const platform of platforms) {
      const { os, arch } = platform.selector.matchLabels;
      assert.match(platform.sha256, /^[0-9a-f]{64}$/);
      assert.equal(platform.bin, 'kubectl-scale_ha');
      assert.match(platform.uri, new RegExp(`^https://.+/kubectl-scale_ha-${os}-${arch}\\.tar\\.gz$`));
    }
  });

  it('lists in its caveats the access each command needs, as the README does', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.match(readme, /### Permissions/);
    for (const needs of [
      'list, doctor, tui',
      'simulate NAME',
      'patch hpa|workload|env|org, undo',
      'helm route',
      'history, version --client',
    ])
      assert.ok(manifest.spec.caveats.includes(needs), `caveats do not mention ${needs}`);
    for (const resource of ['horizontalpodautoscalers', 'poddisruptionbudgets', 'replicasets', 'sh.helm.release.v1'])
      assert.ok(manifest.spec.caveats.includes(resource), resource);
  });
});
