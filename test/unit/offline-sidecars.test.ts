// Wallarm's injected containers modelled before deploy: what the webhook would add to a pod template, from the
// chart's config.sidecar.* values and the template's sidecar.wallarm.io/* annotations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { WorkloadObject } from '../../src/k8s/types.ts';
import { injectedContainers, injectorValuesIn, sidecarInjectorConfig } from '../../src/profiles/wallarm.ts';
import { podFromTemplate } from '../../src/snapshot/template-pods.ts';

// The test bed's stand-in chart keeps the vendor chart's keys and defaults.
const chartValues = parse(readFileSync(join(import.meta.dirname, '../../testbed/charts/wallarm-sidecar/values.yaml'), 'utf8')) as unknown;
const fixtureValues = parse(readFileSync(join(import.meta.dirname, '../fixtures/offline/values/wallarm-sidecar.yaml'), 'utf8')) as unknown;
const injected = { 'wallarm-sidecar': 'enabled' };
const names = (containers: { name: string }[]) => containers.map((c) => c.name);

describe('the Wallarm injector modelled from the chart values', () => {
  it("reads the vendor chart's defaults: single schema, iptables on, no resources for any injected container", () => {
    const config = sidecarInjectorConfig(chartValues);
    assert.equal(config.schema, 'single');
    assert.equal(config.iptablesEnable, true);
    for (const resources of Object.values(config.resources)) assert.deepEqual(resources, {});
  });

  it('takes config.sidecar.* resources as strings, as the API keeps quantities', () => {
    const config = sidecarInjectorConfig({
      config: { sidecar: { containers: { proxy: { resources: { requests: { cpu: 1, memory: '256Mi' } } } } } },
    });
    assert.deepEqual(config.resources.proxy, { requests: { cpu: '1', memory: '256Mi' } });
  });

  it('injects nothing into a pod without the wallarm-sidecar: enabled label', () => {
    assert.deepEqual(injectedContainers({ labels: { app: 'web' } }, sidecarInjectorConfig()), { initContainers: [], containers: [] });
  });

  it('adds sidecar-proxy and sidecar-init-iptables in single, and the helpers in split (the annotation wins)', () => {
    const single = injectedContainers({ labels: injected }, sidecarInjectorConfig(fixtureValues));
    assert.deepEqual(names(single.containers), ['sidecar-proxy']);
    assert.deepEqual(names(single.initContainers), ['sidecar-init-iptables']);
    assert.equal(single.containers[0]?.resources?.requests?.cpu, '200m');
    const split = injectedContainers(
      { labels: injected, annotations: { 'sidecar.wallarm.io/sidecar-injection-schema': 'split' } },
      sidecarInjectorConfig(fixtureValues),
    );
    assert.deepEqual(names(split.containers), ['sidecar-proxy', 'sidecar-helper']);
    assert.deepEqual(names(split.initContainers), ['sidecar-init-iptables', 'sidecar-init-helper']);
    assert.equal(split.containers[1]?.resources, undefined, 'the helper has no resources in these values');
  });

  it("replaces a container's global resources entirely when any of its four annotations is set", () => {
    const { containers, initContainers } = injectedContainers(
      { labels: injected, annotations: { 'sidecar.wallarm.io/proxy-memory': '300Mi' } },
      sidecarInjectorConfig(fixtureValues),
    );
    assert.deepEqual(containers[0]?.resources, { requests: { memory: '300Mi' } }, 'no cpu request left from the chart');
    assert.equal(initContainers[0]?.resources?.requests?.cpu, '50m', 'the other container keeps the chart values');
  });

  it('leaves the iptables init container out when the chart or the pod turns it off', () => {
    const off = sidecarInjectorConfig({ config: { injectionStrategy: { iptablesEnable: false } } });
    assert.deepEqual(names(injectedContainers({ labels: injected }, off).initContainers), []);
    const perPod = { 'sidecar.wallarm.io/sidecar-injection-iptables-enable': 'false' };
    assert.deepEqual(names(injectedContainers({ labels: injected, annotations: perPod }, sidecarInjectorConfig()).initContainers), []);
  });

  it("finds the injector's values at the root of the wallarm-sidecar chart's, or under its key in an umbrella chart", () => {
    const umbrella = { web: { replicaCount: 2 }, 'wallarm-sidecar': fixtureValues };
    assert.equal(injectorValuesIn(umbrella, 'shop'), fixtureValues);
    assert.equal(injectorValuesIn(fixtureValues, 'wallarm-sidecar'), fixtureValues);
    assert.equal(injectorValuesIn(fixtureValues), fixtureValues, 'a values file of the chart itself');
    assert.equal(injectorValuesIn({ web: {} }, 'shop'), undefined);
  });
});

describe('a pod from its template', () => {
  const deployment: WorkloadObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', uid: 'u1' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', ...injected } },
        spec: { initContainers: [{ name: 'migrate' }], containers: [{ name: 'web' }] },
      },
    },
  };

  it('is owned by its workload and runs the injected containers, init ones first', () => {
    const pod = podFromTemplate(deployment, sidecarInjectorConfig());
    assert.deepEqual(pod.metadata.ownerReferences?.[0], {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      uid: 'u1',
      controller: true,
    });
    assert.deepEqual(names(pod.spec.containers), ['web', 'sidecar-proxy']);
    assert.deepEqual(names(pod.spec.initContainers ?? []), ['sidecar-init-iptables', 'migrate']);
    assert.equal(pod.status, undefined, 'not scheduled, not ready: nothing about placement is claimed');
  });
});
