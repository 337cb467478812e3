import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatCpu, parseQuantity, tryParseQuantity } from '../../src/k8s/quantity.ts';

describe('quantities', () => {
  it('parses decimal, binary and exponent suffixes', () => {
    assert.equal(tryParseQuantity('250m'), 0.25);
    assert.equal(tryParseQuantity('2'), 2);
    assert.equal(tryParseQuantity('1Gi'), 2 ** 30);
    assert.equal(tryParseQuantity('512Mi'), 512 * 2 ** 20);
    assert.equal(tryParseQuantity('400M'), 400e6);
    assert.equal(tryParseQuantity('1.5k'), 1500);
    assert.equal(tryParseQuantity('2e3'), 2000);
  });

  it('keeps m (milli) and M (mega) apart: 400m is 0.4', () => {
    assert.equal(tryParseQuantity('400m'), 0.4);
    assert.notEqual(tryParseQuantity('400m'), tryParseQuantity('400M'));
  });

  it('rejects text that is not a quantity with a usage error naming the flag', () => {
    for (const bad of ['400MB', 'abc', '1 Gi', '', '1gi']) assert.equal(tryParseQuantity(bad), undefined, bad);
    assert.throws(() => parseQuantity('400MB', '--requests memory'), /--requests memory: "400MB" is not a Kubernetes quantity/);
  });

  it('formats CPU and bytes for people', () => {
    assert.equal(formatCpu(0.25), '250m');
    assert.equal(formatCpu(2), '2');
    assert.equal(formatBytes(2 ** 30), '1Gi');
    assert.equal(formatBytes(384 * 2 ** 20), '384Mi');
  });

  it('refuses a quantity that overflows: 1e400', () => {
    assert.equal(tryParseQuantity('1e400'), undefined);
    assert.throws(() => parseQuantity('1e400', '--requests memory'), /--requests memory: "1e400" is not a Kubernetes quantity/);
    assert.equal(tryParseQuantity('8Ei'), 8 * 2 ** 60);
  });
});
