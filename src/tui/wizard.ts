// The Wizard's form for one workload's scaling: the HPA's min/max (or the workload's replicas without an HPA) and
// pod anti-affinity, validated as typed with the CLI's own rules, and turned into the Intents the write use-case takes. Pure.
import { UserError } from '../k8s/errors.ts';
import { parseWholeNumber } from '../k8s/limits.ts';
import type { WorkloadKind } from '../plan/intent.ts';
import type { Intent } from '../plan/intent.ts';
import { validateScale, validateWorkloadSettings, type WorkloadSettings } from '../plan/settings.ts';
import type { Snapshot } from '../snapshot/types.ts';
import { type AntiAffinityMode, placementOf, workloadsOf } from '../snapshot/workloads.ts';
import { workloadKey } from './rows.ts';

export const hostnameKey = 'kubernetes.io/hostname';
export const zoneKey = 'topology.kubernetes.io/zone';

export type TopologyChoice = 'hostname' | 'zone';
export const antiAffinityModes: readonly AntiAffinityMode[] = ['none', 'preferred', 'required'];
export const topologyChoices: readonly TopologyChoice[] = ['hostname', 'zone'];

/** What the workload has now: the wizard starts from it and changes only what differs. */
export interface WizardCurrent {
  namespace: string;
  kind: WorkloadKind;
  name: string;
  hpa: { name: string; min: number; max: number } | null;
  replicas: number;
  antiAffinity: AntiAffinityMode;
  topology: TopologyChoice;
  /** The weight of its preferred anti-affinity term (100 when there is none). */
  weight: number;
}

export interface WizardForm {
  min: string;
  max: string;
  replicas: string;
  antiAffinity: AntiAffinityMode;
  topology: TopologyChoice;
  weight: string;
}

export type FieldName = keyof WizardForm;
export type TextField = 'min' | 'max' | 'replicas' | 'weight';

export const isTextField = (field: FieldName): field is TextField =>
  field === 'min' || field === 'max' || field === 'replicas' || field === 'weight';

/** The fields shown, in order: the weight only for preferred, the topology key unless none. */
export function wizardFields(current: WizardCurrent, form: WizardForm): FieldName[] {
  const scale: FieldName[] = current.hpa ? ['min', 'max'] : ['replicas'];
  const placement: FieldName[] =
    form.antiAffinity === 'none'
      ? ['antiAffinity']
      : form.antiAffinity === 'preferred'
        ? ['antiAffinity', 'topology', 'weight']
        : ['antiAffinity', 'topology'];
  return [...scale, ...placement];
}

export function initialForm(current: WizardCurrent): WizardForm {
  return {
    min: String(current.hpa?.min ?? ''),
    max: String(current.hpa?.max ?? ''),
    replicas: String(current.replicas),
    antiAffinity: current.antiAffinity,
    topology: current.topology,
    weight: String(current.weight),
  };
}

export interface WizardValidation {
  /** A message per field, shown next to it. */
  errors: Partial<Record<FieldName, string>>;
  /** A message about the whole form (nothing to change, a rule between fields). */
  formError: string | null;
  /** The writes to review, in order; empty while anything is invalid. */
  intents: Intent[];
}

const messageOf = (error: unknown) => (error instanceof UserError ? error.message : error instanceof Error ? error.message : String(error));

function whole(text: string, flag: string, minimum: number, errors: WizardValidation['errors'], field: TextField) {
  try {
    if (text.trim() === '') throw new UserError(`${flag}: a value is needed.`);
    return parseWholeNumber(text, flag, minimum);
  } catch (error) {
    errors[field] = messageOf(error);
    return undefined;
  }
}

export function validateWizard(current: WizardCurrent, form: WizardForm): WizardValidation {
  const errors: WizardValidation['errors'] = {};
  const intents: Intent[] = [];
  let formError: string | null = null;
  const workload: WorkloadSettings = {};
  if (current.hpa) {
    const min = whole(form.min, 'min replicas', 1, errors, 'min');
    const max = whole(form.max, 'max replicas', 1, errors, 'max');
    if (min !== undefined && max !== undefined) {
      try {
        validateScale({ min, max }, current.hpa, `hpa/${current.hpa.name}`);
        if (min !== current.hpa.min || max !== current.hpa.max)
          intents.push({
            type: 'hpa',
            namespace: current.namespace,
            name: current.hpa.name,
            settings: { ...(min !== current.hpa.min ? { min } : {}), ...(max !== current.hpa.max ? { max } : {}) },
          });
      } catch (error) {
        errors.max = messageOf(error);
      }
    }
  } else {
    const replicas = whole(form.replicas, 'replicas', 1, errors, 'replicas');
    if (replicas !== undefined && replicas !== current.replicas) workload.replicas = replicas;
  }
  const key = form.topology === 'zone' ? zoneKey : hostnameKey;
  if (form.antiAffinity === 'preferred') {
    const weight = whole(form.weight, 'weight', 1, errors, 'weight');
    if (weight !== undefined) {
      workload.antiAffinity = 'preferred';
      workload.topologyKey = key;
      workload.weight = weight;
    }
  } else if (form.antiAffinity === 'required') {
    workload.antiAffinity = 'required';
    workload.topologyKey = key;
  } else if (current.antiAffinity !== 'none') workload.antiAffinity = 'none';
  // Anti-affinity that is already as chosen (same mode, key and weight) is left alone.
  if (
    workload.antiAffinity !== undefined &&
    workload.antiAffinity === current.antiAffinity &&
    form.topology === current.topology &&
    (workload.antiAffinity !== 'preferred' || workload.weight === current.weight)
  ) {
    delete workload.weight;
    delete workload.antiAffinity;
    delete workload.topologyKey;
  }
  const fieldErrors = Object.keys(errors).length > 0;
  if (!fieldErrors && Object.keys(workload).length > 0) {
    try {
      validateWorkloadSettings(workload);
      intents.push({ type: 'workload', kind: current.kind, namespace: current.namespace, name: current.name, settings: workload });
    } catch (error) {
      formError = messageOf(error);
    }
  }
  if (!fieldErrors && !formError && intents.length === 0) formError = 'Nothing to change yet: edit a value.';
  return { errors, formError, intents: fieldErrors || formError ? [] : intents };
}

/** The wizard's starting point for a workload of the snapshot; null when it is gone or not a Deployment/StatefulSet. */
export function wizardCurrentOf(snapshot: Snapshot, key: string): WizardCurrent | null {
  const workload = workloadsOf(snapshot).find((w) => workloadKey(w.namespace, w.kind, w.name) === key);
  if (!workload || (workload.kind !== 'Deployment' && workload.kind !== 'StatefulSet')) return null;
  const placement = placementOf(workload.object);
  const hpa = workload.hpas[0];
  return {
    namespace: workload.namespace,
    kind: workload.kind,
    name: workload.name,
    hpa: hpa ? { name: hpa.metadata.name, min: hpa.spec.minReplicas ?? 1, max: hpa.spec.maxReplicas } : null,
    replicas: workload.object.spec.replicas ?? 1,
    antiAffinity: placement.antiAffinity,
    weight:
      workload.object.spec.template.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.find((t) =>
        placement.antiAffinityKeys.includes(t.podAffinityTerm.topologyKey),
      )?.weight ?? 100,
    topology: placement.antiAffinityKeys.includes(zoneKey) && !placement.antiAffinityKeys.includes(hostnameKey) ? 'zone' : 'hostname',
  };
}
