import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import {
  addResourceOptions,
  parseAntiAffinity,
  parseCount,
  parsePercent,
  parseResourceList,
  parseSidecar,
  parseTopologyKey,
  resourceSettings,
} from '../../../src/cli/flags.ts';
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
    assert.throws(() => validateWorkloadSettings({ container: 'app', limits: { cpu: '0' } }), usage(/--limits cpu must be positive/));
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
    assert.throws(
      () => validateWorkloadSettings({ container: 'api', sidecars: [{ sidecar: 'proxy', requests: { cpu: '1' } }] }),
      usage(/either -c/),
    );
    assert.throws(() => validateWorkloadSettings({ sidecars: [{ sidecar: 'proxy' }] }), usage(/--sidecar proxy needs --requests/));
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

describe('patch workload: several sidecars in one command', () => {
  const parse = (...argv: string[]) => {
    const command = addResourceOptions(new Command().exitOverride());
    command.parse(argv, { from: 'user' });
    return resourceSettings(command.opts());
  };

  it('gives each --sidecar the --requests and --limits that follow it', () => {
    assert.deepEqual(
      parse(
        '--sidecar',
        'proxy',
        '--requests',
        'cpu=200m,memory=256Mi',
        '--limits',
        'cpu=500m,memory=512Mi',
        '--sidecar',
        'init-iptables',
        '--limits',
        'memory=64Mi',
        '--requests',
        'cpu=50m',
      ),
      {
        sidecars: [
          { sidecar: 'proxy', requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
          { sidecar: 'init-iptables', limits: { memory: '64Mi' }, requests: { cpu: '50m' } },
        ],
      },
    );
  });

  it('keeps one --sidecar working with its lists anywhere, as before groups existed', () => {
    assert.deepEqual(parse('--requests', 'cpu=50m', '--sidecar', 'proxy', '--limits', 'cpu=1'), {
      sidecars: [{ sidecar: 'proxy', requests: { cpu: '50m' }, limits: { cpu: '1' } }],
    });
    assert.deepEqual(parse('-c', 'app', '--requests', 'cpu=1'), { container: 'app', requests: { cpu: '1' } });
  });

  it('refuses lists it cannot place, a list given twice, and a sidecar named twice', () => {
    assert.throws(
      () => parse('--requests', 'cpu=1', '--sidecar', 'proxy', '--limits', 'cpu=1', '--sidecar', 'init-iptables', '--limits', 'cpu=1'),
      usage(/--requests cpu=1 comes before the first --sidecar/),
    );
    assert.throws(
      () => parse('--sidecar', 'proxy', '--requests', 'cpu=1', '--requests', 'memory=1Gi'),
      usage(/--sidecar proxy has --requests twice/),
    );
    assert.throws(() => parse('-c', 'app', '--limits', 'cpu=1', '--limits', 'cpu=2'), usage(/--limits is given twice/));
    assert.throws(() => parse('--sidecar', 'proxy', '--requests', 'cpu=x'), usage(/--sidecar proxy --requests cpu/));
    assert.throws(
      () => validateWorkloadSettings(parse('--sidecar', 'proxy', '--requests', 'cpu=1', '--sidecar', 'proxy', '--limits', 'cpu=1')),
      usage(/--sidecar proxy is given twice/),
    );
  });

  it('checks each sidecar on its own: a zero, a request above its limit, a resource the annotations lack', () => {
    const validate = (...argv: string[]) => validateWorkloadSettings(parse(...argv));
    assert.throws(
      () => validate('--sidecar', 'proxy', '--requests', 'cpu=1', '--sidecar', 'init-iptables', '--limits', 'memory=0'),
      usage(/--sidecar init-iptables --limits memory must be positive \(got 0\)/),
    );
    assert.throws(
      () => validate('--sidecar', 'proxy', '--requests', 'cpu=1', '--sidecar', 'init-iptables', '--requests', 'cpu=2', '--limits', 'cpu=1'),
      usage(/--sidecar init-iptables: cpu request 2 is above its limit 1/),
    );
    assert.throws(
      () => validate('--sidecar', 'proxy', '--requests', 'ephemeral-storage=1Gi'),
      usage(/--sidecar proxy --requests: the Wallarm annotations carry cpu and memory only/),
    );
    assert.throws(
      () => validate('--sidecar', 'proxy', '--sidecar', 'init-iptables', '--requests', 'cpu=1'),
      usage(/--sidecar proxy needs --requests/),
    );
  });
});
