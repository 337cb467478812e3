import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup } from 'ink-testing-library';
import type { WriteIntent } from '../../../src/tui/write.ts';
import { fakeWrite, fixtureSnapshot, keys, renderTui } from './harness.ts';

afterEach(cleanup);

const left = '\u001b[D';

const healthy = () => fixtureSnapshot('cluster.yaml', 'healthy.yaml');

async function openWebWizard(options: { write?: WriteIntent; readOnly?: boolean } = {}) {
  const app = await renderTui({ snapshot: healthy(), ...options });
  await app.press('/', 'w', 'e', 'b', keys.enter, keys.enter);
  assert.match(app.frame(), /shop\/deployment\/web/);
  await app.press('e');
  return app;
}

describe('tui: Wizard', () => {
  it("opens on e from the detail with the HPA's min and max and the current anti-affinity", async () => {
    const app = await openWebWizard();
    const frame = app.frame();
    assert.match(frame, /Edit shop\/deployment\/web/);
    assert.match(frame, /min replicas\s+\[2▏\]/);
    assert.match(frame, /max replicas\s+\[8\]/);
    assert.match(frame, /anti-affinity\s+‹ preferred ›/);
    assert.match(frame, /topology key\s+‹ hostname ›/);
    assert.match(frame, /Nothing to change yet/);
  });

  it('shows a non-number in place and blocks the review', async () => {
    const fake = fakeWrite();
    const app = await openWebWizard({ write: fake.write });
    await app.press(keys.backspace, 'x');
    assert.match(app.frame(), /✗ min replicas: "x" is not a whole number\./);
    await app.press(keys.enter);
    assert.equal(fake.calls.length, 0);
    assert.match(app.frame(), /Edit shop\/deployment\/web/);
    await app.press(keys.backspace, '3');
    assert.doesNotMatch(app.frame(), /✗/);
    assert.match(app.frame(), /enter reviews 1 change/);
  });

  it('loses no key of a burst: moves, edits and choices sent in one chunk all land', async () => {
    const fake = fakeWrite();
    const app = await renderTui({ snapshot: healthy(), write: fake.write });
    await app.burst('/', ...'web', keys.enter, keys.enter, 'e', keys.down, keys.backspace, ...'12', keys.down, keys.down, ' ');
    assert.match(app.frame(), /max replicas\s+\[12\]/);
    assert.match(app.frame(), /behavior\s+‹ kubernetes-default ›/);
    await app.burst(keys.enter);
    await app.waitFor(/y applies/);
    assert.deepEqual(fake.calls[0]?.intent.settings, { max: 12, behavior: null });
    // review → wizard → detail: two escapes in one chunk are two presses, and the keys after them land too
    await app.burst(keys.escape, keys.escape, keys.escape, 'j');
    assert.match(app.frame(), /WORKLOAD/);
    assert.match(app.frame(), /filter: web/, 'the third esc left the filter: the j after it was not taken for esc');
  });

  it('refuses min above max with the CLI message', async () => {
    const fake = fakeWrite();
    const app = await openWebWizard({ write: fake.write });
    await app.press(keys.backspace, '9');
    assert.match(app.frame(), /✗ hpa\/web: max replicas 8 is below min replicas 9/);
    await app.press(keys.enter);
    assert.equal(fake.calls.length, 0);
  });

  it('refuses a number that would overflow int32', async () => {
    const fake = fakeWrite();
    const app = await openWebWizard({ write: fake.write });
    await app.press(keys.down, keys.backspace, ...'3000000000');
    assert.match(app.frame(), /✗ max replicas: 3000000000 is above 2,147,483,647/);
    await app.press(keys.enter);
    assert.equal(fake.calls.length, 0);
  });

  it('validates the weight of preferred anti-affinity', async () => {
    const app = await openWebWizard();
    // min, max, CPU target, behavior, what-if load, anti-affinity, topology key, weight
    await app.press(...Array<string>(7).fill(keys.down), keys.backspace, keys.backspace, keys.backspace, '0');
    assert.match(app.frame(), /✗ weight must be at least 1 \(got 0\)/);
    await app.press(keys.backspace, '1', '0', '1');
    assert.match(app.frame(), /✗ weight: 101 is above 100/);
  });

  it('picks a behavior preset, shows now against chosen on the picked load, and reviews it with the HPA', async () => {
    const fake = fakeWrite();
    const app = await openWebWizard({ write: fake.write });
    assert.doesNotMatch(app.frame(), /What if/);
    await app.press(keys.down, keys.down, keys.down, ' ');
    assert.match(app.frame(), /behavior\s+‹ kubernetes-default ›/);
    assert.match(app.frame(), /What if: a spike load for 30 min/);
    assert.match(app.frame(), /now 2–8 .*chosen \(kubernetes-default\) 2–8/);
    assert.match(app.frame(), /█/);
    assert.match(app.frame(), /now: peak \d+, short of capacity [\d.]+ min, \d+ replica-min · chosen: peak \d+/);
    await app.press(keys.down, ' ');
    assert.match(app.frame(), /what-if load\s+‹ ramp ›/);
    assert.match(app.frame(), /What if: a ramp load/);
    await app.press(keys.enter);
    await app.waitFor(/y applies/);
    assert.deepEqual(fake.calls[0]?.intent, { type: 'hpa', namespace: 'shop', name: 'web', settings: { behavior: null } });
  });

  it('takes a CPU target with the int32 and positive rules', async () => {
    const fake = fakeWrite();
    const app = await openWebWizard({ write: fake.write });
    await app.press(keys.down, keys.down, keys.backspace, keys.backspace, keys.backspace, '0');
    assert.match(app.frame(), /✗ CPU target % must be at least 1 \(got 0\)/);
    await app.press(keys.backspace, '6', '5', keys.enter);
    await app.waitFor(/y applies/);
    assert.deepEqual(fake.calls[0]?.intent.settings, { cpu: 65 });
  });
});

describe('tui: Review and Apply', () => {
  it('reviews with a server dry run and shows the diff, summary and warnings', async () => {
    const fake = fakeWrite();
    const app = await openWebWizard({ write: fake.write });
    await app.press(keys.down, keys.backspace, '1', '2', keys.enter);
    await app.waitFor(/y applies/);
    assert.deepEqual(fake.calls, [{ intent: { type: 'hpa', namespace: 'shop', name: 'web', settings: { max: 12 } }, dryRun: 'server' }]);
    const frame = app.frame();
    assert.match(frame, /Review/);
    assert.match(frame, /hpa\/web the server accepts it/);
    assert.match(frame, /--- hpa\/x \(live\)/);
    assert.match(frame, /@@ -1,3 \+1,4 @@/);
    assert.match(frame, /^\+ {2}# \{"max":12\}$/m);
    assert.match(frame, /settings \{"max":12\}/);
    assert.match(frame, /warning: fake ownership warning/);
  });

  it('applies on y with the write already confirmed and shows the journal id', async () => {
    const fake = fakeWrite();
    const app = await openWebWizard({ write: fake.write });
    await app.press(keys.down, keys.backspace, '1', '2', keys.enter);
    await app.waitFor(/y applies/);
    await app.press('y');
    await app.waitFor(/journal id/);
    assert.deepEqual(
      fake.calls.map((c) => c.dryRun),
      ['server', 'none'],
    );
    assert.match(app.frame(), /Apply/);
    assert.match(app.frame(), /hpa\/web applied/);
    assert.match(app.frame(), /journal id: 20261204-231500-abc/);
    await app.press(keys.escape);
    assert.match(app.frame(), /Findings \(/);
  });

  it('applies nothing unseen: a review longer than the screen must be scrolled to its end before y applies', async () => {
    const fake = fakeWrite({ longDiff: true });
    const app = await openWebWizard({ write: fake.write });
    await app.press(keys.down, keys.backspace, '1', '2', keys.enter);
    await app.waitFor(/scroll to the end of the review/);
    assert.match(app.frame(), /lines 1–\d+ of \d+/);
    assert.doesNotMatch(app.frame(), /y applies these changes/);
    await app.press('y');
    assert.deepEqual(
      fake.calls.map((c) => c.dryRun),
      ['server'],
    );
    assert.match(app.frame(), /Scroll to the end of the review first|scroll to the end/);
    await app.press('j', 'j');
    assert.match(app.frame(), /lines 3–/);
    await app.press('G');
    assert.match(app.frame(), /y applies these changes/);
    assert.match(app.frame(), /settings \{"max":12\}/);
    await app.press('y');
    await app.waitFor(/journal id/);
    assert.deepEqual(
      fake.calls.map((c) => c.dryRun),
      ['server', 'none'],
    );
  });

  it('goes back on esc without writing', async () => {
    const fake = fakeWrite();
    const app = await openWebWizard({ write: fake.write });
    await app.press(keys.down, keys.backspace, '1', '2', keys.enter);
    await app.waitFor(/y applies/);
    await app.press(keys.escape);
    assert.match(app.frame(), /Edit shop\/deployment\/web/);
    assert.match(app.frame(), /max replicas\s+\[12▏\]/);
    await app.press('y', keys.escape);
    assert.match(app.frame(), /Findings \(/);
    assert.deepEqual(
      fake.calls.map((c) => c.dryRun),
      ['server'],
    );
  });

  it('shows a failed dry run in place and offers no apply', async () => {
    const fake = fakeWrite({ fail: 'forbidden: cannot patch horizontalpodautoscalers' });
    const app = await openWebWizard({ write: fake.write });
    await app.press(keys.down, keys.backspace, '1', '2', keys.enter);
    await app.waitFor(/error:/);
    assert.match(app.frame(), /error: hpa\/web: forbidden: cannot patch horizontalpodautoscalers \(ask your cluster admin\)/);
    assert.doesNotMatch(app.frame(), /y applies/);
    await app.press('y');
    assert.equal(fake.calls.length, 1);
  });

  it('edits replicas and required anti-affinity of a workload without an HPA as one workload intent', async () => {
    const fake = fakeWrite();
    const app = await renderTui({ snapshot: fixtureSnapshot('cluster.yaml', 'broken.yaml'), write: fake.write });
    await app.press('/', 'c', 'r', 'o', 'w', 'd', keys.enter, keys.enter, 'e');
    assert.match(app.frame(), /replicas\s+\[\d+▏\]/);
    assert.doesNotMatch(app.frame(), /min replicas/);
    await app.press(keys.backspace, keys.backspace, '5', keys.down, left);
    assert.match(app.frame(), /anti-affinity\s+‹ required ›/);
    assert.doesNotMatch(app.frame(), /weight/);
    await app.press(keys.down, ' ', keys.enter);
    await app.waitFor(/y applies/);
    assert.deepEqual(fake.calls[0]?.intent, {
      type: 'workload',
      kind: 'Deployment',
      namespace: 'broken',
      name: 'crowded',
      settings: { replicas: 5, antiAffinity: 'required', topologyKey: 'topology.kubernetes.io/zone' },
    });
  });

  it("edits an Apigee runtime through its ApigeeEnvironment: behavior within Apigee's presets, wait time 300M–450M", async () => {
    const fake = fakeWrite();
    const app = await renderTui({ snapshot: fixtureSnapshot('apigee.yaml'), write: fake.write });
    await app.press('/', 'r', 'u', 'n', 't', keys.enter, keys.enter, 'e');
    const frame = app.frame();
    assert.match(frame, /ApigeeEnvironment test, component\s+runtime/);
    assert.doesNotMatch(frame, /anti-affinity/);
    assert.match(frame, /max replicas\s+\[4\]/);
    // behavior: only Apigee's presets are offered
    await app.press(keys.down, keys.down, keys.down, ' ');
    assert.match(app.frame(), /behavior\s+‹ apigee-default ›/);
    await app.press(left, left);
    assert.match(app.frame(), /behavior\s+‹ apigee-less-aggressive ›/);
    await app.press(keys.down, keys.down, ...'400m');
    assert.match(app.frame(), /✗ .*wait time/);
    await app.press(keys.backspace, 'M');
    assert.doesNotMatch(app.frame(), /✗/);
    await app.press(keys.enter);
    await app.waitFor(/y applies/);
    const intent = fake.calls[0]?.intent;
    assert.equal(intent?.type, 'component');
    assert.deepEqual(
      { ...intent, settings: { ...intent?.settings, behavior: Boolean(intent?.settings && 'behavior' in intent.settings) } },
      {
        type: 'component',
        kind: 'ApigeeEnvironment',
        env: 'test',
        component: 'runtime',
        namespace: 'apigee',
        settings: { waitTime: '400M', behavior: true },
      },
    );
  });

  it("sets a Wallarm sidecar's four values, starting from the chosen sidecar's current ones", async () => {
    const fake = fakeWrite();
    const app = await renderTui({ snapshot: fixtureSnapshot('wallarm-sidecar.yaml'), write: fake.write });
    await app.press('/', 's', 'h', 'o', 'p', keys.enter, keys.enter, 'e');
    assert.match(app.frame(), /Wallarm sidecar resources/);
    assert.match(app.frame(), /sidecar\s+‹ proxy ›/);
    // min, max, cpu, behavior, pattern, anti-affinity, topology, weight, sidecar, cpu request
    await app.press(...Array<string>(9).fill(keys.down), ...'100m', keys.down, ...'256m');
    assert.match(app.frame(), /✗ proxy memory: "256m" is millibytes/);
    await app.press(keys.backspace, 'M', 'i', keys.down, ...'1', keys.down, ...'512Mi', keys.enter);
    await app.waitFor(/y applies/);
    assert.deepEqual(fake.calls[0]?.intent.settings, {
      sidecars: [{ sidecar: 'proxy', requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } }],
    });
  });

  it('keeps what was typed for one sidecar when another is chosen, and changes both in one intent', async () => {
    const fake = fakeWrite();
    const app = await renderTui({ snapshot: fixtureSnapshot('wallarm-sidecar.yaml'), write: fake.write });
    await app.press('/', 's', 'h', 'o', 'p', keys.enter, keys.enter, 'e');
    for (let at = 0; at < 20 && !/▸ sidecar /.test(app.frame()); at++) await app.press(keys.down);
    assert.match(app.frame(), /sidecar\s+‹ proxy ›/);
    await app.press(keys.down, ...'100m', keys.down, ...'128Mi', keys.up, keys.up, ' ');
    assert.match(app.frame(), /sidecar\s+‹ init-iptables ›/);
    assert.match(app.frame(), /cpu request\s+\[\]/, 'init-iptables starts from its own (empty) values');
    await app.press(keys.down, ...'20m', keys.up, ' ');
    assert.match(app.frame(), /sidecar\s+‹ proxy ›/);
    assert.match(app.frame(), /cpu request\s+\[100m\]/, "proxy's typed values are kept");
    assert.match(app.frame(), /also in this change: init-iptables/);
    await app.press(keys.enter);
    await app.waitFor(/y applies/);
    assert.deepEqual(fake.calls[0]?.intent.settings, {
      sidecars: [
        { sidecar: 'proxy', requests: { cpu: '100m', memory: '128Mi' } },
        { sidecar: 'init-iptables', requests: { cpu: '20m' } },
      ],
    });
  });

  it("opens the wizard pre-filled from a finding's fix on f, and reviews it", async () => {
    const fake = fakeWrite();
    const app = await renderTui({ snapshot: fixtureSnapshot('wallarm-sidecar.yaml'), write: fake.write });
    // The first finding is the missing metrics API (a manual fix); the next, the sidecar's missing request.
    await app.press('/', 's', 'h', 'o', 'p', keys.enter, keys.enter, keys.tab, keys.tab, 'j');
    assert.match(app.frame(), /f applies this fix/);
    await app.press('f');
    assert.match(app.frame(), /Edit wallarm\/deployment\/shop-api/);
    assert.match(app.frame(), /enter reviews 1 change/);
    await app.press(keys.enter);
    await app.waitFor(/y applies/);
    const settings = fake.calls[0]?.intent.settings as { sidecars?: { sidecar: string; requests?: Record<string, string> }[] };
    // the fix covers every injected container without requests: one change, one rollout, as the CLI's
    assert.deepEqual(settings.sidecars?.map((s) => s.sidecar).sort(), ['init-iptables', 'proxy']);
    assert.ok(
      settings.sidecars?.every((s) => s.requests?.cpu),
      'the fix sets a cpu request for each sidecar without one',
    );
  });

  it('offers the route for a helm-managed workload: helm upgrade with a values file, or a direct patch', async () => {
    const fake = fakeWrite();
    const app = await renderTui({ snapshot: fixtureSnapshot('wallarm-sidecar.yaml'), write: fake.write });
    await app.press('/', 'c', 'o', 'n', 't', 'r', keys.enter, keys.enter, 'e');
    assert.match(app.frame(), /helm\s+release wallarm\/wallarm-sidecar/);
    assert.match(app.frame(), /route\s+‹ helm upgrade ›/);
    await app.press(keys.backspace, '3');
    let at = 0;
    for (; at < 20 && !/▸ route/.test(app.frame()); at++) await app.press(keys.down);
    await app.press(keys.down, ...'values.yaml');
    assert.match(app.frame(), /through helm upgrade/);
    await app.press(keys.enter);
    await app.waitFor(/y applies/);
    assert.deepEqual(fake.calls[0]?.route, { direct: false, valuesFile: 'values.yaml' });
    await app.press(keys.escape, keys.up, ' ');
    assert.match(app.frame(), /route\s+‹ direct patch ›/);
    assert.doesNotMatch(app.frame(), /values file/);
    assert.match(app.frame(), /as a direct patch/);
  });

  it('hides the edit key with --read-only', async () => {
    const fake = fakeWrite();
    const app = await openWebWizard({ write: fake.write, readOnly: true });
    assert.doesNotMatch(app.frame(), /Edit shop/);
    assert.match(app.frame(), /Findings \(/);
    assert.doesNotMatch(app.frame(), /e edit/);
    await app.press('?');
    assert.doesNotMatch(app.frame(), /edit scaling/);
  });

  it('offers the edit key without --read-only', async () => {
    const app = await renderTui({ snapshot: healthy() });
    await app.press(keys.enter);
    assert.match(app.frame(), /e edit scaling/);
  });
});
