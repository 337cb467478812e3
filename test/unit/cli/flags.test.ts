import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { parseAntiAffinity, parseCount, parsePercent, parseResourceList, parseSidecar, parseTopologyKey } from '../../../src/cli/flags.ts';
import { validateScale, validateWorkloadSettings } from '../../../src/plan/settings.ts';

const usage = (pattern: RegExp) => (error: unknown) =>
  error instanceof UserError && error.exitCode === ExitCode.usage && pattern.test(error.message);

describe('settings validation', () => {
  it('refuses min replicas below 1 and non-numbers as usage errors', () => {
    assert.throws(() => parseCount('0', '--min', 1), usage(/--min must be at least 1/));
    assert.throws(() => parseCount('1.5', '--max', 1), usage(/not a whole number/));
    assert.throws(() => parseCount('-2', '--max', 1), usage(/not a whole number/));
    assert.equal(parseCount('3', '--min', 1), 3);
    assert.equal(parseCount(undefined, '--min', 1), undefined);
  });

  it('refuses a CPU target outside 1–100 percent', () => {
    assert.throws(() => parsePercent('0', '--cpu'), usage(/at least 1/));
    assert.throws(() => parsePercent('150', '--cpu'), usage(/between 1 and 100/));
    assert.equal(parsePercent('75', '--cpu'), 75);
  });

  it('refuses max below min, counting the current values the user did not change', () => {
    assert.throws(() => validateScale({ min: 5, max: 3 }, {}, 'hpa/web'), usage(/max replicas 3 is below min replicas 5/));
    assert.throws(() => validateScale({ max: 1 }, { min: 2, max: 8 }, 'hpa/web'), usage(/its current min 2/));
    assert.throws(() => validateScale({ min: 9 }, { min: 2, max: 8 }, 'hpa/web'), usage(/its current max 8/));
    assert.throws(() => validateScale({}, { min: 2, max: 8 }, 'hpa/web'), usage(/Nothing to change/));
    validateScale({ min: 3 }, { min: 2, max: 8 }, 'hpa/web');
  });

  it('parses --requests/--limits lists and rejects bad quantities and unknown resources', () => {
    assert.deepEqual(parseResourceList('cpu=250m, memory=256Mi', '--requests'), { cpu: '250m', memory: '256Mi' });
    assert.throws(() => parseResourceList('cpu=250MB', '--requests'), usage(/not a Kubernetes quantity/));
    assert.throws(() => parseResourceList('gpu=1', '--limits'), usage(/unknown resource "gpu"/));
    assert.throws(() => parseResourceList('cpu', '--limits'), usage(/not NAME=QUANTITY/));
    assert.throws(() => parseResourceList('cpu=0', '--limits'), usage(/must be positive/));
  });

  it('accepts hostname or zone as topology keys and the three anti-affinity modes', () => {
    assert.equal(parseTopologyKey('hostname'), 'kubernetes.io/hostname');
    assert.equal(parseTopologyKey('zone'), 'topology.kubernetes.io/zone');
    assert.equal(parseTopologyKey('topology.kubernetes.io/zone'), 'topology.kubernetes.io/zone');
    assert.throws(() => parseTopologyKey('rack'), usage(/not hostname or zone/));
    assert.equal(parseAntiAffinity('required'), 'required');
    assert.throws(() => parseAntiAffinity('soft'), usage(/none, preferred, required/));
    assert.equal(parseSidecar('init-helper'), 'init-helper');
    assert.throws(() => parseSidecar('sidecar-proxy'), usage(/not one of proxy/));
  });

  it('rejects contradictory workload flags before any request', () => {
    assert.throws(() => validateWorkloadSettings({}), usage(/Nothing to change/));
    assert.throws(() => validateWorkloadSettings({ sidecar: 'proxy', container: 'api', requests: { cpu: '1' } }), usage(/either -c/));
    assert.throws(() => validateWorkloadSettings({ sidecar: 'proxy' }), usage(/needs --requests/));
    assert.throws(
      () => validateWorkloadSettings({ antiAffinity: 'none', topologyKey: 'kubernetes.io/hostname' }),
      usage(/takes no --topology-key/),
    );
    assert.throws(() => validateWorkloadSettings({ antiAffinity: 'preferred', weight: 0 }), usage(/--weight must be between 1 and 100/));
    assert.throws(
      () => validateWorkloadSettings({ requests: { cpu: '2' }, limits: { cpu: '1' } }),
      usage(/cpu request 2 is above its limit 1/),
    );
  });
});
