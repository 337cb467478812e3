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
import { t } from '../i18n/index.ts';

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
      return new OwnerRefusal(t('plan.owner.apigee', { what, kind: owner.kind, name: owner.name }), t('plan.owner.apigeeHint'), {
        type: 'intent',
        intent: { type: 'component', kind: owner.kind as ApigeeKind, ...env, component, namespace, settings },
      });
    }
    case 'keda': {
      const fields = {
        ...(settings.min !== undefined ? { minReplicaCount: settings.min } : {}),
        ...(settings.max !== undefined ? { maxReplicaCount: settings.max } : {}),
      };
      return new OwnerRefusal(t('plan.owner.keda', { what, name: owner.name }), t('plan.owner.kedaHint'), {
        type: 'kubectl-patch',
        resource: 'scaledobject',
        namespace,
        name: owner.name,
        patchType: 'merge',
        patch: { spec: Object.keys(fields).length ? fields : { maxReplicaCount: 'N' } },
      });
    }
    case 'controller':
      return new UserError(t('plan.owner.controlled', { what, kind: owner.kind, name: owner.name, apiVersion: owner.apiVersion }), {
        hint: t('plan.owner.controlledHint', {
          kind: owner.kind,
          command: `kubectl get ${owner.kind.toLowerCase()} ${owner.name} -n ${namespace} -o yaml`,
        }),
        exitCode: ExitCode.usage,
      });
  }
}

/** Workloads controlled by another object (an operator) are refused the same way. */
export function workloadOwnerRefusal(workload: KubeObject): UserError | undefined {
  const owner = controllerOf(workload);
  if (!owner) return undefined;
  return new UserError(
    t('plan.owner.controlled', {
      what: `${workload.kind?.toLowerCase() ?? 'workload'}/${workload.metadata.name}`,
      kind: owner.kind,
      name: owner.name,
      apiVersion: owner.apiVersion,
    }),
    {
      hint: isApigeeOwner(owner)
        ? t('plan.owner.apigeeWorkloadHint', { command: 'kubectl scale-ha patch env|org …' })
        : t('plan.owner.changeOwner', { kind: owner.kind }),
      exitCode: ExitCode.usage,
    },
  );
}

/** The wallarm-sidecar chart's values keys for its own Deployments, so the helm route is concrete. */
function wallarmValuesKeys(object: KubeObject): string | undefined {
  const labels = object.metadata.labels ?? {};
  const component = labels['app.kubernetes.io/component'];
  if (labels['app.kubernetes.io/name'] !== wallarmChart || (component !== 'controller' && component !== 'postanalytics')) return undefined;
  return `${component}.replicaCount, ${component}.affinity, ${component === 'controller' ? 'controller.resources' : t('plan.owner.storeResources')}`;
}

/** Helm or GitOps re-apply their manifests; a direct patch lasts only until they do. */
export function helmWarning(object: KubeObject): string | undefined {
  const name = object.metadata.name;
  const what = object.kind ? `${object.kind} ${name}` : t('plan.owner.thisObject', { name });
  const gitOps = gitOpsAppOf(object);
  if (gitOps) return t('plan.owner.gitOpsWarning', { what, tool: gitOps.tool, app: gitOps.app });
  const release = helmReleaseOf(object);
  if (!release) return undefined;
  const keys = wallarmValuesKeys(object);
  const params = { what, release: release.name, namespace: release.namespace, upgrade: `helm upgrade ${release.name}`, keys };
  return t(keys ? 'plan.owner.helmWarningKeys' : 'plan.owner.helmWarning', params);
}
