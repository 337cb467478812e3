// Objects another controller owns are not patched directly: the owner would revert the patch.
// We refuse with the owner's way to make the change, as data: each face spells it.
import type { ScaleSettings } from '../hpa/scale.ts';
import type { ApigeeKind } from './apigee.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { Remedy } from './intent.ts';
import { apigeeComponentOf, apigeeEnvironmentKind, isApigeeOwner } from '../profiles/apigee.ts';
import { gitOpsAppOf, helmReleaseOf } from '../profiles/generic.ts';
import { controllerOf } from '../k8s/owners.ts';
import { ownerOf } from '../profiles/ownership.ts';
import { chartName as wallarmChart } from '../profiles/wallarm.ts';
import type { HorizontalPodAutoscaler, KubeObject } from '../k8s/types.ts';

/** A refusal that names the owner's way to make the change; the face prints `remedy` after the hint. */
export class OwnerRefusal extends UserError {
  readonly remedy: Remedy | undefined;
  constructor(message: string, hint: string, remedy?: Remedy) {
    super(message, { hint, exitCode: ExitCode.usage });
    this.remedy = remedy;
  }
}

/**
 * Why an HPA must not be patched directly, with the owner's command; undefined when it may be.
 * `environmentName` is the owning ApigeeEnvironment's spec.name when the caller could read it.
 */
export function hpaOwnerRefusal(hpa: HorizontalPodAutoscaler, settings: ScaleSettings, environmentName?: string): UserError | undefined {
  const namespace = hpa.metadata.namespace ?? 'default';
  const owner = ownerOf(hpa);
  if (!owner) return undefined;
  const what = `hpa/${hpa.metadata.name}`;
  switch (owner.type) {
    case 'apigee': {
      const component = apigeeComponentOf(hpa, owner.kind) ?? 'COMPONENT';
      const env = owner.kind === apigeeEnvironmentKind ? { env: environmentName ?? 'ENV' } : {};
      return new OwnerRefusal(
        `${what} is owned by ${owner.kind} ${owner.name}: the Apigee operator rewrites it from the custom resource, so a direct patch would be reverted.`,
        'Change the custom resource instead:',
        { type: 'intent', intent: { type: 'component', kind: owner.kind as ApigeeKind, ...env, component, namespace, settings } },
      );
    }
    case 'keda': {
      const fields = {
        ...(settings.min !== undefined ? { minReplicaCount: settings.min } : {}),
        ...(settings.max !== undefined ? { maxReplicaCount: settings.max } : {}),
      };
      return new OwnerRefusal(
        `${what} is managed by the KEDA ScaledObject ${owner.name}: KEDA rewrites it, so a direct patch would be reverted.`,
        'Change the ScaledObject instead (CPU targets live in its triggers):',
        {
          type: 'kubectl-patch',
          resource: 'scaledobject',
          namespace,
          name: owner.name,
          patchType: 'merge',
          patch: { spec: Object.keys(fields).length ? fields : { maxReplicaCount: 'N' } },
        },
      );
    }
    case 'controller':
      return new UserError(
        `${what} is controlled by ${owner.kind} ${owner.name} (${owner.apiVersion}), which would revert a direct patch.`,
        {
          hint: `Change the ${owner.kind} instead (kubectl get ${owner.kind.toLowerCase()} ${owner.name} -n ${namespace} -o yaml).`,
          exitCode: ExitCode.usage,
        },
      );
  }
}

/** Workloads controlled by another object (an operator) are refused the same way. */
export function workloadOwnerRefusal(workload: KubeObject): UserError | undefined {
  const owner = controllerOf(workload);
  if (!owner) return undefined;
  return new UserError(
    `${workload.kind?.toLowerCase() ?? 'workload'}/${workload.metadata.name} is controlled by ${owner.kind} ${owner.name} (${owner.apiVersion}), which would revert a direct patch.`,
    {
      hint: isApigeeOwner(owner)
        ? 'Apigee runs its workloads from the custom resources: use `kubectl scale-ha patch env|org …`.'
        : `Change the ${owner.kind} instead.`,
      exitCode: ExitCode.usage,
    },
  );
}

/** The wallarm-sidecar chart's values keys for its own Deployments, so the helm route is concrete. */
function wallarmValuesKeys(object: KubeObject): string | undefined {
  const labels = object.metadata.labels ?? {};
  const component = labels['app.kubernetes.io/component'];
  if (labels['app.kubernetes.io/name'] !== wallarmChart || (component !== 'controller' && component !== 'postanalytics')) return undefined;
  return `${component}.replicaCount, ${component}.affinity, ${component === 'controller' ? 'controller.resources' : 'postanalytics.wstore.resources (chart ≥ 6.0) or postanalytics.tarantool.resources (≤ 5.x)'}`;
}

/** Helm or GitOps re-apply their manifests; a direct patch lasts only until they do. */
export function helmWarning(object: KubeObject): string | undefined {
  const gitOps = gitOpsAppOf(object);
  if (gitOps) {
    return `${object.kind ?? 'This object'} ${object.metadata.name} is managed by ${gitOps.tool} (${gitOps.app}): its next sync reverts this direct patch. Commit the same change to the application's Git source.`;
  }
  const release = helmReleaseOf(object);
  if (!release) return undefined;
  const keys = wallarmValuesKeys(object);
  return (
    `${object.kind ?? 'This object'} ${object.metadata.name} is managed by helm release ${release.name} (namespace ${release.namespace}), and this patch bypasses its values: ` +
    `with helm 4 (server-side apply) the next \`helm upgrade ${release.name}\` fails with a field conflict on these fields unless the values set the same; ` +
    `with helm 3 the patch lasts until an upgrade renders another value for them, then is overwritten without a word. ` +
    `Keep the release's values in step${keys ? ` (${keys})` : ''}, or change it through the release: run the same command without --direct.`
  );
}
