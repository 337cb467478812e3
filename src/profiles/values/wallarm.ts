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
import { t } from '../../i18n/index.ts';

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
  const name = t(
    component === 'controller' ? 'profiles.values.wallarm.controllerDeployment' : 'profiles.values.wallarm.postanalyticsDeployment',
  );
  if (component === 'controller') {
    checkContainer(workload, container);
    return ['controller', 'resources'];
  }
  if (container === undefined)
    throw usageError(
      t('profiles.values.wallarm.severalContainers', { name }),
      t('profiles.values.wallarm.severalContainersHint', {
        containers: postanalyticsContainers.filter((c) => c !== 'tarantool' && c !== 'wstore').join(', '),
        store: storeOf(context.chart.version)?.container ?? t('profiles.values.wallarm.eitherStore'),
      }),
    );
  const store = storeContainers.find((s) => s.container === container);
  if (store) {
    const runs = storeOf(context.chart.version);
    if (!runs) throw usageError(t('profiles.values.wallarm.unknownStore', { version: context.chart.version }));
    if (runs !== store)
      throw usageError(
        t('profiles.values.wallarm.otherStore', {
          chart: chartLabel(context.chart),
          ignored: store.resourcesPath,
          container: runs.container,
          path: runs.resourcesPath,
          charts: runs.charts,
        }),
        t('profiles.values.wallarm.useContainer', { container: runs.container }),
      );
    return splitPath(store.resourcesPath);
  }
  if (!postanalyticsContainers.includes(container)) throw usageError(t('profiles.values.wallarm.noContainer', { name, container }));
  checkContainer(workload, container);
  return ['postanalytics', container, 'resources'];
}

function checkContainer(workload: WorkloadObject, container: string | undefined): void {
  const spec = workload.spec.template.spec;
  const names = [...spec.containers, ...(spec.initContainers ?? [])].map((c) => c.name);
  if (container !== undefined && names.length && !names.includes(container))
    throw usageError(
      t('profiles.values.wallarm.workloadNoContainer', { name: workload.metadata.name, container }),
      t('profiles.values.wallarm.containers', { names: names.join(', ') }),
    );
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
          t('profiles.values.wallarm.belowArena', {
            path: `${store.resourcesPath}.${list}.memory`,
            memory,
            arena: formatBytes(bytes),
            arenaPath: store.arenaPath,
            list,
          }),
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
      t('profiles.values.wallarm.sidecarNotPlacement', { flags, chart: chartName }),
      t('profiles.values.wallarm.sidecarNotPlacementHint'),
    );
  const edits: ValuesEdit[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const annotations = workload?.spec.template.metadata?.annotations ?? {};
  const split = valueAtPath(effective, ['config', 'injectionStrategy', 'schema']) === 'split';
  for (const { sidecar, requests, limits } of sidecarList) {
    const info = sidecars[sidecar];
    if (requests === undefined && limits === undefined) throw usageError(t('profiles.values.wallarm.sidecarNeedsResources', { sidecar }));
    edits.push(...resourceEdits(splitPath(info.valuesPath), { requests, limits }, effective, ['cpu', 'memory']));
    notes.push(
      t('profiles.values.wallarm.globalApplies', {
        path: info.valuesPath,
        container: info.container,
        label: `${injectionLabel.key}: ${injectionLabel.value}`,
      }),
      t('profiles.values.wallarm.annotationsOverride', { annotations: `sidecar.wallarm.io/${sidecar}-*` }),
    );
    if (info.splitOnly && !split) warnings.push(t('profiles.values.wallarm.singleSchema', { container: info.container }));
    const own = sidecarResourceFields.map((field) => sidecarAnnotation(sidecar, field)).filter((key) => key in annotations);
    if (workload && own.length)
      warnings.push(
        t('profiles.values.wallarm.ownAnnotations', {
          name: workload.metadata.name,
          annotations: own.join(', '),
          path: info.valuesPath,
          command: `patch workload … --sidecar ${sidecar}`,
        }),
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
      workload
        ? t('profiles.values.wallarm.notChartDeployment', { name: workload.metadata.name, chart: chartName })
        : t('profiles.values.wallarm.thisNotChartDeployment', { chart: chartName }),
      t('profiles.values.wallarm.notChartDeploymentHint'),
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
    if (settings.replicas === 0) warnings.push(t('profiles.values.wallarm.zeroReplicas', { component }));
    else if (settings.replicas === 1) warnings.push(t('profiles.values.singleReplica'));
  }
  if (settings.antiAffinity !== undefined || settings.topologyKey !== undefined) {
    const path = [...splitPath(chartAffinityPath(component)), 'podAntiAffinity'];
    edits.push({ path, value: nextPodAntiAffinity(valueAtPath(effective, path), pods(), settings, notes) });
  }
  if (settings.spread !== undefined) {
    if (!hasPath(context.chartDefaults, [component, 'topologySpreadConstraints']))
      throw usageError(
        t('profiles.values.wallarm.noSpreadKey', { chart: chartLabel(context.chart), path: `${component}.topologySpreadConstraints` }),
        t('profiles.values.wallarm.noSpreadKeyHint'),
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
    warnings.push(t('profiles.values.wallarm.staleStore', { path: `postanalytics.${stale.container}`, chart: chartLabel(context.chart) }));
  if (!edits.length) throw usageError(t('profiles.values.wallarm.nothingToChange', { component }));
  return { edits, notes, warnings };
}
