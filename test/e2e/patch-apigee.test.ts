// patch env / patch org against the real Apigee CRD schemas; no operator runs in the test bed.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ApigeeResource, HorizontalPodAutoscaler } from '../../src/k8s/types.ts';
import { apply, getJson, kubectl, kubectlOk } from './harness.ts';

// A fresh name per run: deleting a namespace full of pods can take minutes.
const ns = `e2e-patch-apigee-${Date.now().toString(36)}`;
const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'scale-ha-e2e-state-')) };
const scaleHa = (args: string[]) => kubectl(['scale-ha', ...args], { env });
const group = 'apigee.cloud.google.com/v1alpha2';
const hpaName = 'apigee-runtime-acme-e2e-test-1150-abcde';
const runtimeAutoScaler = () =>
  getJson<ApigeeResource>(['get', 'apigeeenvironments.apigee.cloud.google.com', 'acme-e2e-test', '-n', ns]).then(
    (e) => e.spec?.components?.runtime?.autoScaler,
  );
const cpuMetric = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } };

function environment(name: string, envName: string) {
  return {
    apiVersion: group,
    kind: 'ApigeeEnvironment',
    metadata: { name, namespace: ns },
    spec: {
      name: envName,
      organizationRef: 'acme-e2e-org',
      components: { runtime: { autoScaler: { minReplicas: 1, maxReplicas: 4, metrics: [cpuMetric] } } },
    },
  };
}

describe('kubectl scale-ha patch env / org', () => {
  after(() => kubectl(['delete', 'namespace', ns, '--wait=false']));

  before(async () => {
    await kubectlOk(['create', 'namespace', ns]);
    await apply([
      {
        apiVersion: group,
        kind: 'ApigeeOrganization',
        metadata: { name: 'acme-e2e-org', namespace: ns },
        spec: {
          name: 'acme-e2e',
          axHashingSaltRef: 's',
          dataEncryptionRef: 'd',
          datastoreCredentialRef: 'c',
          components: {
            mart: { autoScaler: { minReplicas: 1, maxReplicas: 5 } },
            watcher: { autoScaler: { minReplicas: 1, maxReplicas: 1 } },
          },
        },
      },
      environment('acme-e2e-test', 'test'),
    ]);
    const uid = (await getJson<ApigeeResource>(['get', 'apigeeenvironments.apigee.cloud.google.com', 'acme-e2e-test', '-n', ns])).metadata
      .uid;
    await apply([
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: {
          name: hpaName,
          namespace: ns,
          labels: { app: 'apigee-runtime' },
          ownerReferences: [{ apiVersion: group, kind: 'ApigeeEnvironment', name: 'acme-e2e-test', uid, controller: true }],
        },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: hpaName },
          minReplicas: 1,
          maxReplicas: 4,
          metrics: [cpuMetric],
        },
      },
    ]);
  });

  it('runs the guide recipe as written on the demo environment (server dry-run, nothing written)', async () => {
    const result = await scaleHa(['patch', 'env', 'runtime', '-n', 'apigee', '--max', '10', '--dry-run=server']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /spec\.components\.runtime\.autoScaler\.maxReplicas: 4 → 10/);
    assert.match(result.stderr, /next helm upgrade of the apigee-env chart overwrites it/);
  });

  it('runs `patch env runtime --max 10` as written when the context namespace is the Apigee one', async () => {
    const config = JSON.parse(await kubectlOk(['config', 'view', '--raw', '--minify', '-o', 'json'])) as {
      contexts: { context: { namespace?: string } }[];
    };
    config.contexts[0]!.context.namespace = 'apigee';
    const file = join(mkdtempSync(join(tmpdir(), 'scale-ha-kubeconfig-')), 'config');
    writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
    const result = await kubectl(['scale-ha', '--kubeconfig', file, 'patch', 'env', 'runtime', '--max', '10', '--dry-run=server'], { env });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /Server dry-run accepted the change to ApigeeEnvironment\/acme-hybrid-pro-test-49fa3f5/);
  });

  it('without -n, looks across namespaces and stops when several hold environments', async () => {
    const result = await scaleHa(['patch', 'env', 'runtime', '-n', 'default', '--max', '10', '--dry-run=server']);
    assert.equal(result.exitCode, 2, 'an explicit -n is not second-guessed');
    const searched = await kubectl(['scale-ha', 'patch', 'env', 'runtime', '--max', '10', '--dry-run=server'], { env });
    assert.equal(searched.exitCode, 2, searched.stderr);
    assert.match(searched.stderr, /several namespaces have them: .*apigee/);
    assert.match(searched.stderr, new RegExp(ns));
  });

  it('writes min, max and CPU through the real CRD schema, says the operator has not reconciled, and undo restores the CR', async () => {
    const original = await runtimeAutoScaler();
    const result = await scaleHa([
      'patch',
      'env',
      'test',
      'runtime',
      '-n',
      ns,
      '--min',
      '2',
      '--max',
      '10',
      '--cpu',
      '65',
      '--yes',
      '--wait-timeout',
      '3s',
      '-o',
      'json',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stderr, /The Apigee operator has not reconciled yet/);
    const data = JSON.parse(result.stdout) as {
      journalId: string;
      hpa: { reconciled: boolean; hpas: { name: string; maxReplicas: number }[] };
    };
    assert.equal(data.hpa.reconciled, false);
    assert.deepEqual(
      data.hpa.hpas.map((h) => [h.name, h.maxReplicas]),
      [[hpaName, 4]],
    );
    const written = await runtimeAutoScaler();
    assert.equal(written?.minReplicas, 2);
    assert.equal(written?.maxReplicas, 10);
    assert.equal(written?.metrics?.[0]?.resource?.target.averageUtilization, 65);

    const undo = await scaleHa(['undo', data.journalId, '--yes']);
    assert.equal(undo.exitCode, 0, undo.stderr);
    assert.deepEqual(await runtimeAutoScaler(), original);
  });

  it('prints the HPA once the operator (simulated here) reconciles it', async () => {
    const command = scaleHa(['patch', 'env', 'test', 'runtime', '-n', ns, '--max', '7', '--yes', '--wait-timeout', '30s']);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await kubectlOk(['patch', 'hpa', hpaName, '-n', ns, '--type', 'merge', '-p', '{"spec":{"maxReplicas":7}}']);
    const result = await command;
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`hpa/${hpaName}: min 1, max 7`));
    assert.match(result.stdout, /The operator reconciled/);
  });

  it('lists the environments and stops when ENV is omitted and there are several', async () => {
    await apply([environment('acme-e2e-prod', 'prod')]);
    const result = await scaleHa(['patch', 'env', 'runtime', '-n', ns, '--max', '5', '--yes']);
    assert.equal(result.exitCode, 2, result.stderr);
    assert.match(result.stderr, /2 Apigee environments: (test, prod|prod, test)/);
    const unknown = await scaleHa(['patch', 'env', 'staging', 'runtime', '-n', ns, '--max', '5', '--yes']);
    assert.equal(unknown.exitCode, 2);
    assert.match(unknown.stderr, /No ApigeeEnvironment with spec.name "staging"/);
  });

  it('patches organization components, enforces the watcher max of 1, and the CRD accepts a new component', async () => {
    const watcher = await scaleHa(['patch', 'org', 'watcher', '-n', ns, '--max', '2', '--yes']);
    assert.equal(watcher.exitCode, 2);
    assert.match(watcher.stderr, /watcher max replicas must stay 1/);
    const mart = await scaleHa(['patch', 'org', 'mart', '-n', ns, '--max', '6', '--cpu', '70', '--dry-run=server']);
    assert.equal(mart.exitCode, 0, mart.stderr);
    const connect = await scaleHa(['patch', 'org', 'connect-agent', '-n', ns, '--min', '2', '--max', '3', '--yes', '--wait-timeout', '1s']);
    assert.equal(connect.exitCode, 0, connect.stderr);
    const org = await getJson<ApigeeResource>(['get', 'apigeeorganizations.apigee.cloud.google.com', 'acme-e2e-org', '-n', ns]);
    assert.deepEqual(org.spec?.components?.connectAgent?.autoScaler, { minReplicas: 2, maxReplicas: 3 });
    assert.match(connect.stderr, /no HPA owned by ApigeeOrganization acme-e2e-org for connectAgent was found/);
  });

  it('refuses an HPA owned by the environment with the environment command', async () => {
    const result = await scaleHa(['patch', 'hpa', hpaName, '-n', ns, '--min', '2', '--yes']);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, new RegExp(`kubectl scale-ha patch env test runtime --min 2 -n ${ns}`));
    assert.equal((await getJson<HorizontalPodAutoscaler>(['get', 'hpa', hpaName, '-n', ns])).spec.minReplicas, 1);
  });
});
