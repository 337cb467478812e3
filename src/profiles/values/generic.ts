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

function noSuchKey(context: ValuesContext, path: ValuesPath, what: string, object: string): UserError {
  if (!context.chartDefaults)
    return usageError(
      `Cannot tell whether ${chartLabel(context.chart)} has a ${formatValuesPath(path)} value: its default values could not be read.`,
      `Pass --direct to patch ${object} itself (the next helm upgrade reverts it), or make the chart readable.`,
    );
  return usageError(
    `${chartLabel(context.chart)} has no ${formatValuesPath(path)} value, so a values change cannot set ${what} of ${object}.`,
    `Pass --direct to patch ${object} itself (the next helm upgrade reverts it), or add ${formatValuesPath(path)} to your chart's values and templates.`,
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
      `The sidecars the Wallarm webhook injects are not in ${chartLabel(context.chart)}'s values.`,
      `Change the wallarm-sidecar release's config.sidecar values, or pass --direct to write ${name}'s ${settings.sidecars.map((s) => `sidecar.wallarm.io/${s.sidecar}-*`).join(' and ')} annotations.`,
    );
  const effective = effectiveValues(context.chartDefaults, context.userValues);
  const pods: OwnPods = { name, selector: workload.spec.selector, podLabels: workload.spec.template.metadata?.labels };
  const edits: ValuesEdit[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  if (settings.replicas !== undefined) {
    const path = keyOf(context, ['replicaCount'], 'the replicas', name);
    if (valueAtPath(effective, ['autoscaling', 'enabled']) === true) {
      if (!settings.forceReplicas)
        throw usageError(
          `${name} is scaled by the chart's HPA (autoscaling.enabled is true), and such charts leave replicaCount out of the Deployment.`,
          'Change autoscaling.minReplicas/maxReplicas through the HPA instead, or pass --force-replicas to write replicaCount anyway.',
        );
      warnings.push(
        'autoscaling.enabled is true: the chart likely leaves replicaCount out of the Deployment, and the HPA sets the replicas.',
      );
    }
    edits.push({ path, value: settings.replicas });
    if (settings.replicas === 0) warnings.push('replicaCount 0 stops every pod of the workload.');
    else if (settings.replicas === 1)
      warnings.push('A single replica is not highly available: any node drain or pod restart is an outage.');
  }
  if (settings.antiAffinity !== undefined || settings.topologyKey !== undefined) {
    keyOf(context, ['affinity'], 'the pod anti-affinity', name);
    const path = ['affinity', 'podAntiAffinity'];
    edits.push({ path, value: nextPodAntiAffinity(valueAtPath(effective, path), pods, settings, notes) });
  }
  if (settings.spread !== undefined) {
    const path = keyOf(context, ['topologySpreadConstraints'], 'the topology spread', name);
    edits.push({ path, value: nextSpreadConstraints(valueAtPath(effective, path), pods, settings, notes) });
  }
  if (settings.requests !== undefined || settings.limits !== undefined) {
    const path = keyOf(context, ['resources'], 'the container resources', name);
    const containers = workload.spec.template.spec.containers;
    const main = containers[0]?.name;
    if (settings.container !== undefined && settings.container !== main)
      throw usageError(
        `The chart's resources value sets the main container (${main}), not ${settings.container}.`,
        `Pass --direct to patch ${settings.container} in ${name} itself, or give the chart a values key for it.`,
      );
    if (settings.container === undefined && containers.length > 1)
      throw usageError(
        `${name} has several containers: ${containers.map((c) => c.name).join(', ')}.`,
        `Pick the main one with -c ${main}.`,
      );
    edits.push(...resourceEdits(path, settings, effective));
    if (containers.length) notes.push(`The chart's resources value applies to its main container, ${main}.`);
  }
  if (!edits.length) throw usageError(`Nothing to change for ${name}.`);
  return { edits, notes, warnings };
}

export function genericHpaEdits(hpa: HorizontalPodAutoscaler, settings: HpaValuesSettings, context: ValuesContext): ValuesEditPlan {
  const name = objectName(hpa, 'HorizontalPodAutoscaler');
  const effective = effectiveValues(context.chartDefaults, context.userValues);
  const edits: ValuesEdit[] = [];
  const warnings: string[] = [];
  const keys = [
    ['minReplicas', settings.min, 'the minimum replicas'],
    ['maxReplicas', settings.max, 'the maximum replicas'],
    ['targetCPUUtilizationPercentage', settings.cpu, 'the CPU target'],
    ['enabled', settings.enabled, 'whether the HPA exists'],
  ] as const;
  for (const [key, value, what] of keys) {
    if (value !== undefined) edits.push({ path: keyOf(context, ['autoscaling', key], what, name), value });
  }
  if (settings.behavior !== undefined)
    edits.push({ path: keyOf(context, ['autoscaling', 'behavior'], 'the behavior', name), value: settings.behavior ?? {} });
  if (!edits.length) throw usageError(`Nothing to change for ${name}.`, 'Pass at least one of --min, --max, --cpu, --behavior.');
  const current = (key: string) => valueAtPath(effective, ['autoscaling', key]);
  const min = settings.min ?? (current('minReplicas') as number | undefined) ?? 1;
  const max = settings.max ?? (current('maxReplicas') as number | undefined);
  if (typeof max === 'number' && max < min)
    throw usageError(
      `${name}: autoscaling.maxReplicas ${max} would be below autoscaling.minReplicas ${min}.`,
      'Raise --max or lower --min so that min ≤ max.',
    );
  if (min === max && max > 1) warnings.push(`min = max = ${max}: the HPA can no longer scale.`);
  if ((settings.enabled ?? current('enabled')) === false)
    warnings.push('autoscaling.enabled is false: the chart renders no HPA, so these values act only once it is true.');
  return { edits, notes: [], warnings };
}
