import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { readEntries, writeEntry } from '../../../src/apply/journal.ts';
import { historyOf } from '../../../src/apply/undo.ts';
import type { WriteSession } from '../../../src/apply/write.ts';
import type { HorizontalPodAutoscaler } from '../../../src/k8s/types.ts';
import type { Diff } from '../../../src/plan/diff.ts';
import { applyPatch } from '../../../src/plan/patch.ts';
import { historyRows } from '../../../src/tui/history.ts';
import { type LoadHistory, useHistory } from '../../../src/tui/hooks/useHistory.ts';
import type { HistoryScreenProps } from '../../../src/tui/screens/HistoryScreen.tsx';
import { undoJobWith } from '../../../src/tui/undo.ts';
import type { WriteLine } from '../../../src/tui/write.ts';
import { type FakeApiServer, ok, startFakeApiServer } from '../../support/fake-api-server.ts';
import { fixture } from '../plan/fixtures.ts';
import { historyFrame, keys, renderTui, tick } from './harness.ts';
import { maxEntry } from '../../support/journal-entries.ts';
import type { ExecuteResult } from '../../../src/apply/pipeline.ts';
import type { UndoJob } from '../../../src/tui/undo.ts';

afterEach(cleanup);

describe('tui: history rows', () => {
  const entries = historyOf([
    maxEntry('a', 1),
    maxEntry('b', 2, { state: 'pending' }),
    maxEntry('c', 3, { undoOf: 'a', summary: ['spec.maxReplicas: 10 → 8', 'spec.minReplicas: 3 → 2'] }),
  ]);

  it('lists the newest change first, whatever order the journal gave', () => {
    assert.deepEqual(
      historyRows([entries[1]!, entries[2]!, entries[0]!]).map((r) => r.id),
      ['c', 'b', 'a'],
    );
  });

  it('says where each change stands: outcome unknown, undone by, undo of', () => {
    const states = Object.fromEntries(historyRows(entries).map((r) => [r.id, r.state]));
    assert.deepEqual(states, { a: 'undone by c', b: 'outcome unknown', c: 'undo of a' });
  });

  it('joins the states that hold together: a pending undo that was undone in turn', () => {
    const [row] = historyRows(historyOf([maxEntry('u', 1, { state: 'pending', undoOf: 'a' }), maxEntry('v', 2, { undoOf: 'u' })])).slice(
      -1,
    );
    assert.equal(row!.state, 'outcome unknown, undo of a, undone by v');
  });

  it('names the object, the time to the second and every changed field', () => {
    const row = historyRows(entries).find((r) => r.id === 'c')!;
    assert.equal(row.object, 'horizontalpodautoscaler/web -n shop');
    assert.equal(row.time, '2026-11-25 10:00:03Z');
    assert.equal(row.change, 'spec.maxReplicas: 10 → 8; spec.minReplicas: 3 → 2');
  });
});

describe('tui: History screen', () => {
  const rows = historyRows(
    historyOf([
      maxEntry('20261125-100001-000-aaaaaa', 1),
      maxEntry('20261125-100002-000-bbbbbb', 2, { undoOf: '20261125-100001-000-aaaaaa' }),
    ]),
  );
  const show = (props: Partial<HistoryScreenProps> = {}) => historyFrame({ rows, ...props });

  it('shows one line per change under the column titles, the selected one marked', () => {
    const frame = show({ selected: 1 });
    assert.match(frame, /ID\s+OBJECT\s+STATE/);
    const lines = frame.split('\n');
    assert.match(lines[3] ?? '', /^ {2}20261125-100002-000-bbbbbb horizontalpodautoscaler\/web -n … undo of 20261125-100001-000-aaaaaa/);
    assert.match(lines[4] ?? '', /^> 20261125-100001-000-aaaaaa horizontalpodautoscaler\/web -n … undone by 20261125-100002-000-bbbbbb/);
  });

  it('offers undo of the selected change, but not with --read-only', () => {
    assert.match(show(), /u undoes the selected change \(reviewed first\)/);
    assert.doesNotMatch(show({ readOnly: true }), /undoes/);
  });

  it('says where the journal is and how changes get there when it is empty', () => {
    const frame = show({ rows: [] });
    assert.match(frame, /No journaled changes yet in \/state\/kubectl-scale-ha\/journal\./);
    assert.match(frame, /kubectl scale-ha patch/);
    assert.doesNotMatch(frame, /undoes/);
  });

  it('shows a failed read in place, keeping the rows it had', () => {
    assert.match(show({ rows: [], error: 'EACCES: permission denied' }), /error: EACCES: permission denied/);
    const frame = show({ error: 'EACCES: permission denied' });
    assert.match(frame, /re-reading the journal failed, showing the last rows: EACCES/);
    assert.match(frame, /aaaaaa/);
  });

  it('shows only the rows that fit', () => {
    const many = historyRows(historyOf(Array.from({ length: 50 }, (_, i) => maxEntry(`id-${String(i).padStart(2, '0')}`, i))));
    const frame = show({ rows: many, height: 5 });
    assert.equal(frame.split('\n').filter((l) => l.includes('id-')).length, 5);
  });
});

/** Shows useHistory's state as one line; `probe.refresh` is the hook's refresh. */
const probe = { refresh: () => {} };
function Probe({ load, open }: { load: LoadHistory; open: boolean }) {
  const history = useHistory(load, open);
  probe.refresh = history.refresh;
  return createElement(
    Text,
    null,
    `${history.loading ? 'loading ' : ''}rows ${history.rows.map((r) => r.id).join(',')} error ${history.error}`,
  );
}

describe('tui: useHistory', () => {
  it('reads the journal when the screen opens and again on refresh, not while closed', async () => {
    let reads = 0;
    const load = () => {
      reads++;
      return historyOf([maxEntry('a', 1), maxEntry(`r${reads}`, 2)]);
    };
    const app = render(createElement(Probe, { load, open: false }));
    await tick();
    assert.equal(reads, 0);
    app.rerender(createElement(Probe, { load, open: true }));
    await tick();
    assert.match(app.lastFrame() ?? '', /rows r1,a error null/);
    probe.refresh();
    await tick();
    assert.equal(reads, 2);
    assert.match(app.lastFrame() ?? '', /rows r2,a/);
  });

  it('keeps a failed read as its error, with the hint, and the rows it had', async () => {
    let fail = false;
    const load: LoadHistory = () => {
      if (fail) throw Object.assign(new Error('cannot read the journal'), { hint: 'check XDG_STATE_HOME' });
      return historyOf([maxEntry('a', 1)]);
    };
    const app = render(createElement(Probe, { load, open: true }));
    await tick();
    fail = true;
    probe.refresh();
    await tick();
    assert.match(app.lastFrame() ?? '', /rows a error cannot read the journal \(check XDG_STATE_HOME\)/);
  });
});

describe('tui: the undo job', () => {
  const hpaPath = '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web';
  const servers: FakeApiServer[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));

  /** An API server holding the HPA as `patch --max 10` left it, and a session journaling into a temp dir. */
  async function setUp() {
    const hpa = fixture<HorizontalPodAutoscaler>('hpa-web.yaml');
    let stored: HorizontalPodAutoscaler = { ...hpa, spec: { ...hpa.spec, maxReplicas: 10 } };
    const api = await startFakeApiServer({
      [`GET ${hpaPath}`]: () => ok(stored),
      [`PATCH ${hpaPath}`]: (request) => {
        const { metadata: _m, ...patch } = request.body as Record<string, unknown>;
        const next = applyPatch(stored, patch, 'strategic') as HorizontalPodAutoscaler;
        if (request.query.get('dryRun') !== 'All') stored = { ...next, metadata: { ...next.metadata, resourceVersion: '1002' } };
        return ok(next);
      },
      'POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews': { status: { allowed: true } },
      'POST /apis/authentication.k8s.io/v1/selfsubjectreviews': { status: { userInfo: { username: 'alice' } } },
    });
    servers.push(api);
    const session: WriteSession = {
      client: api.client(),
      contextName: 'fake',
      kubeconfigUser: 'tester',
      journalDir: join(mkdtempSync(join(tmpdir(), 'scale-ha-tui-undo-')), 'journal'),
      command: 'kubectl scale-ha tui',
      env: {},
    };
    const entry = maxEntry('20261125-100001-000-aaaaaa', 1, { server: api.url });
    writeEntry(session.journalDir, entry);
    const listened = { diffs: [] as Diff[], lines: [] as WriteLine[] };
    const listener = { diff: (d: Diff) => listened.diffs.push(d), line: (l: WriteLine) => listened.lines.push(l) };
    return { api, session, entry, listener, listened, maxReplicas: () => stored.spec.maxReplicas };
  }

  it('is labelled with the entry and its object', async () => {
    const { session, entry } = await setUp();
    assert.equal(undoJobWith(session)(entry).label, 'undo 20261125-100001-000-aaaaaa: horizontalpodautoscaler/web -n shop');
  });

  it('reviews the undo as a server dry run: the diff back to the journaled value, nothing written or journaled', async () => {
    const { session, entry, listener, listened, maxReplicas } = await setUp();
    const result = await undoJobWith(session)(entry).run('server', listener);
    assert.equal(result.status, 'dry-run');
    assert.equal(listened.diffs.length, 1);
    assert.match(
      listened.lines.map((l) => l.text).join('\n'),
      /Undoing 20261125-100001-000-aaaaaa \(.*, alice\): spec\.maxReplicas: 8 → 10/,
    );
    assert.equal(maxReplicas(), 10);
    assert.equal(readEntries(session.journalDir).length, 1);
  });

  it('applies the undo for real and journals it as the undo of the entry, which a second undo then refuses', async () => {
    const { session, entry, listener, maxReplicas } = await setUp();
    const undo = undoJobWith(session);
    const result = await undo(entry).run('none', listener);
    assert.equal(result.status, 'applied');
    assert.equal(maxReplicas(), 8);
    const journaled = readEntries(session.journalDir).find((e) => e.id === result.journalId);
    assert.equal(journaled?.undoOf, entry.id);
    await assert.rejects(undo(entry).run('server', listener), (e: Error & { hint?: string }) => {
      assert.equal(
        e.message,
        `Journal entry ${entry.id} was already undone by ${result.journalId} (${journaled?.time}): nothing to change.`,
      );
      assert.match(e.hint ?? '', /kubectl scale-ha undo 20261125-100001-000-aaaaaa --force/);
      return true;
    });
  });

  it('refuses an entry made in another context before asking the server anything', async () => {
    const { api, session, listener } = await setUp();
    const elsewhere = maxEntry('20261125-100009-000-cccccc', 9, { context: 'staging', server: api.url });
    await assert.rejects(undoJobWith(session)(elsewhere).run('server', listener), /made in context staging, not fake/);
    assert.equal(api.requests.length, 0);
  });
});

const journal = () => historyOf([maxEntry('20261125-100001-000-aaaaaa', 1), maxEntry('20261125-100002-000-bbbbbb', 2)]);

/** A fake undo use-case: records which entry and how, and answers like runWrite. */
function fakeUndo() {
  const calls: { id: string; dryRun: string }[] = [];
  const undo: UndoJob = (entry) => ({
    label: `undo ${entry.id}: hpa/web`,
    run: async (dryRun, listener) => {
      calls.push({ id: entry.id, dryRun });
      listener.line({ kind: 'info', text: `Undoing ${entry.id}` });
      return {
        status: dryRun === 'server' ? 'dry-run' : 'applied',
        change: {} as ExecuteResult['change'],
        dryRun: dryRun === 'server' ? { mode: 'server', accepted: true } : null,
        attempts: 1,
        ...(dryRun === 'none' ? { journalId: 'undo-journal-id' } : {}),
      } as ExecuteResult;
    },
  });
  return { undo, calls };
}

describe('tui: History and undo', () => {
  it('h lists the journal newest first; u reviews the undo of the selected entry, y applies it, esc returns', async () => {
    const fake = fakeUndo();
    const app = await renderTui({ loadHistory: journal, undo: fake.undo, journal: '/state/journal' });
    await app.press('h');
    await app.waitFor(/bbbbbb/);
    const lines = app.frame().split('\n');
    assert.ok(
      lines.findIndex((l) => l.includes('bbbbbb')) < lines.findIndex((l) => l.includes('aaaaaa')),
      'the newest entry is listed first',
    );
    await app.press(keys.down, 'u');
    await app.waitFor(/y applies/);
    assert.deepEqual(fake.calls, [{ id: '20261125-100001-000-aaaaaa', dryRun: 'server' }]);
    assert.match(app.frame(), /undo 20261125-100001-000-aaaaaa: hpa\/web/);
    await app.press('y');
    await app.waitFor(/journal id: undo-journal-id/);
    assert.deepEqual(
      fake.calls.map((c) => c.dryRun),
      ['server', 'none'],
    );
    await app.press(keys.escape);
    assert.match(app.frame(), /aaaaaa/);
    await app.press(keys.escape);
    assert.match(app.frame(), /WORKLOAD/);
  });

  it('offers no undo with --read-only', async () => {
    const fake = fakeUndo();
    const app = await renderTui({ loadHistory: journal, undo: fake.undo, readOnly: true });
    await app.press('h');
    await app.waitFor(/bbbbbb/);
    await app.press('u');
    assert.equal(fake.calls.length, 0);
    assert.doesNotMatch(app.frame(), /u undo/);
  });
});
