import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type PatchEntry, readEntries } from '../../../src/apply/journal.ts';
import { patchExecutor } from '../../../src/apply/executors.ts';
import { executeChange, type ExecuteOptions } from '../../../src/apply/pipeline.ts';
import { renderDiff } from '../../../src/cli/render/diff.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { KubeClient } from '../../../src/kube/client.ts';
import { planHpa } from '../../../src/plan/hpa.ts';
import { applyPatch } from '../../../src/plan/patch.ts';
import type { Change } from '../../../src/plan/types.ts';
import type { HorizontalPodAutoscaler } from '../../../src/k8s/types.ts';
import { fixture } from '../plan/fixtures.ts';
import { type FakeApiServer, ok, type RouteResult, startFakeApiServer, statusReply } from '../../support/fake-api-server.ts';

interface Call {
  method: string;
  path: string;
  dryRun: boolean;
  body: { metadata?: { resourceVersion?: string } };
  contentType: string | undefined;
}

const servers: FakeApiServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));
const hpaPath = '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web';

/** A local API server holding one HPA, talked to by the real KubeClient; `edit` changes it as another client would. */
async function fakeServer() {
  let stored = fixture<HorizontalPodAutoscaler>('hpa-web.yaml');
  let version = 1001;
  const api = await startFakeApiServer({
    [`GET ${hpaPath}`]: () => ok(stored),
    [`PATCH ${hpaPath}`]: (request) => {
      const body = request.body as Call['body'];
      server.onPatch?.();
      if (body.metadata?.resourceVersion !== String(version)) return statusReply(409, 'Conflict', 'the object has been modified');
      const { metadata: _m, ...rest } = body;
      const next = applyPatch(stored, rest, 'strategic');
      if (request.query.get('dryRun') === 'All') return ok(next);
      const refusal = server.onWrite?.();
      if (typeof refusal === 'object' || typeof refusal === 'string') return refusal;
      stored = { ...next, metadata: { ...next.metadata, resourceVersion: String(++version) } };
      return ok(stored);
    },
  });
  servers.push(api);
  const server = {
    client: api.client(),
    get calls(): Call[] {
      return api.requests.map((r) => ({
        method: r.method,
        path: r.path,
        dryRun: r.query.get('dryRun') === 'All',
        body: r.body as Call['body'],
        contentType: r.headers['content-type'],
      }));
    },
    get: () => stored,
    edit(mutate: (hpa: HorizontalPodAutoscaler) => void) {
      mutate(stored);
      stored.metadata.resourceVersion = String(++version);
    },
    /** Runs when any PATCH arrives, before the precondition is checked. */
    onPatch: undefined as (() => void) | undefined,
    /** Runs when a real (not dry-run) write reaches the server, before it is stored; a Reply refuses it. */
    onWrite: undefined as (() => RouteResult | undefined) | (() => void) | undefined,
  };
  return server;
}

const execute = (client: KubeClient, plan: () => Promise<Change>, options: Omit<ExecuteOptions, 'executors'>) =>
  executeChange(plan, { ...options, executors: { patch: patchExecutor(client) } });

function options(overrides: Partial<ExecuteOptions> = {}): Omit<ExecuteOptions, 'executors'> & { lines: string[] } {
  const lines: string[] = [];
  const dir = join(mkdtempSync(join(tmpdir(), 'scale-ha-journal-')), 'journal');
  return {
    lines,
    dryRun: 'none',
    yes: true,
    report: { diff: (d) => lines.push(renderDiff(d)), info: (t) => lines.push(t), warn: (t) => lines.push(`warning: ${t}`) },
    journal: { dir, context: 'test', server: 'https://fake', user: 'alice', command: 'kubectl scale-ha patch hpa web --max 10' },
    ...overrides,
  };
}

const planner = (server: Awaited<ReturnType<typeof fakeServer>>, settings: Parameters<typeof planHpa>[1]) => async () =>
  planHpa(structuredClone(server.get()), settings);

describe('the write pipeline', () => {
  it('dry-runs on the server, then writes with the resourceVersion precondition and journals before and after', async () => {
    const server = await fakeServer();
    const opts = options();
    const result = await execute(server.client, planner(server, { max: 10 }), opts);
    assert.equal(result.status, 'applied');
    const patches = server.calls.filter((c) => c.method === 'PATCH');
    assert.deepEqual(
      patches.map((c) => c.dryRun),
      [true, false],
    );
    assert.equal(patches[1]!.body.metadata?.resourceVersion, '1001');
    assert.equal(patches[1]!.contentType, 'application/strategic-merge-patch+json');
    const [entry] = readEntries(opts.journal.dir) as PatchEntry[];
    assert.equal(entry!.id, result.journalId);
    assert.equal((entry!.before as HorizontalPodAutoscaler).spec.maxReplicas, 8);
    assert.equal((entry!.after as HorizontalPodAutoscaler).spec.maxReplicas, 10);
    assert.equal(entry!.user, 'alice');
    const file = join(opts.journal.dir, readdirSync(opts.journal.dir)[0]!);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(opts.journal.dir).mode & 0o777, 0o700);
  });

  it('stops after the server dry-run with --dry-run=server and writes nothing', async () => {
    const server = await fakeServer();
    const result = await execute(server.client, planner(server, { max: 10 }), options({ dryRun: 'server' }));
    assert.equal(result.status, 'dry-run');
    assert.deepEqual(
      server.calls.filter((c) => c.method === 'PATCH').map((c) => c.dryRun),
      [true],
    );
    assert.equal(server.get().spec.maxReplicas, 8);
    assert.match(renderDiff(result.diff!), /- {2}maxReplicas: 8\n\+ {2}maxReplicas: 10/);
  });

  it('sends nothing at all with --dry-run=client', async () => {
    const server = await fakeServer();
    const result = await execute(server.client, planner(server, { max: 10 }), options({ dryRun: 'client' }));
    assert.equal(result.dryRun?.mode, 'client');
    assert.equal(server.calls.filter((c) => c.method === 'PATCH').length, 0);
  });

  it('on a 409 re-reads, re-plans, shows the new diff and asks again, keeping the concurrent edit', async () => {
    const server = await fakeServer();
    let asked = 0;
    const confirm = async () => {
      if (asked++ === 0) server.edit((hpa) => (hpa.spec.minReplicas = 3));
      return true;
    };
    const opts = options({ yes: false, confirm });
    const result = await execute(server.client, planner(server, { max: 10 }), opts);
    assert.equal(result.status, 'applied');
    assert.equal(result.attempts, 2);
    assert.equal(asked, 2);
    assert.equal(server.get().spec.minReplicas, 3);
    assert.equal(server.get().spec.maxReplicas, 10);
    assert.ok(opts.lines.some((l) => /409 Conflict/.test(l)));
  });

  it('with --yes proceeds after a 409 only when the re-planned change is identical', async () => {
    const server = await fakeServer();
    let first = true;
    const plan = async () => {
      const change = planHpa(structuredClone(server.get()), { max: 10 });
      if (first) {
        first = false;
        server.edit((hpa) => (hpa.metadata.labels = { team: 'web' }));
      }
      return change;
    };
    const result = await execute(server.client, plan, options());
    assert.equal(result.status, 'applied');
    assert.deepEqual(server.get().metadata.labels, { team: 'web' });
  });

  it('with --yes refuses when someone else changed the very field after approval, and writes nothing', async () => {
    const server = await fakeServer();
    let calls = 0;
    const plan = async () => {
      const change = planHpa(structuredClone(server.get()), { max: 10 });
      if (calls++ === 0) {
        // the dry-run passes, then another client edits maxReplicas before our write
        let patches = 0;
        server.onPatch = () => {
          if (patches++ === 1) server.edit((hpa) => (hpa.spec.maxReplicas = 6));
        };
      }
      return change;
    };
    await assert.rejects(
      execute(server.client, plan, options()),
      (e) => e instanceof UserError && e.exitCode === ExitCode.conflict && /changed by someone else/.test(e.message),
    );
    assert.equal(server.get().spec.maxReplicas, 6);
  });

  it('refuses to write without a terminal and without --yes', async () => {
    const server = await fakeServer();
    await assert.rejects(
      execute(server.client, planner(server, { max: 10 }), options({ yes: false })),
      (e) => e instanceof UserError && e.exitCode === ExitCode.usage,
    );
    assert.equal(server.calls.filter((c) => c.method === 'PATCH' && !c.dryRun).length, 0);
  });

  it('writes nothing when the user declines', async () => {
    const server = await fakeServer();
    const result = await execute(server.client, planner(server, { max: 10 }), options({ yes: false, confirm: async () => false }));
    assert.equal(result.status, 'declined');
    assert.equal(server.get().spec.maxReplicas, 8);
  });

  it('says so and writes nothing when the object already has the settings', async () => {
    const server = await fakeServer();
    const result = await execute(server.client, planner(server, { max: 8 }), options());
    assert.equal(result.status, 'unchanged');
    assert.equal(server.calls.filter((c) => c.method === 'PATCH').length, 0);
  });

  it('refuses before any write request when the journal directory cannot be written', async () => {
    const server = await fakeServer();
    const blocker = join(mkdtempSync(join(tmpdir(), 'scale-ha-journal-')), 'file');
    writeFileSync(blocker, '');
    const opts = options({ journal: { ...options().journal, dir: join(blocker, 'journal') } });
    await assert.rejects(
      execute(server.client, planner(server, { max: 10 }), opts),
      (e) => e instanceof UserError && e.exitCode === ExitCode.failure && /Cannot write the journal directory/.test(e.message),
    );
    assert.equal(server.calls.filter((c) => c.method === 'PATCH').length, 0);
    assert.equal(server.get().spec.maxReplicas, 8);
  });

  it('writes nothing when the journal entry cannot be recorded before the write', async () => {
    const server = await fakeServer();
    const opts = options({ yes: false });
    // the directory passes the pre-check, then turns into a file before the entry is written
    opts.confirm = async () => {
      rmSync(opts.journal.dir, { recursive: true, force: true });
      writeFileSync(opts.journal.dir, '');
      return true;
    };
    await assert.rejects(
      execute(server.client, planner(server, { max: 10 }), opts),
      (e) => e instanceof UserError && e.exitCode === ExitCode.failure && /nothing was written to the cluster/.test(e.message),
    );
    assert.equal(server.calls.filter((c) => c.method === 'PATCH' && !c.dryRun).length, 0);
    assert.equal(server.get().spec.maxReplicas, 8);
  });

  it('journals the write as pending before the request, and as applied after it', async () => {
    const server = await fakeServer();
    const opts = options();
    const seen: string[] = [];
    server.onWrite = () => seen.push(...readEntries(opts.journal.dir).map((e) => e.state));
    const result = await execute(server.client, planner(server, { max: 10 }), opts);
    assert.deepEqual(seen, ['pending']);
    assert.deepEqual(
      readEntries(opts.journal.dir).map((e) => [e.id, e.state, e.kind]),
      [[result.journalId, 'applied', 'patch']],
    );
  });

  it('reports a landed write as applied with the before-values when the journal entry cannot be completed', async () => {
    const server = await fakeServer();
    const opts = options();
    // the write lands, then the pending entry's path becomes a directory: completing it fails
    server.onWrite = () => {
      const [file] = readdirSync(opts.journal.dir);
      rmSync(join(opts.journal.dir, file!));
      mkdirSync(join(opts.journal.dir, file!));
    };
    const result = await execute(server.client, planner(server, { max: 10 }), opts);
    assert.equal(result.status, 'applied');
    assert.equal(result.journalId, undefined);
    assert.ok(result.journalError);
    assert.equal(server.get().spec.maxReplicas, 10);
    const warning = opts.lines.find((l) => l.startsWith('warning: Applied to HorizontalPodAutoscaler/web, but not journaled')) ?? '';
    assert.match(warning, /spec\.maxReplicas: 8/);
    assert.match(
      warning,
      /kubectl patch horizontalpodautoscalers\.autoscaling web -n shop --type strategic -p '\{"spec":\{"maxReplicas":8\}\}'/,
    );
  });

  it('holds SIGINT during the write, records the outcome, then reports the interruption with exit 130', async () => {
    const server = await fakeServer();
    const opts = options();
    server.onWrite = () => process.emit('SIGINT', 'SIGINT');
    await assert.rejects(
      execute(server.client, planner(server, { max: 10 }), opts),
      (e) => e instanceof UserError && e.exitCode === ExitCode.interrupted && /applied and journaled/.test(e.message),
    );
    assert.equal(server.get().spec.maxReplicas, 10);
    assert.deepEqual(
      readEntries(opts.journal.dir).map((e) => e.state),
      ['applied'],
    );
    assert.ok(opts.lines.some((l) => /Interrupted: finishing the write/.test(l)));
  });

  it('removes the pending entry when the server refuses the write: nothing changed', async () => {
    const server = await fakeServer();
    const opts = options();
    server.onWrite = () => statusReply(403, 'Forbidden', 'admission webhook "deny.example.com" denied the request: no');
    await assert.rejects(
      execute(server.client, planner(server, { max: 10 }), opts),
      /Refused by the admission webhook "deny\.example\.com"/,
    );
    assert.deepEqual(readEntries(opts.journal.dir), []);
    assert.equal(server.get().spec.maxReplicas, 8);
  });

  it('keeps the entry pending when the answer to the write was lost: it may have landed', async () => {
    const server = await fakeServer();
    const opts = options();
    server.onWrite = () => 'reset';
    const rejected = await execute(server.client, planner(server, { max: 10 }), opts).then(
      () => assert.fail('the write succeeded'),
      (error: unknown) => error as UserError,
    );
    const [entry] = readEntries(opts.journal.dir);
    assert.equal(entry?.state, 'pending');
    assert.match(rejected.message, new RegExp(`may have landed.*in the journal as ${entry.id}, outcome unknown`));
    assert.match(rejected.hint ?? '', new RegExp(`kubectl scale-ha undo ${entry.id}\` restores`));
    assert.equal(rejected.exitCode, ExitCode.unreachable);
  });
});
