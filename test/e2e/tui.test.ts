// `kubectl scale-ha tui` in a real terminal (tmux) on the test bed: each flow opens a workload, edits it in the wizard,
// reviews the server dry-run, applies with y and quits; then kubectl and helm check what landed (issue 11).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { findPreset } from '../../src/hpa/presets.ts';
import type { ApigeeResource, HorizontalPodAutoscaler, WorkloadObject } from '../../src/k8s/types.ts';
import { apply, getJson, kubectl, kubectlOk, requireTestbed, waitFor } from './harness.ts';
import { Terminal } from './terminal.ts';

const root = new URL('../..', import.meta.url).pathname;
const suffix = Date.now().toString(36);
const namespaces: string[] = [];

after(async () => {
  for (const ns of namespaces) await kubectl(['delete', 'namespace', ns, '--wait=false']);
});

async function freshTestNamespace(prefix: string): Promise<string> {
  requireTestbed();
  const ns = `${prefix}-${suffix}`;
  namespaces.push(ns);
  await kubectlOk(['create', 'namespace', ns]);
  return ns;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The screen as one line: Ink wraps long lines at word boundaries wherever the terminal's width falls. */
const flat = (screen: string) => screen.replace(/\s+/g, ' ');
const journalIds = (screen: string) => [...screen.matchAll(/^journal id: (\S+)/gm)].map((match) => match[1]!);
const stackTrace = /^\s*at .+:\d+:\d+\)?$|^\w*Error: /m;

interface Tui {
  terminal: Terminal;
  /** XDG_STATE_HOME of this session: its journal alone. */
  stateHome: string;
}

async function startTui(namespace: string): Promise<Tui> {
  const stateHome = mkdtempSync(join(tmpdir(), 'scale-ha-e2e-state-'));
  const terminal = await Terminal.start({
    command: ['kubectl', 'scale-ha', 'tui', '-n', namespace],
    env: { KUBECONFIG: process.env.KUBECONFIG!, PATH: process.env.PATH!, XDG_STATE_HOME: stateHome, NO_COLOR: '1' },
  });
  try {
    // The header says "listed" once the first listing is in; before that a key would find no rows.
    await terminal.waitForScreen(/ listed \d\d:\d\d:\d\d/);
  } catch (error) {
    await terminal.close();
    throw error;
  }
  return { terminal, stateHome };
}

/** Filters the list down to the workload and opens its detail. */
async function openWorkload(terminal: Terminal, namespace: string, name: string, kind = 'deployment'): Promise<void> {
  await terminal.press('/', /filter: ▏/);
  await terminal.type(name);
  await terminal.waitForScreen(new RegExp(`filter: ${literal(name)}▏`));
  await terminal.press('Enter', new RegExp(`filter: ${literal(name)} 1 (of \\d+ )?workloads`));
  await terminal.press('Enter', new RegExp(`^${literal(`${namespace}/${kind}/${name}`)} +ready`, 'm'));
}

async function openWizard(terminal: Terminal, namespace: string, name: string, kind = 'deployment'): Promise<void> {
  await terminal.press('e', new RegExp(`^Edit ${literal(`${namespace}/${kind}/${name}`)}\\s`, 'm'));
}

const focusedField = (screen: string) => /^▸ (.+?) *[[‹]/m.exec(screen)?.[1]?.trim();

async function focusField(terminal: Terminal, label: string): Promise<void> {
  for (let moves = 0; moves < 12; moves++) {
    const focused = focusedField(await terminal.capture());
    if (focused === label) return;
    assert.ok(focused, `no wizard field is focused:\n${terminal.screen}`);
    await terminal.press('Down', new RegExp(`^▸ (?!${literal(focused)} *[[‹])`, 'm'), 5_000);
  }
  assert.fail(`the wizard has no field "${label}":\n${terminal.screen}`);
}

/** Clears a text field with backspace and types the value, one key at a time. */
async function setTextField(terminal: Terminal, label: string, value: string): Promise<void> {
  await focusField(terminal, label);
  const field = (text: string) => new RegExp(`^▸ ${literal(label)} *\\[${literal(text)}▏\\]`, 'm');
  let text = new RegExp(`^▸ ${literal(label)} *\\[(.*?)▏\\]`, 'm').exec(terminal.screen)?.[1] ?? '';
  while (text) {
    text = text.slice(0, -1);
    await terminal.press('BSpace', field(text), 5_000);
  }
  for (const character of value) {
    text += character;
    await terminal.press(character, field(text), 5_000);
  }
}

/** Cycles a choice field with → until it shows the option. */
async function chooseOption(terminal: Terminal, label: string, option: string): Promise<void> {
  await focusField(terminal, label);
  const choice = () => new RegExp(`^▸ ${literal(label)} *‹ (\\S+) ›`, 'm').exec(terminal.screen)?.[1];
  for (let presses = 0; presses < 5; presses++) {
    const shown = choice();
    if (shown === option) return;
    assert.ok(shown, `"${label}" is not a choice field:\n${terminal.screen}`);
    await terminal.press('Right', new RegExp(`^▸ ${literal(label)} *‹ (?!${literal(shown)} ›)`, 'm'), 5_000);
  }
  assert.fail(`"${label}" never offered "${option}":\n${terminal.screen}`);
}

/**
 * enter on the wizard: the server dry-run's review, which must offer y. A review longer than the terminal offers y
 * only once scrolled to its end: PgDn page by page; the pages are returned together.
 */
async function review(terminal: Terminal): Promise<string> {
  let screen = await terminal.press('Enter', /y applies these changes|scroll to the end of the review|^error: |nothing to apply/m, 90_000);
  const pages = [screen];
  for (let page = 0; page < 20 && /scroll to the end of the review/.test(screen); page++) {
    const at = /^lines (\d+)–/m.exec(screen)?.[1];
    screen = await terminal.press('NPage', new RegExp(`^lines (?!${at}–)\\d+–|y applies these changes`, 'm'), 5_000);
    pages.push(screen);
  }
  assert.match(screen, /y applies these changes/, screen);
  return pages.join('\n');
}

/** y on the review: the apply's result, with no error. */
async function applyReviewed(terminal: Terminal): Promise<string> {
  const screen = await terminal.press('y', /esc returns to the workload|^error: /m, 300_000);
  assert.doesNotMatch(screen, /^error: /m, screen);
  return screen;
}

/** esc back to the workload, q: the process exits 0 and leaves no stack trace. */
async function quit(terminal: Terminal, namespace: string, name: string, kind = 'deployment'): Promise<void> {
  await terminal.press('Escape', new RegExp(`^${literal(`${namespace}/${kind}/${name}`)} +ready`, 'm'));
  await terminal.sendKeys('q');
  const exit = await terminal.waitForExit();
  assert.equal(exit.status, 0, `exit status after q:\n${exit.screen}`);
  assert.doesNotMatch(exit.screen, stackTrace);
}

interface JournalEntry {
  id: string;
  state: string;
  command: string;
  kind: string;
  /** A patch's object. */
  ref?: { kind: string; name: string };
  /** A helm upgrade's new revision. */
  revisionAfter?: number;
}

async function history(stateHome: string): Promise<JournalEntry[]> {
  const result = await kubectl(['scale-ha', 'history', '-o', 'json'], { env: { XDG_STATE_HOME: stateHome } });
  assert.equal(result.exitCode, 0, result.stderr);
  return (JSON.parse(result.stdout) as { entries: JournalEntry[] }).entries;
}

async function helm(args: string[]): Promise<string> {
  const result = await execa('helm', args, { reject: false, timeout: 120_000 });
  assert.equal(result.exitCode, 0, `helm ${args.join(' ')} failed:\n${String(result.stderr)}`);
  return String(result.stdout);
}

const scalingActive = (hpa: HorizontalPodAutoscaler) =>
  hpa.status?.conditions?.some((condition) => condition.type === 'ScalingActive' && condition.status === 'True');

/** The demo's web tier (testbed/demo/shop.yaml) in another namespace, without its anti-affinity. */
function demoWebTier(namespace: string): WorkloadObject[] {
  return parseAllDocuments(readFileSync(join(root, 'testbed/demo/shop.yaml'), 'utf8')).map((document) => {
    const object = document.toJSON() as WorkloadObject;
    object.metadata.namespace = namespace;
    if (object.kind === 'Deployment') delete object.spec.template.spec.affinity;
    return object;
  });
}

describe('kubectl scale-ha tui in a terminal', () => {
  it("raises the web HPA's max and adds preferred anti-affinity: review, y, and both objects changed", async () => {
    const ns = await freshTestNamespace('e2e-tui-web');
    const hpa = () => getJson<HorizontalPodAutoscaler>(['get', 'hpa', 'web', '-n', ns]);
    await apply(demoWebTier(ns));
    const { terminal, stateHome } = await startTui(ns);
    let applied: string;
    try {
      await openWorkload(terminal, ns, 'web');
      await openWizard(terminal, ns, 'web');
      await setTextField(terminal, 'max replicas', '12');
      await chooseOption(terminal, 'anti-affinity', 'preferred');
      const reviewed = await review(terminal);
      assert.match(reviewed, /^- {2}maxReplicas: 8\n\+ {2}maxReplicas: 12$/m);
      assert.match(reviewed, /^\+ +preferredDuringSchedulingIgnoredDuringExecution:$/m);
      assert.match(flat(reviewed), /hpa\/web the server accepts it \(dry run, nothing written\)/);
      assert.match(flat(reviewed), /deployment\/web the server accepts it \(dry run, nothing written\)/);
      assert.equal((await hpa()).spec.maxReplicas, 8, 'the review writes nothing');
      // The apply waits up to 30 s per change for the HPA to scale on metrics, which a fresh copy gets in about 45 s.
      await waitFor('the HPA to scale on metrics', async () => scalingActive(await hpa()));
      applied = await applyReviewed(terminal);
      assert.match(flat(applied), /hpa\/web applied .*deployment\/web applied/);
      assert.doesNotMatch(applied, /^warning: /m);
      await quit(terminal, ns, 'web');
    } finally {
      await terminal.close();
    }

    const { spec } = await hpa();
    assert.equal(spec.maxReplicas, 12);
    assert.equal(spec.minReplicas, 2, 'min is left as it was');
    const web = await getJson<WorkloadObject>(['get', 'deployment', 'web', '-n', ns]);
    assert.deepEqual(web.spec.template.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, [
      { weight: 100, podAffinityTerm: { labelSelector: web.spec.selector, topologyKey: 'kubernetes.io/hostname' } },
    ]);

    const entries = await history(stateHome);
    assert.deepEqual(
      entries.map((entry) => entry.id),
      journalIds(applied),
      'the journal ids the Apply screen showed',
    );
    assert.deepEqual(
      entries.map((entry) => [entry.state, entry.ref?.kind, entry.ref?.name, entry.command]),
      [
        ['applied', 'HorizontalPodAutoscaler', 'web', 'kubectl scale-ha tui'],
        ['applied', 'Deployment', 'web', 'kubectl scale-ha tui'],
      ],
    );
  });

  it('scales a helm-managed Deployment through its release: the review names the helm route, y upgrades the release', async () => {
    const ns = await freshTestNamespace('e2e-tui-helm');
    const release = 'wsc';
    const name = `${release}-wallarm-sidecar-controller`;
    const chart = join(root, 'testbed/charts/wallarm-sidecar');
    await helm(['install', release, chart, '-n', ns, '-f', join(root, 'testbed/demo/wallarm-values.yaml'), '--wait', '--timeout', '120s']);
    const userValues = async () =>
      JSON.parse(await helm(['get', 'values', release, '-n', ns, '-o', 'json'])) as { controller: Record<string, unknown> };
    const revisions = async () =>
      JSON.parse(await helm(['history', release, '-n', ns, '-o', 'json'])) as { revision: number; status: string }[];
    const valuesBefore = await userValues();

    const { terminal, stateHome } = await startTui(ns);
    let applied: string;
    try {
      await openWorkload(terminal, ns, name);
      await openWizard(terminal, ns, name);
      await setTextField(terminal, 'replicas', '2');
      await chooseOption(terminal, 'anti-affinity', 'preferred');
      const reviewed = flat(await review(terminal));
      assert.match(reviewed, new RegExp(`is managed by helm release ${literal(ns)}/${release}: changing it through the release's values`));
      assert.match(reviewed, /controller\.replicaCount: 1 → 2/);
      assert.match(reviewed, new RegExp(`Server dry-run accepted the change to helm release ${literal(ns)}/${release}`));
      applied = await applyReviewed(terminal);
      assert.match(flat(applied), new RegExp(`Applied to helm release ${literal(ns)}/${release}; journal entry`));
      await quit(terminal, ns, name);
    } finally {
      await terminal.close();
    }

    assert.deepEqual(
      (await revisions()).map((r) => [r.revision, r.status]),
      [
        [1, 'superseded'],
        [2, 'deployed'],
      ],
    );
    const term = {
      weight: 100,
      podAffinityTerm: {
        labelSelector: {
          matchLabels: {
            'app.kubernetes.io/component': 'controller',
            'app.kubernetes.io/instance': release,
            'app.kubernetes.io/name': 'wallarm-sidecar',
          },
        },
        topologyKey: 'kubernetes.io/hostname',
      },
    };
    const valuesAfter = await userValues();
    const { replicaCount, affinity, ...controllerAfter } = valuesAfter.controller;
    assert.equal(replicaCount, 2);
    assert.deepEqual(affinity, { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term] } });
    const { replicaCount: _replicasBefore, ...controllerBefore } = valuesBefore.controller;
    assert.deepEqual(
      { ...valuesAfter, controller: controllerAfter },
      { ...valuesBefore, controller: controllerBefore },
      'every other user value is kept',
    );

    const controller = await getJson<WorkloadObject>(['get', 'deployment', name, '-n', ns]);
    assert.equal(controller.spec.replicas, 2);
    assert.deepEqual(controller.spec.template.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, [term]);

    const entries = await history(stateHome);
    assert.deepEqual(
      entries.map((entry) => [entry.id, entry.state, entry.kind, entry.revisionAfter]),
      [[journalIds(applied)[0], 'applied', 'helm-upgrade', 2]],
      'one journal entry, the one the Apply screen showed',
    );
  });

  it("sets an Apigee runtime's max, behavior and wait time through its ApigeeEnvironment: the CR carries them, the HPA is not patched", async () => {
    const ns = await freshTestNamespace('e2e-tui-apigee');
    const group = 'apigee.cloud.google.com/v1alpha2';
    const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } };
    const name = 'apigee-runtime-acme-tui-test-1-abcde';
    const environment = () => getJson<ApigeeResource>(['get', 'apigeeenvironments.apigee.cloud.google.com', 'acme-tui-test', '-n', ns]);
    await apply([
      {
        apiVersion: group,
        kind: 'ApigeeEnvironment',
        metadata: { name: 'acme-tui-test', namespace: ns },
        spec: {
          name: 'test',
          organizationRef: 'acme-tui-org',
          components: { runtime: { autoScaler: { minReplicas: 1, maxReplicas: 4, metrics: [cpu] } } },
        },
      },
    ]);
    const owner = {
      apiVersion: group,
      kind: 'ApigeeEnvironment',
      name: 'acme-tui-test',
      uid: (await environment()).metadata.uid!,
      controller: true,
    };
    const labels = { app: 'apigee-runtime', env: 'test' };
    await apply([
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name, namespace: ns, labels, ownerReferences: [owner] },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'apigee-runtime', image: 'apigee-runtime:fake', resources: { requests: { cpu: '500m' } } }] },
          },
        },
      },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace: ns, labels, ownerReferences: [owner] },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name }, minReplicas: 1, maxReplicas: 4, metrics: [cpu] },
      },
    ]);

    const { terminal, stateHome } = await startTui(ns);
    let applied: string;
    try {
      await openWorkload(terminal, ns, name, 'replicaset');
      await openWizard(terminal, ns, name, 'replicaset');
      assert.match(flat(terminal.screen), /ApigeeEnvironment test, component runtime/);
      assert.doesNotMatch(terminal.screen, /anti-affinity/, 'the operator owns the pod template');
      await setTextField(terminal, 'max replicas', '6');
      await chooseOption(terminal, 'behavior', 'apigee-less-aggressive');
      await setTextField(terminal, 'wait-time target', '400m');
      assert.match(flat(terminal.screen), /✗ .*wait time/, 'a lowercase m is refused as you type');
      await setTextField(terminal, 'wait-time target', '400M');
      const reviewed = flat(await review(terminal));
      assert.match(reviewed, /ApigeeEnvironment\/test runtime the server accepts it \(dry run, nothing written\)/);
      assert.match(reviewed, /spec\.components\.runtime\.autoScaler\.maxReplicas: 4 → 6/);
      assert.equal((await environment()).spec?.components?.runtime?.autoScaler?.maxReplicas, 4, 'the review writes nothing');
      applied = await applyReviewed(terminal);
      assert.match(flat(applied), /ApigeeEnvironment\/test runtime applied/);
      await quit(terminal, ns, name, 'replicaset');
    } finally {
      await terminal.close();
    }

    const autoScaler = (await environment()).spec?.components?.runtime?.autoScaler;
    assert.equal(autoScaler?.maxReplicas, 6);
    assert.equal(autoScaler?.minReplicas, 1);
    assert.deepEqual(autoScaler?.behavior, findPreset('apigee-less-aggressive')?.behavior);
    const waitTimes = (autoScaler?.metrics ?? [])
      .filter((m) => m.type === 'Pods')
      .map((m) => [m.pods?.metric.name, m.pods?.target.averageValue]);
    assert.deepEqual(waitTimes, [
      ['server_main_task_wait_time', '400M'],
      ['server_nio_task_wait_time', '400M'],
    ]);
    const hpa = await getJson<HorizontalPodAutoscaler>(['get', 'hpa', name, '-n', ns]);
    assert.equal(hpa.spec.maxReplicas, 4, "the HPA is the operator's to change (none runs in the test bed)");
    const entries = await history(stateHome);
    assert.deepEqual(
      entries.map((entry) => [entry.id, entry.ref?.kind, entry.command]),
      [[journalIds(applied)[0], 'ApigeeEnvironment', 'kubectl scale-ha tui']],
    );
  });
});
