import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findEntryToUndo,
  forJournal,
  journalDir,
  newEntryId,
  readEntries,
  writeEntry,
  type PatchEntry,
} from '../../../src/apply/journal.ts';
import { applyPatch, clone } from '../../../src/plan/patch.ts';
import { planUndo } from '../../../src/plan/undo.ts';
import { planWorkload } from '../../../src/plan/workload.ts';
import type { WorkloadObject } from '../../../src/k8s/types.ts';
import { fixture } from '../plan/fixtures.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { webHpaRef } from '../../support/journal-entries.ts';

const entry = (id: string, extra: Partial<PatchEntry> = {}): PatchEntry => ({
  id,
  kind: 'patch',
  state: 'applied',
  time: '2026-11-25T10:00:00Z',
  context: 'prod',
  server: 'https://x',
  user: 'alice',
  command: 'kubectl scale-ha patch hpa web --max 10',
  ref: webHpaRef,
  patchType: 'strategic',
  patch: {},
  summary: [],
  before: { metadata: { name: 'web' } },
  after: { metadata: { name: 'web' } },
  ...extra,
});

describe('the journal', () => {
  it('lives under XDG_STATE_HOME, else ~/.local/state', () => {
    assert.equal(journalDir({ XDG_STATE_HOME: '/s', HOME: '/h' }), '/s/kubectl-scale-ha/journal');
    assert.equal(journalDir({ HOME: '/h' }), '/h/.local/state/kubectl-scale-ha/journal');
  });

  it('makes ids that sort by time, to the millisecond', () => {
    const a = newEntryId(new Date('2026-11-25T10:00:00.000Z')).id;
    const b = newEntryId(new Date('2026-11-25T10:00:00.001Z')).id;
    assert.match(a, /^20261125-100000-000-[0-9a-f]{6}$/);
    assert.ok(a < b);
  });

  it('keeps ids increasing when the clock stands still or goes back', () => {
    const now = new Date('2026-11-25T10:00:00.500Z');
    const first = newEntryId(now);
    const second = newEntryId(now, first.id);
    const third = newEntryId(new Date('2026-11-25T09:59:59Z'), second.id);
    assert.ok(first.id < second.id && second.id < third.id, [first.id, second.id, third.id].join(' '));
    assert.ok(first.time < second.time && second.time < third.time);
  });

  it('lists entries in time order, skips files that are not entries, and reads old entries as applied patches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scale-ha-journal-'));
    const { kind: _k, state: _s, ...old } = entry('20261125-100000-aaaaaa', { time: '2026-11-25T10:00:00.000Z' });
    writeFileSync(join(dir, '20261125-100000-aaaaaa.json'), JSON.stringify(old));
    writeEntry(dir, entry('20261125-100000-001-bbbbbb', { time: '2026-11-25T10:00:00.001Z', state: 'pending' }));
    writeFileSync(join(dir, 'broken.json'), '{"id": 5}');
    writeFileSync(join(dir, 'torn.json'), '{"id": "x", ');
    const skipped: string[] = [];
    const entries = readEntries(dir, (file) => skipped.push(file));
    assert.deepEqual(
      entries.map((e) => [e.id, e.kind, e.state]),
      [
        ['20261125-100000-aaaaaa', 'patch', 'applied'],
        ['20261125-100000-001-bbbbbb', 'patch', 'pending'],
      ],
    );
    assert.deepEqual(skipped.map((f) => f.slice(dir.length + 1)).sort(), ['broken.json', 'torn.json']);
  });

  it('undoes the newest change of this context that is not undone yet', () => {
    const entries = [entry('1'), entry('2'), entry('3', { context: 'dev' }), entry('4', { undoOf: '2' })];
    assert.equal(findEntryToUndo(entries, undefined, 'prod').id, '1');
    assert.equal(findEntryToUndo(entries, undefined, 'dev').id, '3');
  });

  it('accepts a unique id prefix and rejects unknown or ambiguous ones', () => {
    const entries = [entry('20261125-100000-aaaaaa'), entry('20261125-100000-abbbbb')];
    assert.equal(findEntryToUndo(entries, '20261125-100000-aa', 'prod').id, '20261125-100000-aaaaaa');
    assert.throws(
      () => findEntryToUndo(entries, '20261125-100000-a', 'prod'),
      (e) => e instanceof UserError && e.exitCode === ExitCode.usage,
    );
    assert.throws(
      () => findEntryToUndo(entries, 'zzz', 'prod'),
      (e) => e instanceof UserError && e.exitCode === ExitCode.notFound,
    );
  });
});

describe('what the journal stores', () => {
  const live = () => {
    const workload = fixture<WorkloadObject>('deployment-web.yaml');
    workload.metadata.annotations = {
      ...workload.metadata.annotations,
      'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{"secret":"x"}}',
    };
    // valueFrom is not in our Container type: the journal keeps fields it does not know
    (workload.spec.template.spec.containers[0] as { env?: unknown }).env = [
      { name: 'DB_PASSWORD', value: 's3cret' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
    ];
    return workload;
  };

  it('strips the last-applied copy and literal env values, keeping env names and valueFrom', () => {
    const stored = forJournal(live()) as WorkloadObject;
    assert.equal(stored.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
    assert.equal(stored.metadata.annotations?.['meta.helm.sh/release-name'], 'shop');
    assert.deepEqual(stored.spec.template.spec.containers[0]!.env, [
      { name: 'DB_PASSWORD' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
    ]);
    assert.doesNotMatch(JSON.stringify(stored), /s3cret/);
  });

  it('still lets undo restore the changed fields, leaving env and last-applied alone', () => {
    const before = live();
    const change = planWorkload(before, { container: 'web', requests: { cpu: '300m' } }, { hpas: [], pods: [] });
    const applied = clone(change.after);
    const entry = { id: 'j1', ref: change.ref, patchType: change.patchType, before: forJournal(before), after: forJournal(applied) };
    const undo = planUndo(entry, applied);
    assert.deepEqual(undo.patch, {
      spec: { template: { spec: { containers: [{ name: 'web', resources: { requests: { cpu: '200m' } } }] } } },
    });
    const restored = applyPatch(applied, undo.patch, undo.patchType) as WorkloadObject;
    assert.deepEqual(restored, before);
  });
});
