// Wallarm injected containers: their resources live in four pod-template annotations each.
// Any one of a container's annotations replaces the chart's default resources entirely,
// so we always write all four, filling what the user did not give from the live container.
import { usageError } from '../k8s/errors.ts';
import {
  currentSidecarValues,
  injectionLabel,
  injectionSchema,
  sidecarAnnotation,
  sidecarFieldSource as fieldSource,
  sidecarResourceFields,
  sidecars,
  type SidecarName,
  type SidecarResourceField,
} from '../profiles/wallarm.ts';
import type { Pod, ResourceList, WorkloadObject } from '../k8s/types.ts';
import { checkRequestsWithinLimits } from './settings.ts';
import { workloadName } from './types.ts';

export interface SidecarSettings {
  sidecar: SidecarName;
  requests?: ResourceList | undefined;
  limits?: ResourceList | undefined;
}

/** Writes the four annotations into `after`'s pod template; notes and warnings say what and why. */
export function setSidecarResources(
  after: WorkloadObject,
  workload: WorkloadObject,
  settings: SidecarSettings,
  livePods: readonly Pod[],
  notes: string[],
  warnings: string[],
): void {
  const { sidecar } = settings;
  const info = sidecars[sidecar];
  for (const list of [settings.requests, settings.limits]) {
    const other = Object.keys(list ?? {}).find((name) => name !== 'cpu' && name !== 'memory');
    if (other) throw usageError(`--sidecar takes cpu and memory only (got ${other}).`, 'The Wallarm annotations exist for cpu and memory.');
  }
  const annotations = workload.spec.template.metadata?.annotations ?? {};
  const { values: current, live } = currentSidecarValues(annotations, livePods, sidecar);
  const schema = injectionSchema(live?.pod.metadata.annotations ?? annotations);
  if (info.splitOnly && schema === 'single') {
    throw usageError(
      `${workloadName(workload)} uses the "single" injection schema, which has no ${info.container} container.`,
      `Only proxy and init-iptables exist in single mode; the split schema (annotation sidecar.wallarm.io/sidecar-injection-schema: split) adds helper and init-helper.`,
    );
  }
  const values: Partial<Record<SidecarResourceField, string>> = {};
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
      `Any one annotation replaces the chart's default resources for ${info.container} entirely, so all four are written. Give the missing ones: ${flags}.`,
    );
  }
  checkRequestsWithinLimits(
    { cpu: values.cpu!, memory: values.memory! },
    { cpu: values['cpu-limit']!, memory: values['memory-limit']! },
    `--sidecar ${sidecar}`,
  );
  const template = after.spec.template;
  template.metadata ??= {};
  template.metadata.annotations = { ...(template.metadata.annotations ?? {}) };
  for (const field of sidecarResourceFields) template.metadata.annotations[sidecarAnnotation(sidecar, field)] = values[field]!;
  notes.push(
    `Writes all four sidecar.wallarm.io/${sidecar}-* annotations: any one of them replaces the chart's default resources for ${info.container} entirely.` +
      (filled.length
        ? ` Kept the current values (the template's annotations, else ${live ? `the live container in pod ${live.pod.metadata.name}` : 'none'}): ${filled.join(', ')}.`
        : ''),
    'The webhook reads them at pod creation: the template change rolls the pods.',
  );
  if (workload.spec.template.metadata?.labels?.[injectionLabel.key] !== injectionLabel.value)
    warnings.push(
      `The pod template lacks the label ${injectionLabel.key}: ${injectionLabel.value}, so the webhook may not inject ${info.container} at all.`,
    );
}
