import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { completeSimulate, validateSimulate } from '../../../src/cli/commands/simulate.ts';
import { addGlobalOptions } from '../../../src/cli/usage/globals.ts';
import { registerSimulate } from '../../../src/cli/usage/simulate.ts';
import { UserError } from '../../../src/k8s/errors.ts';

const spec = 'test/fixtures/hpa/web-hpa.yaml';

async function cli(...args: string[]): Promise<string> {
  let out = '';
  const io = { stdout: { write: (s: string) => void (out += s) }, stderr: { write: () => {} }, env: { NO_COLOR: '1' } };
  const program = addGlobalOptions(new Command('kubectl scale-ha')).exitOverride();
  registerSimulate(program, io);
  await program.parseAsync(args, { from: 'user' });
  return out;
}

const usage = (pattern: RegExp) => (error: unknown) => error instanceof UserError && error.exitCode === 2 && pattern.test(error.message);

describe('kubectl scale-ha simulate', () => {
  it('gives the series and the report for two behaviors with -o json', async () => {
    const data = JSON.parse(
      await cli(
        'simulate',
        '--spec',
        spec,
        '--pattern',
        'spike',
        '--behavior',
        'apigee-default',
        '--compare',
        'kubernetes-default',
        '-o',
        'json',
      ),
    );
    assert.deepEqual(
      data.runs.map((run: { behaviorName: string }) => run.behaviorName),
      ['apigee-default', 'kubernetes-default'],
    );
    assert.equal(data.runs[0].steps.length, 121, '30 min at 15 s, both ends');
    assert.equal(data.settings.startupDelaySeconds, 30);
    assert.ok(data.runs[1].summary.peakReplicas > 2, 'the spike makes the HPA scale');
  });

  it('runs a CSV load for its length plus five minutes', async () => {
    const data = JSON.parse(
      await cli('simulate', '--spec', spec, '--load', 'test/fixtures/hpa/load-spike.csv', '--startup-delay', '0s', '-o', 'json'),
    );
    // The CSV ends at 300 s; the run lasts max(300 + 300, 1800) s.
    assert.equal(data.settings.durationSeconds, 1800);
    const step60 = data.runs[0].steps.find((step: { t: number }) => step.t === 60);
    assert.equal(step60.load, 6);
    assert.equal(data.runs[0].behaviorName, 'current');
  });

  it('draws a chart and the report table', async () => {
    const text = await cli('simulate', '--spec', spec, '--pattern', 'ramp', '--duration', '10m', '--sync-period', '5s');
    assert.match(text, /HPA web: min 2, max 12/);
    assert.match(text, /time to reach needed capacity/);
    assert.match(text, /█/);
  });

  it('rejects bad input with a usage error naming the value', async () => {
    await assert.rejects(cli('simulate', '--spec', spec, '--pattern', 'sawtooth'), usage(/"sawtooth"/));
    await assert.rejects(
      cli('simulate', '--spec', spec, '--pattern', 'spike', '--behavior', 'turbo'),
      usage(/--behavior: "turbo" is neither a preset nor a file/),
    );
    await assert.rejects(cli('simulate', '--spec', spec), usage(/--load FILE\.csv/));
    await assert.rejects(cli('simulate', '--spec', spec, '--pattern', 'spike', '--duration', 'soon'), usage(/--duration: "soon"/));
    await assert.rejects(
      cli('simulate', '--spec', 'test/fixtures/hpa/missing.yaml', '--pattern', 'spike'),
      usage(/cannot read "test\/fixtures\/hpa\/missing\.yaml"/),
    );
  });

  it('rejects an HPA spec the API server would refuse', async () => {
    await assert.rejects(
      cli('simulate', '--spec', 'test/fixtures/hpa/invalid-hpa.yaml', '--pattern', 'spike'),
      usage(/spec\.maxReplicas: Invalid value: 1: must be greater than or equal to `minReplicas`/),
    );
  });

  it('refuses every flag error of a live HPA before connecting, -A included', () => {
    const flags = { behavior: 'current', startupDelay: '30s', syncPeriod: '15s', pattern: 'spike' };
    const validate =
      (name: string | undefined, extra: object, globals: object = {}) =>
      () =>
        validateSimulate(completeSimulate(name, { ...flags, ...extra }, globals));
    assert.throws(validate('web', {}, { allNamespaces: true }), usage(/simulate reads one HPA: use -n NAMESPACE instead of -A/));
    assert.throws(validate('web', { load: 'x.csv' }), usage(/either --load CSV or --pattern/));
    assert.throws(validate('web', { peak: 'lots' }), usage(/--peak: "lots"/));
    assert.throws(validate('web', {}, { output: 'xml' }), usage(/Unknown output format "xml"/));
    assert.deepEqual(validateSimulate(completeSimulate('web', { ...flags, compare: 'apigee-default' }, { namespace: 'shop' })), {
      target: { hpa: 'web' },
      behaviors: [
        { flag: '--behavior', text: 'current' },
        { flag: '--compare', text: 'apigee-default' },
      ],
      load: { pattern: 'spike', base: undefined, peak: undefined },
      durationSeconds: undefined,
      startupDelaySeconds: 30,
      syncPeriodSeconds: 15,
      startReplicas: undefined,
      output: 'table',
    });
  });

  it('bounds its work: an int32 start replica count or an absurd duration is refused, an int32 maxReplicas HPA simulates', async () => {
    await assert.rejects(
      cli('simulate', '--spec', spec, '--pattern', 'spike', '--start-replicas', '2147483648'),
      usage(/--start-replicas: 2147483648 is above 2,147,483,647/),
    );
    await assert.rejects(cli('simulate', '--spec', spec, '--pattern', 'spike', '--sync-period', '1ms'), usage(/shorter than one second/));
    await assert.rejects(
      cli('simulate', '--spec', spec, '--pattern', 'ramp', '--duration', '10000h'),
      usage(/more than the 200,000 simulate runs/),
    );
    const dir = mkdtempSync(join(tmpdir(), 'scale-ha-simulate-'));
    const huge = join(dir, 'huge.yaml');
    writeFileSync(
      huge,
      'spec:\n  minReplicas: 1\n  maxReplicas: 2147483647\n  metrics:\n  - type: Resource\n    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n',
    );
    const before = process.memoryUsage().rss;
    const data = JSON.parse(
      await cli('simulate', '--spec', huge, '--pattern', 'spike', '--peak', '1000000000', '--start-replicas', '1000000', '-o', 'json'),
    );
    assert.ok(data.runs[0].summary.peakReplicas > 1_000_000, `peak ${data.runs[0].summary.peakReplicas}`);
    assert.ok(process.memoryUsage().rss - before < 200 * 2 ** 20, 'memory does not grow with the replica count');
  });
});
