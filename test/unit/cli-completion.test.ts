import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fakeToken, useFakeApiServer } from '../support/fake-api-server.ts';
import { cli } from '../support/cli.ts';

/** One completion request as the scripts and kubectl_complete-scale_ha send it. */
async function complete(...words: string[]): Promise<{ values: string[]; directive: string }> {
  const { code, stdout, stderr } = await cli(['complete', '--', ...words]);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  const lines = stdout.trimEnd().split('\n');
  const directive = lines.pop()!;
  assert.match(directive, /^:\d+$/, stdout);
  return { values: lines.map((line) => line.split('\t')[0]!), directive };
}

function kubeconfigFor(server: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'completion-')), 'config');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{ name: fake, cluster: { server: "${server}", insecure-skip-tls-verify: true } }]
users: [{ name: tester, user: { token: ${fakeToken} } }]
contexts: [{ name: fake, context: { cluster: fake, user: tester, namespace: shop } }]
current-context: fake
`,
  );
  return file;
}

const list = (...names: string[]) => ({ metadata: { resourceVersion: '1' }, items: names.map((name) => ({ metadata: { name } })) });

describe('completion scripts', () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    it(`prints a ${shell} script that asks kubectl-scale_ha for the completions`, async () => {
      const { code, stdout } = await cli(['completion', shell]);
      assert.equal(code, 0);
      assert.match(stdout, /kubectl-scale_ha complete --/);
    });
  }

  it('registers the bash completion for the plugin executable', async () => {
    assert.match((await cli(['completion', 'bash'])).stdout, /complete .*-F __kubectl_scale_ha_complete kubectl-scale_ha/);
  });

  it('refuses a shell it has no script for with exit 2', async () => {
    const { code, stderr } = await cli(['completion', 'tcsh']);
    assert.equal(code, 2);
    assert.match(stderr, /"tcsh" is not one of bash, zsh, fish, powershell/);
  });
});

describe('completion requests', () => {
  it('offers the subcommands of a command, and no files', async () => {
    const { values, directive } = await complete('patch', '');
    assert.deepEqual(values.sort(), ['env', 'hpa', 'org', 'workload']);
    assert.equal(directive, ':4');
  });

  it('offers the commands, and never the hidden one that answers completions', async () => {
    const { values } = await complete('');
    for (const command of ['list', 'doctor', 'simulate', 'patch', 'undo', 'history', 'tui', 'version', 'completion'])
      assert.ok(values.includes(command), command);
    assert.ok(!values.includes('complete'));
  });

  it("offers a command's own flags and the global ones", async () => {
    const { values } = await complete('patch', 'workload', '--');
    for (const flag of ['--anti-affinity', '--sidecar', '--dry-run', '--namespace', '--context']) assert.ok(values.includes(flag), flag);
    assert.ok(!values.includes('--pattern'), "simulate's flag is not offered to patch workload");
  });

  it('offers the values a flag or an argument takes', async () => {
    assert.deepEqual((await complete('doctor', '--fail-on', '')).values, ['error', 'warning', 'info', 'none']);
    assert.deepEqual((await complete('list', '-o', '')).values, ['table', 'json', 'yaml']);
    assert.deepEqual((await complete('patch', 'org', '')).values, ['mart', 'connectAgent', 'watcher', 'udca']);
    assert.ok((await complete('simulate', '--behavior', '')).values.includes('apigee-more-aggressive'));
    assert.ok((await complete('doctor', '--explain', 'HPA00')).values.includes('HPA003'));
  });

  it('lets the shell offer files for a flag that takes a file', async () => {
    assert.equal((await complete('simulate', '--spec', '')).directive, ':0');
  });
});

describe('completion of names from the cluster', () => {
  const { server } = useFakeApiServer();

  it('offers the namespaces, the HPAs and the workloads of the namespace the words name', async () => {
    const routes = server().routes;
    routes['GET /api/v1/namespaces'] = list('apigee', 'shop');
    routes['GET /apis/autoscaling/v2/namespaces/web-ns/horizontalpodautoscalers'] = list('web', 'api');
    routes['GET /apis/apps/v1/namespaces/shop/deployments'] = list('web');
    routes['GET /apis/apps/v1/namespaces/shop/statefulsets'] = list('db');
    const kubeconfig = kubeconfigFor(server().url);
    assert.deepEqual((await complete('list', '--kubeconfig', kubeconfig, '-n', '')).values, ['apigee', 'shop']);
    assert.deepEqual((await complete('patch', 'hpa', '--kubeconfig', kubeconfig, '--namespace=web-ns', '')).values, ['web', 'api']);
    assert.deepEqual((await complete('patch', 'workload', '--kubeconfig', kubeconfig, 'deployment/')).values, ['deployment/web']);
  });

  it('sends no request when the position takes no cluster name', async () => {
    await complete('patch', '--kubeconfig', kubeconfigFor(server().url), '');
    assert.equal(server().requests.length, 0);
  });

  it('answers without names within its bound when the API server does not answer', async () => {
    server().routes['GET /api/v1/namespaces'] = () => 'hang';
    const started = Date.now();
    const { values } = await complete('list', '--kubeconfig', kubeconfigFor(server().url), '-n', '');
    assert.deepEqual(values, []);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });
});
