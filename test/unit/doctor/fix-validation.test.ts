// Every fix the doctor prints works as printed: its Intent passes the validation the patch command runs, plans
// against the fixture's object with the same planners, and its command line gets through the patch command's flags.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Writer } from '../../../src/cli/terminal.ts';
import { run } from '../../../src/cli/program.ts';
import { intentCommand } from '../../../src/cli/render/commands.ts';
import type { Finding } from '../../../src/doctor/finding.ts';
import { runDoctor } from '../../../src/doctor/run.ts';
import { validateBehavior } from '../../../src/hpa/validate.ts';
import { ExitCode } from '../../../src/k8s/errors.ts';
import { checkObjectName } from '../../../src/k8s/limits.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { planComponent, resolveComponent, selectEnvironment, validateComponentSettings } from '../../../src/plan/apigee.ts';
import { planHpa } from '../../../src/plan/hpa.ts';
import type { Intent } from '../../../src/plan/intent.ts';
import { validateWorkloadSettings } from '../../../src/plan/settings.ts';
import { planWorkload } from '../../../src/plan/workload.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import type { Snapshot } from '../../../src/snapshot/types.ts';
import { workloadsOf } from '../../../src/snapshot/workloads.ts';
import { loadObjects } from './fixture.ts';

const fixtures = readdirSync(join(import.meta.dirname, '../../fixtures/doctor')).filter(
  (name) => name.endsWith('.yaml') && name !== 'cluster.yaml',
);

function fixtureRun(file: string): { snapshot: Snapshot; findings: Finding[] } {
  const snapshot = snapshotFromObjects([...loadObjects('cluster.yaml'), ...loadObjects(file)] as KubeObject[]);
  return { snapshot, findings: runDoctor(snapshot).findings };
}

const intentOf = (finding: Finding): Intent | undefined =>
  finding.fix.type === 'intent' || finding.fix.type === 'values' ? finding.fix.intent : undefined;

/** The patch command's validate step, then its planner against the object as the fixture has it (never a request). */
function validateAndPlan(intent: Intent, snapshot: Snapshot): void {
  const inNamespace = <T extends KubeObject>(objects: readonly T[]) => objects.filter((o) => o.metadata.namespace === intent.namespace);
  switch (intent.type) {
    case 'component': {
      assert.equal(resolveComponent(intent.kind, intent.component), intent.component);
      validateComponentSettings(intent.kind, intent.component, intent.settings);
      const cr =
        intent.kind === 'ApigeeEnvironment'
          ? selectEnvironment(inNamespace(snapshot.apigeeEnvironments), intent.env, intent.namespace)
          : inNamespace(snapshot.apigeeOrganizations)[0];
      assert.ok(cr, `no ${intent.kind} in ${intent.namespace}`);
      planComponent(cr, intent.kind, intent.component, intent.settings);
      return;
    }
    case 'hpa': {
      checkObjectName(intent.name, 'HPA name');
      if (intent.settings.behavior) assert.deepEqual(validateBehavior(intent.settings.behavior), []);
      const hpa = inNamespace(snapshot.hpas).find((h) => h.metadata.name === intent.name);
      assert.ok(hpa, `no HPA ${intent.name}`);
      planHpa(hpa, intent.settings);
      return;
    }
    case 'workload': {
      validateWorkloadSettings(intent.settings);
      const workload = workloadsOf(snapshot).find(
        (w) => w.kind === intent.kind && w.namespace === intent.namespace && w.name === intent.name,
      );
      assert.ok(workload, `no ${intent.kind} ${intent.name}`);
      const hpas = inNamespace(snapshot.hpas).filter(
        (h) => h.spec.scaleTargetRef.kind === intent.kind && h.spec.scaleTargetRef.name === intent.name,
      );
      // As the patch command: live pods are read for sidecars only.
      planWorkload(workload.object, intent.settings, { hpas, pods: intent.settings.sidecars?.length ? workload.pods : [] });
    }
  }
}

/** The exit code of the printed command, stopped before any request: a usage error is 2, a missing kubeconfig 4. */
async function exitCodeOf(command: string): Promise<{ code: number; output: string }> {
  const [kubectl, plugin, ...args] = command.split(' ');
  assert.equal(`${kubectl} ${plugin}`, 'kubectl scale-ha');
  let output = '';
  const writer: Writer = { write: (text: string) => void (output += text) };
  const kubeconfig = join(import.meta.dirname, 'no-such-kubeconfig');
  const code = await run([...args, '--dry-run=server', '--kubeconfig', kubeconfig], { stdout: writer, stderr: writer, env: {} });
  return { code, output };
}

describe('doctor: every fix works as printed, on every doctor fixture', () => {
  it('passes the patch command validation and plans against the fixture object', () => {
    let checked = 0;
    for (const file of fixtures) {
      const { snapshot, findings } = fixtureRun(file);
      for (const finding of findings) {
        const intent = intentOf(finding);
        if (!intent) continue;
        assert.doesNotThrow(() => validateAndPlan(intent, snapshot), `${file} ${finding.id} ${finding.name}: ${intentCommand(intent)}`);
        checked++;
      }
    }
    assert.ok(checked >= 40, `checked ${checked} fixes`);
  });

  it('gets through the patch command flags as printed (stopped at the kubeconfig, never a usage error)', async () => {
    const commands = new Set<string>();
    for (const file of fixtures)
      for (const finding of fixtureRun(file).findings) {
        const intent = intentOf(finding);
        if (intent) commands.add(intentCommand(intent));
      }
    for (const command of commands) {
      const { code, output } = await exitCodeOf(command);
      assert.equal(code, ExitCode.kubeconfig, `${command}\n${output}`);
    }
  });
});

describe('doctor: sidecar fixes', () => {
  it('changes every injected container without values in one fix, so one rollout completes the pod', () => {
    const { findings } = fixtureRun('wallarm-split.yaml');
    const sidecarFixes = findings.filter((f) => f.id === 'HPA003' && f.evidence.injected);
    assert.equal(sidecarFixes.length, 4, 'HPA003 for each of the four injected containers');
    assert.ok(
      sidecarFixes.every((f) => f.related?.some((r) => r.id === 'RES001' && r.evidence.container === f.evidence.container)),
      "the same container's RES001 is kept as its evidence",
    );
    assert.ok(!findings.some((f) => f.id === 'RES001' && f.evidence.injected), 'no RES001 of its own for them');
    const commands = new Set(sidecarFixes.map((f) => intentCommand(intentOf(f)!)));
    assert.deepEqual(
      [...commands],
      [
        'kubectl scale-ha patch workload deployment/orders --sidecar proxy --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi --sidecar helper --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi --sidecar init-iptables --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi --sidecar init-helper --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi -n split',
      ],
    );
  });

  it('plans the helper of a pod the release injects in split mode without the per-pod annotation', () => {
    const { snapshot, findings } = fixtureRun('wallarm-split.yaml');
    const helper = findings.find((f) => f.id === 'HPA003' && f.evidence.container === 'sidecar-helper');
    const intent = intentOf(helper!);
    assert.equal(intent?.type, 'workload');
    const workload = workloadsOf(snapshot).find((w) => w.name === 'orders')!;
    const change = planWorkload(workload.object, intent.type === 'workload' ? intent.settings : {}, { hpas: [], pods: workload.pods });
    const annotations = (change.after as typeof workload.object).spec.template.metadata?.annotations ?? {};
    assert.equal(annotations['sidecar.wallarm.io/helper-cpu'], '50m');
    assert.equal(annotations['sidecar.wallarm.io/init-helper-memory-limit'], '256Mi');
    assert.equal(annotations['sidecar.wallarm.io/sidecar-injection-schema'], undefined, "the release's split schema is not pinned");
  });

  it('leaves a helper the next pods will not get to the rollout, instead of a patch the command refuses', () => {
    const objects = loadObjects('wallarm-split.yaml').map((o) =>
      o.kind === 'Deployment'
        ? (JSON.parse(
            JSON.stringify(o).replace(
              '"labels":{"app":"orders","wallarm-sidecar":"enabled"}}',
              '"labels":{"app":"orders","wallarm-sidecar":"enabled"},"annotations":{"sidecar.wallarm.io/sidecar-injection-schema":"single"}}',
            ),
          ) as KubeObject)
        : o,
    );
    const findings = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects])).findings;
    const helper = findings.find((f) => f.id === 'HPA003' && f.evidence.container === 'sidecar-helper');
    assert.equal(helper?.fix.type, 'manual');
    assert.match(helper?.fix.type === 'manual' ? helper.fix.text : '', /single injection schema.*no sidecar-helper: a rollout drops it/);
    const proxy = intentOf(findings.find((f) => f.id === 'HPA003' && f.evidence.container === 'sidecar-proxy')!);
    assert.deepEqual(
      proxy?.type === 'workload' ? proxy.settings.sidecars?.map((s) => s.sidecar) : [],
      ['proxy', 'init-iptables'],
      'the split-only containers are left out of the proxy fix',
    );
  });
});
