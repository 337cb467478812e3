// Wallarm Sidecar knowledge: injected containers, their resource annotations, chart values paths.
import type { Container, KubeObject, Pod, ResourceList } from '../k8s/types.ts';
import { t } from '../i18n/index.ts';
import { byCodePoint } from '../k8s/order.ts';

export const injectionLabel = { key: 'wallarm-sidecar', value: 'enabled' } as const;
export const injectionSchemaAnnotation = 'sidecar.wallarm.io/sidecar-injection-schema';
export const chartName = 'wallarm-sidecar';

export type SidecarName = 'proxy' | 'helper' | 'init-iptables' | 'init-helper';
export const sidecarNames: readonly SidecarName[] = ['proxy', 'helper', 'init-iptables', 'init-helper'];

export interface SidecarInfo {
  /** Name of the container the webhook injects. */
  container: string;
  init: boolean;
  /** Only injected with the `split` schema. */
  splitOnly: boolean;
  /** Chart values path of the global resources for this container. */
  valuesPath: string;
}

export const sidecars: Record<SidecarName, SidecarInfo> = {
  proxy: { container: 'sidecar-proxy', init: false, splitOnly: false, valuesPath: 'config.sidecar.containers.proxy.resources' },
  helper: { container: 'sidecar-helper', init: false, splitOnly: true, valuesPath: 'config.sidecar.containers.helper.resources' },
  'init-iptables': {
    container: 'sidecar-init-iptables',
    init: true,
    splitOnly: false,
    valuesPath: 'config.sidecar.initContainers.iptables.resources',
  },
  'init-helper': {
    container: 'sidecar-init-helper',
    init: true,
    splitOnly: true,
    valuesPath: 'config.sidecar.initContainers.helper.resources',
  },
};

export type SidecarResourceField = 'cpu' | 'memory' | 'cpu-limit' | 'memory-limit';
export const sidecarResourceFields: readonly SidecarResourceField[] = ['cpu', 'memory', 'cpu-limit', 'memory-limit'];

/** `sidecar.wallarm.io/proxy-cpu` etc. Any one of a container's four replaces the chart's resources for it entirely. */
export function sidecarAnnotation(sidecar: SidecarName, field: SidecarResourceField): string {
  return `sidecar.wallarm.io/${sidecar}-${field}`;
}

export function sidecarOfContainer(containerName: string): SidecarName | undefined {
  return sidecarNames.find((name) => sidecars[name].container === containerName);
}

export type InjectionSchema = 'single' | 'split';

const containerNames = (pod: Pod) => [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => c.name);

/**
 * The schema the webhook gives the workload's next pods: the template's annotation, else the chart's
 * global config.injectionStrategy.schema as live pods without the annotation show it (helper and
 * init-helper exist in split only); undefined when neither tells.
 */
export function injectionSchemaOf(templateAnnotations: Record<string, string>, pods: readonly Pod[]): InjectionSchema | undefined {
  const annotated = templateAnnotations[injectionSchemaAnnotation];
  if (annotated === 'single' || annotated === 'split') return annotated;
  const injectedByGlobal = pods
    .filter((pod) => !pod.metadata.deletionTimestamp && pod.metadata.annotations?.[injectionSchemaAnnotation] === undefined)
    .map(containerNames)
    .filter((names) => names.includes(sidecars.proxy.container));
  if (!injectedByGlobal.length) return undefined;
  const splitOnly = sidecarNames.filter((name) => sidecars[name].splitOnly).map((name) => sidecars[name].container);
  return injectedByGlobal.some((names) => names.some((name) => splitOnly.includes(name))) ? 'split' : 'single';
}

/** One injected container's new resources, as `patch workload --sidecar NAME --requests … --limits …` gives them. */
export interface SidecarResources {
  sidecar: SidecarName;
  requests?: ResourceList | undefined;
  limits?: ResourceList | undefined;
}

/** Store (postanalytics memory store) container names and the arena values key, by chart generation. */
export const storeContainers = [
  {
    container: 'wstore',
    arenaPath: 'postanalytics.wstore.config.arena',
    resourcesPath: 'postanalytics.wstore.resources',
    charts: '>= 6.0',
  },
  {
    container: 'tarantool',
    arenaPath: 'postanalytics.tarantool.config.arena',
    resourcesPath: 'postanalytics.tarantool.resources',
    charts: '<= 5.x',
  },
] as const;

export const arenaEnv = 'SLAB_ALLOC_ARENA';

/** The arena in bytes from the store container's SLAB_ALLOC_ARENA (GB as a decimal string, "1.0" = 1 GiB). */
export function arenaBytes(container: Container): number | undefined {
  const value = container.env?.find((e) => e.name === arenaEnv)?.value;
  if (value === undefined) return undefined;
  const gigabytes = Number(value);
  return Number.isFinite(gigabytes) && gigabytes > 0 ? gigabytes * 2 ** 30 : undefined;
}

export function isWallarmPostanalytics(object: KubeObject): boolean {
  const labels = object.metadata.labels ?? {};
  return labels['app.kubernetes.io/name'] === chartName && labels['app.kubernetes.io/component'] === 'postanalytics';
}

/** The guide: postanalytics cannot be scaled by an HPA; its replicas are set by hand (postanalytics.replicaCount). */
export function autoscalingUnsupportedReason(object: KubeObject): string | undefined {
  return isWallarmPostanalytics(object) ? t('profiles.wallarm.postanalyticsNotAutoscaled') : undefined;
}

export function isWallarmController(object: KubeObject): boolean {
  const labels = object.metadata.labels ?? {};
  return labels['app.kubernetes.io/name'] === chartName && labels['app.kubernetes.io/component'] === 'controller';
}

/** Values keys of the chart's own Deployments (controller, postanalytics), for values-file fixes. */
export function chartComponentOf(object: KubeObject): 'controller' | 'postanalytics' | undefined {
  if (isWallarmController(object)) return 'controller';
  if (isWallarmPostanalytics(object)) return 'postanalytics';
  return undefined;
}

const postanalyticsContainerKeys: Record<string, string> = {
  init: 'postanalytics.init.resources',
  supervisord: 'postanalytics.supervisord.resources',
  appstructure: 'postanalytics.appstructure.resources',
  wstore: 'postanalytics.wstore.resources',
  tarantool: 'postanalytics.tarantool.resources',
};

/** The guide's example cpu limit for the postanalytics containers besides the store. */
const postanalyticsHelperCpuLimit = '250m';

/**
 * Limits the Wallarm guide asks for beyond a memory limit: on postanalytics' init, supervisord and appstructure it asks
 * for requests and limits ("so the store pod keeps its resources"), so a cpu limit too. Nothing else in either guide
 * asks for a cpu limit or an ephemeral-storage request.
 */
export function guideLimitsOf(object: KubeObject, container: string): { limits: ResourceList; why: string } | undefined {
  if (!isWallarmPostanalytics(object) || !['init', 'supervisord', 'appstructure'].includes(container)) return undefined;
  return {
    limits: { cpu: postanalyticsHelperCpuLimit },
    why: t('profiles.wallarm.guideLimitsWhy'),
  };
}

export function chartResourcesPath(component: 'controller' | 'postanalytics', container: string): string | undefined {
  return component === 'controller' ? 'controller.resources' : postanalyticsContainerKeys[container];
}

export function chartReplicasPath(component: 'controller' | 'postanalytics'): string {
  return `${component}.replicaCount`;
}

export function chartAffinityPath(component: 'controller' | 'postanalytics'): string {
  return `${component}.affinity`;
}

/** The injected container in the newest live pod that has it. */
export function liveSidecar(pods: readonly Pod[], sidecar: SidecarName): { pod: Pod; container: Container } | undefined {
  const name = sidecars[sidecar].container;
  const newestFirst = pods
    .filter((p) => !p.metadata.deletionTimestamp)
    .sort((a, b) => byCodePoint(b.metadata.creationTimestamp ?? '', a.metadata.creationTimestamp ?? ''));
  for (const pod of newestFirst) {
    const container = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === name);
    if (container) return { pod, container };
  }
  return undefined;
}

export const sidecarFieldSource: Record<SidecarResourceField, { list: 'requests' | 'limits'; resource: 'cpu' | 'memory' }> = {
  cpu: { list: 'requests', resource: 'cpu' },
  memory: { list: 'requests', resource: 'memory' },
  'cpu-limit': { list: 'limits', resource: 'cpu' },
  'memory-limit': { list: 'limits', resource: 'memory' },
};

/** What a sidecar's four values are now: the template's annotations, else the newest live container's resources. */
export function currentSidecarValues(
  templateAnnotations: Record<string, string>,
  pods: readonly Pod[],
  sidecar: SidecarName,
): { values: Partial<Record<SidecarResourceField, string>>; live: ReturnType<typeof liveSidecar> } {
  const live = liveSidecar(pods, sidecar);
  const values: Partial<Record<SidecarResourceField, string>> = {};
  for (const field of sidecarResourceFields) {
    const { list, resource } = sidecarFieldSource[field];
    const value =
      templateAnnotations[sidecarAnnotation(sidecar, field)] ?? (live?.container.resources?.[list] as ResourceList | undefined)?.[resource];
    if (value !== undefined) values[field] = value;
  }
  return { values, live };
}

export const iptablesEnableAnnotation = 'sidecar.wallarm.io/sidecar-injection-iptables-enable';

type ContainerResources = NonNullable<Container['resources']>;

/** The injector's global settings, from the chart's values (config.injectionStrategy, config.sidecar.*). */
export interface SidecarInjectorConfig {
  schema: InjectionSchema;
  iptablesEnable: boolean;
  /** Each injected container's global resources (the chart default is none). */
  resources: Record<SidecarName, ContainerResources>;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const atPath = (values: unknown, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((current, key) => asRecord(current)?.[key], values);

/** Values give quantities as numbers too (`cpu: 1`); the API keeps them as strings. */
function resourceList(value: unknown): ResourceList | undefined {
  const list = asRecord(value);
  if (!list) return undefined;
  return Object.fromEntries(Object.entries(list).map(([name, quantity]) => [name, String(quantity)]));
}

function containerResources(value: unknown): ContainerResources {
  const requests = resourceList(asRecord(value)?.requests);
  const limits = resourceList(asRecord(value)?.limits);
  return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
}

/** True when the values configure the injector (a wallarm-sidecar values file, or the chart's merged values). */
export function hasInjectorValues(values: unknown): boolean {
  return atPath(values, 'config.sidecar') !== undefined || atPath(values, 'config.injectionStrategy') !== undefined;
}

/** The injector's settings from the chart's values; what the values leave out is the chart's default. */
export function sidecarInjectorConfig(values: unknown = {}): SidecarInjectorConfig {
  const schema = atPath(values, 'config.injectionStrategy.schema');
  const iptables = atPath(values, 'config.injectionStrategy.iptablesEnable');
  return {
    schema: schema === 'split' ? 'split' : 'single',
    iptablesEnable: iptables !== false && iptables !== 'false',
    resources: Object.fromEntries(
      sidecarNames.map((name) => [name, containerResources(atPath(values, sidecars[name].valuesPath))]),
    ) as Record<SidecarName, ContainerResources>,
  };
}

/** The webhook's rule: any of a container's four annotations replaces the global resources entirely. */
function injectedResources(sidecar: SidecarName, annotations: Record<string, string>, config: SidecarInjectorConfig): ContainerResources {
  const fromAnnotations: ContainerResources = {};
  for (const field of sidecarResourceFields) {
    const value = annotations[sidecarAnnotation(sidecar, field)];
    if (value === undefined) continue;
    const { list, resource } = sidecarFieldSource[field];
    fromAnnotations[list] = { ...fromAnnotations[list], [resource]: value };
  }
  return Object.keys(fromAnnotations).length ? fromAnnotations : config.resources[sidecar];
}

/**
 * The containers the webhook adds to a pod created from this template (none when the pod is not labelled for
 * injection): the injected init containers go first, as the injector puts them.
 */
export function injectedContainers(
  template: { labels?: Record<string, string> | undefined; annotations?: Record<string, string> | undefined },
  config: SidecarInjectorConfig,
): { initContainers: Container[]; containers: Container[] } {
  if (template.labels?.[injectionLabel.key] !== injectionLabel.value) return { initContainers: [], containers: [] };
  const annotations = template.annotations ?? {};
  const schema = injectionSchemaOf(annotations, []) ?? config.schema;
  const iptablesAnnotation = annotations[iptablesEnableAnnotation];
  const iptables = iptablesAnnotation === undefined ? config.iptablesEnable : iptablesAnnotation !== 'false';
  const wanted = sidecarNames.filter((name) => (schema === 'split' || !sidecars[name].splitOnly) && (name !== 'init-iptables' || iptables));
  const container = (name: SidecarName): Container => {
    const resources = injectedResources(name, annotations, config);
    return { name: sidecars[name].container, ...(Object.keys(resources).length ? { resources } : {}) };
  };
  return {
    initContainers: wanted.filter((name) => sidecars[name].init).map(container),
    containers: wanted.filter((name) => !sidecars[name].init).map(container),
  };
}

/**
 * The injector's values within a chart's values: the root of the wallarm-sidecar chart's own, or its key in an
 * umbrella chart that has it as a dependency; undefined when the values configure no injector.
 */
export function injectorValuesIn(values: unknown, chart?: string): unknown {
  if (chart === chartName || (chart === undefined && hasInjectorValues(values))) return values;
  const nested = asRecord(values)?.[chartName];
  return hasInjectorValues(nested) ? nested : undefined;
}
