import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../../src/k8s/errors.ts';
import { loadAt, loadPattern, parseLoadCsv, parseLoadPatternName } from '../../../src/hpa/load.ts';

const usage = (pattern: RegExp) => (error: unknown) => error instanceof UserError && error.exitCode === 2 && pattern.test(error.message);

describe('load series', () => {
  it('parses t_seconds,load with a header, comments and blank lines, holding each value until the next point', () => {
    const series = parseLoadCsv('t_seconds,load\n# warm-up\n0,1\n\n60,3.5\n120,2\n', 'load.csv');
    assert.deepEqual([...series.times], [0, 60, 120]);
    assert.equal(loadAt(series, 59), 1);
    assert.equal(loadAt(series, 60), 3.5);
    assert.equal(loadAt(series, 1e6), 2);
  });

  it('names the line and the value when a row is bad', () => {
    assert.throws(() => parseLoadCsv('0,1\n30,x\n', 'load.csv'), usage(/load\.csv:2: load "x"/));
    assert.throws(
      () => parseLoadCsv('0,1\n30,2\n30,3\n', 'load.csv'),
      usage(/load\.csv:3: t_seconds 30 is not after the previous point \(30\)/),
    );
    assert.throws(() => parseLoadCsv('0,-1\n', 'load.csv'), usage(/load "-1"/));
    // Number() reads these; a load curve is decimals
    assert.throws(() => parseLoadCsv('0,1\n60,0x10\n', 'load.csv'), usage(/load\.csv:2: load "0x10"/));
    assert.throws(() => parseLoadCsv('0,1\n0b1,2\n', 'load.csv'), usage(/load\.csv:2: t_seconds "0b1"/));
    assert.deepEqual([...parseLoadCsv('0,1e1\n.5,+2.\n', 'load.csv').loads], [10, 2]);
    assert.throws(() => parseLoadCsv('t,load\n', 'load.csv'), usage(/no data rows/));
  });

  it('refuses an empty cell instead of reading it as 0, naming the file, line and column', () => {
    assert.throws(() => parseLoadCsv('0,1\n60,\n', 'load.csv'), usage(/load\.csv:2: column 2 \(load\) is empty/));
    assert.throws(() => parseLoadCsv('0,1\n60, \t\n', 'load.csv'), usage(/load\.csv:2: column 2 \(load\) is empty/));
    assert.throws(() => parseLoadCsv('t_seconds,load\n,3\n', 'load.csv'), usage(/load\.csv:2: column 1 \(t_seconds\) is empty/));
    assert.throws(() => parseLoadCsv('0,1\n;2\n', 'load.csv'), usage(/load\.csv:2: column 1 \(t_seconds\) is empty/));
  });

  it('shapes the patterns: a spike from 10 % to 40 % of the run, a ramp with a plateau, a diurnal peak in the middle', () => {
    const spike = loadPattern('spike', { durationSeconds: 1000, base: 1, peak: 5, stepSeconds: 10 });
    assert.equal(loadAt(spike, 90), 1);
    assert.equal(loadAt(spike, 100), 5);
    assert.equal(loadAt(spike, 400), 1);
    const ramp = loadPattern('ramp', { durationSeconds: 1000, base: 0, peak: 4, stepSeconds: 10 });
    assert.equal(loadAt(ramp, 200), 2);
    assert.equal(loadAt(ramp, 500), 4);
    const diurnal = loadPattern('diurnal', { durationSeconds: 1000, base: 2, peak: 6, stepSeconds: 10 });
    assert.equal(loadAt(diurnal, 0), 2);
    assert.ok(Math.abs(loadAt(diurnal, 500) - 6) < 1e-9);
  });

  it('rejects an unknown pattern name with the accepted ones', () => {
    assert.throws(() => parseLoadPatternName('sawtooth'), usage(/--pattern: "sawtooth" is not a load pattern/));
  });
});
