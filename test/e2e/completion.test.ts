import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getJson, kubectlOk } from './harness.ts';

/** kubectl's own completion request, as the shell sends it on TAB: the values it offers, without the directive. */
async function completions(words: string[]): Promise<string[]> {
  const out = await kubectlOk(['__complete', 'scale-ha', ...words]);
  return out
    .split('\n')
    .filter((line) => line && !line.startsWith(':'))
    .map((line) => line.split('\t')[0]!);
}

describe('completion through kubectl (kubectl_complete-scale_ha)', () => {
  it('offers the subcommands and their flags', async () => {
    assert.deepEqual((await completions(['patch', ''])).sort(), ['env', 'hpa', 'org', 'workload']);
    assert.ok((await completions(['doctor', '--fail'])).includes('--fail-on'));
    assert.ok((await completions(['list', '--all'])).includes('--all-namespaces'), 'a global flag after the command');
  });

  it('offers names from the cluster: namespaces, HPAs, workloads and Apigee environments', async () => {
    assert.ok((await completions(['list', '-n', ''])).includes('shop'));
    assert.ok((await completions(['patch', 'hpa', '-n', 'shop', ''])).includes('web'));
    assert.ok((await completions(['patch', 'workload', '-n', 'shop', ''])).includes('deployment/web'));
    const envs = await getJson<{ items: { metadata: { name: string }; spec?: { name?: string } }[] }>([
      'get',
      'apigeeenvironments',
      '-n',
      'apigee',
    ]);
    const offered = await completions(['patch', 'env', '-n', 'apigee', '']);
    assert.ok(offered.includes('runtime'));
    for (const env of envs.items) assert.ok(offered.includes(env.spec?.name ?? env.metadata.name), `${offered}`);
  });
});
