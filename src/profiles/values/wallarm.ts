// The wallarm-sidecar chart's values: its own Deployments (controller, postanalytics) and the global
// resources of the containers its webhook injects. The store container is wstore from chart 6.0 on and
// tarantool before; the chart ignores the other generation's key.
import { usageError } from '../../k8s/errors.ts';
import { formatBytes, tryParseQuantity } from '../../k8s/quantity.ts';
import type { WorkloadObject } from '../../k8s/types.ts';
import {
  chartAffinityPath,
  chartComponentOf,
  chartName,
  chartReplicasPath,
  injectionLabel,
  sidecarAnnotation,
  sidecarResourceFields,
  sidecars,
  storeContainers,
} from '../wallarm.ts';
import { nextPodAntiAffinity, nextSpreadConstraints } from './affinity.ts';
import {
  chartLabel,
  chartMajor,
  effectiveValues,
  formatValuesPath,
  hasPath,
  splitPath,
  valueAtPath,
  type ValuesContext,
  type ValuesEdit,
  type ValuesEditPlan,
  type Values,
  type WorkloadValuesSettings,
} from './model.ts';
import { resourceEdits, resultingQuantity } from './resources.ts';

export const wallarmChart = chartName;

type Store = (typeof storeContainers)[number];

/** The store container a chart version runs: wstore from 6.0, tarantool up to 5.x. */
export function storeOf(version: string): Store | undefined {
  const major = chartMajor(version);
  if (major === undefined) return undefined;
  return storeContainers.find((store) => store.container === (major >= 6 ? 'wstore' : 'tarantool'));
}

const postanalyticsContainers = ['init', 'supervisord', 'appstructure', 'wstore', 'tarantool'];

/** <component>.resources, or postanalytics.<container>.resources for the store generation the chart runs. */
function resourcesPath(
  component: 'controller' | 'postanalytics',
  container: string | undefined,
  context: ValuesContext,
  workload: WorkloadObject,
): string[] {
  const name = `${component === 'controller' ? 'the controller' : 'postanalytics'} Deployment`;
  if (component === 'controller') {
    checkContainer(workload, container);
    return ['controller', 'resources'];
  }
  if (container === undefined)
    throw usageError(
      `The ${name} has several containers.`,
      `Pick one with -c: ${postanalyticsContainers.filter((c) => c !== 'tarantool' && c !== 'wstore').join(', ')} or the store (${storeOf(context.chart.version)?.container ?? 'wstore or tarantool'}).`,
    );
  const store = storeContainers.find((s) => s.container === container);
  if (store) {
    const runs = storeOf(context.chart.version);
    if (!runs)
      throw usageError(
        `Cannot tell from the chart version "${context.chart.version}" whether the store is wstore (chart ≥ 6.0) or tarantool (≤ 5.x).`,
      );
    if (runs !== store)
      throw usageError(
        `${chartLabel(context.chart)} ignores ${store.resourcesPath}: its store container is ${runs.container} (${runs.resourcesPath}, charts ${runs.charts}).`,
        `Use -c ${runs.container}.`,
      );
    return splitPath(store.resourcesPath);
  }
  if (!postanalyticsContainers.includes(container)) throw usageError(`The ${name} has no container ${container}.`);
  checkContainer(workload, container);
  return ['postanalytics', container, 'resources'];
}

function checkContainer(workload: WorkloadObject, container: string | undefined): void {
  const spec = workload.spec.template.spec;
  const names = [...spec.containers, ...(spec.initContainers ?? [])].map((c) => c.name);
  if (container !== undefined && names.length && !names.includes(container))
    throw usageError(`${workload.metadata.name} has no container ${container}.`, `Containers: ${names.join(', ')}.`);
}

function arenaWarnings(store: Store, settings: WorkloadValuesSettings, effective: Values): string[] {
  const arena = Number(valueAtPath(effective, splitPath(store.arenaPath)));
  if (!Number.isFinite(arena) || arena <= 0) return [];
  const bytes = arena * 2 ** 30;
  const path = splitPath(store.resourcesPath);
  return (['requests', 'limits'] as const).flatMap((list) => {
    const memory = resultingQuantity(path, settings, effective, list, 'memory');
    const value = memory === undefined ? undefined : tryParseQuantity(memory);
    return value !== undefined && value < bytes
      ? [
          `${store.resourcesPath}.${list}.memory ${memory} is below the store's arena ${formatBytes(bytes)} (${store.arenaPath}): the guide wants memory ${list} ≥ arena.`,
        ]
      : [];
  });
}

function sidecarEdits(settings: WorkloadValuesSettings, workload: WorkloadObject | undefined, effective: Values): ValuesEditPlan {
  const sidecarList = settings.sidecars ?? [];
  const flags = sidecarList.map((s) => `--sidecar ${s.sidecar}`).join(' ');
  if (
    settings.replicas !== undefined ||
    settings.antiAffinity !== undefined ||
    settings.topologyKey !== undefined ||
    settings.spread !== undefined
  )
    throw usageError(
      `${flags} changes the ${chartName} release's values, which do not hold the replicas or placement of the workloads it injects into.`,
      'Change the replicas or placement of the workload separately.',
    );
  const edits: ValuesEdit[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const annotations = workload?.spec.template.metadata?.annotations ?? {};
  const split = valueAtPath(effective, ['config', 'injectionStrategy', 'schema']) === 'split';
  for (const { sidecar, requests, limits } of sidecarList) {
    const info = sidecars[sidecar];
    if (requests === undefined && limits === undefined) throw usageError(`--sidecar ${sidecar} needs --requests and/or --limits.`);
    edits.push(...resourceEdits(splitPath(info.valuesPath), { requests, limits }, effective, ['cpu', 'memory']));
    notes.push(
      `${info.valuesPath} applies to ${info.container} in every pod this release injects (pods labelled ${injectionLabel.key}: ${injectionLabel.value}), from the next pod created on; running pods keep their resources until they are re-created.`,
      `Pods with any of the four sidecar.wallarm.io/${sidecar}-* annotations ignore these global values entirely (not merged).`,
    );
    if (info.splitOnly && !split)
      warnings.push(
        `The release injects with the "single" schema (config.injectionStrategy.schema), which has no ${info.container}: these values act only on pods annotated sidecar.wallarm.io/sidecar-injection-schema: split.`,
      );
    const own = sidecarResourceFields.map((field) => sidecarAnnotation(sidecar, field)).filter((key) => key in annotations);
    if (workload && own.length)
      warnings.push(
        `${workload.metadata.name} sets ${own.join(', ')}, so its pods ignore ${info.valuesPath} entirely; change its annotations instead (patch workload … --sidecar ${sidecar}).`,
      );
  }
  return { edits, notes, warnings };
}

export function wallarmEdits(
  workload: WorkloadObject | undefined,
  settings: WorkloadValuesSettings,
  context: ValuesContext,
): ValuesEditPlan {
  const effective = effectiveValues(context.chartDefaults, context.userValues);
  if (settings.sidecars?.length) return sidecarEdits(settings, workload, effective);
  const component = workload && chartComponentOf(workload);
  if (!workload || !component)
    throw usageError(
      `${workload ? workload.metadata.name : 'This workload'} is not one of the ${chartName} chart's Deployments (controller, postanalytics).`,
      'For the containers the webhook injects, pass --sidecar proxy|helper|init-iptables|init-helper.',
    );
  const pods = () => ({
    name: `${component} (${workload.metadata.name})`,
    selector: workload.spec.selector,
    podLabels: workload.spec.template.metadata?.labels,
  });
  const edits: ValuesEdit[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  if (settings.replicas !== undefined) {
    edits.push({ path: splitPath(chartReplicasPath(component)), value: settings.replicas });
    if (settings.replicas === 0) warnings.push(`replicaCount 0 stops every ${component} pod.`);
    else if (settings.replicas === 1)
      warnings.push('A single replica is not highly available: any node drain or pod restart is an outage.');
  }
  if (settings.antiAffinity !== undefined || settings.topologyKey !== undefined) {
    const path = [...splitPath(chartAffinityPath(component)), 'podAntiAffinity'];
    edits.push({ path, value: nextPodAntiAffinity(valueAtPath(effective, path), pods(), settings, notes) });
  }
  if (settings.spread !== undefined) {
    if (!hasPath(context.chartDefaults, [component, 'topologySpreadConstraints']))
      throw usageError(
        `${chartLabel(context.chart)} has no ${component}.topologySpreadConstraints value.`,
        'Spread the replicas with --anti-affinity preferred|required --topology-key hostname|zone instead.',
      );
    const path = [component, 'topologySpreadConstraints'];
    edits.push({ path, value: nextSpreadConstraints(valueAtPath(effective, path), pods(), settings, notes) });
  }
  if (settings.requests !== undefined || settings.limits !== undefined) {
    const path = resourcesPath(component, settings.container, context, workload);
    edits.push(...resourceEdits(path, settings, effective));
    const store = storeOf(context.chart.version);
    if (store && formatValuesPath(path) === store.resourcesPath) warnings.push(...arenaWarnings(store, settings, effective));
  }
  const stale = storeContainers.find(
    (s) => s !== storeOf(context.chart.version) && hasPath(context.userValues, ['postanalytics', s.container]),
  );
  if (stale && storeOf(context.chart.version))
    warnings.push(`Your values still set postanalytics.${stale.container}, which ${chartLabel(context.chart)} ignores.`);
  if (!edits.length) throw usageError(`Nothing to change for the ${component}.`);
  return { edits, notes, warnings };
}
