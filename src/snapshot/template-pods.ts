// Pods as they would be created from manifests that are not deployed yet: one per workload, from its pod template,
// with the containers admission would inject (Wallarm's sidecars). What checks of "live pods" read offline.
import type { Pod, PodSpec, WorkloadObject } from '../k8s/types.ts';
import { injectedContainers, type SidecarInjectorConfig } from '../profiles/wallarm.ts';
import { t } from '../i18n/index.ts';

/** A pod's spec once the injector has added its containers (its init containers first, as it puts them). */
export function withInjectedContainers(
  spec: PodSpec,
  metadata: { labels?: Record<string, string> | undefined; annotations?: Record<string, string> | undefined },
  injector: SidecarInjectorConfig,
): PodSpec {
  const injected = injectedContainers(metadata, injector);
  const names = new Set([...(spec.initContainers ?? []), ...spec.containers].map((c) => c.name));
  // A pod that already has the containers is not injected twice (the webhook checks the same).
  if (!injected.containers.length || injected.containers.some((c) => names.has(c.name))) return spec;
  const initContainers = [...injected.initContainers, ...(spec.initContainers ?? [])];
  return { ...spec, containers: [...spec.containers, ...injected.containers], ...(initContainers.length ? { initContainers } : {}) };
}

/** The pod a workload's controller would create: not scheduled, no status, owned by the workload (through its uid). */
export function podFromTemplate(workload: WorkloadObject, injector: SidecarInjectorConfig): Pod {
  const { metadata = {}, spec } = workload.spec.template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      // Not a real pod's name: messages that name the pod say where its spec comes from.
      name: t('snapshot.templatePod', { name: workload.metadata.name }),
      namespace: workload.metadata.namespace ?? 'default',
      ...(metadata.labels ? { labels: metadata.labels } : {}),
      ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
      ownerReferences: [
        {
          apiVersion: workload.apiVersion ?? 'apps/v1',
          kind: workload.kind ?? 'Deployment',
          name: workload.metadata.name,
          uid: workload.metadata.uid ?? '',
          controller: true,
        },
      ],
    },
    spec: withInjectedContainers(spec, metadata, injector),
  };
}
