import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../support/cli.ts';

const kubeconfig = join(import.meta.dirname, '../fixtures/kubeconfig/a.yaml');

describe('command line', () => {
  it('prints help with the exit codes and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /Exit codes:/);
    assert.match(stdout, /--all-namespaces/);
  });

  it('exits 2 on an unknown flag or command', async () => {
    assert.equal((await cli(['list', '--bogus'])).code, 2);
    assert.equal((await cli(['frobnicate'])).code, 2);
  });

  it('refuses -n together with -A before contacting any cluster', async () => {
    const { code, stderr } = await cli(['list', '-n', 'shop', '-A', '--kubeconfig', kubeconfig]);
    assert.equal(code, 2);
    assert.match(stderr, /either -n\/--namespace or -A/);
  });

  it('refuses an unknown output format and a bad timeout with exit 2', async () => {
    assert.match((await cli(['list', '-o', 'xml', '--kubeconfig', kubeconfig])).stderr, /Unknown output format "xml"/);
    assert.equal((await cli(['list', '--request-timeout', 'soon', '--kubeconfig', kubeconfig])).code, 2);
  });

  it('accepts global flags after the subcommand as kubectl passes them', async () => {
    const { code, stderr } = await cli(['list', '--context', 'nope', '--kubeconfig', kubeconfig]);
    assert.equal(code, 4);
    assert.match(stderr, /context "nope" does not exist/);
  });

  it('accepts global flags before the subcommand too', async () => {
    const { code, stderr } = await cli(['--kubeconfig', kubeconfig, '--context', 'nope', 'list']);
    assert.equal(code, 4);
    assert.match(stderr, /context "nope" does not exist/);
  });

  it('rejects an invalid -l before contacting any cluster', async () => {
    const { code, stderr } = await cli(['list', '-l', 'a b', '--kubeconfig', kubeconfig]);
    assert.equal(code, 2);
    assert.match(stderr, /Invalid label selector/);
  });

  it('reports an unreachable API server with exit 5 and no stack trace', async () => {
    const { code, stderr } = await cli(['list', '--kubeconfig', kubeconfig]);
    assert.equal(code, 5);
    assert.match(stderr, /Cannot reach the API server https:\/\/127\.0\.0\.1:6443/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it('prints the client version without a cluster', async () => {
    const { code, stdout } = await cli(['version', '--client']);
    assert.equal(code, 0);
    assert.match(stdout, /kubectl-scale_ha \d+\.\d+\.\d+/);
  });

  it('prints the client version as JSON with -o json', async () => {
    const { code, stdout } = await cli(['version', '--client', '-o', 'json']);
    assert.equal(code, 0);
    assert.match(JSON.parse(stdout).client.pluginVersion, /^\d+\.\d+\.\d+$/);
  });
});
