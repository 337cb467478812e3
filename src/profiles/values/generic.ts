// Charts we know nothing about: the keys `helm create` lays out (replicaCount, autoscaling.*, affinity,
// topologySpreadConstraints, resources), used only when the chart's own values.yaml has them.
import { usageError, type UserError } from '../../k8s/errors.ts';
import type { HorizontalPodAutoscaler, WorkloadObject } from '../../k8s/types.ts';
import { nextPodAntiAffinity, nextSpreadConstraints, type OwnPods } from './affinity.ts';
import {
  chartLabel,
  effectiveValues,
  formatValuesPath,
  hasPath,
  valueAtPath,
  type HpaValuesSettings,
  type ValuesContext,
  type ValuesEdit,
  type ValuesEditPlan,
  type ValuesPath,
  type WorkloadValuesSettings,
} from './model.ts';
import { resourceEdits } from './resources.ts';
import { listText, t } from '../../i18n/index.ts';

function noSuchKey(context: ValuesContext, path: ValuesPath, what: string, object: string): UserError {
  if (!context.chartDefaults)
    return usageError(
      t('profiles.values.generic.unreadableDefaults', { chart: chartLabel(context.chart), path: formatValuesPath(path) }),
      t('profiles.values.generic.unreadableDefaultsHint', { object }),
    );
  return usageError(
    t('profiles.values.generic.noSuchKey', { chart: chartLabel(context.chart), path: formatValuesPath(path), what, object }),
    t('profiles.values.generic.noSuchKeyHint', { object, path: formatValuesPath(path) }),
  );
}

/** The path when the chart's defaults have it; refused otherwise (detected, never guessed). */
function keyOf(context: ValuesContext, path: ValuesPath, what: string, object: string): ValuesPath {
  if (!hasPath(context.chartDefaults, path)) throw noSuchKey(context, path, what, object);
  return path;
}

const objectName = (object: { kind?: string | undefined; metadata: { name: string } }, fallback: string) =>
  `${(object.kind ?? fallback).toLowerCase()}/${object.metadata.name}`;

export function genericWorkloadEdits(workload: WorkloadObject, settings: WorkloadValuesSettings, context: ValuesContext): ValuesEditPlan {
  const name = objectName(workload, 'Deployment');
  if (settings.sidecars?.length)
    throw usageError(
      t('profiles.values.generic.sidecarsNotInValues', { chart: chartLabel(context.chart) }),
      t('profiles.values.generic.sidecarsNotInValuesHint', {
        name,
        annotations: listText(settings.sidecars.map((s) => `sidecar.wallarm.io/${s.sidecar}-*`)),
      }),
    );
  const effective = effectiveValues(context.chartDefaults, context.userValues);
  const pods: OwnPods = { name, selector: workload.spec.selector, podLabels: workload.spec.template.metadata?.labels };
  const edits: ValuesEdit[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  if (settings.replicas !== undefined) {
    const path = keyOf(context, ['replicaCount'], t('profiles.values.what.replicas'), name);
    if (valueAtPath(effective, ['autoscaling', 'enabled']) === true) {
      if (!settings.forceReplicas)
        throw usageError(t('profiles.values.generic.scaledByHpa', { name }), t('profiles.values.generic.scaledByHpaHint'));
      warnings.push(t('profiles.values.generic.autoscalingEnabled'));
    }
    edits.push({ path, value: settings.replicas });
    if (settings.replicas === 0) warnings.push(t('profiles.values.generic.zeroReplicas'));
    else if (settings.replicas === 1) warnings.push(t('profiles.values.singleReplica'));
  }
  if (settings.antiAffinity !== undefined || settings.topologyKey !== undefined) {
    keyOf(context, ['affinity'], t('profiles.values.what.antiAffinity'), name);
    const path = ['affinity', 'podAntiAffinity'];
    edits.push({ path, value: nextPodAntiAffinity(valueAtPath(effective, path), pods, settings, notes) });
  }
  if (settings.spread !== undefined) {
    const path = keyOf(context, ['topologySpreadConstraints'], t('profiles.values.what.spread'), name);
    edits.push({ path, value: nextSpreadConstraints(valueAtPath(effective, path), pods, settings, notes) });
  }
  if (settings.requests !== undefined || settings.limits !== undefined) {
    const path = keyOf(context, ['resources'], t('profiles.values.what.resources'), name);
    const containers = workload.spec.template.spec.containers;
    const main = containers[0]?.name;
    if (settings.container !== undefined && settings.container !== main)
      throw usageError(
        t('profiles.values.generic.notMainContainer', { main, container: settings.container }),
        t('profiles.values.generic.notMainContainerHint', { container: settings.container, name }),
      );
    if (settings.container === undefined && containers.length > 1)
      throw usageError(
        t('profiles.values.generic.severalContainers', { name, containers: containers.map((c) => c.name).join(', ') }),
        t('profiles.values.generic.severalContainersHint', { main }),
      );
    edits.push(...resourceEdits(path, settings, effective));
    if (containers.length) notes.push(t('profiles.values.generic.mainContainerNote', { main }));
  }
  if (!edits.length) throw usageError(t('profiles.values.nothingToChange', { what: name }));
  return { edits, notes, warnings };
}

export function genericHpaEdits(hpa: HorizontalPodAutoscaler, settings: HpaValuesSettings, context: ValuesContext): ValuesEditPlan {
  const name = objectName(hpa, 'HorizontalPodAutoscaler');
  const effective = effectiveValues(context.chartDefaults, context.userValues);
  const edits: ValuesEdit[] = [];
  const warnings: string[] = [];
  const keys = [
    ['minReplicas', settings.min, t('profiles.values.what.minReplicas')],
    ['maxReplicas', settings.max, t('profiles.values.what.maxReplicas')],
    ['targetCPUUtilizationPercentage', settings.cpu, t('profiles.values.what.cpu')],
    ['enabled', settings.enabled, t('profiles.values.what.enabled')],
  ] as const;
  for (const [key, value, what] of keys) {
    if (value !== undefined) edits.push({ path: keyOf(context, ['autoscaling', key], what, name), value });
  }
  if (settings.behavior !== undefined)
    edits.push({
      path: keyOf(context, ['autoscaling', 'behavior'], t('profiles.values.what.behavior'), name),
      value: settings.behavior ?? {},
    });
  if (!edits.length) throw usageError(t('profiles.values.nothingToChange', { what: name }), t('profiles.values.generic.passHpaFlags'));
  const current = (key: string) => valueAtPath(effective, ['autoscaling', key]);
  const min = settings.min ?? (current('minReplicas') as number | undefined) ?? 1;
  const max = settings.max ?? (current('maxReplicas') as number | undefined);
  if (typeof max === 'number' && max < min)
    throw usageError(t('profiles.values.generic.maxBelowMin', { name, max, min }), t('profiles.values.maxBelowMinHint'));
  if (min === max && max > 1) warnings.push(t('profiles.values.generic.minEqualsMax', { max }));
  if ((settings.enabled ?? current('enabled')) === false) warnings.push(t('profiles.values.generic.autoscalingDisabled'));
  return { edits, notes: [], warnings };
}
