// Records the real HPA controller's decisions on the test bed, for the simulator's parity check (test/support/parity.ts).
//
//   eval "$(scripts/testbed env)" && node --import tsx bench/parity/record.ts [--curves spike,ramp] [--behaviors kubernetes-default,…] [--out DIR] [--prefix parity-x] [--keep]
//
// For every curve × behavior it creates namespace parity-<curve>-<behavior> with a kwok Deployment "web"
// (cpu request 50m) and an HPA (CPU 50 %, 1–10 replicas, the preset's behavior). All curves start at the same
// instant t0 and run in parallel. Every second the recorder sets each Ready pod's kwok usage annotation to
// load × request / readyPods (the simulator's pod model: the load spreads evenly over the ready pods), so
// usage follows the replica count. Every second it samples the Deployment, the pods and the HPA status; the
// fixture keeps one sample per HPA sync period (5 s on the test bed) plus metrics-server's scrape times.
//
// The API is reached through a `kubectl proxy` child on a random local port (one process, no kubectl per call).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { behaviorPresets, findPreset } from '../../src/hpa/presets.ts';
import type { HorizontalPodAutoscaler, HPABehavior } from '../../src/k8s/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const defaultOut = join(here, '../../test/fixtures/hpa/parity');

/** Piecewise-constant load: [seconds from t0, load in pods' worth of request], each holding until the next. */
export type LoadPoints = [number, number][];

export interface Curve {
  name: string;
  description: string;
  durationSeconds: number;
  points: LoadPoints;
}

function steps(from: number, to: number, start: number, end: number, every: number): LoadPoints {
  const points: LoadPoints = [];
  for (let t = start; t < end; t += every) points.push([t, +(from + ((to - from) * (t - start)) / (end - start)).toFixed(3)]);
  return points;
}

export const curves: Curve[] = [
  {
    name: 'spike',
    description: 'quiet 0.4, a sudden burst to 4 for two minutes, then quiet again for six (scale-up, then scale-down after the peak)',
    durationSeconds: 540,
    points: [
      [0, 0.4],
      [60, 4],
      [180, 0.4],
    ],
  },
  {
    name: 'ramp',
    description: 'climb 0.4→4.4 over four minutes in 10 s steps, hold a minute, fall back to 0.4 over two minutes',
    durationSeconds: 540,
    points: [[0, 0.4], ...steps(0.4, 4.4, 30, 270, 10), [270, 4.4], ...steps(4.4, 0.4, 330, 450, 10), [450, 0.4]],
  },
  {
    name: 'oscillation',
    description: 'square wave between 0.5 and 3.2, 90 s each, three periods',
    durationSeconds: 540,
    points: [
      [0, 0.5],
      [30, 3.2],
      [120, 0.5],
      [210, 3.2],
      [300, 0.5],
      [390, 3.2],
      [480, 0.5],
    ],
  },
  {
    name: 'scaledown',
    description: 'jump to 4.5, then step down 3 → 1.5 → 0.3 every two minutes (scale-down after a peak, in stages)',
    durationSeconds: 540,
    points: [
      [0, 0.4],
      [15, 4.5],
      [105, 3],
      [225, 1.5],
      [345, 0.3],
    ],
  },
];

export const hpaSpec = { minReplicas: 1, maxReplicas: 10, targetUtilization: 50, cpuRequestMilli: 50 };

export function loadAtPoints(points: LoadPoints, t: number): number {
  let value = points[0]?.[1] ?? 0;
  for (const [time, load] of points) if (time <= t) value = load;
  return value;
}

// ---------- API access through kubectl proxy ----------

let base = '';

async function startProxy(): Promise<ChildProcess> {
  const child = spawn('kubectl', ['proxy', '--port=0', '--address=127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /127\.0\.0\.1:(\d+)/.exec(text);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`kubectl proxy exited with ${code}`)));
  });
  return child;
}

interface DeploymentState {
  spec: { replicas: number };
  status?: { readyReplicas?: number };
}
interface HpaState {
  status?: HorizontalPodAutoscaler['status'];
}

async function api<T = unknown>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: body ? { 'content-type': contentType } : {},
    body: body ? JSON.stringify(body) : null,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function recreateNamespace(name: string): Promise<void> {
  try {
    await api('DELETE', `/api/v1/namespaces/${name}`);
  } catch {
    /* absent */
  }
  for (let i = 0; i < 120; i++) {
    try {
      await api('GET', `/api/v1/namespaces/${name}`);
      await sleep(1000);
    } catch {
      break;
    }
  }
  await api('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'scale-ha/purpose': 'parity' } },
  });
  // Namespaced objects need the default ServiceAccount.
  for (let i = 0; i < 60; i++) {
    try {
      await api('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`);
      return;
    } catch {
      await sleep(500);
    }
  }
}

const usageKey = 'kwok.x-k8s.io/usage-cpu';

function usageFor(load: number, ready: number): string {
  return `${ready > 0 ? Math.round((load * hpaSpec.cpuRequestMilli) / ready) : 0}m`;
}

function deployment(namespace: string, load: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, annotations: { [usageKey]: usageFor(load, 1) } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.example/app:1',
              resources: { requests: { cpu: `${hpaSpec.cpuRequestMilli}m`, memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

function hpa(namespace: string, behavior: HPABehavior | null) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: hpaSpec.minReplicas,
      maxReplicas: hpaSpec.maxReplicas,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: hpaSpec.targetUtilization } } },
      ],
      ...(behavior ? { behavior } : {}),
    },
  };
}

interface Pod {
  metadata: { name: string; annotations?: Record<string, string>; deletionTimestamp?: string; creationTimestamp: string };
  status: { phase?: string; conditions?: { type: string; status: string; lastTransitionTime?: string }[]; startTime?: string };
}

const isReady = (pod: Pod) =>
  !pod.metadata.deletionTimestamp &&
  pod.status.phase === 'Running' &&
  !!pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

export interface Sample {
  /** Seconds since t0. */
  t: number;
  load: number;
  /** Deployment spec.replicas (what the HPA set). */
  replicas: number;
  /** Ready, not terminating pods. */
  ready: number;
  /** Existing pods (not terminating). */
  pods: number;
  desired: number | null;
  utilization: number | null;
  /** Condition type → reason (or "False:reason"). */
  conditions: Record<string, string>;
  lastScaleTime: number | null;
}

interface Run {
  curve: Curve;
  behavior: string;
  hpaBehavior: HPABehavior | null;
  namespace: string;
  samples: Sample[];
  metricTimes: Set<number>;
  startReplicas: number;
  patches: number;
}

async function drive(run: Run, t: number): Promise<Pod[]> {
  const load = loadAtPoints(run.curve.points, t);
  const pods = (await api<{ items: Pod[] }>('GET', `/api/v1/namespaces/${run.namespace}/pods?labelSelector=app%3Dweb`)).items;
  const ready = pods.filter(isReady);
  const usage = usageFor(load, ready.length);
  await Promise.all(
    ready
      .filter((pod) => pod.metadata.annotations?.[usageKey] !== usage)
      .map((pod) => {
        run.patches++;
        return api(
          'PATCH',
          `/api/v1/namespaces/${run.namespace}/pods/${pod.metadata.name}`,
          { metadata: { annotations: { [usageKey]: usage } } },
          'application/merge-patch+json',
        ).catch(() => undefined);
      }),
  );
  return pods;
}

async function sample(run: Run, t: number, t0: number, pods: Pod[]): Promise<Sample> {
  const [deploy, status] = await Promise.all([
    api<DeploymentState>('GET', `/apis/apps/v1/namespaces/${run.namespace}/deployments/web`),
    api<HpaState>('GET', `/apis/autoscaling/v2/namespaces/${run.namespace}/horizontalpodautoscalers/web`),
  ]);
  const hpaStatus = status.status ?? {};
  const conditions: Record<string, string> = {};
  for (const condition of hpaStatus.conditions ?? [])
    conditions[condition.type] = condition.status === 'True' ? (condition.reason ?? '') : `${condition.status}:${condition.reason}`;
  const lastScale = hpaStatus.lastScaleTime ? (Date.parse(hpaStatus.lastScaleTime) - t0) / 1000 : null;
  return {
    t: Math.round(t * 10) / 10,
    load: loadAtPoints(run.curve.points, t),
    replicas: deploy.spec.replicas,
    ready: pods.filter(isReady).length,
    pods: pods.filter((pod) => !pod.metadata.deletionTimestamp).length,
    desired: hpaStatus.desiredReplicas ?? null,
    utilization: hpaStatus.currentMetrics?.[0]?.resource?.current?.averageUtilization ?? null,
    conditions,
    lastScaleTime: lastScale === null ? null : Math.round(lastScale * 10) / 10,
  };
}

async function metricTimestamps(namespace: string): Promise<number[]> {
  try {
    const list = await api<{ items: { timestamp: string; window: string }[] }>(
      'GET',
      `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`,
    );
    return list.items.map((item) => Date.parse(item.timestamp));
  } catch {
    return [];
  }
}

/** One sample per sync period: the last sample at or before each multiple of the period. */
function downsample(samples: Sample[], period: number, duration: number): Sample[] {
  const kept: Sample[] = [];
  let i = 0;
  for (let t = 0; t <= duration; t += period) {
    while (i + 1 < samples.length && (samples[i + 1] as Sample).t <= t) i++;
    const candidate = samples[i];
    if (candidate && candidate.t <= t + 0.5 && kept[kept.length - 1] !== candidate) kept.push({ ...candidate, t });
  }
  return kept;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const curveNames = option('--curves')?.split(',') ?? curves.map((curve) => curve.name);
  const behaviorNames = option('--behaviors')?.split(',') ?? behaviorPresets.map((preset) => preset.name);
  const out = option('--out') ?? defaultOut;
  const prefix = option('--prefix') ?? 'parity';
  if (!/^parity(-[a-z0-9]+)*$/.test(prefix)) throw new Error('--prefix must start with "parity"');
  const syncPeriodSeconds = 5;
  const metricResolutionSeconds = 15;

  const proxy = await startProxy();
  const runs: Run[] = [];
  try {
    for (const curveName of curveNames) {
      const curve = curves.find((c) => c.name === curveName);
      if (!curve) throw new Error(`unknown curve ${curveName}`);
      for (const behaviorName of behaviorNames) {
        const preset = findPreset(behaviorName);
        if (!preset) throw new Error(`unknown behavior ${behaviorName}`);
        runs.push({
          curve,
          behavior: preset.name,
          hpaBehavior: preset.behavior,
          namespace: `${prefix}-${curve.name}-${preset.name}`,
          samples: [],
          metricTimes: new Set(),
          startReplicas: 1,
          patches: 0,
        });
      }
    }
    console.error(`setting up ${runs.length} namespaces`);
    await Promise.all(
      runs.map(async (run) => {
        await recreateNamespace(run.namespace);
        const startLoad = loadAtPoints(run.curve.points, 0);
        await api('POST', `/apis/apps/v1/namespaces/${run.namespace}/deployments`, deployment(run.namespace, startLoad));
        await api('POST', `/apis/autoscaling/v2/namespaces/${run.namespace}/horizontalpodautoscalers`, hpa(run.namespace, run.hpaBehavior));
      }),
    );
    // Warm-up at the starting load until every HPA reports a metric (ScalingActive=True), then start all curves together.
    const warmupDeadline = Date.now() + 300_000;
    for (;;) {
      const states = await Promise.all(
        runs.map(async (run) => {
          await drive(run, 0);
          const status =
            (await api<HpaState>('GET', `/apis/autoscaling/v2/namespaces/${run.namespace}/horizontalpodautoscalers/web`)).status ?? {};
          const deploy = await api<DeploymentState>('GET', `/apis/apps/v1/namespaces/${run.namespace}/deployments/web`);
          run.startReplicas = deploy.spec.replicas;
          return (
            status.currentMetrics?.[0]?.resource?.current?.averageUtilization !== undefined &&
            (deploy.status?.readyReplicas ?? 0) === deploy.spec.replicas
          );
        }),
      );
      if (states.every(Boolean)) break;
      if (Date.now() > warmupDeadline) throw new Error('HPAs did not report metrics within 300 s');
      await sleep(1000);
    }
    // Let one more sync pass at the starting load so the controller's recommendation history holds it.
    for (let i = 0; i < 6; i++) {
      await Promise.all(runs.map((run) => drive(run, 0)));
      await sleep(1000);
    }
    const t0 = Date.now();
    const duration = Math.max(...runs.map((run) => run.curve.durationSeconds));
    console.error(`t0=${new Date(t0).toISOString()}; recording ${duration} s`);
    let tick = 0;
    while (Date.now() - t0 <= duration * 1000) {
      const t = (Date.now() - t0) / 1000;
      await Promise.all(
        runs.map(async (run) => {
          if (t > run.curve.durationSeconds) return;
          try {
            const pods = await drive(run, t);
            run.samples.push(await sample(run, t, t0, pods));
            if (tick % 2 === 0) for (const ts of await metricTimestamps(run.namespace)) run.metricTimes.add(ts);
          } catch (error) {
            console.error(`${run.namespace} t=${t.toFixed(1)}: ${String(error)}`);
          }
        }),
      );
      if (tick % 30 === 0) {
        console.error(
          `t=${t.toFixed(0)} ${runs.map((run) => `${run.curve.name}/${run.behavior}:${run.samples[run.samples.length - 1]?.replicas ?? '?'}`).join(' ')}`,
        );
      }
      tick++;
      const next = t0 + tick * 1000;
      await sleep(Math.max(0, next - Date.now()));
    }
    mkdirSync(out, { recursive: true });
    for (const run of runs) {
      const scrapes = [...run.metricTimes]
        .map((ts) => Math.round((ts - t0) / 100) / 10)
        .filter((s) => s > -60)
        .sort((a, b) => a - b);
      const fixture = {
        curve: run.curve.name,
        behavior: run.behavior,
        description: run.curve.description,
        recordedAt: new Date(t0).toISOString(),
        testbed: 'kube-apiserver/kube-controller-manager 1.36.1, kwok 0.8.0, metrics-server 0.8.0 (--metric-resolution=15s)',
        syncPeriodSeconds,
        metricResolutionSeconds,
        hpa: hpa(run.namespace, run.hpaBehavior).spec,
        podRequests: { cpu: hpaSpec.cpuRequestMilli / 1000 },
        startReplicas: run.startReplicas,
        durationSeconds: run.curve.durationSeconds,
        load: run.curve.points,
        scrapeTimes: [...new Set(scrapes)],
        patches: run.patches,
        samples: downsample(run.samples, syncPeriodSeconds, run.curve.durationSeconds),
      };
      const file = join(out, `${run.curve.name}-${run.behavior}.json`);
      writeFileSync(file, `${JSON.stringify(fixture, null, 0).replace(/\{"t":/g, '\n{"t":')}\n`);
      console.error(`wrote ${file} (${fixture.samples.length} samples, ${run.patches} usage patches)`);
    }
    if (!args.includes('--keep'))
      await Promise.all(runs.map((run) => api('DELETE', `/api/v1/namespaces/${run.namespace}`).catch(() => undefined)));
  } finally {
    proxy.kill();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
