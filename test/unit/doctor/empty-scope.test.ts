import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDoctorCommand, type DoctorRequest } from '../../../src/cli/commands/doctor.ts';
import type { CommandContext } from '../../../src/cli/context.ts';
import type { Io } from '../../../src/cli/program.ts';
import { emptyScopeText } from '../../../src/cli/render/doctor.ts';
import { hpasByNamespace } from '../../../src/snapshot/hpa-namespaces.ts';
import { statusReply, useFakeApiServer, type Routes } from '../../support/fake-api-server.ts';

const emptyList = { metadata: { resourceVersion: '1' }, items: [] };
const hpaMeta = (namespace: string, name: string) => ({ metadata: { name, namespace } });

/** Every list doctor -n quiet takes, empty. */
const quietNamespace: Routes = Object.fromEntries(
  [
    '/apis/apps/v1/namespaces/quiet/deployments',
    '/apis/apps/v1/namespaces/quiet/statefulsets',
    '/apis/apps/v1/namespaces/quiet/replicasets',
    '/apis/autoscaling/v2/namespaces/quiet/horizontalpodautoscalers',
    '/apis/policy/v1/namespaces/quiet/poddisruptionbudgets',
    '/api/v1/namespaces/quiet/pods',
    '/api/v1/nodes',
    '/apis/apiregistration.k8s.io/v1/apiservices',
  ].map((path) => [`GET ${path}`, emptyList]),
);

function capture(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    env: { NO_COLOR: '1' },
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
  } as never;
}

const diagnose = (output: 'table' | 'json'): DoctorRequest => ({
  action: 'diagnose',
  category: undefined,
  name: undefined,
  selector: undefined,
  failOn: 'error',
  output,
  watch: false,
});

describe('doctor in a scope with nothing to check', () => {
  const fake = useFakeApiServer();
  const session = () => ({ client: fake.client(), namespace: 'quiet' }) as CommandContext;

  it('says the namespace is empty and names the namespaces that have HPAs, most first', async () => {
    Object.assign(fake.server().routes, quietNamespace, {
      'GET /apis/autoscaling/v2/horizontalpodautoscalers': {
        ...emptyList,
        items: [hpaMeta('shop', 'web'), hpaMeta('apigee', 'a'), hpaMeta('apigee', 'b')],
      },
    });
    const io = capture();
    await runDoctorCommand(diagnose('table'), io, session);
    assert.match(
      io.out.join(''),
      /^No workloads or HPAs in namespace quiet\. HPAs exist in apigee \(2\), shop \(1\): kubectl scale-ha doctor -n apigee\n/,
    );
    const list = fake.server().requests.find((r) => r.path === '/apis/autoscaling/v2/horizontalpodautoscalers');
    assert.match(String(list?.headers.accept), /PartialObjectMetadataList/, 'metadata only');
  });

  it('keeps stdout parseable with -o json and says it on stderr', async () => {
    Object.assign(fake.server().routes, quietNamespace, { 'GET /apis/autoscaling/v2/horizontalpodautoscalers': emptyList });
    const io = capture();
    await runDoctorCommand(diagnose('json'), io, session);
    assert.equal(JSON.parse(io.out.join('')).summary.workloads, 0);
    assert.deepEqual(io.err, ['note: No workloads or HPAs in namespace quiet. No namespace has HPAs.\n']);
  });

  it('still says the namespace is empty when the user may not list HPAs elsewhere', async () => {
    Object.assign(fake.server().routes, quietNamespace, {
      'GET /apis/autoscaling/v2/horizontalpodautoscalers': () => statusReply(403, 'Forbidden', 'namespaced user'),
    });
    assert.equal(await hpasByNamespace(fake.client()), undefined);
    const io = capture();
    await runDoctorCommand(diagnose('table'), io, session);
    assert.match(io.out.join(''), /^No workloads or HPAs in namespace quiet\.\n/);
  });
});

describe('the empty-scope sentence', () => {
  it('names the selector instead of other namespaces when -l selected nothing', () => {
    assert.equal(
      emptyScopeText({ namespace: 'shop', selector: 'app=nope' }, undefined),
      'No workloads match -l app=nope in namespace shop.',
    );
  });

  it('says "any namespace" with -A, and lists at most five namespaces', () => {
    assert.equal(emptyScopeText({ namespace: null, selector: undefined }, undefined), 'No workloads or HPAs in any namespace.');
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((namespace) => ({ namespace, hpas: 1 }));
    assert.match(
      emptyScopeText({ namespace: 'x', selector: undefined }, many),
      /HPAs exist in a \(1\), b \(1\), c \(1\), d \(1\), e \(1\) and 2 more:/,
    );
  });
});
