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
import { t } from '../i18n/index.ts';

export { suggestedRequest } from './resource-values.ts';

/** Change an HPA's min/max/target through whoever owns it. */
export function hpaSettingsFix(context: DoctorContext, hpa: HorizontalPodAutoscaler, settings: ScaleSettings): Fix {
  const namespace = hpa.metadata.namespace ?? 'default';
  const target = context.targetOf(hpa);
  const owner = scalingOwner(target?.object ?? hpa, [hpa]);
  switch (owner.type) {
    case 'apigee': {
      const component = apigeeScaleOf(context, hpa)?.component ?? 'COMPONENT';
      return apigeeComponentFix(context, owner, component, namespace, settings, t('findings.subject.hpa'));
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
            note: t('fixes.keda.cpuNote'),
          }
        : {
            type: 'manual',
            text: t('fixes.keda.cpuManual', { scaledObject: `${namespace}/${owner.name}` }),
          };
    }
    case 'controller':
      return {
        type: 'manual',
        text: t('fixes.controller.settings', {
          owner: `${owner.kind}/${owner.name}`,
          apiVersion: owner.apiVersion,
          settings: settingsInFlagTerms(settings),
        }),
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
        text: t('fixes.apigee.behavior', {
          owner: `${owner.kind}/${owner.name}`,
          behavior: JSON.stringify(behavior),
          component,
          chart: owner.kind === apigeeEnvironmentKind ? 'apigee-env' : 'apigee-org',
        }),
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
        note: t('fixes.keda.behaviorNote'),
      };
    case 'controller':
      return {
        type: 'manual',
        text: t('fixes.controller.behavior', {
          owner: `${owner.kind}/${owner.name}`,
          apiVersion: owner.apiVersion,
          behavior: JSON.stringify(behavior),
        }),
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
  const reverted = t('fixes.apigee.reverted', { subject, owner: `${owner.kind}/${owner.name}` });
  if (owner.kind === apigeeEnvironmentKind) {
    const cr = apigeeCr(context, owner, namespace);
    return {
      type: 'intent',
      intent: { type: 'component', kind: 'ApigeeEnvironment', env: cr ? environmentName(cr) : owner.name, component, namespace, settings },
      note: t('fixes.sentences', { first: reverted, second: apigeeHelmNote(cr, 'apigee-env') }),
    };
  }
  return {
    type: 'intent',
    intent: { type: 'component', kind: 'ApigeeOrganization', component, namespace, settings },
    note: t('fixes.sentences', { first: reverted, second: apigeeHelmNote(apigeeCr(context, owner, namespace), 'apigee-org') }),
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
  if (!release) return t('fixes.apigee.alsoOverrides', { chart });
  return t('fixes.apigee.renderedByHelm', {
    cr: cr!.kind ?? (chart === 'apigee-env' ? 'ApigeeEnvironment' : 'ApigeeOrganization'),
    release: `${release.namespace}/${release.name}`,
    chart,
    route: t('fixes.helmRoute'),
  });
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
  if (owner.type === 'helm') return t('fixes.revert.helm', { release: `${owner.namespace}/${owner.release}` });
  if (owner.type === 'gitops') return t('fixes.revert.gitops', { tool: owner.tool, app: owner.app });
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
      return t('fixes.change.antiAffinity', { key: change.topologyKey });
    case 'spread':
      return t('fixes.change.spread', { key: change.topologyKey });
    case 'replicas':
      return t('fixes.change.replicas', { replicas: change.replicas });
    default:
      return t('fixes.change.resources', { container: change.container, resources: JSON.stringify(resourcesValue(change)) });
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
    return manualTemplateFix(workload, t('fixes.template.antiAffinity', { key: change.topologyKey }));
  }
  if (change.type === 'spread' && (!isPatchableTopologyKey(change.topologyKey) || chartComponentOf(workload.object))) {
    const matchLabels = JSON.stringify(workload.object.spec.selector.matchLabels ?? {});
    return manualTemplateFix(
      workload,
      t('fixes.template.spreadSelector', { key: change.topologyKey, selector: `{"matchLabels":${matchLabels}}` }),
    );
  }
  const owner = ownerOf(workload.object);
  if (owner?.type === 'controller') {
    return {
      type: 'manual',
      text: explained(
        t('fixes.controller.workload', {
          workload: `${workload.kind}/${workload.name}`,
          owner: `${owner.kind}/${owner.name}`,
          apiVersion: owner.apiVersion,
          change: describeChange(change),
        }),
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
        : t('fixes.apigee.scheduling', { component });
    return {
      type: 'manual',
      text: explained(
        t('fixes.apigee.workload', {
          workload: `${workload.kind}/${workload.name}`,
          owner: `${apigee.kind}/${apigee.name}`,
          what,
          chart: apigee.kind === 'ApigeeEnvironment' ? 'apigee-env' : 'apigee-org',
        }),
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
        t('fixes.replicaSet', {
          change: describeChange(change),
          name: workload.name,
          command: `kubectl edit rs ${workload.name} -n ${workload.namespace}`,
        }),
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
  return t('fixes.values', { release: `${release.namespace}/${release.name}`, route: t('fixes.helmRoute') });
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
  const params = { edit, workload: `${workload.kind}/${workload.name}` };
  const text =
    owner.type === 'apigee'
      ? t('fixes.template.apigee', { ...params, owner: `${owner.kind}/${owner.name}` })
      : owner.type === 'helm'
        ? t('fixes.template.helm', { ...params, release: `${owner.namespace}/${owner.release}` })
        : owner.type === 'gitops'
          ? t('fixes.template.gitops', { ...params, tool: owner.tool, app: owner.app })
          : owner.type === 'controller'
            ? t('fixes.template.controller', { ...params, owner: `${owner.kind}/${owner.name}` })
            : t('fixes.template.edit', {
                ...params,
                command: `kubectl edit ${workload.kind.toLowerCase()}/${workload.name} -n ${workload.namespace}`,
              });
  return { type: 'manual', text };
}
