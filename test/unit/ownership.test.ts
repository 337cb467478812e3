import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apigeeComponentOf } from '../../src/profiles/apigee.ts';
import { describeOwner, ownerOf, scalingOwner } from '../../src/profiles/ownership.ts';
import type { HorizontalPodAutoscaler, KubeObject } from '../../src/k8s/types.ts';

const object = (metadata: Partial<KubeObject['metadata']>): KubeObject => ({ metadata: { name: 'web', namespace: 'shop', ...metadata } });
const hpa = (metadata: Partial<KubeObject['metadata']>) =>
  ({ ...object(metadata), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3 } }) as HorizontalPodAutoscaler;

describe('ownership', () => {
  it('puts the Apigee operator first, even over helm annotations', () => {
    const owned = hpa({
      ownerReferences: [
        { apiVersion: 'apigee.cloud.google.com/v1alpha2', kind: 'ApigeeEnvironment', name: 'env-x', uid: 'u', controller: true },
      ],
    });
    const workload = object({ annotations: { 'meta.helm.sh/release-name': 'web' } });
    assert.equal(describeOwner(scalingOwner(workload, [owned])), 'ApigeeEnvironment/env-x');
  });

  it('recognises KEDA even without the controller flag', () => {
    assert.deepEqual(
      ownerOf(
        hpa({ name: 'keda-hpa-web', ownerReferences: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'web', uid: 'u' }] }),
      ),
      { type: 'keda', name: 'web' },
    );
  });

  it('names any other controller as the owner', () => {
    const owned = object({ ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'WebApp', name: 'web', uid: 'u', controller: true }] });
    assert.equal(describeOwner(scalingOwner(owned, [])), 'WebApp/web');
  });

  it('puts Argo CD and Flux before helm, whose releases they apply', () => {
    const argo = object({ labels: { 'argocd.argoproj.io/instance': 'shop-prod' }, annotations: { 'meta.helm.sh/release-name': 'web' } });
    assert.equal(describeOwner(scalingOwner(argo, [])), 'Argo CD:shop-prod');
    const flux = object({ labels: { 'helm.toolkit.fluxcd.io/name': 'web' }, annotations: { 'meta.helm.sh/release-name': 'web' } });
    assert.equal(describeOwner(scalingOwner(flux, [])), 'Flux:web');
    assert.equal(describeOwner(scalingOwner(object({ annotations: { 'meta.helm.sh/release-name': 'web' } }), [])), 'helm:web');
    assert.equal(describeOwner(scalingOwner(object({}), [])), 'none');
  });

  it('finds the Apigee component from the operator naming, narrowed by the owner kind', () => {
    assert.equal(apigeeComponentOf(object({ name: 'apigee-runtime-hybrid-test-1a2b3c4-1-abcde' })), 'runtime');
    assert.equal(apigeeComponentOf(object({ name: 'apigee-connect-agent-hybrid-9f' }), 'ApigeeOrganization'), 'connectAgent');
    assert.equal(apigeeComponentOf(object({ name: 'apigee-runtime-x' }), 'ApigeeOrganization'), undefined);
  });
});
