// Small builders shared by the HPA tests.
import type { LoadSeries } from '../../../src/hpa/load.ts';
import type { MetricSpec } from '../../../src/k8s/types.ts';

export const cpuUtilization = (averageUtilization: number): MetricSpec[] => [
  { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } },
];

/** A load that is `points[i][1]` from `points[i][0]` seconds on. */
export function series(...points: [number, number][]): LoadSeries {
  return { times: Float64Array.from(points.map(([t]) => t)), loads: Float64Array.from(points.map(([, load]) => load)) };
}

export const constant = (load: number): LoadSeries => series([0, load]);
