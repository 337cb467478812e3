// Benchmark: `kubectl scale-ha doctor -A` against `kubectl get deploy,sts,hpa,pdb,pods -A -o json`
// on a kwok cluster holding 10,000 Deployments (+ their ReplicaSets), 10,000 HPAs and 30,000 pods.
//
//   eval "$(scripts/testbed env)"; node --import tsx bench/doctor.ts [--scale 1] [--runs 3] [--keep]
//
// It runs its own cluster (etcd + kube-apiserver only, so no controller churns the objects), named
// scale-ha-bench, fills it once (a marker ConfigMap says it is full) and deletes it unless --keep.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { KubeClient } from '../src/kube/client.ts';
import { loadKubeconfig } from '../src/kube/kubeconfig.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    revisions: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
// Old ReplicaSets a Deployment keeps (revisionHistoryLimit, 10 by default): scaled to 0, still listed.
const oldRevisions = Number(values.revisions) - 1;
const scale = Number(values.scale);
const runs = Number(values.runs);
const namespaces = 10;
const perNamespace = Math.round(1000 * scale);
const nodesCount = 50;
const markerName = `bench-filled-${String(scale).replace('.', '-')}-r${values.revisions}`;

const cache =
  process.env.SCALE_HA_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/root', '.cache'), 'kubectl-scale-ha');
const versions = Object.fromEntries(
  (await import('node:fs'))
    .readFileSync(new URL('../testbed/versions.env', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line) => line.split('=') as [string, string]),
);
const tools = join(cache, 'tools');
const name = 'scale-ha-bench';
const clusterDir = join(cache, 'clusters', name);
const kubeconfig = join(clusterDir, 'kubeconfig');
const env = { ...process.env, KWOK_WORKDIR: join(cache, 'kwok') };
const kwokctl = join(tools, `kwokctl-${versions.KWOK_VERSION}`);

async function createCluster(): Promise<void> {
  mkdirSync(clusterDir, { recursive: true });
  const existing = await execa(kwokctl, ['get', 'clusters'], { env, reject: false });
  if (String(existing.stdout).split('\n').includes(name)) return;
  console.error(`creating cluster ${name} (etcd + kube-apiserver)`);
  await execa(
    kwokctl,
    [
      '--name',
      name,
      'create',
      'cluster',
      '--runtime',
      'binary',
      '--kube-apiserver-binary',
      join(tools, `kube-apiserver-${versions.K8S_VERSION}`),
      '--etcd-binary',
      join(tools, `etcd-${versions.ETCD_VERSION}`),
      '--kwok-controller-binary',
      join(tools, `kwok-${versions.KWOK_VERSION}`),
      '--kube-controller-manager-binary',
      join(tools, `kube-controller-manager-${versions.K8S_VERSION}`),
      '--kube-scheduler-binary',
      join(tools, `kube-scheduler-${versions.K8S_VERSION}`),
      '--disable',
      'kube-controller-manager',
      '--disable',
      'kube-scheduler',
      '--disable',
      'kwok-controller',
      '--kubeconfig',
      kubeconfig,
      '--wait',
      '2m',
    ],
    { env, stdio: 'inherit' },
  );
}

/** Runs tasks with at most `width` in flight. */
async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

const nodeStatus = {
  capacity: { cpu: '64', memory: '256Gi', pods: '1000' },
  allocatable: { cpu: '64', memory: '256Gi', pods: '1000' },
  conditions: [
    {
      type: 'Ready',
      status: 'True',
      reason: 'KubeletReady',
      lastHeartbeatTime: '2026-11-25T00:00:00Z',
      lastTransitionTime: '2026-11-25T00:00:00Z',
    },
  ],
};

async function fill(client: KubeClient): Promise<void> {
  const marker = await client.request('GET', `/api/v1/namespaces/default/configmaps/${markerName}`).then(
    () => true,
    () => false,
  );
  if (marker) return;
  console.error(`filling: ${namespaces * perNamespace} Deployments, ReplicaSets and HPAs, ${namespaces * perNamespace * 3} pods`);
  const started = Date.now();
  const post = (path: string, body: unknown) => client.request<{ metadata: { uid: string } }>('POST', path, { body });
  await pool(
    Array.from({ length: nodesCount }, (_, i) => i),
    16,
    (i) =>
      post('/api/v1/nodes', {
        metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
      }).then(() =>
        // Status is ignored on create; a kubelet (here: us) reports capacity through the status subresource.
        client
          .request('PATCH', `/api/v1/nodes/node-${i}/status`, { body: { status: nodeStatus }, contentType: 'application/merge-patch+json' })
          .then(() => undefined),
      ),
  );
  for (let n = 0; n < namespaces; n++) {
    const ns = `bench-${n}`;
    await post('/api/v1/namespaces', { metadata: { name: ns } });
    // No controller-manager: create the default ServiceAccount pods are admitted against.
    await post(`/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: 'default' } });
    await pool(
      Array.from({ length: perNamespace }, (_, i) => i),
      32,
      async (i) => {
        const app = `app-${i}`;
        const labels = { app, tier: i % 2 ? 'web' : 'worker' };
        const podSpec = {
          automountServiceAccountToken: false,
          ...(i % 2
            ? {
                affinity: {
                  podAntiAffinity: {
                    preferredDuringSchedulingIgnoredDuringExecution: [
                      { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } } },
                    ],
                  },
                },
              }
            : {}),
          containers: [
            {
              name: 'app',
              image: 'registry.example/app:1.0',
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
              env: [{ name: 'MODE', value: 'bench' }],
            },
            ...(i % 5 === 0 ? [{ name: 'sidecar', image: 'registry.example/proxy:1.0' }] : []),
          ],
        };
        const deployment = await post(`/apis/apps/v1/namespaces/${ns}/deployments`, {
          metadata: { name: app, labels },
          spec: { replicas: 3, selector: { matchLabels: { app } }, template: { metadata: { labels }, spec: podSpec } },
        });
        const rs = await post(`/apis/apps/v1/namespaces/${ns}/replicasets`, {
          metadata: {
            name: `${app}-5d9c`,
            labels,
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: deployment.metadata.uid, controller: true }],
          },
          spec: { replicas: 3, selector: { matchLabels: { app } }, template: { metadata: { labels }, spec: podSpec } },
        });
        for (let r = 1; r <= oldRevisions; r++) {
          await post(`/apis/apps/v1/namespaces/${ns}/replicasets`, {
            metadata: {
              name: `${app}-old${r}`,
              labels,
              ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: deployment.metadata.uid, controller: true }],
            },
            spec: { replicas: 0, selector: { matchLabels: { app } }, template: { metadata: { labels }, spec: podSpec } },
          });
        }
        for (let p = 0; p < 3; p++) {
          await post(`/api/v1/namespaces/${ns}/pods`, {
            metadata: {
              name: `${app}-5d9c-${p}`,
              labels,
              ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-5d9c`, uid: rs.metadata.uid, controller: true }],
            },
            spec: { ...podSpec, nodeName: `node-${(i * 3 + p) % nodesCount}` },
          });
        }
        await post(`/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`, {
          metadata: { name: app },
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
            minReplicas: i % 3 ? 2 : 1,
            maxReplicas: 10,
            metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
          },
        });
        if (i % 10 === 0)
          await post(`/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, {
            metadata: { name: app },
            spec: { maxUnavailable: 1, selector: { matchLabels: { app } } },
          });
      },
    );
    console.error(`  ${ns} done (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await post('/api/v1/namespaces/default/configmaps', { metadata: { name: markerName }, data: { scale: String(scale) } });
}

interface Measure {
  seconds: number;
  rssMb: number;
  requests: number;
}

/** Wall time and peak RSS from GNU time; request count from the trace lines on stderr. */
async function measure(command: string, args: string[], extraEnv: NodeJS.ProcessEnv, requestPattern: RegExp): Promise<Measure> {
  const result = await execa('/usr/bin/time', ['-f', 'TIME %e %M', command, ...args], {
    env: { ...process.env, ...extraEnv, KUBECONFIG: kubeconfig },
    reject: false,
    stdout: 'ignore',
    maxBuffer: 1e9,
  });
  const stderr = String(result.stderr);
  const time = /TIME ([\d.]+) (\d+)/.exec(stderr);
  if (!time || result.exitCode === undefined || (result.exitCode !== 0 && result.exitCode !== 3))
    throw new Error(`${command} ${args.join(' ')} failed (${result.exitCode}):\n${stderr.slice(-2000)}`);
  return {
    seconds: Number(time[1]),
    rssMb: Number(time[2]) / 1024,
    requests: stderr.split('\n').filter((line) => requestPattern.test(line)).length,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

await createCluster();
const client = new KubeClient(loadKubeconfig({ kubeconfig }), {});
await fill(client);

const subjects = [
  {
    label: 'kubectl scale-ha doctor -A -o json',
    command: 'kubectl',
    args: ['scale-ha', 'doctor', '-A', '-o', 'json'],
    env: { SCALE_HA_TRACE: '1' },
    pattern: /^\[api\] GET /,
  },
  {
    label: 'kubectl get deploy,sts,hpa,pdb,pods -A -o json',
    command: 'kubectl',
    args: ['get', 'deploy,sts,hpa,pdb,pods', '-A', '-o', 'json', '-v=6'],
    env: {},
    pattern: /verb="GET"|GET https:\/\/\S+ 200/,
  },
];
const results = new Map<string, Measure[]>();
for (let run = 0; run < runs; run++) {
  for (const subject of subjects) {
    const m = await measure(subject.command, subject.args, subject.env, subject.pattern);
    results.set(subject.label, [...(results.get(subject.label) ?? []), m]);
  }
}
console.log(
  `doctor benchmark: ${namespaces * perNamespace} Deployments + ${namespaces * perNamespace * (oldRevisions + 1)} ReplicaSets, ${namespaces * perNamespace} HPAs, ${namespaces * perNamespace * 3} pods, ${nodesCount} nodes; median of ${runs} runs`,
);
console.log('command'.padEnd(50), 'wall s'.padStart(8), 'peak RSS MB'.padStart(12), 'requests'.padStart(9));
const figures = subjects.map((s) => {
  const list = results.get(s.label)!;
  const row = {
    seconds: median(list.map((m) => m.seconds)),
    rssMb: median(list.map((m) => m.rssMb)),
    requests: median(list.map((m) => m.requests)),
  };
  console.log(s.label.padEnd(50), row.seconds.toFixed(2).padStart(8), row.rssMb.toFixed(0).padStart(12), String(row.requests).padStart(9));
  return row;
});
console.log(
  `ratio doctor/kubectl wall time: ${(figures[0]!.seconds / figures[1]!.seconds).toFixed(2)} (target <= 1.2); doctor peak RSS ${figures[0]!.rssMb.toFixed(0)} MB (target <= 400)`,
);
if (!values.keep) await execa(kwokctl, ['--name', name, 'delete', 'cluster'], { env, stdio: 'inherit' });
