// Issue 14: every fix the doctor prints passes the tool's own validation and a server dry-run. The unit fixtures
// (test/fixtures/doctor) go to the real API server, one namespace each, and every printed command runs as a user
// would paste it, with --dry-run=server.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import type { DoctorReportData } from '../../src/cli/render/doctor.ts';
import { apply, freshNamespace, kubectl, kubectlOk, waitFor } from './harness.ts';

interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
}

interface KubeDoc {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    ownerReferences?: OwnerRef[];
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: { template?: { spec?: { containers?: { image?: string }[]; initContainers?: { image?: string }[] } }; [key: string]: unknown };
  [key: string]: unknown;
}

// The kinds the API server takes as written. Pods and Deployments' ReplicaSets are skipped: their controllers make
// the real ones. What an Apigee CR owns (as its operator runs them) is kept, linked to the live CR's uid.
const kinds = new Set([
  'Deployment',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'ApigeeEnvironment',
  'ApigeeOrganization',
]);
const apigeeOwners = new Set(['ApigeeEnvironment', 'ApigeeOrganization']);
const ownedByApigee = (o: KubeDoc) => !!o.metadata.ownerReferences?.every((r) => apigeeOwners.has(r.kind));

/**
 * Each fixture with the check ids it must still produce on a live cluster: those its specs alone cause. What rests
 * on status, fake nodes or fake pods (HA006, HA011, HPA009, …) cannot arise here, nor can scheduling-dependent ones
 * be counted on (HA002, HA003, HA009); ha-rollout.yaml and healthy.yaml are left out for that reason.
 */
const fixtures: { file: string; expected: string[] }[] = [
  { file: 'broken.yaml', expected: ['HA001', 'HA004', 'HA005', 'HPA003', 'HPA004', 'HPA007', 'HPA011', 'RES001', 'RES003'] },
  { file: 'ha-counted.yaml', expected: ['HA001', 'HA004', 'HPA008'] },
  { file: 'ha-keys.yaml', expected: ['HA004', 'RES001'] },
  { file: 'ha-live.yaml', expected: ['HA004', 'HA008', 'RES001'] },
  { file: 'ha-pdb-shared.yaml', expected: ['HA001', 'HA005', 'RES001'] },
  { file: 'ha-pinned.yaml', expected: ['HA001', 'HA004', 'HPA003', 'RES001'] },
  { file: 'ha-spread.yaml', expected: ['HA004', 'HPA003', 'RES001'] },
  { file: 'hpa-traps.yaml', expected: ['HA001', 'HA004', 'HA005', 'HPA017', 'HPA018', 'HPA019'] },
  { file: 'single-replica.yaml', expected: ['HA008', 'HPA008'] },
  { file: 'wallarm-demo.yaml', expected: ['HA004', 'HA008', 'RES001', 'RES002'] },
  { file: 'wallarm-sidecar.yaml', expected: ['HA008', 'HPA003', 'RES001'] },
  { file: 'wallarm-split.yaml', expected: ['HPA003', 'RES001'] },
  { file: 'zero-requests.yaml', expected: ['RES001'] },
  { file: 'apigee-bad-scaling.yaml', expected: ['HPA014', 'HPA015'] },
  { file: 'apigee.yaml', expected: ['HPA008', 'HPA013'] },
];

const namespaceOf = (file: string) => `e2e-dfix-${file.replace(/\.yaml$/, '')}`;

/** The fixture's objects the server accepts, moved into one namespace; status and fixed uids dropped. */
function objectsOf(file: string, namespace: string): KubeDoc[] {
  const text = readFileSync(join(import.meta.dirname, '../fixtures/doctor', file), 'utf8');
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeDoc | null)
    .filter(
      (o): o is KubeDoc =>
        !!o && (kinds.has(o.kind) || o.kind === 'ReplicaSet') && (o.metadata.ownerReferences ? ownedByApigee(o) : o.kind !== 'ReplicaSet'),
    )
    .map((o) => {
      const { status: _status, ...object } = o;
      const { uid: _uid, generation: _generation, ...metadata } = o.metadata;
      // No helm release exists here, and the helm route refuses a missing one: these fixes take the direct patch.
      // The values fixes' helm route is dry-run against the demo's real releases in doctor.test.ts.
      const annotations = Object.entries(metadata.annotations ?? {}).filter(([key]) => !key.startsWith('meta.helm.sh/'));
      metadata.annotations = Object.fromEntries(annotations);
      const pod = object.spec?.template?.spec;
      // The unit fixtures leave images out; the API server requires one.
      for (const c of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) c.image ??= 'registry.example/app:1';
      // The CRD requires the secret refs the unit fixtures leave out; no check reads them.
      if (object.kind === 'ApigeeOrganization')
        object.spec = { axHashingSaltRef: 'salt', dataEncryptionRef: 'enc', datastoreCredentialRef: 'ds', ...object.spec };
      return { ...object, metadata: { ...metadata, namespace } } as KubeDoc;
    });
}

async function doctor(namespace: string): Promise<DoctorReportData> {
  const result = await kubectl(['scale-ha', 'doctor', '-n', namespace, '-o', 'json']);
  assert.ok(result.exitCode === 0 || result.exitCode === 3, `doctor exited ${result.exitCode}: ${result.stderr}`);
  return JSON.parse(result.stdout) as DoctorReportData;
}

const idsOf = (report: DoctorReportData) =>
  [...new Set(report.findings.flatMap((f) => [f.id, ...(f.related ?? []).map((r) => r.id)]))].sort();

/** Every printed command line: plugin patches (intent and values fixes) and kubectl patch / create pdb. */
const commandsOf = (report: DoctorReportData) =>
  report.findings.flatMap((f) =>
    (f.fix.type === 'command' || f.fix.type === 'values') && f.fix.command ? [{ id: f.id, name: f.name, command: f.fix.command }] : [],
  );

/** The printed line through a shell, as pasted: its quoting (kubectl patch -p '…') is part of what is tested. */
async function dryRun(command: string) {
  const result = await execa('bash', ['-c', `${command} --dry-run=server`], { reject: false, env: { NO_COLOR: '1' }, timeout: 60_000 });
  return { exitCode: result.exitCode ?? -1, output: `${String(result.stdout)}\n${String(result.stderr)}` };
}

describe('every fix the doctor prints for the unit fixtures passes a server dry-run', () => {
  const reports = new Map<string, DoctorReportData>();
  let dryRuns = 0;

  before(async () => {
    await Promise.all(
      fixtures.map(async ({ file }) => {
        const ns = await freshNamespace(namespaceOf(file));
        const objects = objectsOf(file, ns);
        await apply(objects.filter((o) => !o.metadata.ownerReferences));
        const owned = objects.filter((o) => o.metadata.ownerReferences);
        for (const o of owned)
          for (const ref of o.metadata.ownerReferences!)
            ref.uid = (await kubectlOk(['get', ref.kind, ref.name, '-n', ns, '-o', 'jsonpath={.metadata.uid}'])).trim();
        if (owned.length) await apply(owned);
        // ReplicaSets count as workloads only as Apigee runs them (owned by a CR), as all kept here are.
        const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind)).length;
        // Pods come and get scheduled over a few seconds: the same findings twice in a row is settled.
        let previous = '';
        const report = await waitFor(
          `doctor to see ${ns} settled`,
          async () => {
            const r = await doctor(ns);
            const seen = JSON.stringify(r.findings.map((f) => [idsOf({ ...r, findings: [f] }), f.fix]));
            const settled = r.summary.workloads === workloads && seen === previous;
            previous = seen;
            return settled ? r : undefined;
          },
          60_000,
          1_500,
        );
        reports.set(file, report);
      }),
    );
  });

  after(async () => {
    await Promise.all(fixtures.map(({ file }) => kubectl(['delete', 'namespace', namespaceOf(file), '--wait=false'])));
  });

  for (const { file, expected } of fixtures) {
    it(`${file}: its findings, and every printed command dry-run`, async () => {
      const report = reports.get(file)!;
      const ids = idsOf(report);
      for (const id of expected) assert.ok(ids.includes(id), `${file}: ${id} found (got ${ids.join(', ')})`);
      const commands = commandsOf(report);
      const results = await Promise.all(commands.map(({ command }) => dryRun(command)));
      commands.forEach(({ id, name, command }, i) => {
        const { exitCode, output } = results[i]!;
        // A command aimed elsewhere (another namespace, a release's) would dry-run the wrong object.
        assert.ok(command.includes(` -n ${namespaceOf(file)}`), `${id} ${name}: ${command} names ${namespaceOf(file)}`);
        assert.equal(exitCode, 0, `${id} ${name}: ${command}\n${output}`);
        assert.doesNotMatch(output, /error/i, `${id} ${name}: ${command}\n${output}`);
      });
      dryRuns += commands.length;
    });
  }

  it('dry-ran fixes of every kind: plugin patches of each target, kubectl patch and kubectl create pdb', () => {
    const commands = [...reports.values()].flatMap(commandsOf).map((c) => c.command);
    for (const prefix of [
      'kubectl scale-ha patch workload ',
      'kubectl scale-ha patch hpa ',
      'kubectl scale-ha patch env ',
      'kubectl scale-ha patch org ',
      'kubectl patch ',
      'kubectl create poddisruptionbudget ',
    ])
      assert.ok(
        commands.some((c) => c.startsWith(prefix)),
        `a "${prefix}…" fix among ${commands.length}`,
      );
    const tally = new Map<string, number>();
    for (const c of commands) {
      const key = c.split(' ', c.startsWith('kubectl scale-ha ') ? 4 : 2).join(' ');
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    console.log(`# dry-ran ${dryRuns} fixes from ${fixtures.length} fixtures (${[...tally].map(([k, n]) => `${k}: ${n}`).join(', ')})`);
  });
});
