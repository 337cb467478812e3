// 1,000 HPAs × 24 h at 15 s syncs through the simulator; prints wall time (target < 1 s) and steps per second.
import { performance } from 'node:perf_hooks';
import { findPreset } from '../src/hpa/presets.ts';
import { loadPattern, type LoadPatternName } from '../src/hpa/load.ts';
import { compileSimulation, runSimulation, type SimulationInput } from '../src/hpa/simulator.ts';

const hpaCount = 1000;
const durationSeconds = 24 * 3600;
const patterns: LoadPatternName[] = ['diurnal', 'spike', 'ramp'];
const behaviors = ['kubernetes-default', 'apigee-default', 'apigee-more-aggressive', 'apigee-less-aggressive'].map(
  (name) => findPreset(name)!.behavior,
);

// Varied scenarios, built before the clock starts: the benchmark measures the decision loop.
const scenarios = Array.from({ length: hpaCount }, (_, i) => {
  const maxReplicas = 4 + (i % 60);
  const load = loadPattern(patterns[i % patterns.length]!, { durationSeconds, base: 0.5, peak: maxReplicas * 0.7, stepSeconds: 60 });
  const input: SimulationInput = {
    minReplicas: 1 + (i % 3),
    maxReplicas,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 + (i % 30) } } }],
    behavior: behaviors[i % behaviors.length],
    load,
    durationSeconds,
    startupDelaySeconds: (i % 4) * 15,
  };
  return { compiled: compileSimulation(input), load };
});

const start = performance.now();
let steps = 0;
let checksum = 0;
for (const { compiled, load } of scenarios) {
  const trace = runSimulation(compiled, load);
  steps += trace.time.length;
  checksum += trace.replicas[trace.replicas.length - 1] ?? 0;
}
const seconds = (performance.now() - start) / 1000;
console.log(
  `simulate: ${hpaCount} HPAs × 24 h at 15 s = ${steps.toLocaleString('en')} steps in ${seconds.toFixed(3)} s (${Math.round(steps / seconds).toLocaleString('en')} steps/s), checksum ${checksum}`,
);
console.log(seconds < 1 ? 'target < 1 s: met' : 'target < 1 s: MISSED');
