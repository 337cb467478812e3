// The Wizard's form for one workload's scaling: replicas (the HPA's min/max, the Apigee component's, or the workload's
// own), the CPU target and behavior, Apigee runtime's wait-time target, pod anti-affinity, Wallarm's injected-sidecar
// resources, and the route for helm-managed objects. Validated as typed with the same rules as the CLI, and turned into
// the Intents the write use-case takes. Pure.
import { t } from '../i18n/index.ts';
import { usageError } from '../k8s/errors.ts';
import { formatFieldError } from '../k8s/field-error.ts';
import { parseWholeNumber } from '../k8s/limits.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import type { HPABehavior, ResourceList } from '../k8s/types.ts';
import { behaviorPresets, findPreset } from '../hpa/presets.ts';
import { type LoadPatternName, loadPatternNames } from '../hpa/load.ts';
import { validateComponentSettings, type ComponentSettings } from '../plan/apigee.ts';
import type { HpaSettings } from '../plan/hpa.ts';
import type { Intent, WorkloadKind } from '../plan/intent.ts';
import { validateScale, validateWorkloadSettings, type WorkloadSettings } from '../plan/settings.ts';
import { apigeeWaitTimeDefault, validateApigeeWaitTime } from '../profiles/apigee-hpa.ts';
import { type SidecarName, type SidecarResourceField, type SidecarResources, sidecarFieldSource } from '../profiles/wallarm.ts';
import type { AntiAffinityMode } from '../snapshot/workloads.ts';
import { hostnameKey, type TopologyChoice, type WizardCurrent, zoneKey } from './wizard-current.ts';
import type { WriteRoute } from './write.ts';
import { messageOf } from './error-text.ts';

export type RouteChoice = 'helm upgrade' | 'direct patch';
export const antiAffinityModes: readonly AntiAffinityMode[] = ['none', 'preferred', 'required'];
export const topologyChoices: readonly TopologyChoice[] = ['hostname', 'zone'];
export const routeChoices: readonly RouteChoice[] = ['helm upgrade', 'direct patch'];

export interface WizardForm {
  min: string;
  max: string;
  replicas: string;
  cpu: string;
  /** 'current', or a preset name. */
  behavior: string;
  /** The load the simulation chart runs: not written anywhere. */
  pattern: LoadPatternName;
  waitTime: string;
  antiAffinity: AntiAffinityMode;
  topology: TopologyChoice;
  weight: string;
  sidecar: SidecarName | '';
  sidecarCpu: string;
  sidecarMemory: string;
  sidecarCpuLimit: string;
  sidecarMemoryLimit: string;
  /** The four values typed for the sidecars not shown now: every edited sidecar goes into one change, one rollout. */
  sidecarEdits: Partial<Record<SidecarName, SidecarValues>>;
  route: RouteChoice;
  valuesFile: string;
}

export type FieldName = Exclude<keyof WizardForm, 'sidecarEdits'>;
export type ChoiceField = 'behavior' | 'pattern' | 'antiAffinity' | 'topology' | 'sidecar' | 'route';
export type TextField = Exclude<FieldName, ChoiceField>;

const choiceFields: readonly FieldName[] = ['behavior', 'pattern', 'antiAffinity', 'topology', 'sidecar', 'route'];
export const isTextField = (field: FieldName): field is TextField => !choiceFields.includes(field);

/** Which field of the form each sidecar value is typed into. */
export const sidecarFormFields: Readonly<Record<SidecarResourceField, TextField>> = {
  cpu: 'sidecarCpu',
  memory: 'sidecarMemory',
  'cpu-limit': 'sidecarCpuLimit',
  'memory-limit': 'sidecarMemoryLimit',
};

/** The behaviors offered: Apigee's runtime takes only its own (the ranges Apigee supports). */
export function behaviorChoices(current: WizardCurrent): string[] {
  const presets = behaviorPresets.map((p) => p.name);
  return ['current', ...(current.apigee ? presets.filter((name) => name.startsWith('apigee-')) : presets)];
}

/** The values a choice field cycles through for this workload. */
export function choicesOf(current: WizardCurrent, field: ChoiceField): readonly string[] {
  switch (field) {
    case 'behavior':
      return behaviorChoices(current);
    case 'pattern':
      return loadPatternNames;
    case 'antiAffinity':
      return antiAffinityModes;
    case 'topology':
      return topologyChoices;
    case 'sidecar':
      return current.sidecars.map((s) => s.name);
    case 'route':
      return routeChoices;
  }
}

/** The fields shown, in order; each only where it means something for this workload and the choices made. */
export function wizardFields(current: WizardCurrent, form: WizardForm): FieldName[] {
  const fields: FieldName[] = [];
  if (current.hpa) {
    fields.push('min', 'max', 'cpu');
    if (!current.apigee || current.apigee.isRuntime) fields.push('behavior', 'pattern');
    if (current.apigee?.isRuntime) fields.push('waitTime');
  } else fields.push('replicas');
  // The operator rewrites its pods' template: placement and sidecars are not the wizard's to change there.
  if (!current.apigee) {
    fields.push('antiAffinity');
    if (form.antiAffinity !== 'none') fields.push('topology');
    if (form.antiAffinity === 'preferred') fields.push('weight');
    if (current.sidecars.length) fields.push('sidecar', 'sidecarCpu', 'sidecarMemory', 'sidecarCpuLimit', 'sidecarMemoryLimit');
    if (current.helmRelease) {
      fields.push('route');
      if (form.route === 'helm upgrade') fields.push('valuesFile');
    }
  }
  return fields;
}

type SidecarValues = Record<SidecarResourceField, string>;

/** The four values the form shows for the sidecar now chosen. */
const shownSidecarValues = (form: WizardForm): SidecarValues => ({
  cpu: form.sidecarCpu,
  memory: form.sidecarMemory,
  'cpu-limit': form.sidecarCpuLimit,
  'memory-limit': form.sidecarMemoryLimit,
});

/**
 * The form showing another sidecar: the values typed for the one shown are kept, and the chosen one starts from
 * what was typed for it before, else from what it has.
 */
export function withSidecar(current: WizardCurrent, form: WizardForm, name: SidecarName | ''): WizardForm {
  const sidecarEdits = form.sidecar ? { ...form.sidecarEdits, [form.sidecar]: shownSidecarValues(form) } : form.sidecarEdits;
  const values: Partial<SidecarValues> = (name && sidecarEdits[name]) || current.sidecars.find((s) => s.name === name)?.values || {};
  return {
    ...form,
    sidecarEdits,
    sidecar: name,
    sidecarCpu: values.cpu ?? '',
    sidecarMemory: values.memory ?? '',
    sidecarCpuLimit: values['cpu-limit'] ?? '',
    sidecarMemoryLimit: values['memory-limit'] ?? '',
  };
}

export function initialForm(current: WizardCurrent): WizardForm {
  return withSidecar(
    current,
    {
      min: String(current.hpa?.min ?? ''),
      max: String(current.hpa?.max ?? ''),
      replicas: String(current.replicas),
      cpu: current.hpa?.cpu === null || current.hpa?.cpu === undefined ? '' : String(current.hpa.cpu),
      behavior: 'current',
      pattern: 'spike',
      waitTime: current.apigee?.waitTime ?? '',
      antiAffinity: current.antiAffinity,
      topology: current.topology,
      weight: String(current.weight),
      sidecar: '',
      sidecarCpu: '',
      sidecarMemory: '',
      sidecarCpuLimit: '',
      sidecarMemoryLimit: '',
      sidecarEdits: {},
      route: 'helm upgrade',
      valuesFile: '',
    },
    current.sidecars[0]?.name ?? '',
  );
}

export interface WizardValidation {
  /** A message per field, shown next to it. */
  errors: Partial<Record<FieldName, string>>;
  /** A message about the whole form (nothing to change, a rule between fields). */
  formError: string | null;
  /** The writes to review, in order; empty while anything is invalid. */
  intents: Intent[];
  route: WriteRoute;
  /** The HPA behavior chosen (undefined: unchanged), for the simulation. */
  behavior: HPABehavior | null | undefined;
}

type Errors = WizardValidation['errors'];

function whole(text: string, label: string, minimum: number, errors: Errors, field: TextField, maximum?: number) {
  try {
    if (text.trim() === '') throw usageError(t('tui.wizard.error.valueNeeded', { label }));
    return parseWholeNumber(text, label, minimum, maximum);
  } catch (error) {
    errors[field] = messageOf(error);
    return undefined;
  }
}

/** A positive quantity, or undefined when empty; memory in lowercase m (millibytes) is the classic slip. */
function resourceQuantity(text: string, label: string, resource: 'cpu' | 'memory', errors: Errors, field: TextField) {
  const value = text.trim();
  if (value === '') return undefined;
  try {
    if (parseQuantity(value, label) <= 0) throw usageError(t('tui.wizard.error.notPositive', { label, value }));
    if (resource === 'memory' && /\dm$/.test(value))
      throw usageError(t('tui.wizard.error.millibytes', { label, value, number: value.slice(0, -1) }));
    return value;
  } catch (error) {
    errors[field] = messageOf(error);
    return undefined;
  }
}

/** Scale fields → the settings that differ from now (min, max, CPU target, behavior, wait time). */
function scaleSettings(
  current: WizardCurrent,
  form: WizardForm,
  errors: Errors,
): { settings: ComponentSettings; behavior?: HPABehavior | null } {
  const hpa = current.hpa!;
  const settings: ComponentSettings = {};
  const min = whole(form.min, t('tui.wizard.field.min'), 1, errors, 'min');
  const max = whole(form.max, t('tui.wizard.field.max'), 1, errors, 'max');
  if (min !== undefined && max !== undefined) {
    try {
      const what = current.apigee ? t('tui.wizard.componentWhat', { component: current.apigee.component }) : `hpa/${hpa.name}`;
      validateScale({ min, max }, hpa, what);
      if (min !== hpa.min) settings.min = min;
      if (max !== hpa.max) settings.max = max;
    } catch (error) {
      errors.max = messageOf(error);
    }
  }
  if (form.cpu.trim() !== '' || hpa.cpu !== null) {
    const cpu = whole(form.cpu, t('tui.wizard.field.cpu'), 1, errors, 'cpu');
    if (cpu !== undefined && cpu !== hpa.cpu) settings.cpu = cpu;
  }
  let behavior: HPABehavior | null | undefined;
  if (form.behavior !== 'current') {
    behavior = findPreset(form.behavior)?.behavior ?? null;
    settings.behavior = behavior;
  }
  if (current.apigee?.isRuntime && form.waitTime.trim() !== (current.apigee.waitTime ?? '')) {
    const label = t('tui.wizard.label.waitTime');
    const problems = validateApigeeWaitTime(form.waitTime.trim(), label);
    if (form.waitTime.trim() === '')
      errors.waitTime = t('tui.wizard.error.waitTimeNeeded', { label, apigeeDefault: apigeeWaitTimeDefault });
    else if (problems.length) errors.waitTime = problems.map(formatFieldError).join('; ');
    else settings.waitTime = form.waitTime.trim();
  }
  return { settings, ...(behavior !== undefined ? { behavior } : {}) };
}

/** Anti-affinity fields → the workload settings that differ from now. */
function placementSettings(current: WizardCurrent, form: WizardForm, errors: Errors): WorkloadSettings {
  const key = form.topology === 'zone' ? zoneKey : hostnameKey;
  const same = form.antiAffinity === current.antiAffinity && (form.antiAffinity === 'none' || form.topology === current.topology);
  if (form.antiAffinity === 'preferred') {
    const weight = whole(form.weight, t('tui.wizard.label.weight'), 1, errors, 'weight', 100);
    if (weight === undefined || (same && weight === current.weight)) return {};
    return { antiAffinity: 'preferred', topologyKey: key, weight };
  }
  if (same) return {};
  return form.antiAffinity === 'required' ? { antiAffinity: 'required', topologyKey: key } : { antiAffinity: 'none' };
}

/**
 * Sidecar fields → requests/limits of every sidecar whose values differ from now: the one shown (its messages in
 * place) and those edited before another was chosen (their messages name them).
 */
function sidecarSettings(current: WizardCurrent, form: WizardForm, errors: Errors): { settings: WorkloadSettings; problems: string[] } {
  const sidecars: SidecarResources[] = [];
  const problems: string[] = [];
  for (const sidecar of current.sidecars) {
    const shown = sidecar.name === form.sidecar;
    const typed = shown ? shownSidecarValues(form) : form.sidecarEdits[sidecar.name];
    if (!typed) continue;
    const own: Errors = {};
    const requests: ResourceList = {};
    const limits: ResourceList = {};
    let changed = false;
    for (const [field, formField] of Object.entries(sidecarFormFields) as [SidecarResourceField, TextField][]) {
      const { list, resource } = sidecarFieldSource[field];
      const value = resourceQuantity(typed[field], `${sidecar.name} ${field}`, resource, own, formField);
      if (value === undefined) {
        if (typed[field].trim() === '' && sidecar.values[field] !== undefined)
          own[formField] = t('tui.wizard.error.sidecarNeeded', { field: `${sidecar.name} ${field}`, value: sidecar.values[field] });
        continue;
      }
      (list === 'requests' ? requests : limits)[resource] = value;
      if (value !== sidecar.values[field]) changed = true;
    }
    if (shown) Object.assign(errors, own);
    else problems.push(...(Object.values(own) as string[]));
    if (changed)
      sidecars.push({
        sidecar: sidecar.name,
        ...(Object.keys(requests).length ? { requests } : {}),
        ...(Object.keys(limits).length ? { limits } : {}),
      });
  }
  return { settings: sidecars.length ? { sidecars } : {}, problems };
}

export function validateWizard(current: WizardCurrent, form: WizardForm): WizardValidation {
  const errors: Errors = {};
  const intents: Intent[] = [];
  let formError: string | null = null;
  const route: WriteRoute = {
    direct: current.helmRelease !== null && form.route === 'direct patch',
    valuesFile: current.helmRelease && form.route === 'helm upgrade' && form.valuesFile.trim() ? form.valuesFile.trim() : undefined,
  };
  const scale = current.hpa ? scaleSettings(current, form, errors) : { settings: {} };
  const fail = (error: unknown) => {
    formError = messageOf(error);
  };
  if (current.hpa && Object.keys(scale.settings).length) {
    const { settings } = scale;
    if (current.apigee) {
      const { kind, env, component } = current.apigee;
      try {
        validateComponentSettings(kind, component, settings);
        intents.push({ type: 'component', kind, env, component, namespace: current.namespace, settings });
      } catch (error) {
        fail(error);
      }
    } else {
      const { waitTime: _none, ...hpaSettings } = settings;
      intents.push({ type: 'hpa', namespace: current.namespace, name: current.hpa.name, settings: hpaSettings as HpaSettings });
    }
  }
  if (!current.apigee) {
    const workload: WorkloadSettings = {};
    if (!current.hpa) {
      const replicas = whole(form.replicas, t('tui.wizard.field.replicas'), 1, errors, 'replicas');
      if (replicas !== undefined && replicas !== current.replicas) workload.replicas = replicas;
    }
    const sidecars = sidecarSettings(current, form, errors);
    if (sidecars.problems.length) formError = sidecars.problems.join(' ');
    Object.assign(workload, placementSettings(current, form, errors), sidecars.settings);
    if (Object.keys(errors).length === 0 && !formError && Object.keys(workload).length > 0) {
      try {
        validateWorkloadSettings(workload);
        intents.push({
          type: 'workload',
          kind: current.kind as WorkloadKind,
          namespace: current.namespace,
          name: current.name,
          settings: workload,
        });
      } catch (error) {
        fail(error);
      }
    }
  }
  const fieldErrors = Object.keys(errors).length > 0;
  if (!fieldErrors && !formError && intents.length === 0) formError = t('tui.wizard.error.nothing');
  return { errors, formError, intents: fieldErrors || formError ? [] : intents, route, behavior: scale.behavior };
}

const sameBehavior = (a: HPABehavior | null, b: HPABehavior | null) => JSON.stringify(a) === JSON.stringify(b);

/** The form as a doctor's fix would set it ("apply this fix"): the fix's Intent over the workload's current values. */
export function prefilledForm(current: WizardCurrent, intent: Intent): WizardForm {
  let form = initialForm(current);
  if (intent.type === 'hpa' || intent.type === 'component') {
    const { settings } = intent;
    if (settings.min !== undefined) form.min = String(settings.min);
    if (settings.max !== undefined) form.max = String(settings.max);
    if (settings.cpu !== undefined) form.cpu = String(settings.cpu);
    if (settings.behavior !== undefined) {
      const preset = behaviorPresets.find((p) => sameBehavior(p.behavior, settings.behavior ?? null));
      if (preset && behaviorChoices(current).includes(preset.name)) form.behavior = preset.name;
    }
    if (intent.type === 'component' && intent.settings.waitTime !== undefined) form.waitTime = intent.settings.waitTime;
    return form;
  }
  const { settings } = intent;
  if (settings.replicas !== undefined) form.replicas = String(settings.replicas);
  if (settings.antiAffinity !== undefined) form.antiAffinity = settings.antiAffinity;
  if (settings.topologyKey !== undefined) form.topology = settings.topologyKey === zoneKey ? 'zone' : 'hostname';
  if (settings.weight !== undefined) form.weight = String(settings.weight);
  // Every sidecar the fix names goes into the form; the first one this workload runs is shown.
  const fixSidecars = (settings.sidecars ?? []).filter((fix) => current.sidecars.some((c) => c.name === fix.sidecar));
  for (const fix of [...fixSidecars].reverse()) {
    form = withSidecar(current, form, fix.sidecar);
    for (const [field, formField] of Object.entries(sidecarFormFields) as [SidecarResourceField, TextField][]) {
      const { list, resource } = sidecarFieldSource[field];
      const value = fix[list]?.[resource];
      if (value !== undefined) form[formField] = value;
    }
  }
  return form;
}
