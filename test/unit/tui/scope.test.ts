import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { usageError } from '../../../src/k8s/errors.ts';
import type { Snapshot } from '../../../src/snapshot/types.ts';
import type { Scope } from '../../../src/tui/scope.ts';
import { fixtureSnapshot, keys, renderTui } from './harness.ts';

afterEach(cleanup);

/** A snapshot with only the namespace's objects, as buildSnapshot with -n would read it. */
function onlyNamespace(snapshot: Snapshot, namespace: string): Snapshot {
  const keep = <T extends { metadata: { namespace?: string } }>(items: readonly T[]) =>
    items.filter((o) => o.metadata.namespace === namespace);
  return {
    ...snapshot,
    deployments: keep(snapshot.deployments),
    statefulSets: keep(snapshot.statefulSets),
    replicaSets: keep(snapshot.replicaSets),
    hpas: keep(snapshot.hpas),
    pods: keep(snapshot.pods),
    pdbs: keep(snapshot.pdbs),
  };
}

function switcher() {
  const whole = fixtureSnapshot('cluster.yaml', 'broken.yaml', 'healthy.yaml');
  const calls: [string, string | null][] = [];
  const switchScope = (context: string, namespace: string | null): Scope => {
    calls.push([context, namespace]);
    if (context === 'gone') throw usageError('context "gone" is not in the kubeconfig.');
    return { context, namespace, load: () => Promise.resolve(namespace ? onlyNamespace(whole, namespace) : whole) };
  };
  return { whole, calls, switchScope };
}

describe('tui: context and namespace switch', () => {
  it('n switches the namespace: the header says so and only its workloads are listed', async () => {
    const { whole, calls, switchScope } = switcher();
    const app = await renderTui({ snapshot: whole, switchScope, contexts: ['fixture'] });
    assert.match(app.frame(), /deployment\/crowded/);
    await app.press('n', ...'shop', keys.enter);
    await app.waitFor(/namespace shop/);
    assert.deepEqual(calls, [['fixture', 'shop']]);
    assert.match(app.frame(), /context fixture · namespace shop/);
    assert.match(app.frame(), /deployment\/web/);
    assert.doesNotMatch(app.frame(), /deployment\/crowded/);
    // an empty namespace is all of them again
    await app.press('n', ...Array<string>(4).fill(keys.backspace), keys.enter);
    await app.waitFor(/deployment\/crowded/);
    assert.deepEqual(calls.at(-1), ['fixture', null]);
    assert.match(app.frame(), /namespace all/);
  });

  it('refuses a namespace that is not a DNS-1123 label, in place, without switching', async () => {
    const { whole, calls, switchScope } = switcher();
    const app = await renderTui({ snapshot: whole, switchScope, contexts: ['fixture'] });
    await app.press('n', ...'Shop_1', keys.enter);
    assert.match(app.frame(), /namespace: .*Shop_1.*not a valid|DNS-1123|lowercase/i);
    assert.deepEqual(calls, []);
  });

  it("c lists the kubeconfig's contexts and switches to the chosen one; a failing one is shown in place", async () => {
    const { whole, calls, switchScope } = switcher();
    const app = await renderTui({ snapshot: whole, switchScope, contexts: ['fixture', 'staging', 'gone'] });
    await app.press('c');
    assert.match(app.frame(), /Switch context/);
    assert.match(app.frame(), /> fixture/);
    await app.press('j', keys.enter);
    await app.waitFor(/context staging/);
    assert.deepEqual(calls, [['staging', null]]);
    await app.press('c', keys.down, keys.enter);
    assert.match(app.frame(), /context "gone" is not in the kubeconfig/);
    assert.match(app.frame(), /context staging/);
  });

  it('esc closes the picker without switching', async () => {
    const { whole, calls, switchScope } = switcher();
    const app = await renderTui({ snapshot: whole, switchScope, contexts: ['fixture', 'staging'] });
    await app.press('c', 'j', keys.escape);
    assert.doesNotMatch(app.frame(), /Switch context/);
    assert.deepEqual(calls, []);
  });
});
