// doctor -f: manifests read from files (multi-document YAML, JSON, Lists, directories, stdin) into a snapshot the
// checks read as a cluster's, each finding located in its file; the live-data checks skipped, never guessing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { diagnoseFiles, nodeFileReader, readPaths, type FileReader } from '../../src/apply/doctor-files.ts';
import { checks } from '../../src/doctor/checks/index.ts';
import { skippedChecks } from '../../src/doctor/offline.ts';
import { UserError } from '../../src/k8s/errors.ts';
import { parseManifests } from '../../src/snapshot/manifests.ts';
import { cli } from '../support/cli.ts';

const fixtures = relative(process.cwd(), join(import.meta.dirname, '../fixtures/offline'));
const at = (path: string) => join(fixtures, path);
const text = (path: string) => readFileSync(at(path), 'utf8');
/** The 1-based line of the first line of `path` that starts with `start`. */
const lineOf = (path: string, start: string) =>
  text(path)
    .split('\n')
    .findIndex((line) => line.startsWith(start)) + 1;
const usage = (pattern: RegExp) => (error: unknown) => error instanceof UserError && error.exitCode === 2 && pattern.test(error.message);
/** No cluster: a kubeconfig that does not exist. */
const offline = { KUBECONFIG: '/nonexistent/kubeconfig' };

interface ShownFinding {
  id: string;
  kind: string;
  name: string;
  severity: string;
  message: string;
  location?: { file: string; line: number; column: number };
  related?: ShownFinding[];
}

async function doctorJson(args: string[]): Promise<{ code: number; findings: ShownFinding[]; stderr: string }> {
  const { code, stdout, stderr } = await cli(['doctor', ...args, '-o', 'json'], offline);
  assert.ok(stdout, `doctor printed a report (stderr: ${stderr})`);
  return { code, findings: (JSON.parse(stdout) as { findings: ShownFinding[] }).findings, stderr };
}

const everyFinding = (findings: ShownFinding[]) => findings.flatMap((f) => [f, ...(f.related ?? [])]);

describe('manifest files parsed with their places', () => {
  it('locates each document of a multi-document file at its first key', () => {
    const parsed = parseManifests({ file: 'shop.yaml', text: text('manifests/shop.yaml'), flag: '-f' });
    assert.equal(parsed.type, 'objects');
    const objects = parsed.type === 'objects' ? parsed.objects : [];
    assert.deepEqual(
      objects.map((o) => [o.object.kind, o.location.line, o.location.column]),
      [
        ['Deployment', lineOf('manifests/shop.yaml', 'apiVersion: apps/v1'), 1],
        ['HorizontalPodAutoscaler', lineOf('manifests/shop.yaml', 'apiVersion: autoscaling/v2'), 1],
      ],
    );
  });

  it('flattens a JSON List, each item at its own line', () => {
    const parsed = parseManifests({ file: 'list.json', text: text('manifests/api/list.json'), flag: '-f' });
    const objects = parsed.type === 'objects' ? parsed.objects : [];
    assert.deepEqual(
      objects.map((o) => o.object.kind),
      ['Deployment', 'PodDisruptionBudget'],
    );
    const lines = text('manifests/api/list.json').split('\n');
    for (const { object, location } of objects) assert.match(lines[location.line - 1] ?? '', /\{/, `${object.kind} starts at its brace`);
    assert.ok(objects[1]!.location.line > objects[0]!.location.line);
  });

  it('tells values files (no apiVersion, no kind) from manifests, and refuses a file that mixes them', () => {
    assert.equal(parseManifests({ file: 'v.yaml', text: text('values/wallarm-sidecar.yaml'), flag: '-f' }).type, 'values');
    assert.throws(
      () => parseManifests({ file: 'mixed.yaml', text: `${text('manifests/shop.yaml')}\n---\nreplicaCount: 2\n`, flag: '-f' }),
      usage(/mixed\.yaml mixes Kubernetes objects with documents that have neither apiVersion nor kind/),
    );
  });

  it('refuses a document that is not a mapping, or an object without kind or name, at file:line:column', () => {
    assert.throws(
      () => parseManifests({ file: 'scalar.yaml', text: text('broken/scalar.yaml'), flag: '-f' }),
      usage(/^-f: scalar\.yaml:1:1: the document is not a mapping/),
    );
    assert.throws(
      () => parseManifests({ file: 'k.yaml', text: 'kind: Deployment\nmetadata: {name: a}\n', flag: '-f' }),
      usage(/k\.yaml:1:1: the object has no apiVersion/),
    );
    assert.throws(
      () => parseManifests({ file: 'n.yaml', text: '---\napiVersion: v1\nkind: Pod\n', flag: '-f' }),
      usage(/n\.yaml:2:1: the Pod has no metadata\.name/),
    );
  });

  it('reports a YAML syntax error at file:line:column without throwing, so values files can be checked as values', () => {
    const parsed = parseManifests({ file: 'broken.yaml', text: text('broken/deployment.yaml'), flag: '-f' });
    assert.equal(parsed.type, 'invalid');
    assert.match(parsed.type === 'invalid' ? parsed.error.message : '', /^-f: broken\.yaml:\d+:\d+: /);
  });

  it("locates rendered objects in the chart's template named by helm's # Source comment", () => {
    const rendered = '---\n# Source: shop/templates/hpa.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
    const parsed = parseManifests({ file: 'x', text: rendered, flag: '--chart', sourcePath: (source) => `charts/${source}` });
    assert.deepEqual(parsed.type === 'objects' && parsed.objects[0]?.location, {
      file: 'charts/shop/templates/hpa.yaml',
      line: 1,
      column: 1,
    });
  });
});

describe('paths given to -f', () => {
  const memory = (files: Record<string, string>, stdin = ''): FileReader => ({
    readFile: (path) => files[path] ?? assert.fail(`read ${path}`),
    readStdin: () => stdin,
    isDirectory: (path) => {
      if (files[path] !== undefined) return false;
      if (Object.keys(files).some((file) => file.startsWith(`${path}/`))) return true;
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    },
    list: (path) => [
      ...new Set(
        Object.keys(files)
          .filter((f) => f.startsWith(`${path}/`))
          .map((f) => f.slice(path.length + 1).split('/')[0]!),
      ),
    ],
  });

  it('walks directories recursively for *.yaml, *.yml and *.json, sorted, and reads - from stdin', () => {
    const reader = memory({ 'k/b.yml': 'b', 'k/a.json': 'a', 'k/README.md': 'no', 'k/sub/c.yaml': 'c', 'one.txt': 'given' }, 'piped');
    assert.deepEqual(
      readPaths(['k', 'one.txt', '-'], reader).map((f) => [f.file, f.text]),
      [
        ['k/a.json', 'a'],
        ['k/b.yml', 'b'],
        ['k/sub/c.yaml', 'c'],
        ['one.txt', 'given'],
        ['-', 'piped'],
      ],
    );
  });

  it('refuses a missing path, stdin twice and a directory without manifests', () => {
    const reader = memory({ 'docs/README.md': 'x' });
    assert.throws(() => readPaths(['nope.yaml'], reader), usage(/-f: cannot read "nope\.yaml": ENOENT/));
    assert.throws(() => readPaths(['-', '-'], reader), usage(/stdin\) may be given once/));
    assert.throws(() => readPaths(['docs'], reader), usage(/no \*\.yaml, \*\.yml or \*\.json file there/));
  });

  it('reads manifests from stdin as from a file', async () => {
    const reader = { ...nodeFileReader, readStdin: () => text('manifests/shop.yaml') };
    const { snapshot, locationOf } = await diagnoseFiles({ filenames: ['-'], namespace: null }, { reader, env: {} });
    assert.deepEqual(
      snapshot.hpas.map((h) => h.metadata.name),
      ['web'],
    );
    assert.equal(locationOf({ kind: 'Deployment', namespace: 'shop', name: 'web' })?.file, '-');
  });
});

describe('the snapshot of files', () => {
  it('models one pod per workload from its template, with the injected containers, and lacks the live data', async () => {
    const { snapshot } = await diagnoseFiles({ filenames: [at('manifests')], namespace: null }, { reader: nodeFileReader, env: {} });
    const web = snapshot.pods.find((p) => p.metadata.ownerReferences?.[0]?.name === 'web');
    assert.deepEqual(
      web?.spec.containers.map((c) => c.name),
      ['web', 'sidecar-proxy'],
    );
    const api = snapshot.pods.find((p) => p.metadata.ownerReferences?.[0]?.name === 'api');
    assert.equal(api?.spec.containers[1]?.resources?.requests?.cpu, '200m', "the api's annotations give its sidecar a cpu request");
    assert.deepEqual(snapshot.missing.map((m) => m.resource).sort(), ['apiservices', 'nodes', 'pods', 'status']);
    const skipped = skippedChecks(snapshot, checks).map((s) => s.check.id);
    for (const id of ['HPA001', 'HA002', 'HA003', 'HA009', 'RES003']) assert.ok(skipped.includes(id), `${id} is skipped offline`);
    assert.ok(!skipped.includes('HPA003') && !skipped.includes('RES001'), 'the request checks read the modelled pods');
  });

  it('puts objects without a namespace in -n (as kubectl apply -n does) and keeps only that namespace', async () => {
    const reader = { ...nodeFileReader, readStdin: () => text('manifests/shop.yaml').replaceAll('  namespace: shop\n', '') };
    const inProd = await diagnoseFiles({ filenames: ['-'], namespace: 'prod' }, { reader, env: {} });
    assert.deepEqual(
      inProd.snapshot.deployments.map((d) => d.metadata.namespace),
      ['prod'],
    );
    const { snapshot } = await diagnoseFiles({ filenames: [at('manifests')], namespace: 'prod' }, { reader: nodeFileReader, env: {} });
    assert.equal(snapshot.deployments.length, 0, 'the shop namespace is out of scope');
  });

  it('selects workloads with -l and only the HPAs that scale them', async () => {
    const { snapshot } = await diagnoseFiles(
      { filenames: [at('manifests')], namespace: null, labelSelector: 'tier=backend' },
      { reader: nodeFileReader, env: {} },
    );
    assert.deepEqual(
      snapshot.deployments.map((d) => d.metadata.name),
      ['api'],
    );
    assert.equal(snapshot.hpas.length, 0);
  });
});

describe('doctor -f (no cluster)', () => {
  it('finds the HPA over a workload whose injected Wallarm sidecar has no cpu request, located in its file; exit 3', async () => {
    const { code, findings, stderr } = await doctorJson(['-f', at('manifests')]);
    assert.equal(code, 3);
    const missing = findings.find((f) => f.id === 'HPA003' && f.severity === 'error');
    assert.match(missing?.message ?? '', /missing request for cpu in container sidecar-proxy .*injected by the Wallarm webhook/);
    assert.deepEqual(missing?.location, {
      file: at('manifests/shop.yaml'),
      line: lineOf('manifests/shop.yaml', 'apiVersion: autoscaling/v2'),
      column: 1,
    });
    const related = missing?.related?.find((r) => r.id === 'RES001');
    assert.equal(related?.location?.line, lineOf('manifests/shop.yaml', 'apiVersion: apps/v1'), 'the Deployment is where it starts');
    assert.ok(
      findings.some((f) => f.id === 'HPA008' && f.name === 'web'),
      'minReplicas 1 is reported',
    );
    assert.ok(!everyFinding(findings).some((f) => f.name === 'api' && f.id.startsWith('HPA')), 'the api has no HPA finding');
    assert.match(
      stderr,
      /^note: checked files, not a cluster: \d+ checks that need live data were skipped: .*HPA001 \(apiservices\).*--nodes FILE gives the nodes\.$/m,
    );
    assert.equal(stderr.trim().split('\n').length, 1, 'one note');
  });

  it("takes the sidecars' requests from a wallarm-sidecar values file given beside the manifests", async () => {
    const { findings } = await doctorJson(['-f', at('manifests'), '-f', at('values/wallarm-sidecar.yaml')]);
    assert.ok(!findings.some((f) => f.id === 'HPA003'), 'config.sidecar.* gives the injected containers their requests');
  });

  it('runs the node checks with --nodes: 3 replicas with required anti-affinity over 2 nodes', async () => {
    const without = await doctorJson(['-f', at('manifests')]);
    assert.ok(!everyFinding(without.findings).some((f) => f.id === 'HA003'), 'no guess without nodes');
    const { findings, stderr } = await doctorJson(['-f', at('manifests'), '--nodes', at('nodes.yaml')]);
    const unschedulable = findings.find((f) => f.id === 'HA003' && f.name === 'api');
    assert.match(unschedulable?.message ?? '', /fits 2 pods/);
    assert.match(unschedulable?.location?.file ?? '', /list\.json$/);
    assert.doesNotMatch(stderr, /HA003|--nodes FILE/);
  });

  it('exits 0 when nothing reaches --fail-on, and filters by NAME', async () => {
    const { code, findings } = await doctorJson(['api', '-f', at('manifests'), '--fail-on', 'error']);
    assert.equal(code, 0);
    assert.ok(findings.every((f) => f.name === 'api'));
  });

  it('reports a values file that is not YAML under every category, since none of its checks ran', async () => {
    const invalid = join(import.meta.dirname, '../fixtures/values-files/wallarm/guide-example-invalid.yaml');
    for (const category of ['hpa', 'ha', 'resources']) {
      const { code, findings } = await doctorJson([category, '-f', invalid]);
      assert.equal(code, 3, category);
      assert.deepEqual(
        findings.map((f) => f.id),
        ['VAL001'],
        category,
      );
    }
  });

  it('refuses a broken manifest with file:line:column and a non-manifest file; exit 2', async () => {
    const broken = await cli(['doctor', '-f', at('broken/deployment.yaml')], offline);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, new RegExp(`-f: ${at('broken/deployment.yaml').replaceAll('/', '\\/')}:\\d+:\\d+: `));
    const scalar = await cli(['doctor', '-f', at('broken/scalar.yaml')], offline);
    assert.equal(scalar.code, 2);
    assert.match(scalar.stderr, /not a mapping: neither a Kubernetes object nor a values file/);
  });

  it('refuses chart flags without --chart, --nodes without files, and sarif for --explain', async () => {
    for (const [args, message] of [
      [['--set', 'a=1', '-f', at('manifests')], /--set goes with --chart/],
      [['--nodes', at('nodes.yaml')], /--nodes goes with -f or --chart/],
      [['--explain', 'HPA003', '-o', 'sarif'], /--explain prints table, json, yaml or jsonpath, not sarif/],
      [['-f', at('manifests'), '-n', 'a', '-A'], /either -n\/--namespace or -A/],
    ] as const) {
      const { code, stderr } = await cli(['doctor', ...args], offline);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message);
    }
  });
});
