import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type JournalEntry, type PatchEntry, writeEntry } from '../../../src/apply/journal.ts';
import { historyOf, prepareUndo, readHistory } from '../../../src/apply/undo.ts';
import type { WriteSession } from '../../../src/apply/write.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { HorizontalPodAutoscaler } from '../../../src/k8s/types.ts';
import { type FakeApiServer, startFakeApiServer } from '../../support/fake-api-server.ts';
import { maxEntry } from '../../support/journal-entries.ts';
import { fixture } from '../plan/fixtures.ts';

const hpaPath = '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web';

/** `patch hpa web --max 10` as journaled on `server`, at second `id`'s last digit. */
const maxEntryOn = (id: string, server: string, extra: Partial<PatchEntry> = {}): PatchEntry =>
  maxEntry(id, Number(id.at(-1)), { server, ...extra });

const undoOf = (id: string, undone: string, server: string) =>
  maxEntryOn(id, server, { undoOf: undone, summary: ['spec.maxReplicas: 10 → 8'] });

describe('history: who undid what', () => {
  it('names the entry that undid each change, and null for the others, keeping the order', () => {
    const entries = [maxEntryOn('1', 'https://x'), maxEntryOn('2', 'https://x'), undoOf('3', '1', 'https://x')];
    assert.deepEqual(
      historyOf(entries).map((e) => [e.id, e.undoneBy]),
      [
        ['1', '3'],
        ['2', null],
        ['3', null],
      ],
    );
  });

  it('names the newest undo when a change was undone again with --force', () => {
    const entries = [maxEntryOn('1', 'https://x'), undoOf('2', '1', 'https://x'), undoOf('3', '1', 'https://x')];
    assert.equal(historyOf(entries)[0]!.undoneBy, '3');
  });

  it('reads the journal directory as history, oldest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scale-ha-history-'));
    writeEntry(dir, undoOf('2', '1', 'https://x'));
    writeEntry(dir, maxEntryOn('1', 'https://x'));
    assert.deepEqual(
      readHistory(dir).map((e) => [e.id, e.undoneBy]),
      [
        ['1', '2'],
        ['2', null],
      ],
    );
  });
});

describe('preparing an undo', () => {
  let server: FakeApiServer;
  let session: WriteSession;
  before(async () => {
    server = await startFakeApiServer({
      [`GET ${hpaPath}`]: () => {
        const hpa = fixture<HorizontalPodAutoscaler>('hpa-web.yaml');
        return { status: 200, body: { ...hpa, spec: { ...hpa.spec, maxReplicas: 10 } } };
      },
    });
    session = {
      client: server.client(),
      contextName: 'fake',
      kubeconfigUser: 'tester',
      journalDir: mkdtempSync(join(tmpdir(), 'scale-ha-journal-')),
      command: 'test',
      env: {},
    };
  });
  after(() => server.close());
  const helm = { timeoutSeconds: 300 };

  it('says an entry was undone already, naming the undo and its time, and plans nothing', async () => {
    const entry = maxEntryOn('1', server.url);
    const journal: JournalEntry[] = [entry, undoOf('2', '1', server.url)];
    const requests = server.requests.length;
    const prepared = await prepareUndo(session, journal, entry, { force: false, helm });
    assert.deepEqual(prepared, {
      status: 'undone-already',
      message: 'Journal entry 1 was already undone by 2 (2026-11-25T10:00:02.000Z): nothing to change.',
    });
    assert.equal(server.requests.length, requests);
  });

  it('with force, plans the undo of an entry undone already: the live object back to the journaled before', async () => {
    const entry = maxEntryOn('1', server.url);
    const prepared = await prepareUndo(session, [entry, undoOf('2', '1', server.url)], entry, { force: true, helm });
    assert.equal(prepared.status, 'ready');
    const change = prepared.status === 'ready' ? await prepared.target.plan() : undefined;
    assert.equal(change?.kind, 'patch');
    assert.deepEqual(change?.kind === 'patch' ? change.patch.spec : undefined, { maxReplicas: 8 });
  });

  it('refuses an entry made in another context even when forced, with the --context to use (exit 2)', async () => {
    const entry = maxEntryOn('1', server.url, { context: 'staging' });
    await assert.rejects(
      prepareUndo(session, [entry], entry, { force: true, helm }),
      (e) =>
        e instanceof UserError &&
        e.exitCode === ExitCode.usage &&
        e.message === 'Journal entry 1 was made in context staging, not fake.' &&
        e.hint === 'Run the undo against the same cluster: --context staging',
    );
  });

  it('refuses an entry made on another API server, and with force prepares it with a warning saying so', async () => {
    const entry = maxEntryOn('1', 'https://10.0.0.1:6443');
    await assert.rejects(
      prepareUndo(session, [entry], entry, { force: false, helm }),
      /Cannot undo: Journal entry 1 was made on the API server/,
    );
    const forced = await prepareUndo(session, [entry], entry, { force: true, helm });
    assert.equal(forced.status, 'ready');
    assert.match(forced.status === 'ready' ? (forced.warning ?? '') : '', /Restoring anyway \(--force\)/);
  });
});
