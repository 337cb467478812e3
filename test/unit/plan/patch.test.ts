import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch, diffPatch, patchPaths, valueAt } from '../../../src/plan/patch.ts';

describe('patch model', () => {
  it('merges maps and deletes keys set to null', () => {
    assert.deepEqual(applyPatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 } }, 'merge'), { a: 1, b: { d: 3, e: 4 } });
  });

  it('replaces lists in a JSON merge patch', () => {
    assert.deepEqual(applyPatch({ containers: [{ name: 'a', x: 1 }, { name: 'b' }] }, { containers: [{ name: 'a', x: 2 }] }, 'merge'), {
      containers: [{ name: 'a', x: 2 }],
    });
  });

  it('merges containers by name in a strategic merge patch, keeping the others', () => {
    const before = { containers: [{ name: 'a', r: { cpu: '1' } }, { name: 'b' }] };
    assert.deepEqual(applyPatch(before, { containers: [{ name: 'a', r: { memory: '1Gi' } }] }, 'strategic'), {
      containers: [{ name: 'a', r: { cpu: '1', memory: '1Gi' } }, { name: 'b' }],
    });
  });

  it('derives the smallest patch that reproduces the target, for both patch types', () => {
    const before = {
      spec: {
        replicas: 3,
        containers: [
          { name: 'a', r: { cpu: '1' } },
          { name: 'b', r: {} },
        ],
        metrics: [1, 2],
      },
    };
    const after = {
      spec: {
        replicas: 3,
        containers: [
          { name: 'a', r: { cpu: '2' } },
          { name: 'b', r: {} },
        ],
        metrics: [1],
      },
    };
    for (const type of ['merge', 'strategic'] as const) {
      const patch = diffPatch(before, after, type);
      assert.deepEqual(applyPatch(before, patch, type), after, type);
    }
    assert.deepEqual(diffPatch(before, after, 'strategic'), { spec: { containers: [{ name: 'a', r: { cpu: '2' } }], metrics: [1] } });
  });

  it('does not mutate the object it patches', () => {
    const before = { a: { b: 1 } };
    applyPatch(before, { a: { b: 2 } }, 'merge');
    assert.deepEqual(before, { a: { b: 1 } });
  });

  it('lists the leaf paths a patch touches, naming list items merged by name', () => {
    const patch = {
      spec: { minReplicas: 2, template: { spec: { containers: [{ name: 'web', resources: { requests: { cpu: '300m' } } }] } } },
    };
    const paths = patchPaths(patch, 'strategic');
    assert.deepEqual(paths, [
      ['spec', 'minReplicas'],
      ['spec', 'template', 'spec', 'containers', '[name=web]', 'resources', 'requests', 'cpu'],
    ]);
    assert.equal(valueAt(applyPatch({}, patch, 'strategic'), paths[1]!), '300m');
  });
});
