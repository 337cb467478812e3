// An HPA and its events as captured from the test bed's HPA controller (test/fixtures/timeline/), and the time of
// the newest event: the inputs of the timeline's tests.
import { readFileSync } from 'node:fs';
import type { HorizontalPodAutoscaler, KubeEvent } from '../../src/k8s/types.ts';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../fixtures/timeline/${name}`, import.meta.url), 'utf8')) as T;

export const capturedHpa = fixture<HorizontalPodAutoscaler>('capture-hpa.json');
export const capturedEvents = fixture<KubeEvent[]>('capture-events.json');
/** When the newest captured event happened. */
export const lastCapturedEvent = new Date(
  Date.parse(
    capturedEvents
      .map((e) => e.lastTimestamp!)
      .sort()
      .at(-1)!,
  ),
);
