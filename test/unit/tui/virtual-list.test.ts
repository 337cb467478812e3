import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup } from 'ink-testing-library';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { windowStart } from '../../../src/tui/components/VirtualList.tsx';
import { renderTui } from './harness.ts';

afterEach(cleanup);

const deployments = (count: number): KubeObject[] =>
  Array.from({ length: count }, (_, i) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${String(i).padStart(5, '0')}`, namespace: 'bulk', uid: `uid-${i}` },
    spec: { replicas: 2, selector: { matchLabels: { app: `app-${i}` } }, template: { spec: { containers: [{ name: 'app' }] } } },
  })) as unknown as KubeObject[];

describe('tui: virtualized workload list', () => {
  it('keeps the selection in view and never scrolls past the end', () => {
    assert.equal(windowStart(5, 4, 10), 0);
    assert.equal(windowStart(10_000, 0, 20), 0);
    assert.equal(windowStart(10_000, 5_000, 20), 4_990);
    assert.equal(windowStart(10_000, 9_999, 20), 9_980);
  });

  it('renders only the visible window of 10,000 workloads, and jumps to the last one', async () => {
    const app = await renderTui({ snapshot: snapshotFromObjects(deployments(10_000)) });
    await app.waitFor(/10000 workloads/);
    const rowLines = () =>
      app
        .frame()
        .split('\n')
        .filter((line) => /deployment\/app-\d{5}/.test(line));
    assert.match(app.frame(), /10000 workloads/);
    assert.ok(rowLines().length <= 24, `${rowLines().length} rows rendered`);
    assert.match(rowLines()[0] ?? '', /app-00000/);
    await app.press('G');
    await app.waitFor(/^> .*app-09999/m);
    assert.match(rowLines().at(-1) ?? '', /^> .*app-09999/);
  });
});
