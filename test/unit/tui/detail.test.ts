import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { fixtureSnapshot, keys, renderTui } from './harness.ts';

afterEach(cleanup);

describe('tui: Detail screen', () => {
  it("opens on enter with the HPA's conditions and metrics, pods per node and zone, findings with fixes, and the owner", async () => {
    const app = await renderTui({ snapshot: fixtureSnapshot('cluster.yaml', 'broken.yaml', 'healthy.yaml') });
    await app.press('/', 's', 't', 'r', 'i', 'c', 't', keys.enter, keys.enter);
    const frame = app.frame();
    assert.match(frame, /broken\/deployment\/strict/);
    assert.match(frame, /strict: min 3 max 10 current 10/);
    assert.match(frame, /metrics cpu: <unknown>\/60%/);
    // HA006 (the rollout deadlock of the same anti-affinity term) is HA003's evidence: one root cause, counted once.
    assert.match(frame, /Findings \(4\)/);
    assert.match(frame, /^\s+E \w+\d+ /m);
    assert.doesNotMatch(frame, /fix: /, 'fixes show for the picked finding only');
    assert.match(frame, /scaling owner: none/);
    // tab, tab: the findings; the first is picked and shows its fix; j picks the next
    await app.press(keys.tab, keys.tab);
    assert.match(app.frame(), /▸ Findings \(4\)/);
    assert.equal(app.frame().match(/› /g)?.length, 1);
    assert.match(app.frame(), /fix: /);
    const picked = () =>
      app
        .frame()
        .split('\n')
        .find((line) => line.includes('› ')) ?? '';
    const first = picked();
    await app.press('j');
    assert.notEqual(picked(), first);
    await app.press(keys.escape);
    assert.match(app.frame(), /deployment\/strict/);
    assert.doesNotMatch(app.frame(), /Findings \(/);
  });

  it('shows the findings a root cause carries as its evidence (also: lines) when picked', async () => {
    const app = await renderTui({ snapshot: fixtureSnapshot('cluster.yaml', 'wallarm-sidecar.yaml') });
    await app.press('/', ...'shop-api', keys.enter, keys.enter, keys.tab, keys.tab);
    for (let at = 0; at < 10 && !/› \S+ HPA003/.test(app.frame()); at++) await app.press('j');
    assert.match(app.frame(), /› \S+ HPA003/);
    assert.match(app.frame(), /also: E HPA002 /);
    assert.match(app.frame(), /also: W RES001 /);
    assert.match(
      app.frame().replace(/\s+/g, ' '),
      /fix: change deployment wallarm\/shop-api: sidecars proxy requests cpu=\S+,memory=\S+ limits cpu=\S+,memory=\S+; init-iptables requests/,
    );
    // another finding picked: the root cause's evidence folds into a count
    await app.press('j');
    assert.match(app.frame(), /HPA003 \(\+2 related\) HorizontalPodAutoscaler\/shop-api/);
  });

  it('shows ready pods per node and per zone for a healthy workload', async () => {
    const app = await renderTui({ snapshot: fixtureSnapshot('cluster.yaml', 'healthy.yaml') });
    await app.press(keys.enter);
    const frame = app.frame();
    assert.match(frame, /zone-1\s+node-a\s+1\/1 ready/);
    assert.match(frame, /zone-2\s+node-c\s+1\/1 ready/);
    assert.match(frame, /ready per zone: zone-1=2 zone-2=1/);
    assert.match(frame, /none: the doctor has nothing to say/);
    await app.press(keys.tab);
    assert.match(app.frame(), /▸ Pods per node and zone/);
  });
});
