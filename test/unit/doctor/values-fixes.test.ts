import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding, Fix } from '../../../src/doctor/finding.ts';
import { runDoctor } from '../../../src/doctor/run.ts';
import { tryParseQuantity } from '../../../src/k8s/quantity.ts';
import type { ApigeeResource, KubeObject, ResourceList, WorkloadObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { checkOn, doctorOn, loadObjects } from './fixture.ts';

type Resources = { requests?: ResourceList; limits?: ResourceList };

/** The container's resources once the fix is applied on top of what the workload declares today. */
function resourcesAfter(objects: KubeObject[], fix: Fix): { what: string; resources: Resources } | undefined {
  const intent = fix.type === 'intent' || fix.type === 'values' ? fix.intent : undefined;
  if (intent?.type !== 'workload') return undefined;
  const { settings } = intent;
  if (!settings.requests && !settings.limits) return undefined;
  const what = `${intent.namespace}/${intent.name} ${settings.container}`;
  const workload = objects.find(
    (o) => o.kind === intent.kind && o.metadata.name === intent.name && o.metadata.namespace === intent.namespace,
  ) as WorkloadObject | undefined;
  const spec = workload?.spec.template.spec;
  const current = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].find((c) => c.name === settings.container)?.resources;
  const resources: Resources = { requests: { ...current?.requests }, limits: { ...current?.limits } };
  if (fix.type === 'values') {
    // The values edits are what helm writes: each must land on the request or limit the intent names.
    for (const { path, value } of fix.values) {
      const [list, resource] = path.split('.').slice(-2) as ['requests' | 'limits', string];
      resources[list]![resource] = String(value);
    }
  } else {
    Object.assign(resources.requests!, settings.requests);
    Object.assign(resources.limits!, settings.limits);
  }
  return { what, resources };
}

function requestsAboveLimits({ requests = {}, limits = {} }: Resources): string[] {
  return Object.entries(requests).flatMap(([name, request]) => {
    const limit = limits[name];
    return limit !== undefined && (tryParseQuantity(request) ?? 0) > (tryParseQuantity(limit) ?? 0)
      ? [`${name} request ${request} > limit ${limit}`]
      : [];
  });
}

const valuesFix = (finding: Finding | undefined) => (finding?.fix.type === 'values' ? finding.fix : undefined);

describe('doctor: values fixes are valid as a whole', () => {
  const report = doctorOn('cluster.yaml', 'wallarm-demo.yaml');

  it('raises the 1Gi limit with a store request raised to 1280Mi for a 1 GiB arena, and says why', () => {
    const arena = valuesFix(report.findings.find((f) => f.id === 'RES002'));
    assert.deepEqual(arena?.values, [
      { path: 'postanalytics.wstore.resources.requests.memory', value: '1280Mi' },
      { path: 'postanalytics.wstore.resources.limits.memory', value: '1280Mi' },
    ]);
    assert.match(
      arena?.note ?? '',
      /The memory limit 1Gi → 1280Mi rises with the request: the API server rejects a request above its limit/,
    );
  });

  it('names the helm route: the same change as a patch command, which takes it, and the by-hand upgrade', () => {
    const arena = valuesFix(report.findings.find((f) => f.id === 'RES002'));
    assert.equal(arena?.release, 'wallarm-sidecar');
    assert.equal(arena?.namespace, 'wallarm');
    assert.deepEqual(arena?.intent, {
      type: 'workload',
      kind: 'Deployment',
      namespace: 'wallarm',
      name: 'wallarm-sidecar-postanalytics',
      settings: { container: 'wstore', requests: { memory: '1280Mi' }, limits: { memory: '1280Mi' } },
    });
    assert.match(
      arena?.note ?? '',
      /Helm release wallarm\/wallarm-sidecar renders this object: kubectl scale-ha patch takes the helm route for it/,
    );
    assert.match(arena?.note ?? '', /By hand: helm upgrade with --reset-then-reuse-values/);
  });

  it('sets each request and limit as its own key, so the release keeps the others (cpu 100m stays)', () => {
    const supervisord = valuesFix(report.findings.find((f) => f.id === 'RES001' && f.evidence.container === 'supervisord'));
    assert.deepEqual(
      supervisord?.values.map((edit) => edit.path),
      [
        'postanalytics.supervisord.resources.requests.cpu',
        'postanalytics.supervisord.resources.requests.memory',
        'postanalytics.supervisord.resources.limits.memory',
        'postanalytics.supervisord.resources.limits.cpu',
      ],
      "with the cpu limit the Wallarm guide asks of postanalytics' helper containers: one rollout completes it",
    );
  });

  it("asks for a cpu limit only where the vendor guide does: postanalytics' init, supervisord and appstructure", () => {
    const objects = loadObjects('wallarm-demo.yaml').map((o) =>
      o.metadata.name === 'wallarm-sidecar-postanalytics'
        ? (JSON.parse(
            JSON.stringify(o).replace(
              '"name":"supervisord"',
              '"name":"supervisord","resources":{"requests":{"cpu":"50m","memory":"150Mi"},"limits":{"memory":"300Mi"}}',
            ),
          ) as KubeObject)
        : o,
    );
    const findings = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]), { category: 'resources' }).findings;
    const supervisord = findings.find((f) => f.id === 'RES001' && f.evidence.container === 'supervisord');
    assert.equal(supervisord?.severity, 'info');
    assert.match(
      supervisord?.message ?? '',
      /^container supervisord has no cpu limit \(the Wallarm guide asks for requests and limits on postanalytics' init, supervisord and appstructure containers\)\.$/,
    );
    assert.deepEqual(valuesFix(supervisord)?.values, [{ path: 'postanalytics.supervisord.resources.limits.cpu', value: '250m' }]);
    assert.ok(
      !findings.some((f) => f.id === 'RES001' && /cpu limit/.test(f.message) && f.evidence.container !== 'supervisord'),
      'no other container is asked for a cpu limit',
    );
  });

  it('keeps a suggested starting request under the limit the container already has', () => {
    const tight = ['RES001', 'HPA003'].flatMap((id) => checkOn(id, 'cluster.yaml', 'wallarm-demo.yaml').filter((f) => f.name === 'tight'));
    assert.deepEqual(
      tight.map((f) => (f.fix.type === 'intent' && f.fix.intent.type === 'workload' ? f.fix.intent.settings.requests : undefined)),
      [
        { cpu: '50m', memory: '64Mi' },
        { cpu: '50m', memory: '64Mi' },
      ],
    );
  });

  it('raises a store limit with no request above it when both are short, to the same value', () => {
    const objects = loadObjects('wallarm-demo.yaml').map((o) =>
      o.metadata.name === 'wallarm-sidecar-postanalytics'
        ? (JSON.parse(
            JSON.stringify(o).replace('"requests":{"cpu":"100m","memory":"512Mi"},"limits":{"memory":"1Gi"}', '"requests":{"cpu":"100m"}'),
          ) as KubeObject)
        : o,
    );
    const arena = valuesFix(
      runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects])).findings.find((f) => f.id === 'RES002'),
    );
    assert.deepEqual(arena?.values, [
      { path: 'postanalytics.wstore.resources.requests.memory', value: '1280Mi' },
      { path: 'postanalytics.wstore.resources.limits.memory', value: '1280Mi' },
    ]);
  });

  it('never leaves a request above its limit in any resources fix of any doctor fixture', () => {
    const dir = join(import.meta.dirname, '../../fixtures/doctor');
    let checked = 0;
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.yaml') && name !== 'cluster.yaml')) {
      const objects = [...loadObjects('cluster.yaml'), ...loadObjects(file)];
      for (const finding of runDoctor(snapshotFromObjects(objects)).findings) {
        const after = resourcesAfter(objects, finding.fix);
        if (!after) continue;
        checked++;
        assert.deepEqual(requestsAboveLimits(after.resources), [], `${file} ${finding.id} ${after.what}`);
      }
    }
    assert.ok(checked >= 8, `checked ${checked} resources fixes`);
  });
});

describe('doctor: fixes for objects a helm release renders', () => {
  it('says that the patch command takes the helm route for a helm-rendered ApigeeEnvironment', () => {
    const objects = loadObjects('apigee.yaml').map((o) =>
      o.kind === 'ApigeeEnvironment'
        ? ({
            ...o,
            metadata: {
              ...o.metadata,
              annotations: { 'meta.helm.sh/release-name': 'apigee-env-test', 'meta.helm.sh/release-namespace': 'apigee' },
            },
          } as ApigeeResource)
        : o,
    );
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    const owned = report.findings.find(
      (f) => f.fix.type === 'intent' && f.fix.intent.type === 'component' && f.fix.intent.kind === 'ApigeeEnvironment',
    );
    assert.ok(owned, JSON.stringify(report.findings.map((f) => [f.id, f.fix.type])));
    const note = owned.fix.type === 'intent' ? (owned.fix.note ?? '') : '';
    assert.match(
      note,
      /ApigeeEnvironment is rendered by helm release apigee\/apigee-env-test \(apigee-env\): kubectl scale-ha patch takes the helm route for it/,
    );
    assert.doesNotMatch(note, /Also set it in overrides\.yaml/);
  });

  it('keeps the overrides.yaml advice for a CR no helm release renders', () => {
    const report = doctorOn('cluster.yaml', 'apigee.yaml');
    const owned = report.findings.find(
      (f) => f.fix.type === 'intent' && f.fix.intent.type === 'component' && f.fix.intent.kind === 'ApigeeEnvironment',
    );
    assert.match(
      owned?.fix.type === 'intent' ? (owned.fix.note ?? '') : '',
      /Also set it in overrides\.yaml, or the next helm upgrade of apigee-env reverts the CR/,
    );
  });

  it("fixes the Wallarm controller's anti-affinity as one key, with the patch command that takes the helm route", () => {
    const objects = loadObjects('wallarm-sidecar.yaml').map((o) =>
      o.metadata.name === 'wallarm-sidecar-controller' ? ({ ...o, spec: { ...(o as WorkloadObject).spec, replicas: 2 } } as KubeObject) : o,
    );
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    const spread = valuesFix(report.findings.find((f) => f.id === 'HA001' && f.name === 'wallarm-sidecar-controller'));
    assert.deepEqual(spread?.values, [
      {
        path: 'controller.affinity.podAntiAffinity',
        value: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                topologyKey: 'kubernetes.io/hostname',
                labelSelector: { matchLabels: { 'app.kubernetes.io/component': 'controller' } },
              },
            },
          ],
        },
      },
    ]);
    assert.deepEqual(spread?.intent?.type === 'workload' && spread.intent.settings, {
      antiAffinity: 'preferred',
      topologyKey: 'kubernetes.io/hostname',
    });
  });
});
