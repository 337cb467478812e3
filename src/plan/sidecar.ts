// Wallarm injected containers: their resources live in four pod-template annotations each.
// Any one of a container's annotations replaces the chart's default resources entirely,
// so we always write all four, filling what the user did not give from the live container.
import { usageError } from '../k8s/errors.ts';
import {
  currentSidecarValues,
  injectionLabel,
  injectionSchemaAnnotation,
  injectionSchemaOf,
  sidecarAnnotation,
  sidecarFieldSource as fieldSource,
  sidecarResourceFields,
  sidecars as sidecarInfo,
  type SidecarResources,
  type SidecarResourceField,
} from '../profiles/wallarm.ts';
import type { Pod, WorkloadObject } from '../k8s/types.ts';
import { checkRequestsWithinLimits } from './settings.ts';
import { workloadName } from './types.ts';

type FourValues = Record<SidecarResourceField, string>;

/** The container exists in the schema the next pods get; refused when that is known to be `single`. */
function checkSchema(workload: WorkloadObject, settings: SidecarResources, livePods: readonly Pod[], warnings: string[]): void {
  const info = sidecarInfo[settings.sidecar];
  if (!info.splitOnly) return;
  const annotations = workload.spec.template.metadata?.annotations ?? {};
  const schema = injectionSchemaOf(annotations, livePods);
  if (schema === 'single') {
    const source =
      annotations[injectionSchemaAnnotation] === 'single'
        ? `its pod template's annotation ${injectionSchemaAnnotation}`
        : "the release's config.injectionStrategy.schema, as its live pods show";
    throw usageError(
      `${workloadName(workload)} gets the "single" injection schema (${source}), which has no ${info.container} container.`,
      `Only proxy and init-iptables exist in single mode; the split schema (annotation ${injectionSchemaAnnotation}: split) adds helper and init-helper.`,
    );
  }
  if (schema === undefined)
    warnings.push(
      `${info.container} is injected with the split schema only, and no live pod of ${workloadName(workload)} shows which schema it gets: these annotations act only if the release's config.injectionStrategy.schema or the pod annotation ${injectionSchemaAnnotation} is split.`,
    );
}

/** All four values of one sidecar: the given ones, else what the template or the newest live container has. */
function fourValues(
  workload: WorkloadObject,
  settings: SidecarResources,
  livePods: readonly Pod[],
): { values: FourValues; filled: string[] } {
  const { sidecar } = settings;
  const info = sidecarInfo[sidecar];
  const { values: current, live } = currentSidecarValues(workload.spec.template.metadata?.annotations ?? {}, livePods, sidecar);
  const values: Partial<FourValues> = {};
  const filled: string[] = [];
  const missing: SidecarResourceField[] = [];
  for (const field of sidecarResourceFields) {
    const { list, resource } = fieldSource[field];
    const given = settings[list]?.[resource];
    const value = given ?? current[field];
    if (value === undefined) missing.push(field);
    else values[field] = String(value);
    if (given === undefined && value !== undefined) filled.push(`${field}=${value}`);
  }
  if (missing.length) {
    const flags = (['requests', 'limits'] as const)
      .map((list) => [list, missing.filter((f) => fieldSource[f].list === list).map((f) => `${fieldSource[f].resource}=…`)] as const)
      .filter(([, names]) => names.length)
      .map(([list, names]) => `--${list} ${names.join(',')}`)
      .join(' ');
    throw usageError(
      `Cannot write all four ${info.container} annotations: ${missing.map((f) => sidecarAnnotation(sidecar, f)).join(', ')} ${live ? `${missing.length > 1 ? 'have' : 'has'} no value in the live container (pod ${live.pod.metadata.name})` : `cannot be filled: no live pod of ${workloadName(workload)} carries ${info.container}`}.`,
      `Any one annotation replaces the chart's default resources for ${info.container} entirely, so all four are written. Give the missing ones: --sidecar ${sidecar} ${flags}.`,
    );
  }
  const whole = values as FourValues;
  checkRequestsWithinLimits(
    { cpu: whole.cpu, memory: whole.memory },
    { cpu: whole['cpu-limit'], memory: whole['memory-limit'] },
    `--sidecar ${sidecar}`,
  );
  const source = live ? `the live container in pod ${live.pod.metadata.name}` : 'none';
  return { values: whole, filled: filled.length ? [`${sidecar}: ${filled.join(', ')} (the template's annotations, else ${source})`] : [] };
}

/** Writes each sidecar's four annotations into `after`'s pod template, in one change; notes and warnings say what and why. */
export function setSidecarResources(
  after: WorkloadObject,
  workload: WorkloadObject,
  sidecars: readonly SidecarResources[],
  livePods: readonly Pod[],
  notes: string[],
  warnings: string[],
): void {
  if (!sidecars.length) return;
  const planned = sidecars.map((settings) => {
    checkSchema(workload, settings, livePods, warnings);
    return { sidecar: settings.sidecar, ...fourValues(workload, settings, livePods) };
  });
  const template = after.spec.template;
  template.metadata ??= {};
  template.metadata.annotations = { ...(template.metadata.annotations ?? {}) };
  for (const { sidecar, values } of planned)
    for (const field of sidecarResourceFields) template.metadata.annotations[sidecarAnnotation(sidecar, field)] = values[field];
  const names = planned.map(({ sidecar }) => sidecar);
  const containers = names.map((name) => sidecarInfo[name].container).join(' and ');
  const filled = planned.flatMap((p) => p.filled);
  const keys = names.length > 1 ? `{${names.join(',')}}` : names[0];
  notes.push(
    `Writes all four sidecar.wallarm.io/${keys}-* annotations${names.length > 1 ? ' of each' : ''}: any one of them replaces the chart's default resources for ${containers} entirely.` +
      (filled.length ? ` Kept the current values: ${filled.join('; ')}.` : ''),
    'The webhook reads them at pod creation: the template change rolls the pods (once, for all of them).',
  );
  if (workload.spec.template.metadata?.labels?.[injectionLabel.key] !== injectionLabel.value)
    warnings.push(
      `The pod template lacks the label ${injectionLabel.key}: ${injectionLabel.value}, so the webhook may not inject ${containers} at all.`,
    );
}
