// The CLI's spelling of doctor fixes: the exact command lines doctor printed when fixes were strings.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fixCommand, intentCommand, remedyCommand } from '../../../src/cli/render/commands.ts';
import { terminalWidth } from '../../../src/cli/output.ts';
import { doctorReportData, fixData, renderDoctorTable } from '../../../src/cli/render/doctor.ts';
import { plainPaint } from '../../../src/cli/render/paint.ts';
import type { Finding, Fix } from '../../../src/doctor/finding.ts';
import { checkNameExists } from '../../../src/doctor/run.ts';
import { findPreset } from '../../../src/hpa/presets.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { loadObjects } from './fixture.ts';

const kedaPatch: Extract<Fix, { type: 'kubectl-patch' }> = {
  type: 'kubectl-patch',
  resource: 'scaledobject',
  namespace: 'shop',
  name: 'orders',
  patchType: 'merge',
  patch: { spec: { minReplicaCount: 2 } },
  note: 'KEDA owns this HPA.',
};

describe('spelling an intent as a patch command', () => {
  it('names an Apigee environment by its plain name, and asks for --max N when no setting is given', () => {
    const settings = { max: 10 };
    assert.equal(
      intentCommand({ type: 'component', kind: 'ApigeeEnvironment', env: 'test', component: 'runtime', namespace: 'apigee', settings }),
      'kubectl scale-ha patch env test runtime --max 10 -n apigee',
    );
    assert.equal(
      intentCommand({ type: 'component', kind: 'ApigeeOrganization', component: 'watcher', namespace: 'apigee', settings: {} }),
      'kubectl scale-ha patch org watcher --max N -n apigee',
    );
  });

  it('spells an HPA change with min, max, CPU and a behavior preset by name', () => {
    const behavior = findPreset('apigee-default')!.behavior;
    assert.equal(
      intentCommand({ type: 'hpa', namespace: 'shop', name: 'web', settings: { min: 2, max: 8, cpu: 70, behavior } }),
      'kubectl scale-ha patch hpa web --min 2 --max 8 --cpu 70 --behavior apigee-default -n shop',
    );
    assert.equal(
      intentCommand({ type: 'hpa', namespace: 'shop', name: 'web', settings: { behavior: null } }),
      'kubectl scale-ha patch hpa web --behavior kubernetes-default -n shop',
    );
  });

  it('spells workload flags in the order patch workload lists them, a Wallarm container by its sidecar name', () => {
    assert.equal(
      intentCommand({
        type: 'workload',
        kind: 'Deployment',
        namespace: 'wallarm',
        name: 'shop-api',
        settings: {
          sidecars: [
            { sidecar: 'proxy', requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
            { sidecar: 'init-iptables', requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          ],
        },
      }),
      'kubectl scale-ha patch workload deployment/shop-api --sidecar proxy --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi --sidecar init-iptables --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi -n wallarm',
    );
    assert.equal(
      intentCommand({
        type: 'workload',
        kind: 'StatefulSet',
        namespace: 'db',
        name: 'store',
        settings: {
          replicas: 3,
          antiAffinity: 'preferred',
          topologyKey: 'topology.kubernetes.io/zone',
          container: 'app',
          requests: { cpu: '1' },
        },
      }),
      'kubectl scale-ha patch workload statefulset/store --replicas 3 --anti-affinity preferred --topology-key topology.kubernetes.io/zone -c app --requests cpu=1 -n db',
    );
  });

  it('spells kubectl fixes and owner remedies with the patch body as JSON', () => {
    assert.equal(fixCommand(kedaPatch), `kubectl patch scaledobject orders -n shop --type merge -p '{"spec":{"minReplicaCount":2}}'`);
    assert.equal(
      fixCommand({
        type: 'kubectl-create-pdb',
        namespace: 'shop',
        name: 'web',
        selector: { matchLabels: { app: 'web' } },
        maxUnavailable: 1,
      }),
      'kubectl create poddisruptionbudget web -n shop --selector app=web --max-unavailable 1',
    );
    assert.equal(
      remedyCommand({ type: 'intent', intent: { type: 'hpa', namespace: 'shop', name: 'web', settings: { max: 5 } } }),
      'kubectl scale-ha patch hpa web --max 5 -n shop',
    );
  });
});

describe('doctor output', () => {
  // The wrapper loads with a terminal's width (output.ts terminalWidth), as the commands do.
  before(() => terminalWidth({ write() {}, isTTY: true, columns: 80 }));

  const finding = (fix: Fix): Finding => ({
    id: 'HPA006',
    severity: 'warning',
    kind: 'HorizontalPodAutoscaler',
    namespace: 'shop',
    name: 'web',
    message: 'minReplicas is 1.',
    evidence: {},
    fix,
  });

  it('shows a structured fix in JSON as the documented command, with the intent beside it', () => {
    const intent = { type: 'hpa', namespace: 'shop', name: 'web', settings: { min: 2 } } as const;
    assert.deepEqual(fixData({ type: 'intent', intent, note: 'helm reverts it' }), {
      type: 'command',
      command: 'kubectl scale-ha patch hpa web --min 2 -n shop',
      note: 'helm reverts it',
      intent,
    });
    assert.deepEqual(fixData(kedaPatch), {
      type: 'command',
      command: `kubectl patch scaledobject orders -n shop --type merge -p '{"spec":{"minReplicaCount":2}}'`,
      note: 'KEDA owns this HPA.',
    });
    const manual: Fix = { type: 'manual', text: 'Edit it.' };
    assert.equal(fixData(manual), manual);
    const summary = { errors: 0, warnings: 1, info: 0, related: 0, checks: 1, hpas: 1, workloads: 1 };
    assert.deepEqual(Object.keys(doctorReportData({ findings: [finding(manual)], summary }).findings[0]!), Object.keys(finding(manual)));
  });

  it('prints each object once, its findings with the spelled fix and note, and the counts', () => {
    const summary = { errors: 0, warnings: 1, info: 0, related: 0, checks: 25, hpas: 1, workloads: 1 };
    const fix: Fix = { type: 'intent', intent: { type: 'hpa', namespace: 'shop', name: 'web', settings: { min: 2 } }, note: 'a note' };
    assert.equal(
      renderDoctorTable({ findings: [finding(fix)], summary }, plainPaint),
      [
        'shop/HorizontalPodAutoscaler/web',
        '  ▲ HPA006 minReplicas is 1.',
        '      fix: kubectl scale-ha patch hpa web --min 2 -n shop',
        '      note: a note',
        '',
        '0 errors, 1 warning, 0 info — 25 checks over 1 workloads and 1 HPAs. Explain a finding: kubectl scale-ha doctor --explain ID',
        '',
      ].join('\n'),
    );
  });

  it('wraps long messages and notes at the terminal width, and never a fix command', () => {
    const summary = { errors: 0, warnings: 1, info: 0, related: 0, checks: 25, hpas: 1, workloads: 1 };
    const fix: Fix = {
      type: 'intent',
      intent: { type: 'hpa', namespace: 'shop', name: 'web', settings: { min: 2, max: 10, cpu: 70 } },
      note: 'two replicas keep the service up while one node drains or restarts during an upgrade',
    };
    const long = { ...finding(fix), message: 'minReplicas is 1: a single pod means an outage whenever it is evicted or its node drains.' };
    const lines = renderDoctorTable({ findings: [long], summary }, plainPaint, 60).split('\n');
    const command = 'kubectl scale-ha patch hpa web --min 2 --max 10 --cpu 70 -n shop';
    assert.ok(lines.includes(`      fix: ${command}`), lines.join('\n'));
    for (const line of lines.filter((l) => !l.includes(command))) assert.ok(line.length <= 60, `"${line}" fits 60 columns`);
    assert.match(lines.join('\n'), /^ {2}▲ HPA006 minReplicas is 1: .*\n {11}\S/m);
    assert.match(lines.join('\n'), /^ {6}note: two replicas .*\n {12}\S/m);
  });

  it('names a file finding by file:line:column under it, and a values file without a namespace', () => {
    const summary = { errors: 1, warnings: 0, info: 0, related: 0, checks: 1, hpas: 0, workloads: 0 };
    const located: Finding = {
      id: 'VAL011',
      severity: 'error',
      kind: 'ValuesFile',
      namespace: '',
      name: 'overrides.yaml',
      message: 'serverMainTaskWaitTime is 400m (0.4).',
      evidence: {},
      fix: { type: 'manual', text: 'Write 400M.' },
      location: { file: 'overrides.yaml', line: 12, column: 7 },
    };
    assert.match(
      renderDoctorTable({ findings: [located], summary }, plainPaint),
      /^ValuesFile\/overrides\.yaml\n {2}✖ VAL011 serverMainTaskWaitTime is 400m \(0\.4\)\.\n {6}at: overrides\.yaml:12:7\n {6}fix: Write 400M\.\n/,
    );
  });

  it('prints what follows from a cause under it, naming another object, and counts it apart', () => {
    const summary = { errors: 1, warnings: 0, info: 0, related: 2, checks: 25, hpas: 1, workloads: 1 };
    const cause: Finding = {
      ...finding({ type: 'manual', text: 'Set the request.' }),
      id: 'HPA003',
      severity: 'error',
      message: 'missing request for cpu.',
      related: [
        {
          id: 'HPA002',
          severity: 'error',
          kind: 'HorizontalPodAutoscaler',
          namespace: 'shop',
          name: 'web',
          message: 'ScalingActive=False.',
          evidence: {},
        },
        { id: 'RES001', severity: 'warning', kind: 'Deployment', namespace: 'shop', name: 'web', message: 'no cpu request.', evidence: {} },
      ],
    };
    const text = renderDoctorTable({ findings: [cause], summary }, plainPaint);
    assert.match(
      text,
      / {2}✖ HPA003 missing request for cpu\.\n {6}also: ✖ HPA002 ScalingActive=False\.\n {6}also: ▲ RES001 Deployment\/web: no cpu request\.\n {6}fix: Set the request\./,
    );
    assert.match(text, /^1 error, 0 warnings, 0 info \(and 2 that follow from them, shown with their cause\)/m);
    assert.deepEqual(
      doctorReportData({ findings: [cause], summary }).findings[0]!.related?.map((r) => r.id),
      ['HPA002', 'RES001'],
    );
  });
});

describe('doctor NAME', () => {
  const snapshot = snapshotFromObjects(loadObjects('broken.yaml'));

  it('accepts an HPA or a workload name and refuses a name that matches neither, as not found', () => {
    const hpa = snapshot.hpas[0]!.metadata.name;
    assert.doesNotThrow(() => checkNameExists(snapshot, hpa, 'broken'));
    assert.doesNotThrow(() => checkNameExists(snapshot, undefined, null));
    assert.throws(
      () => checkNameExists(snapshot, 'nope', null),
      (error) => error instanceof UserError && error.exitCode === ExitCode.notFound && /"nope" in any namespace/.test(error.message),
    );
  });
});
