// Fixes that respect who owns an object: the Apigee CR, KEDA, a helm release, or nobody. Fixes are data
// (an Intent for the plugin's own patch commands, or a values edit); the CLI spells them.
import type { ScaleSettings } from '../hpa/scale.ts';
import type { WorkloadSettings } from '../plan/settings.ts';
import {
  apigeeComponentOf,
  apigeeControllerOf,
  apigeeEnvironmentKind,
  componentAutoScaler,
  environmentComponents,
  environmentName,
  organizationComponents,
  overridesResourcesPath,
} from '../profiles/apigee.ts';
import { helmReleaseOf, type HelmRelease } from '../profiles/generic.ts';
import { ownerOf, scalingOwner, type ScalingOwner } from '../profiles/ownership.ts';
import { chartAffinityPath, chartComponentOf, chartReplicasPath, chartResourcesPath, sidecarOfContainer } from '../profiles/wallarm.ts';
import type { ApigeeResource, HorizontalPodAutoscaler, HPABehavior } from '../k8s/types.ts';
import { isPatchableTopologyKey } from '../snapshot/scheduling.ts';
import type { Workload } from '../snapshot/workloads.ts';
import { apigeeCr, apigeeScaleOf, intendedReplicas } from './apigee-scale.ts';
import type { DoctorContext } from './context.ts';
import type { Fix, ValuesKey } from './finding.ts';
import { rolloutDeadlock, stuckRolloutNote } from './rollout.ts';
import {
  addedNote,
  completeResources,
  declaredResources,
  raisedNote,
  resourcesValue,
  withinLimits,
  type ResourcesChange,
} from './resource-values.ts';
import { sidecarFix } from './sidecar-fix.ts';

export { suggestedRequest } from './resource-values.ts';

/** Change an HPA's min/max/target through whoever owns it. */
export function hpaSettingsFix(context: DoctorContext, hpa: HorizontalPodAutoscaler, settings: ScaleSettings): Fix {
  const namespace = hpa.metadata.namespace ?? 'default';
  const target = context.targetOf(hpa);
  const owner = scalingOwner(target?.object ?? hpa, [hpa]);
  switch (owner.type) {
    case 'apigee': {
      const component = apigeeScaleOf(context, hpa)?.component ?? 'COMPONENT';
      return apigeeComponentFix(context, owner, component, namespace, settings, 'The HPA');
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

/**
 * Merge part of an HPA's behavior through whoever writes it. The patch flags spell a behavior only as a
 * preset or a file, so the fix is a kubectl patch of the HPA (or of KEDA's ScaledObject).
 */
export function hpaBehaviorFix(context: DoctorContext, hpa: HorizontalPodAutoscaler, behavior: HPABehavior): Fix {
  const namespace = hpa.metadata.namespace ?? 'default';
  const target = context.targetOf(hpa);
  const owner = scalingOwner(target?.object ?? hpa, [hpa]);
  switch (owner.type) {
    case 'apigee': {
      const component = apigeeComponentOf(hpa, owner.kind) ?? 'COMPONENT';
      return {
        type: 'manual',
        text: `The HPA is owned by ${owner.kind}/${owner.name}: merge ${JSON.stringify(behavior)} into ${component}.hpaBehavior in overrides.yaml and helm upgrade the ${owner.kind === apigeeEnvironmentKind ? 'apigee-env' : 'apigee-org'} release (a direct patch is reverted by the operator).`,
      };
    }
    case 'keda':
      return {
        type: 'kubectl-patch',
        resource: 'scaledobject',
        namespace,
        name: owner.name,
        patchType: 'merge',
        patch: { spec: { advanced: { horizontalPodAutoscalerConfig: { behavior } } } },
        note: 'KEDA owns this HPA and reverts direct patches: the behavior lives in the ScaledObject.',
      };
    case 'controller':
      return {
        type: 'manual',
        text: `${owner.kind}/${owner.name} (${owner.apiVersion}) controls this HPA and would revert a direct patch: merge ${JSON.stringify(behavior)} into its behavior there.`,
      };
    default: {
      const note = revertNote(owner);
      return {
        type: 'kubectl-patch',
        resource: 'hpa',
        namespace,
        name: hpa.metadata.name,
        patchType: 'merge',
        patch: { spec: { behavior } },
        ...(note ? { note } : {}),
      };
    }
  }
}

/** A component's scaling through the Apigee CR that owns it; `subject` names what the operator would revert. */
function apigeeComponentFix(
  context: DoctorContext,
  owner: { kind: string; name: string },
  component: string,
  namespace: string,
  settings: ScaleSettings,
  subject: string,
): Fix {
  const reverted = `${subject} is owned by ${owner.kind}/${owner.name}: a direct patch is reverted by the operator.`;
  if (owner.kind === apigeeEnvironmentKind) {
    const cr = apigeeCr(context, owner, namespace);
    return {
      type: 'intent',
      intent: { type: 'component', kind: 'ApigeeEnvironment', env: cr ? environmentName(cr) : owner.name, component, namespace, settings },
      note: `${reverted} ${apigeeHelmNote(cr, 'apigee-env')}`,
    };
  }
  return {
    type: 'intent',
    intent: { type: 'component', kind: 'ApigeeOrganization', component, namespace, settings },
    note: `${reverted} ${apigeeHelmNote(apigeeCr(context, owner, namespace), 'apigee-org')}`,
  };
}

/** min raised to `replicas` through the CR, with max raised too when it is lower (min may not exceed max). */
function apigeeMinimum(
  context: DoctorContext,
  owner: { kind: string; name: string },
  component: string,
  namespace: string,
  replicas: number,
) {
  const defaults: Record<string, { max: number }> = owner.kind === apigeeEnvironmentKind ? environmentComponents : organizationComponents;
  const max = componentAutoScaler(apigeeCr(context, owner, namespace), component)?.maxReplicas ?? defaults[component]?.max;
  return max !== undefined && max >= replicas ? { min: replicas } : { min: replicas, max: replicas };
}

/** How the CR stays in step with helm: the patch command takes the helm route for a CR a release renders. */
function apigeeHelmNote(cr: ApigeeResource | undefined, chart: 'apigee-env' | 'apigee-org'): string {
  const release = cr ? helmReleaseOf(cr) : undefined;
  if (!release) return `Also set it in overrides.yaml, or the next helm upgrade of ${chart} reverts the CR.`;
  return `${cr!.kind ?? 'The CR'} is rendered by helm release ${release.namespace}/${release.name} (${chart}): ${helmRouteNote}`;
}

/** What a helm-managed object's fix says about the patch command. */
const helmRouteNote =
  'kubectl scale-ha patch takes the helm route for it (it sets the change in the release values and runs helm upgrade, keeping the other values), so the next upgrade keeps it too.';

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

/** A change to a workload that a check recommends. */
export type WorkloadChange =
  | { type: 'anti-affinity'; topologyKey: string }
  /** A topology spread constraint over the workload's own pods, replacing the one on the same key. */
  | { type: 'spread'; topologyKey: string; maxSkew: number; whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway' }
  | { type: 'replicas'; replicas: number }
  | ResourcesChange;

function describeChange(change: WorkloadChange): string {
  switch (change.type) {
    case 'anti-affinity':
      return `preferred pod anti-affinity on ${change.topologyKey}`;
    case 'spread':
      return `the topology spread constraint on ${change.topologyKey} to one over its own pods`;
    case 'replicas':
      return `the replica count to ${change.replicas}`;
    default:
      return `the resources of container ${change.container} (${JSON.stringify(resourcesValue(change))})`;
  }
}

/** The change in the terms of `patch workload`: an injected Wallarm container by its sidecar name. */
function changeSettings(change: WorkloadChange): WorkloadSettings {
  if (change.type === 'anti-affinity') return { antiAffinity: 'preferred', topologyKey: change.topologyKey };
  if (change.type === 'replicas') return { replicas: change.replicas };
  if (change.type === 'spread') return { spread: change.topologyKey, maxSkew: change.maxSkew, whenUnsatisfiable: change.whenUnsatisfiable };
  const resources = {
    ...(change.requests ? { requests: change.requests } : {}),
    ...(change.limits ? { limits: change.limits } : {}),
  };
  const sidecar = sidecarOfContainer(change.container);
  return sidecar ? { sidecars: [{ sidecar, ...resources }] } : { container: change.container, ...resources };
}

/** The keys a values fix sets: each request and limit on its own, so the release keeps the others. */
function valuesEdits(workload: Workload, path: string, change: Exclude<WorkloadChange, { type: 'spread' }>): ValuesKey[] {
  if (change.type === 'anti-affinity')
    return [{ path: `${path}.podAntiAffinity`, value: antiAffinityValue(workload, change.topologyKey).podAntiAffinity }];
  if (change.type === 'replicas') return [{ path, value: change.replicas }];
  return Object.entries(resourcesValue(change)).flatMap(([list, values]) =>
    Object.entries(values).map(([resource, value]) => ({ path: `${path}.${list}.${resource}`, value })),
  );
}

/** Optional context a check adds to a fix's note (why these values). */
export interface FixReason {
  why?: string;
}

function antiAffinityValue(workload: Workload, topologyKey: string) {
  const matchLabels = workload.object.spec.selector.matchLabels ?? {};
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey, labelSelector: { matchLabels } } }],
    },
  };
}

/**
 * How to change a workload's template: through the Apigee overrides, the Wallarm chart values, or a patch. A
 * resources change is made valid as a whole first (a request never above its limit).
 */
export function workloadFix(context: DoctorContext, workload: Workload, wanted: WorkloadChange, reason: FixReason = {}): Fix {
  const sidecar = wanted.type === 'resources' ? sidecarOfContainer(wanted.container) : undefined;
  // An injected container's four values are completed by sidecarFix.
  const completed = wanted.type === 'resources' && !sidecar ? completeResources(workload, wanted) : undefined;
  const resources = completed?.change ?? (wanted.type === 'resources' ? wanted : undefined);
  const whole = resources ? withinLimits(resources, declaredResources(workload, resources.container)) : undefined;
  const change = whole?.change ?? wanted;
  // Every template change is a rollout; say so when it could not start.
  const nodesKnown = !context.snapshot.missing.some((m) => m.resource === 'nodes');
  const deadlock = change.type !== 'replicas' && nodesKnown ? rolloutDeadlock(workload, context.snapshot.nodes) : undefined;
  const why = [
    reason.why ?? '',
    addedNote(completed?.added ?? []),
    raisedNote(whole?.raised ?? []),
    deadlock ? stuckRolloutNote(workload, deadlock) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const explained = (text: string) => [why, text].filter(Boolean).join(' ');
  // The patch command takes hostname and zone keys only; the charts the doctor knows have no spread values.
  if (change.type === 'anti-affinity' && !isPatchableTopologyKey(change.topologyKey)) {
    return manualTemplateFix(workload, `Add a preferred pod anti-affinity term on ${change.topologyKey} matching the workload's own pods`);
  }
  if (change.type === 'spread' && (!isPatchableTopologyKey(change.topologyKey) || chartComponentOf(workload.object))) {
    const matchLabels = JSON.stringify(workload.object.spec.selector.matchLabels ?? {});
    return manualTemplateFix(
      workload,
      `Set the labelSelector of the topology spread constraint on ${change.topologyKey} to {"matchLabels":${matchLabels}}`,
    );
  }
  const owner = ownerOf(workload.object);
  if (owner?.type === 'controller') {
    return {
      type: 'manual',
      text: explained(
        `${workload.kind}/${workload.name} is controlled by ${owner.kind}/${owner.name} (${owner.apiVersion}), which would revert a direct patch: change ${describeChange(change)} there.`,
      ),
    };
  }
  const apigee = apigeeControllerOf(workload.object);
  if (apigee && change.type === 'replicas') {
    const component = apigeeComponentOf(workload.object, apigee.kind) ?? 'COMPONENT';
    const settings = apigeeMinimum(context, apigee, component, workload.namespace, change.replicas);
    return apigeeComponentFix(context, apigee, component, workload.namespace, settings, `${workload.kind}/${workload.name}`);
  }
  if (apigee) {
    const component = apigeeComponentOf(workload.object, apigee.kind) ?? '<component>';
    const what =
      change.type === 'resources'
        ? `${overridesResourcesPath(component)}: ${JSON.stringify(resourcesValue(change))}`
        : `the ${component} scheduling settings`;
    return {
      type: 'manual',
      text: explained(
        `${workload.kind}/${workload.name} is rendered by the Apigee operator from ${apigee.kind}/${apigee.name}: set ${what} in overrides.yaml and helm upgrade the ${apigee.kind === 'ApigeeEnvironment' ? 'apigee-env' : 'apigee-org'} release (a direct patch is reverted).`,
      ),
    };
  }
  // patch workload takes Deployments and StatefulSets; a standalone ReplicaSet is changed by hand.
  if (workload.kind === 'ReplicaSet') {
    if (change.type === 'replicas')
      return {
        type: 'manual',
        text: explained(`kubectl scale replicaset ${workload.name} --replicas ${change.replicas} -n ${workload.namespace}`),
      };
    return {
      type: 'manual',
      text: explained(
        `Change ${describeChange(change)} in ReplicaSet ${workload.name} (kubectl edit rs ${workload.name} -n ${workload.namespace}); its existing pods keep the old spec until re-created.`,
      ),
    };
  }
  const kind = workload.kind;
  const intent = (settings: WorkloadSettings) =>
    ({ type: 'workload', kind, namespace: workload.namespace, name: workload.name, settings }) as const;
  const release = helmReleaseOf(workload.object);
  const chartComponent = chartComponentOf(workload.object);
  if (release && chartComponent && change.type !== 'spread') {
    const path =
      change.type === 'resources'
        ? chartResourcesPath(chartComponent, change.container)
        : change.type === 'replicas'
          ? chartReplicasPath(chartComponent)
          : chartAffinityPath(chartComponent);
    if (path) {
      return {
        type: 'values',
        release: release.name,
        namespace: release.namespace,
        values: valuesEdits(workload, path, change),
        intent: intent(changeSettings(change)),
        note: explained(valuesNote(release)),
      };
    }
  }
  if (sidecar && change.type === 'resources') return sidecarFix(context, workload, sidecar, change, intent, explained);
  const revert = revertNote(scalingOwner(workload.object, []));
  const note = revert ? explained(revert) : why;
  return { type: 'intent', intent: intent(changeSettings(change)), ...(note ? { note } : {}) };
}

/** The note of a values fix: the patch command takes this helm route; by hand, keep the other values. */
function valuesNote(release: HelmRelease): string {
  return `Helm release ${release.namespace}/${release.name} renders this object: ${helmRouteNote} By hand: helm upgrade with --reset-then-reuse-values (or merge helm get values); a plain -f resets the other values.`;
}

/** A higher maxReplicas to suggest when the intended one (an Apigee CR's, else the HPA's) is too low. */
export function raisedMax(context: DoctorContext, hpa: HorizontalPodAutoscaler): number {
  const { min, max } = intendedReplicas(context, hpa);
  return Math.max(Math.ceil(max * 1.5), min + 2);
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
