// src/helm/ against the real helm 4 (`helm`) and helm 3 (`helm3`) of the test bed: a tiny chart of ours
// in a namespace per major, read, upgraded with its own stored chart, dry-run, failed and rolled back.
import assert from 'node:assert/strict';
import { constants, accessSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { chartEntries } from '../../src/helm/chart.ts';
import { getHistory, getManifest, getRelease, getUserValues } from '../../src/helm/read.ts';
import { decodeRelease, type StoredRelease } from '../../src/helm/release.ts';
import type { HelmTarget } from '../../src/helm/target.ts';
import { findHelm, type HelmTool } from '../../src/helm/tool.ts';
import { rollback, upgrade } from '../../src/helm/upgrade.ts';
import { withHelmFiles } from '../../src/helm/workdir.ts';
import { ExitCode, UserError } from '../../src/k8s/errors.ts';
import { KubeClient } from '../../src/kube/client.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import { getHelmReleaseSecret } from '../../src/kube/resources.ts';
import { freshNamespace, getJson, kubectl, kubectlOk, requireTestbed } from './harness.ts';

const chartDir = new URL('../fixtures/helm/tiny', import.meta.url).pathname;
const password = 'e2e-hunter22';
const userValues = { replicaCount: 2, greeting: 'hi', password, resources: { requests: { cpu: null } } };

function onPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {}
  }
  throw new Error(`${name} is not on PATH: run with the test bed's environment (scripts/testbed env)`);
}

interface Deployment {
  spec: { replicas: number; template: { spec: { nodeSelector?: Record<string, string>; containers: { resources: unknown }[] } } };
}

describe('src/helm/ with the real helm 4 and helm 3', { concurrency: 2 }, () => {
  for (const { binary, major } of [
    { binary: 'helm', major: 4 },
    { binary: 'helm3', major: 3 },
  ] as const) {
    describe(`helm ${major} (${binary})`, { concurrency: 1 }, () => {
      const namespace = `helm-tool-${major}`;
      let tool: HelmTool;
      let target: HelmTarget;
      let api: KubeClient;
      const deployment = () => getJson<Deployment>(['get', 'deployment', 'tiny', '-n', namespace]);
      const storedRevision = async (revision: number): Promise<StoredRelease> => {
        const secret = await getHelmReleaseSecret(api, namespace, 'tiny', revision);
        return decodeRelease(secret.data!.release!);
      };

      before(async () => {
        requireTestbed();
        tool = await findHelm({ helmPath: onPath(binary), env: process.env });
        const loaded = loadKubeconfig({});
        api = new KubeClient(loaded);
        // helm 4 gets the kubeconfig named, helm 3 finds it in KUBECONFIG, as when the user names none.
        target = { context: loaded.contextName, namespace, ...(major === 4 ? { kubeconfig: process.env.KUBECONFIG } : {}) };
        await freshNamespace(namespace);
        await withHelmFiles(async (files) => {
          const values = await files.writeValues(userValues);
          await execa(tool.path, ['install', 'tiny', chartDir, '-n', namespace, '-f', values, '--wait', '--timeout', '60s']);
        });
      });
      after(async () => {
        await kubectl(['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']);
      });

      it(`detects helm ${major}`, () => {
        assert.equal(tool.major, major);
        assert.match(tool.version, new RegExp(`^v${major}\\.`));
      });

      it('reads the user values (nulls kept), the release and its history', async () => {
        assert.deepEqual(await getUserValues(tool, target, 'tiny'), userValues);
        const release = await getRelease(tool, target, 'tiny');
        assert.deepEqual(
          { ...release, updated: undefined },
          {
            name: 'tiny',
            namespace,
            revision: 1,
            status: 'deployed',
            chart: { name: 'tiny', version: '0.3.1' },
            appVersion: '1.2.0',
            updated: undefined,
          },
        );
        const history = await getHistory(tool, target, 'tiny');
        assert.deepEqual(
          history.map(({ revision, status, description }) => ({ revision, status, description })),
          [{ revision: 1, status: 'deployed', description: 'Install complete' }],
        );
      });

      it('says a missing release is not found', async () => {
        await assert.rejects(
          getRelease(tool, target, 'nope'),
          (error) => error instanceof UserError && error.exitCode === ExitCode.notFound,
        );
        await assert.rejects(
          getUserValues(tool, target, 'nope'),
          (error) => error instanceof UserError && error.exitCode === ExitCode.notFound,
        );
      });

      it('previews with a server dry run: the rendered change, no Secret, nothing written', async () => {
        const stored = await storedRevision(1);
        const lines: string[] = [];
        const result = await withHelmFiles(async (files) =>
          upgrade(tool, target, {
            release: 'tiny',
            chart: await files.writeChart(stored.chart),
            version: stored.chart.metadata.version,
            valuesFile: await files.writeValues({ ...userValues, replicaCount: 3 }),
            dryRun: 'server',
            wait: false,
            timeoutSeconds: 30,
            onOutput: (line) => lines.push(line),
          }),
        );
        assert.equal(result.revision, 2);
        const deployed = await getManifest(tool, target, 'tiny');
        assert.match(deployed, /replicas: 2/);
        assert.doesNotMatch(deployed, /kind: Secret/);
        assert.match(result.manifest, /replicas: 3/);
        assert.doesNotMatch(result.manifest, /kind: Secret/);
        assert.ok(!`${result.manifest}${lines.join('\n')}`.includes(Buffer.from(password).toString('base64')));
        assert.equal((await getHistory(tool, target, 'tiny')).length, 1);
        assert.equal((await deployment()).spec.replicas, 2);
      });

      it('upgrades with the chart stored in the release, changing one value and keeping the others', async () => {
        const stored = await storedRevision(1);
        const lines: string[] = [];
        const result = await withHelmFiles(async (files) =>
          upgrade(tool, target, {
            release: 'tiny',
            chart: await files.writeChart(stored.chart),
            valuesFile: await files.writeValues({ ...userValues, replicaCount: 3 }),
            wait: true,
            timeoutSeconds: 60,
            description: 'kubectl scale-ha: replicaCount 2 → 3',
            onOutput: (line) => lines.push(line),
          }),
        );
        assert.deepEqual([result.revision, result.status], [2, 'deployed']);
        assert.deepEqual(await getUserValues(tool, target, 'tiny'), { ...userValues, replicaCount: 3 });
        const live = await deployment();
        assert.equal(live.spec.replicas, 3);
        assert.deepEqual(live.spec.template.spec.containers[0]!.resources, { requests: { memory: '32Mi' } });
        assert.equal(
          (await getJson<{ data: Record<string, string> }>(['get', 'configmap', 'tiny-greeting', '-n', namespace])).data.greeting,
          'hi',
        );
        assert.equal((await getHistory(tool, target, 'tiny')).at(-1)!.description, 'kubectl scale-ha: replicaCount 2 → 3');
        // The chart written back from the record is the chart helm stored again: nothing lost on the way.
        assert.deepEqual(chartEntries((await storedRevision(2)).chart), chartEntries(stored.chart));
        assert.ok(!lines.join('\n').includes(password));
      });

      it('--reset-values -f keeps exactly the values file; --reset-then-reuse-values keeps a key the file dropped', async () => {
        const { greeting: _dropped, ...withoutGreeting } = { ...userValues, replicaCount: 3 };
        await withHelmFiles(async (files) => {
          const chart = await files.writeChart((await storedRevision(2)).chart);
          const valuesFile = await files.writeValues(withoutGreeting);
          await execa(tool.path, ['upgrade', 'tiny', chart, '--reset-then-reuse-values', '-f', valuesFile, '-n', namespace]);
          assert.deepEqual(await getUserValues(tool, target, 'tiny'), { ...withoutGreeting, greeting: 'hi' });
          await upgrade(tool, target, { release: 'tiny', chart, valuesFile, wait: false, timeoutSeconds: 30 });
          assert.deepEqual(await getUserValues(tool, target, 'tiny'), withoutGreeting);
        });
        const greeting = await getJson<{ data: Record<string, string> }>(['get', 'configmap', 'tiny-greeting', '-n', namespace]);
        assert.equal(greeting.data.greeting, 'hello', 'back to the chart default');
      });

      it('reports values the chart schema refuses as a failure that changed nothing, in a dry run and for real', async () => {
        const before = await getRelease(tool, target, 'tiny');
        for (const dryRun of ['server', undefined] as const) {
          const refused = withHelmFiles(async (files) =>
            upgrade(tool, target, {
              release: 'tiny',
              chart: chartDir,
              valuesFile: await files.writeValues({ ...userValues, replicaCount: -1 }),
              dryRun,
              wait: true,
              timeoutSeconds: 30,
            }),
          );
          await assert.rejects(refused, (error) => {
            assert.ok(error instanceof UserError);
            assert.equal(error.exitCode, ExitCode.failure);
            assert.equal(error.mayHaveLanded, false);
            assert.match(
              error.message,
              dryRun
                ? /^The server dry run of the helm upgrade .* failed: .*schema/
                : /failed before changing anything \(the release is still at revision \d+\); helm said: .*schema/,
            );
            assert.ok(!error.message.includes(password));
            return true;
          });
        }
        assert.equal((await getRelease(tool, target, 'tiny')).revision, before.revision);
      });

      it('reports an upgrade that cannot become ready as failed and rolled back by helm', async () => {
        const before = await getRelease(tool, target, 'tiny');
        const valuesBefore = await getUserValues(tool, target, 'tiny');
        const failed = withHelmFiles(async (files) =>
          upgrade(tool, target, {
            release: 'tiny',
            chart: await files.writeChart((await storedRevision(before.revision)).chart),
            valuesFile: await files.writeValues({ ...valuesBefore, nodeSelector: { 'scale-ha.test/nowhere': 'true' } }),
            wait: true,
            timeoutSeconds: 4,
          }),
        );
        await assert.rejects(failed, (error) => {
          assert.ok(error instanceof UserError);
          assert.equal(error.exitCode, ExitCode.failure);
          assert.equal(error.mayHaveLanded, false);
          assert.match(
            error.message,
            new RegExp(
              `^The helm upgrade of release ${namespace}/tiny failed and helm rolled it back: revision ${before.revision + 1} failed, revision ${before.revision + 2} restores revision ${before.revision}; helm said: UPGRADE FAILED`,
            ),
          );
          assert.ok(!error.message.includes(password));
          return true;
        });
        const latest = (await getHistory(tool, target, 'tiny')).at(-1)!;
        assert.deepEqual([latest.status, latest.description], ['deployed', `Rollback to ${before.revision}`]);
        assert.deepEqual(await getUserValues(tool, target, 'tiny'), valuesBefore);
        assert.equal((await deployment()).spec.template.spec.nodeSelector, undefined);
      });

      it('rolls back to the first revision', async () => {
        const { revision } = await rollback(tool, target, 'tiny', 1, { wait: true, timeoutSeconds: 60 });
        const release = await getRelease(tool, target, 'tiny');
        assert.deepEqual([release.revision, release.status], [revision, 'deployed']);
        assert.deepEqual(await getUserValues(tool, target, 'tiny'), userValues);
        assert.equal((await deployment()).spec.replicas, 2);
        await kubectlOk(['get', 'secret', 'tiny-password', '-n', namespace]);
      });
    });
  }
});
