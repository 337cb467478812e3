// Fixes that respect who owns an object: the Apigee CR, KEDA, a helm release, or nobody. Fixes are data
// (an Intent for the plugin's own patch commands, or a values edit); the CLI spells them.
import type { ScaleSettings } from '../hpa/scale.ts';
import type { WorkloadSettings } from '../plan/settings.ts';
import {
  apigeeComponentOf,
  apigeeControllerOf,
  apigeeEnvironmentKind,
  environmentName,
  overridesResourcesPath,
} from '../profiles/apigee.ts';
import { helmReleaseOf, type HelmRelease } from '../profiles/generic.ts';
import { ownerOf, scalingOwner, type ScalingOwner } from '../profiles/ownership.ts';
import {
  chartAffinityPath,
  chartComponentOf,
  chartResourcesPath,
  isWallarmController,
  sidecarOfContainer,
  sidecars,
  type SidecarName,
} from '../profiles/wallarm.ts';
import type { ApigeeResource, HorizontalPodAutoscaler } from '../k8s/types.ts';
import { isPatchableTopologyKey } from '../snapshot/scheduling.ts';
import type { Workload } from '../snapshot/workloads.ts';
import type { DoctorContext } from './context.ts';
import type { Fix, ValuesKey } from './finding.ts';
import { allFourSidecarValues, declaredResources, raisedNote, withinLimits, type ResourcesChange } from './resource-values.ts';

export { suggestedRequest } from './resource-values.ts';

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
          note: `The HPA is owned by ApigeeEnvironment/${owner.name}: a direct patch is reverted by the operator. ${apigeeHelmNote(cr, 'apigee-env')}`,
        };
      }
      const org = context.snapshot.apigeeOrganizations.find((o) => o.metadata.name === owner.name && o.metadata.namespace === namespace);
      return {
        type: 'intent',
        intent: { type: 'component', kind: 'ApigeeOrganization', component, namespace, settings },
        note: `The HPA is owned by ApigeeOrganization/${owner.name}: a direct patch is reverted by the operator. ${apigeeHelmNote(org, 'apigee-org')}`,
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

/** A change to a workload's pod template that a check recommends. */
export type WorkloadChange = { type: 'anti-affinity'; topologyKey: string } | ResourcesChange;

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

function resourcesValue(change: ResourcesChange): Record<string, Record<string, string>> {
  return { ...(change.requests ? { requests: change.requests } : {}), ...(change.limits ? { limits: change.limits } : {}) };
}

/** The keys a values fix sets: each request and limit on its own, so the release keeps the others. */
function valuesEdits(workload: Workload, path: string, change: WorkloadChange): ValuesKey[] {
  if (change.type === 'anti-affinity')
    return [{ path: `${path}.podAntiAffinity`, value: antiAffinityValue(workload, change.topologyKey).podAntiAffinity }];
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
  const whole = wanted.type === 'resources' ? withinLimits(wanted, declaredResources(workload, wanted.container)) : undefined;
  const change = whole?.change ?? wanted;
  const why = [reason.why ?? '', raisedNote(whole?.raised ?? [])].filter(Boolean).join(' ');
  const explained = (text: string) => [why, text].filter(Boolean).join(' ');
  // The patch command takes hostname and zone keys only.
  if (change.type === 'anti-affinity' && !isPatchableTopologyKey(change.topologyKey)) {
    return manualTemplateFix(workload, `Add a preferred pod anti-affinity term on ${change.topologyKey} matching the workload's own pods`);
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
  if (release && chartComponent) {
    const path = change.type === 'resources' ? chartResourcesPath(chartComponent, change.container) : chartAffinityPath(chartComponent);
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
  const sidecar = change.type === 'resources' ? sidecarOfContainer(change.container) : undefined;
  if (sidecar && change.type === 'resources') {
    const planned = allFourSidecarValues(workload, sidecar, change);
    const startingValues = planned.invented.length
      ? ` ${planned.invented.join(', ')} ${planned.invented.length > 1 ? 'are starting values' : 'is a starting value'} (the container has none today): adjust to its traffic.`
      : '';
    return {
      type: 'intent',
      intent: intent(changeSettings(planned.change)),
      note: explained(`${wallarmSidecarNote(context, sidecar, change)}${startingValues} ${raisedNote(planned.raised)}`.trim()),
    };
  }
  const revert = revertNote(scalingOwner(workload.object, []));
  const note = revert ? explained(revert) : why;
  return { type: 'intent', intent: intent(changeSettings(change)), ...(note ? { note } : {}) };
}

/** The note of a values fix: the patch command takes this helm route; by hand, keep the other values. */
function valuesNote(release: HelmRelease): string {
  return `Helm release ${release.namespace}/${release.name} renders this object: ${helmRouteNote} By hand: helm upgrade with --reset-then-reuse-values (or merge helm get values); a plain -f resets the other values.`;
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

function wallarmSidecarNote(context: DoctorContext, sidecar: SidecarName, change: ResourcesChange): string {
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
