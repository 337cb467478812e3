import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node, PodSpec } from '../../../src/k8s/types.ts';
import { eligibleNodes, topologyDomains } from '../../../src/snapshot/scheduling.ts';
import { loadObjects } from './fixture.ts';

const nodes = loadObjects('ha-pools.yaml') as Node[];
const names = (spec: Omit<PodSpec, 'containers'>) => eligibleNodes({ containers: [], ...spec }, nodes).map((n) => n.metadata.name);
const requiredTerms = (...nodeSelectorTerms: object[]): Omit<PodSpec, 'containers'> => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } },
});
const expression = (key: string, operator: string, values?: string[]) => ({
  matchExpressions: [{ key, operator, ...(values ? { values } : {}) }],
});

describe('eligible nodes', () => {
  it('leaves out cordoned nodes and untolerated NoSchedule taints', () => {
    assert.deepEqual(names({}), ['general-1', 'general-2', 'edge-1']);
    assert.deepEqual(names({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] }), [
      'general-1',
      'general-2',
      'gpu-1',
      'edge-1',
    ]);
  });

  it('keeps only nodes matching the required node affinity (In)', () => {
    assert.deepEqual(names(requiredTerms(expression('pool', 'In', ['general']))), ['general-1', 'general-2']);
  });

  it('treats NotIn as matching nodes without the label', () => {
    assert.deepEqual(names(requiredTerms(expression('example.com/rack', 'NotIn', ['r1']))), ['edge-1']);
  });

  it('evaluates Exists and DoesNotExist on node labels', () => {
    assert.deepEqual(names(requiredTerms(expression('topology.kubernetes.io/zone', 'Exists'))), ['general-1', 'general-2']);
    assert.deepEqual(names(requiredTerms(expression('topology.kubernetes.io/zone', 'DoesNotExist'))), ['edge-1']);
  });

  it('compares Gt and Lt as integers and never matches a label that is not one', () => {
    assert.deepEqual(names(requiredTerms(expression('cpu-generation', 'Gt', ['4']))), ['general-2']);
    assert.deepEqual(names(requiredTerms(expression('cpu-generation', 'Lt', ['4']))), ['general-1']);
    assert.deepEqual(
      names(requiredTerms(expression('cpu-generation', 'Gt', ['0']))),
      ['general-1', 'general-2'],
      'edge-1 has cpu-generation "fast"',
    );
  });

  it('ANDs the expressions of a term and ORs the terms', () => {
    const both = {
      matchExpressions: [
        { key: 'pool', operator: 'In', values: ['general'] },
        { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-2'] },
      ],
    };
    assert.deepEqual(names(requiredTerms(both)), ['general-2']);
    assert.deepEqual(names(requiredTerms(both, expression('pool', 'In', ['edge']))), ['general-2', 'edge-1']);
  });

  it('matches metadata.name through matchFields', () => {
    assert.deepEqual(names(requiredTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['general-1'] }] })), [
      'general-1',
    ]);
    assert.deepEqual(names(requiredTerms({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['general-1'] }] })), [
      'general-2',
      'edge-1',
    ]);
  });

  it('matches no node with an empty term, as the scheduler does', () => {
    assert.deepEqual(names(requiredTerms({})), []);
  });

  it('applies the nodeSelector and the node affinity together', () => {
    assert.deepEqual(
      names({ nodeSelector: { 'topology.kubernetes.io/zone': 'zone-1' }, ...requiredTerms(expression('pool', 'In', ['general', 'edge'])) }),
      ['general-1'],
    );
  });
});

describe('topology domains', () => {
  it('counts distinct values and names the nodes that lack the key', () => {
    const eligible = eligibleNodes({ containers: [] }, nodes);
    assert.deepEqual(topologyDomains(eligible, 'topology.kubernetes.io/zone'), { domains: 2, nodesWithoutKey: ['edge-1'] });
    assert.deepEqual(topologyDomains(eligible, 'example.com/rack'), { domains: 1, nodesWithoutKey: ['edge-1'] });
    assert.deepEqual(topologyDomains(eligible, 'kubernetes.io/hostname'), { domains: 3, nodesWithoutKey: [] });
  });
});
