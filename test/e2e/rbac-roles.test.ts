// The example Roles in docs/rbac/ on the test bed: a reader lists and diagnoses everything and is refused
// writes before any write request; a writer patches in its namespace; a namespace-only reader gets a
// doctor report that says which checks it skipped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { apply, cpuHpa, fakeDeployment, freshNamespace, kubeconfigFor, kubectl, kubectlOk, requireTestbed } from './harness.ts';

const ns = `e2e-rbac-${Date.now().toString(36)}`;
const role = (name: string) =>
  parseAllDocuments(readFileSync(new URL(`../../docs/rbac/${name}.yaml`, import.meta.url), 'utf8')).map((d) => d.toJS() as object);
const scaleHa = (kubeconfig: string, args: string[]) => kubectl(['scale-ha', '--kubeconfig', kubeconfig, ...args]);
const binding = (
  kind: 'ClusterRoleBinding' | 'RoleBinding',
  name: string,
  roleKind: 'ClusterRole' | 'Role',
  roleName: string,
  account: string,
) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, ...(kind === 'RoleBinding' ? { namespace: ns } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
  subjects: [{ kind: 'ServiceAccount', name: account, namespace: ns }],
});

describe('the example Roles (docs/rbac)', () => {
  after(async () => {
    await kubectl(['delete', 'clusterrolebinding', `${ns}-reader`, '--ignore-not-found']);
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
  });

  it('set up: the roles, three service accounts, a workload with an HPA', async () => {
    requireTestbed();
    await freshNamespace(ns);
    await apply([
      ...role('reader'),
      { ...role('writer')[0], metadata: { name: 'scale-ha-writer', namespace: ns } },
      ...['reader', 'writer', 'local'].map((name) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } })),
      binding('ClusterRoleBinding', `${ns}-reader`, 'ClusterRole', 'scale-ha-reader', 'reader'),
      binding('RoleBinding', 'writer-reads', 'ClusterRole', 'scale-ha-reader', 'writer'),
      binding('RoleBinding', 'writer-writes', 'Role', 'scale-ha-writer', 'writer'),
      binding('RoleBinding', 'local-reads', 'ClusterRole', 'scale-ha-reader', 'local'),
      fakeDeployment(ns, 'web'),
      cpuHpa(ns, 'web', { min: 2, max: 4 }),
    ]);
  });

  it('the reader lists and diagnoses every namespace, and is refused a patch before any write', async () => {
    const file = await kubeconfigFor('reader', ns);
    const list = await scaleHa(file, ['list', '-A']);
    assert.equal(list.exitCode, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${ns}\\s+deployment/web`));
    const doctor = await scaleHa(file, ['doctor', '-A', '-o', 'json']);
    assert.ok(doctor.exitCode === 0 || doctor.exitCode === 3, doctor.stderr);
    assert.doesNotMatch(doctor.stderr, /could not list/);
    const before = await kubectlOk(['get', 'hpa', 'web', '-n', ns, '-o', 'jsonpath={.metadata.resourceVersion}']);
    const patch = await scaleHa(file, ['patch', 'hpa', 'web', '-n', ns, '--max', '6', '--yes']);
    assert.equal(patch.exitCode, 6, patch.stderr);
    assert.match(patch.stderr, /may not patch horizontalpodautoscalers\.autoscaling/);
    assert.equal(await kubectlOk(['get', 'hpa', 'web', '-n', ns, '-o', 'jsonpath={.metadata.resourceVersion}']), before);
  });

  it('the writer patches an HPA in its namespace', async () => {
    const file = await kubeconfigFor('writer', ns);
    const patch = await kubectl([
      'scale-ha',
      '--kubeconfig',
      file,
      'patch',
      'hpa',
      'web',
      '-n',
      ns,
      '--max',
      '6',
      '--yes',
      '--wait-timeout',
      '0',
    ]);
    assert.equal(patch.exitCode, 0, patch.stderr);
    assert.equal(await kubectlOk(['get', 'hpa', 'web', '-n', ns, '-o', 'jsonpath={.spec.maxReplicas}']), '6');
  });

  it('a namespace-only reader gets the doctor report and is told which checks were skipped', async () => {
    const file = await kubeconfigFor('local', ns);
    const doctor = await scaleHa(file, ['doctor', '-n', ns, '-o', 'json']);
    assert.ok(doctor.exitCode === 0 || doctor.exitCode === 3, doctor.stderr);
    assert.match(doctor.stderr, /could not list nodes \(checks that need it were skipped\)/);
    assert.ok((JSON.parse(doctor.stdout) as { findings: unknown[] }).findings.length > 0);
  });
});
