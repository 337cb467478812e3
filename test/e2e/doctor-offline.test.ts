// doctor before deploy, through the real kubectl and the built plugin: manifests and charts rendered by the test
// bed's real helm are checked with no cluster at all (a kubeconfig that does not exist, every API request traced).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { kubectl } from './harness.ts';

const fixtures = 'test/fixtures/offline';
/** No cluster to reach, and any API request would be printed as an [api] line. */
const offline = { KUBECONFIG: '/nonexistent/kubeconfig', SCALE_HA_TRACE: '1' };

interface ShownFinding {
  id: string;
  name: string;
  severity: string;
  location?: { file: string; line: number; column: number };
  fix: { type: string; release?: string; values?: { path: string }[] };
}

async function doctor(args: string[], input?: string) {
  const result = await kubectl(['scale-ha', 'doctor', ...args], { env: offline, ...(input ? { input } : {}) });
  assert.doesNotMatch(result.stderr, /\[api\]/, 'no API request');
  return result;
}

const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: ShownFinding[] }).findings;

describe('doctor -f and --chart, offline', () => {
  it('finds the injected sidecar without a cpu request in manifests read from a directory: exit 3, located', async () => {
    const { exitCode, stdout, stderr } = await doctor(['-f', `${fixtures}/manifests`, '-o', 'json']);
    assert.equal(exitCode, 3, stderr);
    const missing = findingsOf(stdout).find((f) => f.id === 'HPA003' && f.severity === 'error');
    assert.equal(missing?.name, 'web');
    assert.equal(missing?.location?.file, `${fixtures}/manifests/shop.yaml`);
    assert.match(stderr, /^note: checked files, not a cluster: .*HPA001 \(apiservices\)/m);
  });

  it('reads manifests from stdin, and exits 0 when the findings stay below --fail-on', async () => {
    const { exitCode, stdout } = await doctor(
      ['-f', '-', '-o', 'json', '--fail-on', 'error'],
      readFileSync(`${fixtures}/manifests/api/list.json`, 'utf8'),
    );
    assert.equal(exitCode, 0);
    assert.ok(findingsOf(stdout).every((f) => f.severity !== 'error'));
  });

  it('renders a chart with helm template and the values files: the trap in the defaults, none once the values fix it', async () => {
    const defaults = await doctor(['--chart', `${fixtures}/chart/shop`, '-n', 'shop', '-o', 'json']);
    assert.equal(defaults.exitCode, 3, defaults.stderr);
    const missing = findingsOf(defaults.stdout).find((f) => f.id === 'HPA003' && f.severity === 'error');
    assert.equal(missing?.name, 'shop-web');
    assert.equal(missing?.location?.file, `${fixtures}/chart/shop/templates/hpa.yaml`);
    const fixed = await doctor(['--chart', `${fixtures}/chart/shop`, '-n', 'shop', '-f', `${fixtures}/chart/values-ha.yaml`, '-o', 'json']);
    assert.equal(fixed.exitCode, 0, fixed.stdout);
    assert.ok(!findingsOf(fixed.stdout).some((f) => f.id === 'HPA003' || f.id === 'HPA008'));
  });

  it("offers values edits of the release for the wallarm-sidecar chart's own Deployments", async () => {
    const { stdout, stderr } = await doctor([
      '--chart',
      'testbed/charts/wallarm-sidecar',
      '-n',
      'wallarm',
      '-f',
      `${fixtures}/chart/wallarm-values.yaml`,
      '-o',
      'json',
    ]);
    const single = findingsOf(stdout).find((f) => f.id === 'HA008' && f.name === 'wallarm-sidecar-postanalytics');
    assert.equal(single?.fix.type, 'values', stderr);
    assert.deepEqual(
      single?.fix.values?.map((v) => v.path),
      ['postanalytics.replicaCount'],
    );
    assert.equal(single?.location?.file, 'testbed/charts/wallarm-sidecar/templates/postanalytics-deployment.yaml');
  });

  it('refuses a manifest that is not YAML with its file:line:column, and a chart helm cannot find: exit 2', async () => {
    const broken = await doctor(['-f', `${fixtures}/broken/deployment.yaml`]);
    assert.equal(broken.exitCode, 2);
    assert.match(broken.stderr, /-f: test\/fixtures\/offline\/broken\/deployment\.yaml:\d+:\d+: /);
    const missing = await doctor(['--chart', `${fixtures}/chart/no-such-chart`]);
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /helm show chart .*no-such-chart failed/);
  });
});
