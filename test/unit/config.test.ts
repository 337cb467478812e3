// The config file: found by --config, $SCALE_HA_CONFIG or XDG's place; every mistake reported at file:line:column
// as a usage error; the doctor's policy (skip, re-rank, exceptions) applied to the checks' and the values files'
// findings, with suppressed findings counted by rule. All offline: doctor -f over fixtures, no cluster.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/cli/config-schema.ts';
import { configSource, defaultConfigPath, loadConfig } from '../../src/cli/config.ts';
import type { Finding } from '../../src/doctor/finding.ts';
import { exceptionFor, noPolicy, withoutExceptions, withPolicySeverity, type DoctorPolicy } from '../../src/doctor/policy.ts';
import { UserError } from '../../src/k8s/errors.ts';
import { cli } from '../support/cli.ts';

const fixtures = relative(process.cwd(), join(import.meta.dirname, '../fixtures'));
const config = (name: string) => join(fixtures, 'config', name);
const batch = join(fixtures, 'config/manifests');
const shop = join(fixtures, 'offline/manifests');
/** No cluster, and no config file of the machine's user. */
const offline = { KUBECONFIG: '/nonexistent/kubeconfig', XDG_CONFIG_HOME: '/nonexistent/xdg' };

/** "file:line:column" of the first occurrence of `token` after the line holding `after` (1-based, as editors count). */
function placeOf(file: string, token: string, after = ''): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.includes(after));
  const index = lines.findIndex((line, i) => i >= start && line.includes(token));
  assert.ok(index >= 0, `${token} in ${file}`);
  return `${file}:${index + 1}:${lines[index]!.indexOf(token) + 1}`;
}

interface Report {
  findings: (Finding & { related?: Finding[] })[];
  summary: {
    errors: number;
    warnings: number;
    info: number;
    checks: number;
    suppressed?: number;
    suppressedBy?: { at?: string; findings: number; reason: string }[];
  };
}

async function doctorJson(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; report: Report; stderr: string }> {
  const { code, stdout, stderr } = await cli(['doctor', ...args, '-o', 'json'], { ...offline, ...env });
  assert.ok(stdout, `doctor printed a report (stderr: ${stderr})`);
  return { code, report: JSON.parse(stdout) as Report, stderr };
}

const usage = (pattern: RegExp) => (error: unknown) => error instanceof UserError && error.exitCode === 2 && pattern.test(error.message);
const ids = (report: Report) => report.findings.map((f) => f.id);

describe('where the config file is found', () => {
  it('takes --config, else $SCALE_HA_CONFIG, else $XDG_CONFIG_HOME, else ~/.config', () => {
    const env = { SCALE_HA_CONFIG: '/env/config.yaml', XDG_CONFIG_HOME: '/xdg', HOME: '/home/me' };
    assert.deepEqual(configSource('flag.yaml', env), { path: 'flag.yaml', origin: '--config' });
    assert.deepEqual(configSource(undefined, env), { path: '/env/config.yaml', origin: '$SCALE_HA_CONFIG' });
    assert.deepEqual(configSource(undefined, { XDG_CONFIG_HOME: '/xdg', HOME: '/home/me' }), {
      path: '/xdg/kubectl-scale-ha/config.yaml',
      origin: 'default',
    });
    assert.equal(defaultConfigPath({ HOME: '/home/me' }), '/home/me/.config/kubectl-scale-ha/config.yaml');
  });

  it('reads the default file when it is there, and the flag beats the environment, which beats the default', async () => {
    const xdg = { XDG_CONFIG_HOME: join(fixtures, 'config/xdg') };
    // The batch manifests hold warnings only: doctor.failOn warning (the XDG file's) makes them fail the run.
    assert.equal((await doctorJson(['-f', batch])).code, 0);
    assert.equal((await doctorJson(['-f', batch], xdg)).code, 3);
    assert.equal((await doctorJson(['-f', batch], { ...xdg, SCALE_HA_CONFIG: config('empty.yaml') })).code, 0);
    assert.equal(
      (await doctorJson(['-f', batch, '--config', config('empty.yaml')], { ...xdg, SCALE_HA_CONFIG: config('full.yaml') })).code,
      0,
    );
    const path = await cli(['config', 'path', '-o', 'json'], { ...offline, ...xdg });
    assert.deepEqual(JSON.parse(path.stdout), {
      path: join(xdg.XDG_CONFIG_HOME, 'kubectl-scale-ha/config.yaml'),
      origin: 'default',
      found: true,
    });
  });

  it('is fine without a default file, but refuses a named file that is missing', async () => {
    const missing = (path: string) => {
      const error = Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      throw error;
    };
    const none = loadConfig(undefined, { XDG_CONFIG_HOME: '/nowhere' }, missing);
    assert.deepEqual([none.found, none.config.policy], [false, noPolicy]);
    assert.throws(() => loadConfig('team.yaml', {}, missing), usage(/--config: cannot read the config file "team.yaml": ENOENT/));
    assert.throws(
      () => loadConfig(undefined, { SCALE_HA_CONFIG: 'gone.yaml' }, missing),
      usage(/\$SCALE_HA_CONFIG: .*"gone.yaml": ENOENT/),
    );
    const { code, stderr } = await cli(['doctor', '-f', batch, '--config', config('nope.yaml')], offline);
    assert.equal(code, 2);
    assert.match(stderr, /^error: --config: cannot read the config file ".*nope.yaml": ENOENT\.\nhint: /);
  });

  it('takes a file with nothing but comments as no config', () => {
    assert.deepEqual(parseConfig(readFileSync(config('empty.yaml'), 'utf8'), 'empty.yaml').policy, noPolicy);
  });
});

describe('an invalid config file', () => {
  const file = config('invalid.yaml');
  const message = () => {
    try {
      parseConfig(readFileSync(file, 'utf8'), file);
    } catch (error) {
      assert.ok(error instanceof UserError && error.exitCode === 2);
      return error.message;
    }
    assert.fail('the invalid config was accepted');
  };

  it('names every mistake at file:line:column, in the order of the file', () => {
    const expected = [
      [placeOf(file, 'failon'), 'doctor.failon is not a key here (did you mean "failOn"?)'],
      [placeOf(file, 'fatal'), 'doctor.failOn is "fatal", not one of error, warning, info, none'],
      [placeOf(file, 'HPA999'), 'doctor.skip: no check has the id "HPA999"'],
      [placeOf(file, 'critical'), 'doctor.severity.HA001 is "critical", not one of error, warning, info'],
      [placeOf(file, 'Batch_*'), 'doctor.exceptions[0].namespace "Batch_*" is not a name pattern'],
      [placeOf(file, 'namespace: web'), 'doctor.exceptions[1] has no reason'],
      [placeOf(file, 'front/end'), 'doctor.exceptions[1].name "front/end" is not a name pattern'],
      [placeOf(file, '[]', 'front/end'), 'doctor.exceptions[1].checks must be a non-empty list of check ids'],
      [placeOf(file, 'namespace: ok'), 'doctor.exceptions[2] has no checks'],
      [placeOf(file, 'check:'), 'doctor.exceptions[2].check is not a key here (did you mean "checks"?)'],
      [placeOf(file, 'fr', 'lang:'), 'lang is "fr", not one of en, ja'],
      [placeOf(file, 'colour'), 'colour is not a key here (keys: apiVersion, kind, doctor, lang)'],
    ];
    const text = message();
    assert.ok(text.startsWith(`config file ${file} is not valid: `), text);
    let from = 0;
    for (const [place, problem] of expected) {
      const at = text.indexOf(`${place}: ${problem}`, from);
      assert.ok(at >= from, `"${place}: ${problem}" after position ${from} in: ${text}`);
      from = at;
    }
  });

  it('accepts a check id in any case, as doctor --explain does', () => {
    assert.deepEqual(parseConfig('apiVersion: scale-ha/v1\ndoctor:\n  skip: [hpa008]\n', 'c.yaml').policy.skip, ['HPA008']);
  });

  it('reports YAML syntax and a missing apiVersion at their place', () => {
    const notYaml = config('not-yaml.yaml');
    assert.throws(
      () => parseConfig(readFileSync(notYaml, 'utf8'), notYaml),
      usage(new RegExp(`^config file ${notYaml} is not valid YAML: ${notYaml}:4:3: `)),
    );
    assert.throws(
      () => parseConfig('doctor:\n  failOn: warning\n', 'c.yaml'),
      usage(/c\.yaml:1:1: apiVersion is missing: add apiVersion: scale-ha\/v1/),
    );
    assert.throws(
      () => parseConfig('apiVersion: scale-ha/v2\n', 'c.yaml'),
      usage(/c\.yaml:1:13: apiVersion is "scale-ha\/v2", not one of scale-ha\/v1/),
    );
  });

  it('fails doctor with exit 2 and one paragraph, no stack trace; --explain and --list-checks still work', async () => {
    const { code, stdout, stderr } = await cli(['doctor', '-f', batch, '--config', file], offline);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^error: config file .* is not valid: .*\nhint: Fix the file \(docs\/config\.md/);
    assert.doesNotMatch(stderr, /\bat .*\.ts:\d+/);
    assert.equal((await cli(['doctor', '--explain', 'HA008', '--config', file], offline)).code, 0);
    assert.equal((await cli(['doctor', '--list-checks', '--config', file], offline)).code, 0);
    assert.equal((await cli(['config', 'view', '--config', file], offline)).code, 2);
  });
});

describe('the doctor under the config file', () => {
  it('does not run a skipped check: what followed from its findings stands on its own', async () => {
    const plain = (await doctorJson(['-f', shop])).report;
    const { report, stderr } = await doctorJson(['-f', shop, '--config', config('skip-and-rank.yaml')]);
    assert.ok(ids(plain).includes('HPA003'));
    assert.ok(!ids(report).includes('HPA003'));
    assert.equal(report.summary.checks, plain.summary.checks - 1);
    // RES001 was HPA003's evidence; with HPA003 skipped it is reported itself.
    const related = plain.findings.flatMap((f) => f.related ?? []).filter((r) => r.id === 'RES001');
    assert.ok(related.length > 0);
    assert.equal(report.findings.filter((f) => f.id === 'RES001').length, related.length);
    assert.match(stderr, /note: the config file .*skip-and-rank\.yaml skips HPA003 and ranks HPA008 as error\./);
  });

  it('re-ranks a check, and the exit code follows the new severity', async () => {
    const args = ['-f', batch, '--fail-on', 'error'];
    const plain = await doctorJson(args);
    assert.deepEqual([plain.code, plain.report.summary.errors], [0, 0]);
    const ranked = await doctorJson([...args, '--config', config('full.yaml')]);
    const ha008 = ranked.report.findings.filter((f) => f.id === 'HA008');
    assert.ok(ha008.length > 0 && ha008.every((f) => f.severity === 'error'));
    assert.deepEqual([ranked.code, ranked.report.summary.errors], [3, ha008.length]);
  });

  it("takes --fail-on's default from doctor.failOn, and the flag wins", async () => {
    assert.equal((await doctorJson(['-f', batch, '--config', config('fail-on-info.yaml')])).code, 3);
    assert.equal((await doctorJson(['-f', batch, '--config', config('fail-on-info.yaml'), '--fail-on', 'error'])).code, 0);
  });

  it('suppresses the findings an exception covers (namespace and name globs) and counts them by rule', async () => {
    const file = config('full.yaml');
    const plain = (await doctorJson(['-f', batch])).report;
    const { report } = await doctorJson(['-f', batch, '--config', file]);
    const names = (r: Report) => r.findings.filter((f) => f.id === 'HA008').map((f) => `${f.namespace}/${f.name}`);
    assert.deepEqual(names(plain), ['batch-hourly/nightly-sync', 'batch-nightly/ad-hoc', 'batch-nightly/nightly-report', 'web/frontend']);
    // batch-* and nightly-*: ad-hoc's name and web's namespace do not match.
    assert.deepEqual(names(report), ['batch-nightly/ad-hoc', 'web/frontend']);
    assert.equal(report.summary.suppressed, 2);
    assert.deepEqual(report.summary.suppressedBy, [
      {
        namespace: 'batch-*',
        name: 'nightly-*',
        checks: ['HA008'],
        reason: 'batch jobs run one replica on purpose',
        at: placeOf(file, 'namespace: batch-*'),
        findings: 2,
      },
    ]);
    const table = await cli(['doctor', '-f', batch, '--config', file], offline);
    const last = table.stdout.trimEnd().split('\n').at(-1)!;
    assert.match(
      last,
      /^2 findings suppressed by the config file's exceptions: 2 by .*full\.yaml:\d+:\d+ \(namespace batch-\*, name nightly-\*, HA008: batch jobs run one replica on purpose\)\.$/,
    );
  });

  it('applies the same policy to the findings of values files', async () => {
    const dir = join(fixtures, 'values-files/apigee');
    const plain = (await doctorJson(['-f', dir])).report;
    assert.ok(ids(plain).includes('VAL015') && plain.findings.some((f) => f.id === 'VAL013' && f.severity === 'warning'));
    const policyFile = 'apiVersion: scale-ha/v1\ndoctor:\n  skip: [VAL015]\n  severity: { VAL013: error }\n';
    const path = join(mkdtempSync(join(tmpdir(), 'scale-ha-config-')), 'config.yaml');
    writeFileSync(path, policyFile);
    const { report } = await doctorJson(['-f', dir, '--config', path]);
    assert.ok(!ids(report).includes('VAL015'));
    const val013 = report.findings.filter((f) => f.id === 'VAL013');
    assert.ok(val013.length > 0 && val013.every((f) => f.severity === 'error'));
  });
});

describe('the policy, pure', () => {
  const finding = (id: string, namespace: string, name: string, related: Finding[] = []): Finding => ({
    id,
    severity: 'warning',
    kind: 'Deployment',
    namespace,
    name,
    message: '',
    evidence: {},
    fix: { type: 'manual', text: '' },
    ...(related.length ? { related } : {}),
  });
  const policy: DoctorPolicy = {
    skip: [],
    severity: { RES001: 'info' },
    exceptions: [
      { namespace: '{batch,jobs}-*', checks: ['HA008'], reason: 'one replica on purpose' },
      { namespace: 'web', name: 'canary-?', checks: ['ha001'], reason: 'a canary' },
    ],
  };

  it('matches namespace and name globs, and check ids in any case', () => {
    assert.equal(exceptionFor(finding('HA008', 'jobs-1', 'x'), policy)?.reason, 'one replica on purpose');
    assert.equal(exceptionFor(finding('HA008', 'batchx', 'x'), policy), undefined);
    assert.equal(exceptionFor(finding('HA001', 'web', 'canary-1'), policy)?.reason, 'a canary');
    assert.equal(exceptionFor(finding('HA001', 'web', 'canary-10'), policy), undefined);
    assert.equal(exceptionFor(finding('HA004', 'web', 'canary-1'), policy), undefined);
  });

  it('counts what each rule took and keeps the rest', () => {
    const { kept, suppressed } = withoutExceptions(
      [finding('HA008', 'batch-a', 'x'), finding('HA008', 'jobs-b', 'y'), finding('HA008', 'web', 'z')],
      policy,
    );
    assert.deepEqual(
      kept.map((f) => f.namespace),
      ['web'],
    );
    assert.deepEqual(
      suppressed.map((s) => [s.exception.reason, s.findings]),
      [['one replica on purpose', 2]],
    );
  });

  it('re-ranks a finding and what follows from it', () => {
    const ranked = withPolicySeverity(finding('RES001', 'a', 'b', [finding('RES001', 'a', 'c')]), policy);
    assert.deepEqual([ranked.severity, ranked.related?.[0]?.severity], ['info', 'info']);
  });
});
