import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { fixtureSnapshot, keys, renderTui, tick } from './harness.ts';

afterEach(cleanup);

const broken = () => fixtureSnapshot('cluster.yaml', 'broken.yaml', 'healthy.yaml');

describe('tui: Workloads screen', () => {
  it("shows list's columns and the doctor's findings per row", async () => {
    const app = await renderTui({ snapshot: broken() });
    const frame = app.frame();
    assert.match(frame, /WORKLOAD\s+READY\s+FINDINGS\s+HPA MIN\/MAX\/CUR/);
    const web = frame.split('\n').find((line) => line.includes('deployment/web'));
    assert.ok(web, frame);
    assert.match(web, /shop/);
    assert.match(web, /cpu: 41%\/60%/);
    assert.match(web, /3\/3\s+ok\s/);
    const crowded = frame.split('\n').find((line) => line.includes('deployment/crowded'));
    assert.match(crowded ?? '', /\d+[EW]/);
  });

  it('shows a spinner until the first listing arrives', async () => {
    const app = await renderTui({ load: () => new Promise(() => {}) });
    assert.match(app.frame(), /listing workloads…/);
  });

  it('shows a failed listing in place, with its hint', async () => {
    const failure = Object.assign(new Error('cannot reach https://10.0.0.1:6443'), { hint: 'check the VPN' });
    const app = await renderTui({ load: () => Promise.reject(failure) });
    assert.match(app.frame(), /error: cannot reach https:\/\/10\.0\.0\.1:6443 \(check the VPN\)/);
  });

  it('keeps the last rows and says so when a re-list fails', async () => {
    let calls = 0;
    const snapshot = broken();
    const app = await renderTui({
      load: () => (calls++ === 0 ? Promise.resolve(snapshot) : Promise.reject(new Error('connection refused'))),
    });
    await app.press('r');
    assert.match(app.frame(), /re-list failed, showing the last rows: connection refused/);
    assert.match(app.frame(), /deployment\/web/);
  });

  it('re-lists on its own every refresh interval and shows when it last listed', async () => {
    let calls = 0;
    const snapshot = broken();
    const app = await renderTui({
      refreshMs: 40,
      load: () => {
        calls++;
        return Promise.resolve(snapshot);
      },
    });
    await tick(130);
    assert.ok(calls >= 3, `listed ${calls} times`);
    assert.match(app.frame(), /listed \d\d:\d\d:\d\d/);
  });

  it('filters with / and clears the filter with esc', async () => {
    const app = await renderTui({ snapshot: broken() });
    await app.press('/', 'c', 'r', 'o', 'w', 'd');
    assert.match(app.frame(), /filter: crowd/);
    assert.match(app.frame(), /1 of \d+ workloads/);
    assert.doesNotMatch(app.frame(), /deployment\/web/);
    await app.press(keys.enter, 'q'.toUpperCase());
    await app.press(keys.escape);
    assert.doesNotMatch(app.frame(), /filter:/);
    assert.match(app.frame(), /deployment\/web/);
  });

  it('types q into the filter instead of quitting', async () => {
    let quit = false;
    const app = await renderTui({ snapshot: broken(), onQuit: () => (quit = true) });
    await app.press('/', 'q');
    assert.equal(quit, false);
    assert.match(app.frame(), /filter: q/);
  });

  it('moves the selection with j/k and arrows, and quits with q', async () => {
    let quit = false;
    const app = await renderTui({ snapshot: broken(), onQuit: () => (quit = true) });
    const selectedLine = () =>
      app
        .frame()
        .split('\n')
        .find((line) => line.startsWith('> ')) ?? '';
    const first = selectedLine();
    await app.press('j');
    const second = selectedLine();
    assert.notEqual(second, first);
    await app.press(keys.down, keys.up, 'k');
    assert.equal(selectedLine(), first);
    // a burst of keys in one chunk: each one moves
    await app.burst('j', 'j', keys.down);
    const rows = app.frame().split('\n');
    const at = (line: string) => rows.indexOf(line);
    assert.equal(at(selectedLine()) - rows.findIndex((line) => line.endsWith(first.slice(2))), 3, app.frame());
    await app.burst(...'kkk');
    assert.equal(selectedLine(), first);
    await app.press('q');
    assert.equal(quit, true);
  });

  it('shows the key table on ? and closes it on esc', async () => {
    const app = await renderTui({ snapshot: broken() });
    await app.press('?');
    assert.match(app.frame(), /Keys/);
    assert.match(app.frame(), /\/\s+filter rows/);
    assert.doesNotMatch(app.frame(), /deployment\/web/);
    await app.press(keys.escape);
    assert.doesNotMatch(app.frame(), /Keys/);
    assert.match(app.frame(), /deployment\/web/);
  });

  it('writes no colour or attribute with NO_COLOR', async () => {
    const app = await renderTui({ snapshot: broken() });
    await app.press('j');
    assert.doesNotMatch(app.frames.join(''), /\u001b\[/);
  });
});
