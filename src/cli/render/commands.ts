// Command lines, spelled in one place: the plugin's own patch commands (from an Intent) and the kubectl
// commands a doctor fix or an owner refusal names. Doctor and plan hand over data; the CLI spells it here.
import type { Fix } from '../../doctor/finding.ts';
import { behaviorPresets } from '../../hpa/presets.ts';
import type { ScaleSettings } from '../../hpa/scale.ts';
import { selectorToString } from '../../k8s/selector.ts';
import type { HPABehavior, ResourceList } from '../../k8s/types.ts';
import type { ComponentSettings } from '../../plan/apigee.ts';
import type { HpaSettings } from '../../plan/hpa.ts';
import type { Intent, KubectlPatch, Remedy } from '../../plan/intent.ts';
import type { WorkloadSettings } from '../../plan/settings.ts';

function scaleFlags(settings: ScaleSettings): string {
  return [
    settings.min !== undefined ? `--min ${settings.min}` : '',
    settings.max !== undefined ? `--max ${settings.max}` : '',
    settings.cpu !== undefined ? `--cpu ${settings.cpu}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const join = (...parts: string[]) => parts.filter(Boolean).join(' ');

/** min/max/cpu, then runtime's --behavior and --wait-time; a placeholder when the intent names none. */
const componentFlags = (settings: ComponentSettings) =>
  join(scaleFlags(settings), behaviorFlag(settings.behavior), settings.waitTime ? `--wait-time ${settings.waitTime}` : '') || '--max N';

const patchEnvCommand = (env: string, component: string, settings: ComponentSettings, namespace: string) =>
  join('kubectl scale-ha patch env', env, component, componentFlags(settings), `-n ${namespace}`);

const patchOrgCommand = (component: string, settings: ComponentSettings, namespace: string) =>
  join('kubectl scale-ha patch org', component, componentFlags(settings), `-n ${namespace}`);

const patchHpaCommand = (name: string, settings: HpaSettings, namespace: string) =>
  join('kubectl scale-ha patch hpa', name, scaleFlags(settings), behaviorFlag(settings.behavior), `-n ${namespace}`);

const patchWorkloadCommand = (kind: string, name: string, flags: string, namespace: string) =>
  join('kubectl scale-ha patch workload', `${kind.toLowerCase()}/${name}`, flags, `-n ${namespace}`);

/** A preset's name when the behavior is one; a file otherwise (a behavior does not fit on a command line). */
function behaviorFlag(behavior: HPABehavior | null | undefined): string {
  if (behavior === undefined) return '';
  const preset = behaviorPresets.find((p) => JSON.stringify(p.behavior) === JSON.stringify(behavior));
  return `--behavior ${preset ? preset.name : 'FILE'}`;
}

const resourceList = (values: ResourceList) =>
  Object.entries(values)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');

/** --requests/--limits of -c CONTAINER, or of the --sidecar they follow. */
const resourceFlags = ({ requests, limits }: { requests?: ResourceList | undefined; limits?: ResourceList | undefined }) =>
  join(requests ? `--requests ${resourceList(requests)}` : '', limits ? `--limits ${resourceList(limits)}` : '');

/** `patch workload` flags in the order its help lists them. */
function workloadFlags(settings: WorkloadSettings): string {
  const flag = (name: string, value: string | number | undefined) => (value === undefined ? '' : `${name} ${value}`);
  return join(
    flag('--replicas', settings.replicas),
    settings.forceReplicas ? '--force-replicas' : '',
    flag('--anti-affinity', settings.antiAffinity),
    flag('--topology-key', settings.topologyKey),
    flag('--weight', settings.weight),
    flag('--topology-spread', settings.spread),
    flag('--max-skew', settings.maxSkew),
    flag('--when-unsatisfiable', settings.whenUnsatisfiable),
    flag('-c', settings.container),
    resourceFlags(settings),
    ...(settings.sidecars ?? []).map((sidecar) => join(flag('--sidecar', sidecar.sidecar), resourceFlags(sidecar))),
  );
}

/** The `kubectl scale-ha patch …` command that carries out an intent. */
export function intentCommand(intent: Intent): string {
  switch (intent.type) {
    case 'component':
      return intent.kind === 'ApigeeEnvironment'
        ? patchEnvCommand(intent.env ?? '', intent.component, intent.settings, intent.namespace)
        : patchOrgCommand(intent.component, intent.settings, intent.namespace);
    case 'hpa':
      return patchHpaCommand(intent.name, intent.settings, intent.namespace);
    case 'workload':
      return patchWorkloadCommand(intent.kind, intent.name, workloadFlags(intent.settings), intent.namespace);
  }
}

export function kubectlPatchCommand(patch: KubectlPatch): string {
  return `kubectl patch ${patch.resource} ${patch.name} -n ${patch.namespace} --type ${patch.patchType} -p '${JSON.stringify(patch.patch)}'`;
}

/** The command an owner refusal offers instead of the refused patch. */
export function remedyCommand(remedy: Remedy): string {
  return remedy.type === 'intent' ? intentCommand(remedy.intent) : kubectlPatchCommand(remedy);
}

/** The fixes that are a command line; values and manual fixes are not. */
export type CommandFix = Extract<Fix, { type: 'intent' | 'kubectl-patch' | 'kubectl-create-pdb' }>;

export function fixCommand(fix: CommandFix): string {
  switch (fix.type) {
    case 'intent':
      return intentCommand(fix.intent);
    case 'kubectl-patch':
      return kubectlPatchCommand(fix);
    case 'kubectl-create-pdb':
      return `kubectl create poddisruptionbudget ${fix.name} -n ${fix.namespace} --selector ${selectorToString(fix.selector)} --max-unavailable ${fix.maxUnavailable}`;
  }
}
