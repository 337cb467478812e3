// Fixes that respect who owns an object: the Apigee CR, KEDA, a helm release, or nobody. Fixes are data
// (an Intent for the plugin's own patch commands); the CLI spells them.
import type { ScaleSettings } from '../hpa/scale.ts';
import type { WorkloadSettings } from '../plan/settings.ts';
import {
  apigeeComponentOf,
  apigeeControllerOf,
  apigeeEnvironmentKind,
  environmentName,
  overridesResourcesPath,
} from '../profiles/apigee.ts';
import { helmReleaseOf } from '../profiles/generic.ts';
import { ownerOf, scalingOwner, type ScalingOwner } from '../profiles/ownership.ts';
import { tryParseQuantity } from '../k8s/quantity.ts';
import {
  chartAffinityPath,
  chartComponentOf,
  chartResourcesPath,
  currentSidecarValues,
  isWallarmController,
  sidecarFieldSource,
  sidecarOfContainer,
  sidecarResourceFields,
  sidecars,
  type SidecarName,
  type SidecarResourceField,
} from '../profiles/wallarm.ts';
import type { HorizontalPodAutoscaler } from '../k8s/types.ts';
import { isPatchableTopologyKey } from '../snapshot/scheduling.ts';
import type { Workload } from '../snapshot/workloads.ts';
import type { DoctorContext } from './context.ts';
import type { Fix } from './finding.ts';

/** Change an HPA's min/max/target through whoever owns it. */
export function hpaSettingsFix(context: DoctorContext, hpa: HorizontalPodAutoscaler, settings: ScaleSettings): Fix {
  const namespace = hpa.metadata.namespace ?? 'default';
  const target = context.targetOf(hpa);
  const owner = scalingOwner(target?.object ?? hpa, [hpa]);
  switch (owner.type) {
    case 'apigee': {
      const component =
        apigeeComponentOf(hpa, owner.kind) ?? (target ? apigeeComponentOf(target.object, owner.kind) : undefined) ?? 'COMPONENT';
      if (owner.kind === apigeeEnvironmentKind) {
        const cr = context.snapshot.apigeeEnvironments.find((e) => e.metadata.name === owner.name && e.metadata.namespace === namespace);
        const env = cr ? environmentName(cr) : owner.name;
        return {
          type: 'intent',
          intent: { type: 'component', kind: 'ApigeeEnvironment', env, component, namespace, settings },
          note: `The HPA is owned by ApigeeEnvironment/${owner.name}: a direct patch is reverted by the operator. Also set it in overrides.yaml, or the next helm upgrade of apigee-env reverts the CR.`,
        };
      }
      return {
        type: 'intent',
        intent: { type: 'component', kind: 'ApigeeOrganization', component, namespace, settings },
        note: `The HPA is owned by ApigeeOrganization/${owner.name}; also set it in overrides.yaml (apigee-org chart).`,
      };
    }
    case 'keda': {
      const fields = {
        ...(settings.min !== undefined ? { minReplicaCount: settings.min } : {}),
        ...(settings.max !== undefined ? { maxReplicaCount: settings.max } : {}),
      };
      return Object.keys(fields).length
        ? {
            type: 'kubectl-patch',
            resource: 'scaledobject',
            namespace,
            name: owner.name,
            patchType: 'merge',
            patch: { spec: fields },
            note: "KEDA owns this HPA and reverts direct patches; the CPU target lives in the ScaledObject's triggers.",
          }
        : {
            type: 'manual',
            text: `Change the cpu trigger of ScaledObject ${namespace}/${owner.name}: KEDA owns this HPA and reverts direct patches.`,
          };
    }
    case 'controller':
      return {
        type: 'manual',
        text: `${owner.kind}/${owner.name} (${owner.apiVersion}) controls this and would revert a direct patch: change it there (${settingsInFlagTerms(settings)}).`,
      };
    default: {
      const note = revertNote(owner);
      return { type: 'intent', intent: { type: 'hpa', namespace, name: hpa.metadata.name, settings }, ...(note ? { note } : {}) };
    }
  }
}

/** The settings in the patch flags' terms, for a person to carry over to an owner the plugin cannot patch. */
function settingsInFlagTerms(settings: ScaleSettings): string {
  const terms = [
    settings.min !== undefined ? `--min ${settings.min}` : '',
    settings.max !== undefined ? `--max ${settings.max}` : '',
    settings.cpu !== undefined ? `--cpu ${settings.cpu}` : '',
  ];
  return terms.filter(Boolean).join(' ');
}

/** Helm and GitOps re-apply their manifests: a direct patch only lasts until then. */
function revertNote(owner: ScalingOwner): string | undefined {
  if (owner.type === 'helm')
    return `Managed by helm release ${owner.namespace}/${owner.release}: set the same in its values, or the next helm upgrade reverts this patch.`;
  if (owner.type === 'gitops')
    return `Managed by ${owner.tool} (${owner.app}): commit the same change to its Git source, or the next sync reverts this patch.`;
  return undefined;
}

/** A change to a workload's pod template that a check recommends. */
export type WorkloadChange =
  | { type: 'anti-affinity'; topologyKey: string }
  | { type: 'resources'; container: string; requests?: Record<string, string>; limits?: Record<string, string> };

function describeChange(change: WorkloadChange): string {
  return change.type === 'anti-affinity'
    ? `preferred pod anti-affinity on ${change.topologyKey}`
    : `the resources of container ${change.container} (${JSON.stringify(resourcesValue(change))})`;
}

/** The change in the terms of `patch workload`: an injected Wallarm container by its sidecar name. */
function changeSettings(change: WorkloadChange): WorkloadSettings {
  if (change.type === 'anti-affinity') return { antiAffinity: 'preferred', topologyKey: change.topologyKey };
  const sidecar = sidecarOfContainer(change.container);
  return {
    ...(sidecar ? { sidecar } : { container: change.container }),
    ...(change.requests ? { requests: change.requests } : {}),
    ...(change.limits ? { limits: change.limits } : {}),
  };
}

function resourcesValue(change: Extract<WorkloadChange, { type: 'resources' }>): Record<string, Record<string, string>> {
  return { ...(change.requests ? { requests: change.requests } : {}), ...(change.limits ? { limits: change.limits } : {}) };
}

function antiAffinityValue(workload: Workload, topologyKey: string) {
  const matchLabels = workload.object.spec.selector.matchLabels ?? {};
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey, labelSelector: { matchLabels } } }],
    },
  };
}

/** How to change a workload's template: through the Apigee overrides, the Wallarm chart values, or a patch. */
export function workloadFix(context: DoctorContext, workload: Workload, change: WorkloadChange): Fix {
  // The patch command takes hostname and zone keys only.
  if (change.type === 'anti-affinity' && !isPatchableTopologyKey(change.topologyKey)) {
    return manualTemplateFix(workload, `Add a preferred pod anti-affinity term on ${change.topologyKey} matching the workload's own pods`);
  }
  const owner = ownerOf(workload.object);
  if (owner?.type === 'controller') {
    return {
      type: 'manual',
      text: `${workload.kind}/${workload.name} is controlled by ${owner.kind}/${owner.name} (${owner.apiVersion}), which would revert a direct patch: change ${describeChange(change)} there.`,
    };
  }
  const apigee = apigeeControllerOf(workload.object);
  if (apigee) {
    const component = apigeeComponentOf(workload.object, apigee.kind) ?? '<component>';
    const what =
      change.type === 'resources'
        ? `${overridesResourcesPath(component)}: ${JSON.stringify(resourcesValue(change))}`
        : `the ${component} scheduling settings`;
    return {
      type: 'manual',
      text: `${workload.kind}/${workload.name} is rendered by the Apigee operator from ${apigee.kind}/${apigee.name}: set ${what} in overrides.yaml and helm upgrade the ${apigee.kind === 'ApigeeEnvironment' ? 'apigee-env' : 'apigee-org'} release (a direct patch is reverted).`,
    };
  }
  // patch workload takes Deployments and StatefulSets; a standalone ReplicaSet is changed by hand.
  if (workload.kind === 'ReplicaSet') {
    return {
      type: 'manual',
      text: `Change ${describeChange(change)} in ReplicaSet ${workload.name} (kubectl edit rs ${workload.name} -n ${workload.namespace}); its existing pods keep the old spec until re-created.`,
    };
  }
  const release = helmReleaseOf(workload.object);
  const chartComponent = chartComponentOf(workload.object);
  if (release && chartComponent) {
    const path = change.type === 'resources' ? chartResourcesPath(chartComponent, change.container) : chartAffinityPath(chartComponent);
    if (path) {
      const value = change.type === 'resources' ? resourcesValue(change) : antiAffinityValue(workload, change.topologyKey);
      return {
        type: 'values',
        release: release.name,
        namespace: release.namespace,
        path,
        value,
        note: 'Keep the other values: helm upgrade with --reset-then-reuse-values (or merge helm get values); a plain -f resets them.',
      };
    }
  }
  const sidecar = change.type === 'resources' ? sidecarOfContainer(change.container) : undefined;
  if (sidecar && change.type === 'resources') {
    const planned = allFourSidecarValues(workload, sidecar, change);
    const startingValues = planned.invented.length
      ? ` ${planned.invented.join(', ')} ${planned.invented.length > 1 ? 'are starting values' : 'is a starting value'} (the container has none today): adjust to its traffic.`
      : '';
    return {
      type: 'intent',
      intent: {
        type: 'workload',
        kind: workload.kind,
        namespace: workload.namespace,
        name: workload.name,
        settings: changeSettings(planned.change),
      },
      note: wallarmSidecarNote(context, sidecar, change) + startingValues,
    };
  }
  const note = revertNote(scalingOwner(workload.object, []));
  return {
    type: 'intent',
    intent: { type: 'workload', kind: workload.kind, namespace: workload.namespace, name: workload.name, settings: changeSettings(change) },
    ...(note ? { note } : {}),
  };
}

/** Starting values where a container has none: app containers need more than the small injected ones. */
const appStartingRequests: Record<string, string> = { cpu: '100m', memory: '128Mi' };
const sidecarDefaults: Record<SidecarResourceField, string> = { cpu: '50m', memory: '64Mi', 'cpu-limit': '500m', 'memory-limit': '256Mi' };

export function suggestedRequest(resource: string, containerName: string): string {
  if (sidecarOfContainer(containerName)) return sidecarDefaults[resource === 'memory' ? 'memory' : 'cpu'];
  return appStartingRequests[resource] ?? appStartingRequests.cpu!;
}

/**
 * One sidecar annotation replaces the chart's resources for that container entirely, and the patch
 * writes all four: keep the current values (template annotations, else the newest live container),
 * apply the change, and fill the rest with starting values — never a limit below its request.
 */
function allFourSidecarValues(
  workload: Workload,
  sidecar: SidecarName,
  change: Extract<WorkloadChange, { type: 'resources' }>,
): { change: WorkloadChange; invented: string[] } {
  const { values: current } = currentSidecarValues(workload.object.spec.template.metadata?.annotations ?? {}, workload.pods, sidecar);
  const values: Partial<Record<SidecarResourceField, string>> = {};
  const invented: string[] = [];
  for (const field of sidecarResourceFields) {
    const { list, resource } = sidecarFieldSource[field];
    const value = change[list]?.[resource] ?? current[field];
    if (value !== undefined) values[field] = value;
  }
  for (const field of sidecarResourceFields) {
    if (values[field] !== undefined) continue;
    const { list, resource } = sidecarFieldSource[field];
    const request = list === 'limits' ? values[resource] : undefined;
    const fallback = sidecarDefaults[field];
    values[field] = request !== undefined && (tryParseQuantity(request) ?? 0) > (tryParseQuantity(fallback) ?? 0) ? request : fallback;
    invented.push(`${field}=${values[field]}`);
  }
  return {
    change: {
      ...change,
      requests: { cpu: values.cpu!, memory: values.memory! },
      limits: { cpu: values['cpu-limit']!, memory: values['memory-limit']! },
    },
    invented,
  };
}

/** The wallarm-sidecar release, found once per doctor run (a note is built for every injected container). */
const wallarmReleases = new WeakMap<DoctorContext, ReturnType<typeof helmReleaseOf>>();
function wallarmRelease(context: DoctorContext) {
  if (!wallarmReleases.has(context)) {
    const controller = context.workloads.find((w) => isWallarmController(w.object));
    wallarmReleases.set(context, controller ? helmReleaseOf(controller.object) : undefined);
  }
  return wallarmReleases.get(context);
}

function wallarmSidecarNote(context: DoctorContext, sidecar: SidecarName, change: Extract<WorkloadChange, { type: 'resources' }>): string {
  const release = wallarmRelease(context);
  const where = release ? `release ${release.namespace}/${release.name}` : 'the wallarm-sidecar release';
  const keys = Object.entries(resourcesValue(change)).flatMap(([kind, values]) =>
    Object.keys(values).map((r) => `${sidecars[sidecar].valuesPath}.${kind}.${r}`),
  );
  return `The annotations replace the chart's resources for this container entirely (all four are written). For every injected pod instead, set ${keys.join(' and ')} in the values of ${where}.`;
}

/** A higher maxReplicas to suggest when the current one is too low. */
export function raisedMax(hpa: HorizontalPodAutoscaler): number {
  return Math.max(Math.ceil(hpa.spec.maxReplicas * 1.5), (hpa.spec.minReplicas ?? 1) + 2);
}

/**
 * A template edit the patch command cannot make (it only sets hostname or zone keys), addressed to
 * whoever renders the template, since they would revert a direct edit.
 */
export function manualTemplateFix(workload: Workload, edit: string): Fix {
  const owner = scalingOwner(workload.object, []);
  const where =
    owner.type === 'apigee'
      ? `: it is rendered by the Apigee operator from ${owner.kind}/${owner.name}, so make the change through overrides.yaml (a direct edit is reverted)`
      : owner.type === 'helm'
        ? ` through the values of helm release ${owner.namespace}/${owner.release} (the next helm upgrade reverts a direct edit)`
        : owner.type === 'gitops'
          ? ` in the Git source of ${owner.tool} app ${owner.app} (the next sync reverts a direct edit)`
          : owner.type === 'controller'
            ? ` through ${owner.kind}/${owner.name}, which controls it`
            : ` (kubectl edit ${workload.kind.toLowerCase()}/${workload.name} -n ${workload.namespace})`;
  return { type: 'manual', text: `${edit} in the pod template of ${workload.kind}/${workload.name}${where}.` };
}
