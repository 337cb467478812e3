// `timeline` against the real HPA controller: a Deployment at 200 % of its CPU request makes it rescale, the timeline
// shows why, and `timeline -w` prints the next rescale as it happens, then stops cleanly on Ctrl+C.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import type { TimelineView } from '../../src/apply/timeline.ts';
import { apply, cpuHpa, fakeDeployment, freshNamespace, kubectl, kubectlOk, requireTestbed, waitFor } from './harness.ts';

const ns = 'e2e-timeline';
const rescales = (view: TimelineView) => view.rows.filter((row) => row.kind === 'rescale');

describe('kubectl scale-ha timeline on the test bed', () => {
  before(async () => {
    await freshNamespace(ns);
    await apply([fakeDeployment(ns, 'web', { replicas: 1, cpuUsage: '200m' }), cpuHpa(ns, 'web', { min: 1, max: 4, cpu: 60 })]);
    // The controller syncs every 5 s on the bed; its first rescale waits for metrics-server's first scrape of the pod.
    await waitFor(
      'the HPA to scale web up',
      async () => Number(await kubectlOk(['get', 'hpa', 'web', '-n', ns, '-o', 'jsonpath={.status.currentReplicas}'])) > 1,
      90_000,
    );
  });

  after(() => kubectl(['delete', 'namespace', ns, '--wait=false']));

  it('shows the rescale with its metric reason, and the same as JSON', async () => {
    const table = await kubectlOk(['scale-ha', 'timeline', 'web', '-n', ns]);
    assert.match(table, /^HPA e2e-timeline\/web → Deployment\/web {3}min 1 {2}max 4/m);
    // 200 % against 60 % asks for 4 (the limit of the first scale-up too), unless a sync read part of a scrape.
    assert.match(table, /scale up +1 → [2-4] +cpu above 60%/);
    const view = JSON.parse(await kubectlOk(['scale-ha', 'timeline', 'web', '-n', ns, '-o', 'json'])) as TimelineView;
    const [first] = rescales(view);
    assert.deepEqual([first?.from, first?.cause?.type, first?.metric?.name, first?.metric?.target], [1, 'metric-above', 'cpu', '60%']);
    assert.equal(view.series.at(-1)?.replicas, view.currentReplicas);
  });

  it('names the HPAs of the namespace when the name is not one of them (exit 7)', async () => {
    const result = await kubectl(['scale-ha', 'timeline', 'webb', '-n', ns]);
    assert.equal(result.exitCode, 7);
    assert.match(result.stderr, /No HPA named "webb" in namespace e2e-timeline[\s\S]*The HPAs in namespace e2e-timeline: web\./);
  });

  it('--watch prints the next rescale as a new row, and Ctrl+C ends it with exit 0', async () => {
    requireTestbed();
    const watch = execa('kubectl', ['scale-ha', 'timeline', 'web', '-n', ns, '--watch'], { reject: false, env: { NO_COLOR: '1' } });
    let output = '';
    watch.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await waitFor('the first timeline', async () => /scale up +1 → \d/.test(output), 30_000, 200);
      const printed = output.length;
      await kubectlOk(['patch', 'hpa', 'web', '-n', ns, '--type', 'merge', '-p', '{"spec":{"maxReplicas":1}}']);
      await waitFor(
        'the rescale to 1 as a new row',
        async () => /scale down +\d → 1 .*maxReplicas 1/.test(output.slice(printed)),
        30_000,
        200,
      );
      watch.kill('SIGINT');
      const result = await watch;
      assert.equal(result.exitCode, 0, String(result.stderr));
      assert.equal(String(result.stderr), '');
    } finally {
      watch.kill('SIGKILL');
    }
  });
});
