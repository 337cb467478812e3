// Key-press-to-frame time of the TUI over 10,000 workloads (target ≤ 16 ms), and the time to the first frame.
//
//   node --import tsx bench/tui.ts [--workloads 10000] [--presses 200]
//
// Each key is written to stdin and timed until Ink writes the next frame to stdout; keys are spaced past Ink's
// frame throttle (30 fps), so each one measures the work it causes, not the wait for the next frame slot.
import { PassThrough, Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { KubeObject } from '../src/k8s/types.ts';
import { snapshotFromObjects } from '../src/snapshot/from-objects.ts';
import { themeFor } from '../src/tui/theme.ts';

// React's production build, as the bundle runs it (scripts/build.mjs): React reads this when it is first loaded.
process.env.NODE_ENV ??= 'production';
const { render } = await import('ink');
const { createElement } = await import('react');
const { AppContainer } = await import('../src/tui/AppContainer.tsx');

const { values } = parseArgs({
  options: {
    workloads: { type: 'string', default: '10000' },
    presses: { type: 'string', default: '200' },
  },
});
const workloadCount = Number(values.workloads);
const pressCount = Number(values.presses);
const namespaces = 10;
const targetMs = 16;
const terminal = { columns: 200, rows: 50 };

// An Available metrics-server, so the HPAs' findings come from the workloads, not from a missing API.
const metricsApi = {
  apiVersion: 'apiregistration.k8s.io/v1',
  kind: 'APIService',
  metadata: { name: 'v1beta1.metrics.k8s.io' },
  status: { conditions: [{ type: 'Available', status: 'True' }] },
};

/**
 * Deployments with an HPA each, shaped like bench/doctor.ts's, so the doctor finds something on most of them: every
 * other one without anti-affinity, every third with minReplicas 1, every fifth with a sidecar that requests no CPU,
 * every seventh without a PodDisruptionBudget.
 */
function workloadObjects(count: number): KubeObject[] {
  const workloads = Array.from({ length: count }, (_, n) => {
    const namespace = `bench-${n % namespaces}`;
    const i = Math.floor(n / namespaces);
    const app = `app-${i}`;
    const labels = { app, tier: i % 2 ? 'web' : 'worker' };
    const antiAffinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } } },
        ],
      },
    };
    const containers = [
      {
        name: 'app',
        image: 'registry.example/app:1.0',
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      },
      ...(i % 5 === 0 ? [{ name: 'sidecar', image: 'registry.example/proxy:1.0' }] : []),
    ];
    return [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: app, namespace, uid: `uid-${n}`, labels },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app } },
          template: { metadata: { labels }, spec: { ...(i % 2 ? { affinity: antiAffinity } : {}), containers } },
        },
        status: { replicas: 3, readyReplicas: 3 },
      },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: app, namespace },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
          minReplicas: i % 3 ? 2 : 1,
          maxReplicas: 10,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        },
        status: { currentReplicas: 3, desiredReplicas: 3 },
      },
      ...(i % 7
        ? [
            {
              apiVersion: 'policy/v1',
              kind: 'PodDisruptionBudget',
              metadata: { name: app, namespace },
              spec: { maxUnavailable: 1, selector: { matchLabels: { app } } },
            },
          ]
        : []),
    ];
  });
  return [...workloads.flat(), metricsApi] as unknown as KubeObject[];
}

// Ink closes each frame's synchronized update with this sequence: from then on the terminal shows the frame.
const endOfFrame = '\u001b[?2026l';
let lastFrame = '';
let pendingFrame = '';
let frameWaiter: ((at: number) => void) | null = null;
function onWrite(text: string): void {
  if (text !== endOfFrame) {
    pendingFrame += text;
    return;
  }
  const at = performance.now();
  lastFrame = pendingFrame;
  pendingFrame = '';
  frameWaiter?.(at);
  frameWaiter = null;
}

// Ink's real render into a fake 200×50 terminal rather than ink-testing-library, whose debug mode writes every
// commit unthrottled and undiffed into a 100-column, row-less stream: here the frame is the one a terminal gets.
const terminalOutput = new Writable({
  decodeStrings: false,
  write(chunk, _encoding, done) {
    onWrite(String(chunk));
    done();
  },
});
const stdout = Object.assign(terminalOutput, { isTTY: true, ...terminal });
const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });

/** Resolves with the time the next frame is written; rejects when none comes, which means the render broke. */
function nextFrame(timeoutMs = 5_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms; last frame:\n${lastFrame}`)), timeoutMs);
    frameWaiter = (at) => {
      clearTimeout(timer);
      resolve(at);
    };
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const keyCodes = { pageDown: '\u001b[6~', pageUp: '\u001b[5~', enter: '\r', escape: '\u001b', tab: '\t' };

interface Press {
  kind: string;
  key: string;
}

const press = (kind: string, ...sequence: string[]): Press[] => sequence.map((key) => ({ kind, key }));

// One round of 25 presses; every press changes the frame (none runs into the top or bottom of the list).
const round: Press[] = [
  ...press('down j', 'j', 'j', 'j', 'j', 'j'),
  ...press('up k', 'k', 'k', 'k'),
  ...press('page down', keyCodes.pageDown, keyCodes.pageDown),
  ...press('page up', keyCodes.pageUp),
  ...press('last row G', 'G'),
  ...press('up k', 'k'),
  ...press('first row g', 'g'),
  ...press('down j', 'j'),
  ...press('filter /', '/'),
  ...press('filter typing', 'a', 'p', 'p', '-', '7'),
  ...press('enter: end filter', keyCodes.enter),
  ...press('enter: open detail', keyCodes.enter),
  ...press('esc: back to list', keyCodes.escape),
  ...press('esc: clear filter', keyCodes.escape),
  ...press('tab: sort', keyCodes.tab),
];
const presses = Array.from({ length: pressCount }, (_, i) => round[i % round.length]!);

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

const snapshot = snapshotFromObjects(workloadObjects(workloadCount));
const rowsShown = new RegExp(`\\b${workloadCount} workloads`);

const renderStarted = performance.now();
const firstFrame = nextFrame();
const app = render(
  createElement(AppContainer, {
    load: () => Promise.resolve(snapshot),
    theme: themeFor(process.env),
    context: 'bench',
    namespace: null,
    readOnly: false,
    refreshMs: 0,
  }),
  { stdout, stdin, stderr: process.stderr, interactive: true, patchConsole: false, exitOnCtrlC: false },
);
const firstFrameMs = (await firstFrame) - renderStarted;
while (!rowsShown.test(lastFrame)) await nextFrame(30_000);
const rowsFrameMs = performance.now() - renderStarted;

const timings = new Map<string, number[]>();
for (const { kind, key } of presses) {
  await sleep(40);
  const frame = nextFrame();
  const pressed = performance.now();
  stdin.write(key);
  const ms = (await frame) - pressed;
  timings.set(kind, [...(timings.get(kind) ?? []), ms]);
}
app.unmount();

const all = [...timings.values()].flat();
const printRow = (label: string, ms: readonly number[]) =>
  console.log(
    label.padEnd(22),
    String(ms.length).padStart(7),
    ...[percentile(ms, 0.5), percentile(ms, 0.95), Math.max(...ms)].map((value, i) => value.toFixed(1).padStart(i ? 8 : 9)),
  );
console.log(
  `tui: ${snapshot.deployments.length} Deployments + ${snapshot.hpas.length} HPAs in ${namespaces} namespaces, ${terminal.columns}×${terminal.rows} terminal; ${all.length} key presses`,
);
console.log(
  `first frame ${firstFrameMs.toFixed(1)} ms; first frame with the ${workloadCount} rows ${rowsFrameMs.toFixed(1)} ms (doctor included)`,
);
console.log('key press-to-frame'.padEnd(22), 'presses'.padStart(7), 'median ms'.padStart(9), 'p95 ms'.padStart(8), 'max ms'.padStart(8));
for (const [kind, ms] of timings) printRow(kind, ms);
printRow('all', all);
const median = percentile(all, 0.5);
console.log(`target median <= ${targetMs} ms at ${workloadCount} rows: ${median <= targetMs ? 'met' : 'MISSED'} (${median.toFixed(1)} ms)`);
const slowKinds = [...timings].filter(([, ms]) => percentile(ms, 0.5) > targetMs).map(([kind]) => kind);
if (slowKinds.length) console.log(`over ${targetMs} ms (median): ${slowKinds.join(', ')}`);
// A lone ESC byte could start an escape sequence: Ink waits for more before it calls it a key.
console.log("esc includes Ink's 20 ms wait for the rest of an escape sequence");
