// Journal entries for tests: `kubectl scale-ha patch hpa web --max 10` (shop/web, 8 → 10) as the pipeline journals it.
import type { PatchEntry } from '../../src/apply/journal.ts';
import type { HorizontalPodAutoscaler } from '../../src/k8s/types.ts';
import type { ObjectRef } from '../../src/plan/types.ts';
import { fixture } from '../unit/plan/fixtures.ts';

export const webHpaRef: ObjectRef = {
  group: 'autoscaling',
  version: 'v2',
  resource: 'horizontalpodautoscalers',
  kind: 'HorizontalPodAutoscaler',
  namespace: 'shop',
  name: 'web',
};

/** The entry with id `id` at second `second` of 2026-11-25 10:00 UTC, in context "fake"; `extra` overrides any field. */
export function maxEntry(id: string, second: number, extra: Partial<PatchEntry> = {}): PatchEntry {
  const hpa = fixture<HorizontalPodAutoscaler>('hpa-web.yaml');
  return {
    id,
    kind: 'patch',
    state: 'applied',
    time: `2026-11-25T10:00:${String(second).padStart(2, '0')}.000Z`,
    context: 'fake',
    server: 'https://x',
    user: 'alice',
    command: 'kubectl scale-ha patch hpa web --max 10',
    ref: webHpaRef,
    patchType: 'strategic',
    patch: { spec: { maxReplicas: 10 } },
    summary: ['spec.maxReplicas: 8 → 10'],
    before: hpa,
    after: { ...hpa, spec: { ...hpa.spec, maxReplicas: 10 } } as HorizontalPodAutoscaler,
    ...extra,
  };
}
