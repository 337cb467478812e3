import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { innermostCause, parseHpaEvent, parseMetricName, parseReplicaSetScaling } from '../../../src/hpa/event-messages.ts';
import { buildTimeline, type HpaTimeline, replicaSteps } from '../../../src/hpa/timeline.ts';
import type { HorizontalPodAutoscaler, KubeEvent } from '../../../src/k8s/types.ts';

// Captured from the test bed: a Deployment at 200 % of its CPU request under an HPA (min 1, max 6, target 60 %) that
// scaled 1 → 4, then max lowered to 3, raised to 6 again, then usage dropped to 10 %; and the demo's HPA whose pods
// have no CPU request.
const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../fixtures/timeline/${name}`, import.meta.url), 'utf8')) as T;
const captureHpa = fixture<HorizontalPodAutoscaler>('capture-hpa.json');
const captureEvents = fixture<KubeEvent[]>('capture-events.json');
const hpaEvents = captureEvents.filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler');
const deploymentEvents = captureEvents.filter((e) => e.involvedObject.kind === 'Deployment');
const brokenHpa = fixture<HorizontalPodAutoscaler>('broken-hpa.json');
const brokenEvents = fixture<KubeEvent[]>('broken-events.json');

const at = (time: string, seconds = 0) => new Date(Date.parse(time) + seconds * 1000);
const lastEventTime = captureEvents
  .map((e) => e.lastTimestamp!)
  .sort()
  .at(-1)!;
const rescales = (timeline: HpaTimeline) => timeline.rows.filter((r) => r.kind === 'rescale');

function event(reason: string, message: string, time: string, extra: Partial<KubeEvent> = {}): KubeEvent {
  return {
    metadata: { name: `web.${time}`, namespace: 'shop' },
    involvedObject: { kind: 'HorizontalPodAutoscaler', name: 'web' },
    reason,
    message,
    type: reason.startsWith('Failed') ? 'Warning' : 'Normal',
    count: 1,
    firstTimestamp: time,
    lastTimestamp: time,
    ...extra,
  };
}

function scaledReplicaSet(from: number, to: number, time: string): KubeEvent {
  const verb = to > from ? 'up' : 'down';
  return {
    ...event('ScalingReplicaSet', `Scaled ${verb} replica set web-7d9 from ${from} to ${to}`, time),
    involvedObject: { kind: 'Deployment', name: 'web' },
  };
}

function hpa(spec: Partial<HorizontalPodAutoscaler['spec']>, status: HorizontalPodAutoscaler['status'] = {}): HorizontalPodAutoscaler {
  return {
    metadata: { name: 'web', namespace: 'shop', creationTimestamp: '2026-01-01T10:00:00Z' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      ...spec,
    },
    status,
  };
}

describe("the HPA controller's event messages", () => {
  it('reads every captured HPA event: rescales with their size and cause, failures with their innermost cause', () => {
    const meanings = hpaEvents.map((e) => parseHpaEvent(e.reason!, e.message!));
    assert.deepEqual(
      meanings.filter((m) => m.kind === 'rescale').map((m) => [m.to, m.cause.type]),
      [
        [4, 'metric-above'],
        [3, 'above-max'],
        [6, 'metric-above'],
        [1, 'all-below'],
      ],
    );
    const [first] = meanings.filter((m) => m.kind === 'rescale');
    assert.deepEqual(first?.kind === 'rescale' && first.cause.type === 'metric-above' && first.cause.metric, {
      type: 'Resource',
      name: 'cpu',
      utilization: true,
    });
    for (const failure of meanings.filter((m) => m.kind === 'failure')) {
      assert.equal(failure.metric, 'cpu');
      assert.equal(failure.error, 'unable to get metrics for resource cpu: no metrics returned from resource metrics API');
    }
  });

  it('keeps the missing request, container and pod of a broken metrics pipeline', () => {
    const messages = brokenEvents.map((e) => parseHpaEvent(e.reason!, e.message!));
    const missing = messages.find((m) => m.kind === 'failure' && /missing request/.test(m.error));
    assert.ok(missing?.kind === 'failure');
    assert.match(missing.error, /^missing request for cpu in container app of Pod no-requests-\w+-\w+$/);
  });

  it('names the metric of each source as the controller spells it', () => {
    const cases: [string, ReturnType<typeof parseMetricName>][] = [
      ['memory resource', { type: 'Resource', name: 'memory', utilization: false }],
      ['cpu container resource utilization (percentage of request)', { type: 'ContainerResource', name: 'cpu', utilization: true }],
      ['pods metric server_main_task_wait_time', { type: 'Pods', name: 'server_main_task_wait_time', utilization: false }],
      ['Service metric requests-per-second', { type: 'Object', name: 'requests-per-second', utilization: false }],
      [
        'external metric queue_length(&LabelSelector{MatchLabels:map[queue:jobs]})',
        { type: 'External', name: 'queue_length', utilization: false },
      ],
      ['something else entirely', null],
    ];
    for (const [text, expected] of cases) assert.deepEqual(parseMetricName(text), expected, text);
  });

  it('reads a failed rescale with its size, cause and error', () => {
    const meaning = parseHpaEvent(
      'FailedRescale',
      'New size: 5; reason: cpu resource utilization (percentage of request) above target; error: Operation cannot be fulfilled',
    );
    assert.deepEqual(meaning.kind === 'failed-rescale' && [meaning.to, meaning.cause?.type, meaning.error], [
      5,
      'metric-above',
      'Operation cannot be fulfilled',
    ]);
  });

  it('strips only the wrappers of a failure, never its cause', () => {
    assert.equal(
      innermostCause(
        'invalid metrics (2 invalid out of 3), first error is: failed to get memory resource metric value: did not receive metrics for targeted pods (pods might be unready)',
      ),
      'did not receive metrics for targeted pods (pods might be unready)',
    );
    assert.deepEqual(parseHpaEvent('SuccessfulRescale', 'something new'), { kind: 'other' });
  });

  it("reads the deployment controller's scaling messages, old and new", () => {
    assert.deepEqual(parseReplicaSetScaling('Scaled down replica set web-5bdbb7f6fb from 6 to 1'), {
      replicaSet: 'web-5bdbb7f6fb',
      from: 6,
      to: 1,
    });
    assert.deepEqual(parseReplicaSetScaling('Scaled up replica set web-5bdbb7f6fb to 3'), {
      replicaSet: 'web-5bdbb7f6fb',
      from: null,
      to: 3,
    });
    assert.equal(parseReplicaSetScaling('Created pod: web-5bdbb7f6fb-cxw46'), null);
  });
});

describe('the timeline of an HPA', () => {
  const captured = buildTimeline({ hpa: captureHpa, events: hpaEvents, targetEvents: deploymentEvents, now: at(lastEventTime, 60) });

  it('lists each rescale with where it came from, where it went and why', () => {
    assert.deepEqual(
      rescales(captured).map((r) => [r.from, r.to, r.cause?.type]),
      [
        [1, 4, 'metric-above'],
        [4, 3, 'above-max'],
        [3, 6, 'metric-above'],
        [6, 1, 'all-below'],
      ],
    );
    assert.deepEqual(rescales(captured)[0]?.metric, { name: 'cpu', target: '60%', implied: '> 180%' });
  });

  it('names the bound a rescale met, as it was then', () => {
    assert.deepEqual(
      rescales(captured).map((r) => r.limit),
      [null, { type: 'above-max', replicas: 3 }, { type: 'reached-max', replicas: 6 }, { type: 'reached-min', replicas: 1 }],
    );
  });

  it("shows a target's scaling that no rescale explains, and folds the rest into the rescales", () => {
    const targets = captured.rows.filter((r) => r.kind === 'target');
    assert.deepEqual(
      targets.map((r) => [r.from, r.to]),
      [[0, 1]],
    );
  });

  it('keeps the count of a repeated failure and its last time, once for the two events each failed sync makes', () => {
    const failures = captured.rows.filter((r) => r.kind === 'failure');
    assert.deepEqual(
      failures.map((r) => r.reason),
      ['FailedGetResourceMetric'],
    );
    for (const failure of failures) {
      assert.equal(failure.count, 7);
      assert.ok(failure.lastTime && failure.lastTime > failure.time);
      assert.ok(failure.warning);
    }
  });

  it('draws replicas from the first known size through every rescale to now', () => {
    assert.deepEqual(
      captured.series.map((p) => p.replicas),
      [1, 4, 3, 6, 1, 1],
    );
    const steps = replicaSteps(captured, 50);
    assert.equal(steps.length, 50);
    assert.equal(steps[0]?.replicas, 1);
    assert.equal(Math.max(...steps.map((s) => s.replicas)), 6);
    assert.equal(steps.at(-1)?.replicas, captureHpa.status?.currentReplicas);
  });

  it('says nothing expired for a young HPA whose last rescale still has its event', () => {
    assert.deepEqual(captured.coverage, { oldestEvent: hpaEvents[0]?.firstTimestamp, expiredBefore: null, lastRescaleEventExpired: false });
    assert.equal(
      captured.rows.some((r) => r.kind === 'status'),
      false,
    );
  });

  it('falls back on the status when the events have expired', () => {
    const later = buildTimeline({ hpa: captureHpa, events: [], now: at(lastEventTime, 7200) });
    assert.ok(later.coverage.expiredBefore);
    assert.equal(later.coverage.lastRescaleEventExpired, true);
    assert.deepEqual(
      later.rows.map((r) => [r.kind, r.time, r.to]),
      [['status', captureHpa.status?.lastScaleTime, captureHpa.status?.currentReplicas]],
    );
  });

  it('keeps only what happened within --since, starting the chart at the size it had then', () => {
    const recent = buildTimeline({
      hpa: captureHpa,
      events: hpaEvents,
      targetEvents: deploymentEvents,
      now: at(lastEventTime, 60),
      sinceSeconds: 90,
    });
    assert.deepEqual(
      recent.rows.map((r) => r.kind),
      ['rescale'],
    );
    assert.deepEqual(
      recent.series.map((p) => p.replicas),
      [6, 1, 1],
    );
  });

  it('names the legacy scale-up limit (2 × current or 4) when an HPA without behavior hits it', () => {
    const timeline = buildTimeline({
      hpa: hpa({}),
      events: [
        event(
          'SuccessfulRescale',
          'New size: 8; reason: cpu resource utilization (percentage of request) above target',
          '2026-01-01T10:05:00Z',
        ),
      ],
      targetEvents: [scaledReplicaSet(4, 8, '2026-01-01T10:05:01Z')],
      now: new Date('2026-01-01T10:06:00Z'),
    });
    const [rescale] = rescales(timeline);
    assert.equal(rescale?.from, 4);
    assert.deepEqual(rescale?.limit, { type: 'scale-up-limit' });
    assert.equal(rescale?.metric?.implied, null, 'a capped decision implies no metric value');
  });

  it('names a scale-up policy that capped a rescale, counting what earlier rescales in its period already added', () => {
    const behavior = { scaleUp: { policies: [{ type: 'Pods' as const, value: 2, periodSeconds: 60 }], stabilizationWindowSeconds: 0 } };
    const timeline = buildTimeline({
      hpa: hpa({ behavior }),
      events: [
        event(
          'SuccessfulRescale',
          'New size: 4; reason: cpu resource utilization (percentage of request) above target',
          '2026-01-01T10:05:00Z',
        ),
        event(
          'SuccessfulRescale',
          'New size: 5; reason: cpu resource utilization (percentage of request) above target',
          '2026-01-01T10:05:30Z',
        ),
        event(
          'SuccessfulRescale',
          'New size: 7; reason: cpu resource utilization (percentage of request) above target',
          '2026-01-01T10:07:00Z',
        ),
      ],
      targetEvents: [scaledReplicaSet(2, 4, '2026-01-01T10:05:00Z')],
      now: new Date('2026-01-01T10:08:00Z'),
    });
    const policy = { type: 'policy', direction: 'scaleUp', selectPolicy: 'Max', policies: behavior.scaleUp.policies };
    assert.deepEqual(
      rescales(timeline).map((r) => [r.from, r.to, r.limit]),
      [
        [2, 4, policy],
        [4, 5, null],
        [5, 7, policy],
      ],
    );
  });

  it('counts a rescale that repeated at its first and its last time, and draws nothing before a size it cannot know', () => {
    const timeline = buildTimeline({
      hpa: hpa({}, { currentReplicas: 2 }),
      events: [
        event(
          'SuccessfulRescale',
          'New size: 4; reason: cpu resource utilization (percentage of request) above target',
          '2026-01-01T10:05:00Z',
          {
            count: 2,
            lastTimestamp: '2026-01-01T10:20:00Z',
          },
        ),
        event('SuccessfulRescale', 'New size: 2; reason: All metrics below target', '2026-01-01T10:12:00Z', {
          count: 2,
          lastTimestamp: '2026-01-01T10:27:00Z',
        }),
      ],
      now: new Date('2026-01-01T10:30:00Z'),
    });
    assert.deepEqual(
      timeline.series.map((p) => p.replicas),
      [4, 2, 4, 2, 2],
    );
    assert.equal(replicaSteps(timeline, 30)[0]?.replicas, 0);
    assert.deepEqual(
      rescales(timeline).map((r) => [r.count, r.lastTime]),
      [
        [2, '2026-01-01T10:20:00Z'],
        [2, '2026-01-01T10:27:00Z'],
      ],
    );
  });

  it("places a repeated rescale's middle occurrences where the Deployment's own events show them", () => {
    const up = 'New size: 6; reason: cpu resource utilization (percentage of request) above target';
    const timeline = buildTimeline({
      hpa: hpa({}, { currentReplicas: 6 }),
      events: [
        event('SuccessfulRescale', up, '2026-01-01T10:05:00Z', { count: 3, lastTimestamp: '2026-01-01T10:25:00Z' }),
        event('SuccessfulRescale', 'New size: 4; reason: All metrics below target', '2026-01-01T10:12:00Z'),
        event('SuccessfulRescale', 'New size: 3; reason: All metrics below target', '2026-01-01T10:20:00Z'),
      ],
      targetEvents: [
        { ...scaledReplicaSet(3, 6, '2026-01-01T10:05:00Z'), count: 2, lastTimestamp: '2026-01-01T10:25:00Z' },
        scaledReplicaSet(6, 4, '2026-01-01T10:12:00Z'),
        scaledReplicaSet(4, 6, '2026-01-01T10:15:00Z'),
        scaledReplicaSet(6, 3, '2026-01-01T10:20:00Z'),
      ],
      now: new Date('2026-01-01T10:30:00Z'),
    });
    assert.deepEqual(
      timeline.series.map((p) => p.replicas),
      [3, 6, 4, 6, 3, 6, 6],
    );
    assert.equal(
      timeline.rows.some((r) => r.kind === 'target'),
      false,
    );
  });

  it('shows the conditions that limit or break scaling now, from when they became so', () => {
    const broken = buildTimeline({ hpa: brokenHpa, events: brokenEvents, now: at(brokenEvents[0]!.lastTimestamp!, 60) });
    const fromCondition = broken.rows.filter((r) => r.source === 'condition');
    assert.deepEqual(
      fromCondition.map((r) => [r.kind, r.reason]),
      [['failure', 'FailedGetResourceMetric']],
    );
    assert.match(fromCondition[0]?.detail ?? '', /missing request for cpu/);
    const limited = buildTimeline({
      hpa: hpa(
        { maxReplicas: 3 },
        {
          currentReplicas: 3,
          conditions: [
            { type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', lastTransitionTime: '2026-01-01T10:05:00Z' },
            { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', lastTransitionTime: '2026-01-01T10:06:00Z' },
          ],
        },
      ),
      events: [],
      now: new Date('2026-01-01T10:10:00Z'),
    });
    assert.deepEqual(
      limited.rows.map((r) => [r.kind, r.limit]),
      [
        ['limit', { type: 'max', replicas: 3 }],
        ['stabilized', { type: 'stabilization', seconds: 300 }],
      ],
    );
  });
});
