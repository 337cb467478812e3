// Start-up of the launcher (bin/kubectl-scale_ha) against `node -e 0` in the same run, interleaved so
// a busy machine slows all alike: median wall time of each, and peak RSS (GNU time).
//   node --import tsx bench/startup.ts [--runs 15] [--namespace shop]
// `doctor -n NAMESPACE` runs too when KUBECONFIG names a reachable cluster (e.g. `eval "$(scripts/testbed env)"`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, namespace: { type: 'string', default: 'shop' } } });
const runs = Number(values.runs);
const root = join(import.meta.dirname, '..');
const launcher = join(root, 'bin', 'kubectl-scale_ha');
const gnuTime = '/usr/bin/time';

if (!existsSync(join(root, 'dist', 'kubectl-scale_ha.mjs'))) throw new Error('dist/ is not built: run scripts/setup first');
if (!existsSync(gnuTime)) throw new Error('GNU time is missing (apt-get install time)');

interface Case {
  label: string;
  argv: string[];
  times: number[];
  rssKb: number[];
}

const node = process.execPath;
const cases: Case[] = [
  { label: 'node -e 0', argv: [node, '-e', '0'], times: [], rssKb: [] },
  { label: 'kubectl-scale_ha --help', argv: [launcher, '--help'], times: [], rssKb: [] },
  { label: 'kubectl-scale_ha version --client', argv: [launcher, 'version', '--client'], times: [], rssKb: [] },
];

function clusterReachable(): boolean {
  if (!process.env.KUBECONFIG) return false;
  return spawnSync(launcher, ['version', '--request-timeout', '3s'], { stdio: 'ignore' }).status === 0;
}
const doctorLabel = `kubectl-scale_ha doctor -n ${values.namespace}`;
if (clusterReachable())
  cases.push({ label: doctorLabel, argv: [launcher, 'doctor', '-n', values.namespace, '--fail-on', 'none'], times: [], rssKb: [] });
else console.log(`${doctorLabel}: skipped (KUBECONFIG unset or its cluster unreachable)`);

function measure(c: Case): void {
  const start = performance.now();
  const result = spawnSync(gnuTime, ['-f', '%M', ...c.argv], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${c.label} exited ${result.status}: ${result.stderr}`);
  c.times.push(elapsed);
  c.rssKb.push(Number(result.stderr.trim().split('\n').at(-1)));
}

// One warm-up each: the compile cache and the page cache are filled once, as after the first real use.
for (const c of cases) measure(c);
for (const c of cases) c.times.length = c.rssKb.length = 0;
for (let i = 0; i < runs; i++) for (const c of cases) measure(c);

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const baseline = median(cases[0]!.times);
console.log(`${runs} runs each, interleaved, after one warm-up; node ${process.version}`);
console.log(
  `${'command'.padEnd(40)}${'median ms'.padStart(10)}${'min ms'.padStart(9)}${'× node -e 0'.padStart(13)}${'peak RSS MiB'.padStart(14)}`,
);
for (const c of cases) {
  const m = median(c.times);
  const ratio = (m / baseline).toFixed(2);
  const rss = (Math.max(...c.rssKb) / 1024).toFixed(1);
  console.log(
    `${c.label.padEnd(40)}${m.toFixed(1).padStart(10)}${Math.min(...c.times)
      .toFixed(1)
      .padStart(9)}${ratio.padStart(13)}${rss.padStart(14)}`,
  );
}
for (const c of cases.slice(1, 3)) {
  const ratio = median(c.times) / baseline;
  console.log(`target ${c.label} median <= 3x node -e 0: ${ratio <= 3 ? 'met' : 'not met'} (${ratio.toFixed(2)}x)`);
}
const doctor = cases.find((c) => c.label === doctorLabel);
if (doctor) {
  const ms = median(doctor.times);
  console.log(`target ${doctorLabel} median <= 150 ms: ${ms <= 150 ? 'met' : 'not met'} (${ms.toFixed(1)} ms)`);
}
