import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { chartEntries, writeChart } from '../../../src/helm/chart.ts';
import { decodeRelease, type StoredChart } from '../../../src/helm/release.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/helm');
/** data.release of a release Secret captured from the test bed (see the fixture's first line). */
const secretData = (file: string) => (parse(readFileSync(join(fixtures, file), 'utf8')) as { data: { release: string } }).data.release;
/** The chart directory the fixtures were installed from. */
const tinyChart = join(fixtures, 'tiny');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Encodes a release JSON as helm and the API do: base64(base64(gzip(json))). */
const asSecretData = (release: unknown, gzip = true) => {
  const json = Buffer.from(JSON.stringify(release));
  return Buffer.from((gzip ? gzipSync(json) : json).toString('base64')).toString('base64');
};

const userValues = { greeting: 'hi', password: 'fixture-only', replicaCount: 2, resources: { requests: { cpu: null } } };

for (const major of [3, 4]) {
  describe(`decodeRelease: a release Secret written by helm ${major}`, () => {
    const release = decodeRelease(secretData(`release-tiny-helm${major}.yaml`));

    it('reads name, namespace, revision, status and the user values with their nulls', () => {
      assert.equal(release.name, 'tiny');
      assert.equal(release.namespace, `fx${major}`);
      assert.equal(release.revision, 1);
      assert.equal(release.info.status, 'deployed');
      assert.equal(release.info.description, 'Install complete');
      assert.deepEqual(release.config, userValues);
    });

    it('reads the chart: metadata, default values, schema, templates and other files, byte for byte', () => {
      const { chart } = release;
      assert.deepEqual(chart.metadata, {
        apiVersion: 'v2',
        name: 'tiny',
        version: '0.3.1',
        appVersion: '1.2.0',
        description: 'A tiny chart for the helm tool tests',
        type: 'application',
      });
      assert.deepEqual(chart.values, parse(readFileSync(join(tinyChart, 'values.yaml'), 'utf8')));
      assert.equal(chart.schema, readFileSync(join(tinyChart, 'values.schema.json'), 'utf8'));
      for (const file of [...chart.templates, ...chart.files]) {
        assert.deepEqual(file.data, readFileSync(join(tinyChart, file.name)), file.name);
      }
      assert.deepEqual(
        chart.templates.map((file) => file.name),
        ['templates/NOTES.txt', 'templates/_helpers.tpl', 'templates/configmap.yaml', 'templates/deployment.yaml', 'templates/secret.yaml'],
      );
      assert.deepEqual(
        chart.files.map((file) => file.name),
        ['.helmignore', 'files/greeting.txt'],
      );
      assert.deepEqual(chart.subcharts, []);
    });

    it('keeps the rendered manifest', () => {
      assert.match(release.manifest, /# Source: tiny\/templates\/deployment\.yaml/);
      assert.match(release.manifest, /replicas: 2/);
    });

    it('sees the subcharts helm does not store: only their names in metadata.dependencies and manifest sources', () => {
      const parent = decodeRelease(secretData(`release-parent-helm${major}.yaml`));
      assert.deepEqual(parent.chart.subcharts, ['child']);
      assert.deepEqual(
        parent.chart.templates.map((file) => file.name),
        ['templates/cm.yaml'],
      );
      assert.deepEqual(parent.chart.files, []);
      assert.equal(parent.chart.schema, undefined);
    });
  });
}

describe('decodeRelease: what differs between helm 3 and helm 4', () => {
  it('helm 4 records the apply method (server-side apply); helm 3 does not', () => {
    assert.equal(decodeRelease(secretData('release-tiny-helm4.yaml')).applyMethod, 'ssa');
    assert.equal(decodeRelease(secretData('release-tiny-helm3.yaml')).applyMethod, undefined);
  });

  it('decodes the same chart from both', () => {
    const chart = (major: number) => {
      const { subcharts, ...rest } = decodeRelease(secretData(`release-tiny-helm${major}.yaml`)).chart;
      return rest;
    };
    assert.deepEqual(chart(3), chart(4));
  });
});

describe('decodeRelease: other encodings and bad data', () => {
  const minimal = { name: 'web', version: 7, namespace: 'shop', chart: { metadata: { name: 'web', version: '1.0.0', apiVersion: 'v2' } } };

  it('reads a record that is not gzipped, as helm does, and treats null values and files as empty', () => {
    const release = decodeRelease(
      asSecretData({ ...minimal, config: null, chart: { ...minimal.chart, values: null, files: null } }, false),
    );
    assert.equal(release.revision, 7);
    assert.deepEqual(release.config, {});
    assert.deepEqual(release.chart.values, {});
    assert.deepEqual(release.chart.files, []);
    assert.equal(release.info.status, 'unknown');
  });

  it('refuses data that is not a release, with a hint to name the chart', () => {
    for (const data of [Buffer.from('not base64 of json').toString('base64'), asSecretData({ name: 'web' })]) {
      assert.throws(
        () => decodeRelease(data),
        (error) => error instanceof UserError && /cannot be read/.test(error.message) && /--chart/.test(error.hint ?? ''),
      );
    }
  });
});

describe('writeChart: the deployed chart as a directory helm can upgrade with', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'helm-chart-test-'));
    dirs.push(dir);
    return dir;
  };

  it('writes Chart.yaml, values.yaml, the schema, templates and files; files 0600, directories 0700', async () => {
    const chart = decodeRelease(secretData('release-tiny-helm4.yaml')).chart;
    const dir = await writeChart(chart, join(scratch(), 'chart'));
    assert.deepEqual(filesUnder(dir), [
      '.helmignore',
      'Chart.yaml',
      'files/greeting.txt',
      'templates/NOTES.txt',
      'templates/_helpers.tpl',
      'templates/configmap.yaml',
      'templates/deployment.yaml',
      'templates/secret.yaml',
      'values.schema.json',
      'values.yaml',
    ]);
    assert.deepEqual(parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')), chart.metadata);
    assert.deepEqual(parse(readFileSync(join(dir, 'values.yaml'), 'utf8')), parse(readFileSync(join(tinyChart, 'values.yaml'), 'utf8')));
    assert.equal(
      readFileSync(join(dir, 'templates/deployment.yaml'), 'utf8'),
      readFileSync(join(tinyChart, 'templates/deployment.yaml'), 'utf8'),
    );
    assert.equal(statSync(join(dir, 'values.yaml')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'templates')).mode & 0o777, 0o700);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  });

  it('writes values as JSON, so YAML 1.1 words like on and y stay strings for helm', () => {
    const chart = decodeRelease(secretData('release-tiny-helm3.yaml')).chart;
    const values = chartEntries({ ...chart, values: { mode: 'on', answer: 'y' } }).find((entry) => entry.path === 'values.yaml')!;
    assert.equal(values.data.toString(), '{\n  "mode": "on",\n  "answer": "y"\n}\n');
  });

  it('refuses a chart with subcharts, naming them, as a usage error that says to name the chart', () => {
    const chart = decodeRelease(secretData('release-parent-helm3.yaml')).chart;
    assert.throws(
      () => chartEntries(chart),
      (error) =>
        error instanceof UserError &&
        error.exitCode === ExitCode.usage &&
        /parent-1\.0\.0 .*subcharts \(child\)/.test(error.message) &&
        /--chart PATH\|REF.*1\.0\.0/.test(error.hint ?? ''),
    );
  });

  it('refuses file names that would leave the chart directory or replace Chart.yaml', () => {
    const base = decodeRelease(secretData('release-tiny-helm3.yaml')).chart;
    const withFile = (name: string): StoredChart => ({ ...base, files: [{ name, data: Buffer.from('x') }] });
    for (const name of ['../escape', '/etc/passwd', 'files/../../escape', 'Chart.yaml', '']) {
      assert.throws(() => chartEntries(withFile(name)), UserError, name);
    }
  });
});
