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
import { listText, t } from '../i18n/index.ts';

type FourValues = Record<SidecarResourceField, string>;

/** The container exists in the schema the next pods get; refused when that is known to be `single`. */
function checkSchema(workload: WorkloadObject, settings: SidecarResources, livePods: readonly Pod[], warnings: string[]): void {
  const info = sidecarInfo[settings.sidecar];
  if (!info.splitOnly) return;
  const annotations = workload.spec.template.metadata?.annotations ?? {};
  const schema = injectionSchemaOf(annotations, livePods);
  if (schema === 'single') {
    const params = { workload: workloadName(workload), annotation: injectionSchemaAnnotation, container: info.container };
    throw usageError(
      t(
        annotations[injectionSchemaAnnotation] === 'single' ? 'plan.sidecar.singleFromAnnotation' : 'plan.sidecar.singleFromRelease',
        params,
      ),
      t('plan.sidecar.singleHint', { annotation: `${injectionSchemaAnnotation}: split` }),
    );
  }
  if (schema === undefined)
    warnings.push(
      t('plan.sidecar.schemaUnknown', {
        container: info.container,
        workload: workloadName(workload),
        annotation: injectionSchemaAnnotation,
      }),
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
      live
        ? t('plan.sidecar.missingLive', {
            container: info.container,
            annotations: missing.map((f) => sidecarAnnotation(sidecar, f)).join(', '),
            count: missing.length,
            pod: live.pod.metadata.name,
          })
        : t('plan.sidecar.missingNoPod', {
            container: info.container,
            annotations: missing.map((f) => sidecarAnnotation(sidecar, f)).join(', '),
            workload: workloadName(workload),
          }),
      t('plan.sidecar.missingHint', { container: info.container, flags: `--sidecar ${sidecar} ${flags}` }),
    );
  }
  const whole = values as FourValues;
  checkRequestsWithinLimits(
    { cpu: whole.cpu, memory: whole.memory },
    { cpu: whole['cpu-limit'], memory: whole['memory-limit'] },
    `--sidecar ${sidecar}`,
  );
  const params = { sidecar, values: filled.join(', '), pod: live?.pod.metadata.name };
  const kept = t(live ? 'plan.sidecar.keptFromLive' : 'plan.sidecar.keptFromTemplate', params);
  return { values: whole, filled: filled.length ? [kept] : [] };
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
  const containers = listText(names.map((name) => sidecarInfo[name].container));
  const filled = planned.flatMap((p) => p.filled);
  const keys = names.length > 1 ? `{${names.join(',')}}` : names[0];
  const writes = { annotations: `sidecar.wallarm.io/${keys}-*`, containers, kept: filled.join('; ') };
  notes.push(
    names.length > 1
      ? t(filled.length ? 'plan.sidecar.writesEachKept' : 'plan.sidecar.writesEach', writes)
      : t(filled.length ? 'plan.sidecar.writesKept' : 'plan.sidecar.writes', writes),
    t('plan.sidecar.rolls'),
  );
  if (workload.spec.template.metadata?.labels?.[injectionLabel.key] !== injectionLabel.value)
    warnings.push(t('plan.sidecar.noInjectionLabel', { label: `${injectionLabel.key}: ${injectionLabel.value}`, containers }));
}
