// -o jsonpath=… and -o jsonpath-file=…: kubectl's template semantics over the document -o json prints.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseOutputFormat, renderData, type OutputFormat } from '../../src/cli/output.ts';
import { doctorReportData } from '../../src/cli/render/doctor.ts';
import { parseDoctorFormat, renderDoctorReport } from '../../src/cli/render/doctor-output.ts';
import { toJsonPathPlus } from '../../src/cli/render/jsonpath.ts';
import { plainPaint } from '../../src/cli/render/paint.ts';
import { UserError } from '../../src/k8s/errors.ts';
import { summarizeWorkloads } from '../../src/snapshot/summary.ts';
import { snapshotFromObjects } from '../../src/snapshot/from-objects.ts';
import { cli } from '../support/cli.ts';
import { doctorOn, loadObjects } from './doctor/fixture.ts';

/** The input of kubectl's JSONPath page (kubernetes.io/docs/reference/kubectl/jsonpath/). */
const kubectlDocument = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2' },
      status: {
        capacity: { cpu: '8' },
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

const jsonpath = (template: string, data: unknown = kubectlDocument) => renderData(jsonPathFormat(template), data);

function jsonPathFormat(template: string): Exclude<OutputFormat, 'table' | 'json' | 'yaml'> {
  const format = parseOutputFormat(`jsonpath=${template}`);
  assert.ok(typeof format === 'object');
  return format;
}

/** A usage error (exit 2) whose message matches. */
const usage = (pattern: RegExp) => (error: unknown) =>
  error instanceof UserError && error.exitCode === 2 && pattern.test(`${error.message}\n${error.hint ?? ''}`);

describe('-o jsonpath: the examples of kubectl’s JSONPath page', () => {
  // [template, what kubectl prints], as the page lists them (maps as JSON, as kubectl prints them since 1.19).
  const examples: [string, string][] = [
    ['{.kind}', 'List'],
    ["{['kind']}", 'List'],
    ['{..name}', '127.0.0.1 127.0.0.2 myself e2e'],
    ['{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
    ['{.users[0].name}', 'myself'],
    ['{.items[-1:].metadata.name}', '127.0.0.2'],
    ['{.users[?(@.name=="e2e")].user.password}', 'secret'],
    ['{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ['{.items[0].metadata.labels.kubernetes\\.io/hostname}', '127.0.0.1'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.addresses[0].address}{"\\n"}{end}', '127.0.0.1\t127.0.0.1\n127.0.0.2\t127.0.0.2\n'],
  ];
  for (const [template, printed] of examples)
    it(`prints ${JSON.stringify(printed)} for ${template}`, () => assert.equal(jsonpath(template), printed));

  it('prints the text around expressions as it is, and nothing for a missing field (kubectl’s default)', () => {
    assert.equal(jsonpath('kind={.kind} missing=[{.spec.replicas}]'), 'kind=List missing=[]');
  });

  it('filters inside a range, nests ranges, and reads @ as the current item', () => {
    assert.equal(
      jsonpath('{range .items[*]}{@.metadata.name}:{range .status.addresses[?(@.type!="LegacyHostIP")]}{.address}{end};{end}'),
      '127.0.0.1:;127.0.0.2:127.0.0.3;',
    );
    assert.equal(jsonpath('{.users[?(@.user.username)].name}'), 'e2e', 'a filter on a field only some items have');
  });

  it('spells kubectl’s expressions for jsonpath-plus', () => {
    assert.equal(toJsonPathPlus('.items[*].metadata.name'), '$.items[*].metadata.name');
    assert.equal(toJsonPathPlus('@'), '$');
    assert.equal(toJsonPathPlus('..name'), '$..name');
    assert.equal(toJsonPathPlus('.metadata.labels.app\\.kubernetes\\.io/name'), "$.metadata.labels['app.kubernetes.io/name']");
  });
});

describe('-o jsonpath over our commands’ documents', () => {
  it('lists the ids of a doctor report’s findings, as its -o json document holds them', async () => {
    const report = doctorOn('cluster.yaml', 'hpa-traps.yaml');
    assert.ok(report.findings.length > 1, 'the fixture has findings');
    const format = parseDoctorFormat('jsonpath={.findings[*].id}');
    const printed = await renderDoctorReport(format, report, { paint: plainPaint, failOn: 'error' });
    assert.equal(
      printed,
      doctorReportData(report)
        .findings.map((f) => f.id)
        .join(' '),
    );
  });

  it('prints one line per list row with range, and filters the rows (docs/output.md’s example)', () => {
    const workloads = summarizeWorkloads(snapshotFromObjects(loadObjects('single-replica.yaml')));
    const scaled = workloads.filter((w) => w.hpa);
    assert.ok(scaled.length > 0 && scaled.length < workloads.length, 'the fixture has workloads with and without an HPA');
    const document = { context: 'test', namespace: null, workloads, missing: [] };
    const lines = (template: string) => jsonpath(template, document).trimEnd().split('\n');
    assert.deepEqual(
      lines('{range .workloads[*]}{.namespace}/{.name}{"\\n"}{end}'),
      workloads.map((w) => `${w.namespace}/${w.name}`),
    );
    assert.deepEqual(
      lines('{range .workloads[?(@.hpa)]}{.namespace}/{.name}{"\\n"}{end}'),
      scaled.map((w) => `${w.namespace}/${w.name}`),
    );
  });
});

describe('-o jsonpath: usage errors (exit 2) before anything runs', () => {
  it('refuses an empty template', () => {
    assert.throws(() => parseOutputFormat('jsonpath='), usage(/template is empty/));
    assert.throws(() => parseOutputFormat('jsonpath'), usage(/template is empty/));
  });

  const broken: [string, number, RegExp][] = [
    ['{.items[*].metadata.name', 1, /"\{" is never closed/],
    ['x{.items[0}', 9, /"\[" is never closed/],
    ['{.items[?(@.name=="a"]}', 10, /"\(" is never closed/],
    ['{range .items[*]}{.name}', 1, /has no "\{end\}"/],
    ['{.a}{end}', 5, /"\{end\}" has no/],
    ['{}', 1, /holds no expression/],
    ['{items}', 2, /not an expression/],
    ['{"\\q"}', 3, /not an escape/],
    ['{.users[?(@.name=)]}', 8, /the filter .* does not parse/],
  ];
  for (const [template, position, reason] of broken)
    it(`names character ${position} of ${template}`, () =>
      assert.throws(
        () => parseOutputFormat(`jsonpath=${template}`),
        (error) => usage(new RegExp(`at character ${position}:`))(error) && usage(reason)(error),
      ));

  it('refuses Go templates, naming jsonpath as what works', () => {
    for (const name of ['go-template', 'go-template-file', 'template'])
      assert.throws(() => parseOutputFormat(`${name}={{.kind}}`), usage(new RegExp(`-o ${name} is not supported[\\s\\S]*-o jsonpath=`)));
  });

  it('reads -o jsonpath-file=FILE, and refuses one that cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jsonpath-'));
    const file = join(dir, 'names.tmpl');
    writeFileSync(file, '{range .users[*]}{.name}{"\\n"}{end}');
    const format = parseOutputFormat(`jsonpath-file=${file}`);
    assert.ok(typeof format === 'object');
    assert.equal(renderData(format, kubectlDocument), 'myself\ne2e\n');
    assert.throws(() => parseOutputFormat(`jsonpath-file=${join(dir, 'missing.tmpl')}`), usage(/cannot read .*missing\.tmpl: ENOENT/));
    assert.throws(() => parseOutputFormat('jsonpath-file='), usage(/needs a file/));
  });

  it('names the new formats for an unknown one, and the doctor’s own for doctor', () => {
    assert.throws(() => parseOutputFormat('xml'), usage(/Unknown output format "xml"[\s\S]*jsonpath=TEMPLATE/));
    assert.throws(() => parseDoctorFormat('xml'), usage(/Unknown output format "xml" for doctor[\s\S]*markdown or html/));
    assert.equal(parseOutputFormat('=json'), 'json', 'kubectl’s -o=json');
  });
});

describe('-o jsonpath through the CLI', () => {
  const manifests = 'test/fixtures/offline/manifests';

  it('prints doctor -f’s finding ids, the same as its -o json lists (no cluster)', async () => {
    const asJson = await cli(['doctor', '-f', manifests, '-o', 'json']);
    const ids = (JSON.parse(asJson.stdout) as { findings: { id: string }[] }).findings.map((f) => f.id);
    assert.ok(ids.length > 0, asJson.stderr);
    const result = await cli(['doctor', '-f', manifests, '-o', 'jsonpath={.findings[*].id}']);
    assert.equal(result.stdout, ids.join(' '));
    assert.equal(result.code, asJson.code, 'the exit code still follows --fail-on');
  });

  it('prints history’s journal directory and version’s plugin version', async () => {
    const state = mkdtempSync(join(tmpdir(), 'jsonpath-state-'));
    const history = await cli(['history', '-o', 'jsonpath={.journal}:{.entries[*].id}'], { XDG_STATE_HOME: state });
    assert.equal(history.stdout, `${JSON.parse((await cli(['history', '-o', 'json'], { XDG_STATE_HOME: state })).stdout).journal}:`);
    const version = await cli(['version', '--client', '-o', 'jsonpath={.client.pluginVersion}']);
    assert.equal(version.stdout, JSON.parse((await cli(['version', '--client', '-o', 'json'])).stdout).client.pluginVersion);
  });

  it('prints simulate’s runs from the document its -o json prints', async () => {
    const args = ['simulate', '--spec', 'test/fixtures/hpa/web-hpa.yaml', '--pattern', 'spike', '--compare', 'apigee-default'];
    const runs = (
      JSON.parse((await cli([...args, '-o', 'json'])).stdout) as { runs: { behaviorName: string; summary: { peakReplicas: number } }[] }
    ).runs;
    assert.equal(runs.length, 2);
    const result = await cli([...args, '-o', 'jsonpath={range .runs[*]}{.behaviorName}={.summary.peakReplicas}{"\\n"}{end}']);
    assert.equal(result.stdout, runs.map((run) => `${run.behaviorName}=${run.summary.peakReplicas}\n`).join(''));
  });

  it('exits 2 with the position for a template that does not parse', async () => {
    const result = await cli(['doctor', '-f', manifests, '-o', 'jsonpath={.findings[*].id']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /at character 1: "\{" is never closed/);
    assert.equal(result.stdout, '');
  });
});
