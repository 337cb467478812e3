import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineView } from '../../../src/apply/timeline.ts';
import { completeTimeline, validateTimeline } from '../../../src/cli/commands/timeline.ts';
import { plainPaint } from '../../../src/cli/render/paint.ts';
import { renderTimeline } from '../../../src/cli/render/timeline.ts';
import { buildTimeline } from '../../../src/hpa/timeline.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { capturedEvents, capturedHpa, lastCapturedEvent } from '../../support/timeline-capture.ts';

const hpa = capturedHpa;
const events = capturedEvents;
const last = lastCapturedEvent;

function render(now: Date, withEvents: boolean): string {
  const view: TimelineView = {
    ...buildTimeline({
      hpa,
      events: withEvents ? events.filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler') : [],
      targetEvents: withEvents ? events.filter((e) => e.involvedObject.kind === 'Deployment') : [],
      now,
    }),
    targets: 'cpu: 10%/60%',
  };
  return renderTimeline(view, now, plainPaint, 160);
}

const usage = (error: unknown) => error instanceof UserError && error.exitCode === ExitCode.usage;

describe('timeline for a terminal', () => {
  it('prints each rescale as a row and a chart of the replicas, with no note while nothing expired', () => {
    const text = render(new Date(last.getTime() + 60_000), true);
    assert.match(text, /scale up +1 → 4 +cpu above 60% \(> 180%\)/);
    assert.match(text, /scale down +6 → 1 +all metrics below target +reached minReplicas 1/);
    assert.match(text, /replicas since /);
    assert.doesNotMatch(text, /expired/);
  });

  it('says plainly when the events have expired, and what the status still tells', () => {
    const text = render(new Date(last.getTime() + 2 * 3600_000), false);
    assert.match(text, /have expired: the API server keeps events about 1 h .*none is left for this HPA/);
    assert.match(text, /The last rescale \(.*\) has no event left; the status still tells: now 1 replica,/);
    assert.match(text, /last rescale \(status\)/);
  });
});

describe('timeline options', () => {
  it('refuses -A, a bad --since and a name that is no object name, before any request', () => {
    assert.throws(() => validateTimeline(completeTimeline('web', {}, { allNamespaces: true })), usage);
    assert.throws(() => validateTimeline(completeTimeline('web', { since: 'yesterday' }, {})), usage);
    assert.throws(() => validateTimeline(completeTimeline('web', { since: '0s' }, {})), usage);
    assert.throws(() => validateTimeline(completeTimeline('Web/1', {}, {})), usage);
    assert.deepEqual(validateTimeline(completeTimeline('web', { since: '30m', watch: true }, { output: 'json' })), {
      name: 'web',
      sinceSeconds: 1800,
      watch: true,
      output: 'json',
    });
  });
});
