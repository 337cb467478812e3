// Use-cases shared by the CLI and the TUI: resolve the object to change and return a planner that
// re-reads it each time it runs (so a 409 re-plans against the fresh object).
import { t } from '../i18n/index.ts';
import { ExitCode, UserError, usageError } from '../k8s/errors.ts';
import type { KubeApi } from '../kube/api.ts';
import { apigeePlural, apigeeVersion, listApigee } from '../kube/apigee.ts';
import { getObject, listHpas, listPods } from '../kube/resources.ts';
import { type ApigeeKind, type ComponentSettings, planComponent, selectEnvironment } from '../plan/apigee.ts';
import { planHpa, type HpaSettings } from '../plan/hpa.ts';
import { hpaOwnerRefusal, workloadOwnerRefusal } from '../plan/owner.ts';
import type { WorkloadSettings } from '../plan/settings.ts';
import { deploymentResource, hpaResource, statefulSetResource, type Change, type ObjectRef } from '../plan/types.ts';
import { planUndo, type JournaledChange } from '../plan/undo.ts';
import { planWorkload } from '../plan/workload.ts';
import { apigeeEnvironmentKind, apigeeGroup, environmentName } from '../profiles/apigee.ts';
import type { ApigeeResource, HorizontalPodAutoscaler, Pod, WorkloadObject } from '../k8s/types.ts';
import { selectorToString } from '../k8s/selector.ts';

export interface Target {
  ref: ObjectRef;
  plan: () => Promise<Change>;
}

const tolerated = (error: unknown) =>
  error instanceof UserError && (error.exitCode === ExitCode.forbidden || error.exitCode === ExitCode.notFound);

/** spec.name of the ApigeeEnvironment controlling an HPA, so the owner's command is complete. */
async function owningEnvironmentName(api: KubeApi, hpa: HorizontalPodAutoscaler): Promise<string | undefined> {
  const owner = hpa.metadata.ownerReferences?.find((o) => o.controller);
  if (owner?.kind !== apigeeEnvironmentKind || !owner.apiVersion.startsWith(`${apigeeGroup}/`)) return undefined;
  const [, version = 'v1alpha2'] = owner.apiVersion.split('/');
  const namespace = hpa.metadata.namespace ?? 'default';
  const env = await getObject<ApigeeResource>(api, {
    group: apigeeGroup,
    version,
    resource: 'apigeeenvironments',
    namespace,
    name: owner.name,
  }).catch(() => undefined);
  return env ? environmentName(env) : undefined;
}

/** Undo of a journal entry: re-reads the object each time, with patch's ownership rules. */
export function undoTarget(api: KubeApi, entry: JournaledChange, options: { force?: boolean } = {}): Target {
  return {
    ref: entry.ref,
    plan: async () => {
      const live = await getObject(api, entry.ref);
      const environmentName =
        entry.ref.kind === hpaResource.kind ? await owningEnvironmentName(api, live as HorizontalPodAutoscaler) : undefined;
      return planUndo(entry, live, { force: Boolean(options.force), ...(environmentName ? { environmentName } : {}) });
    },
  };
}

export function hpaTarget(api: KubeApi, namespace: string, name: string, settings: HpaSettings): Target {
  const ref: ObjectRef = { ...hpaResource, namespace, name };
  return {
    ref,
    plan: async () => {
      const hpa = await getObject<HorizontalPodAutoscaler>(api, ref);
      const refusal = hpaOwnerRefusal(hpa, settings, await owningEnvironmentName(api, hpa));
      if (refusal) throw refusal;
      return planHpa(hpa, settings);
    },
  };
}

/** "deployment/web", "deploy/web", "statefulset/db", "sts/db". */
export function parseWorkloadRef(text: string): { kind: 'Deployment' | 'StatefulSet'; name: string } {
  const match = /^(deployment|deployments|deploy|statefulset|statefulsets|sts)(?:\.apps)?\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/.exec(text);
  if (!match) throw usageError(t('apply.targets.workloadRef', { text }), t('apply.targets.workloadRefHint'));
  return { kind: match[1]!.startsWith('d') ? 'Deployment' : 'StatefulSet', name: match[2]! };
}

export function workloadTarget(
  api: KubeApi,
  namespace: string,
  kind: 'Deployment' | 'StatefulSet',
  name: string,
  settings: WorkloadSettings,
  onWarning: (text: string) => void,
): Target {
  const ref: ObjectRef = { ...(kind === 'Deployment' ? deploymentResource : statefulSetResource), namespace, name };
  return {
    ref,
    plan: async () => {
      const workload = await getObject<WorkloadObject>(api, ref);
      workload.kind ??= kind;
      const refusal = workloadOwnerRefusal(workload);
      if (refusal) throw refusal;
      const hpas = await listHpas(api, { namespace, action: t('apply.action.listHpasIn', { namespace }) })
        .then((r) => r.items.filter((h) => h.spec.scaleTargetRef.kind === kind && h.spec.scaleTargetRef.name === name))
        .catch((error: unknown) => {
          if (!tolerated(error)) throw error;
          const reason = error instanceof Error ? error.message : String(error);
          // Without the list we cannot tell whether an HPA would fight a fixed replica count.
          if (settings.replicas !== undefined && !settings.forceReplicas) {
            throw new UserError(t('apply.targets.hpaUnchecked', { workload: `${kind}/${name}`, namespace, reason }), {
              hint: t('apply.targets.hpaUncheckedHint', { namespace }),
              exitCode: ExitCode.usage,
            });
          }
          onWarning(t('apply.targets.hpaListFailed', { namespace, workload: `${kind}/${name}`, reason }));
          return [];
        });
      let pods: Pod[] = [];
      if (settings.sidecars?.length) {
        const selector = selectorToString(workload.spec.selector);
        pods = (
          await listPods(api, { namespace, labelSelector: selector, action: t('apply.action.listPodsOf', { workload: `${kind}/${name}` }) })
        ).items;
      }
      return planWorkload(workload, settings, { hpas, pods });
    },
  };
}

/** The served Apigee version the cluster prefers (discovery); a clear error when the CRDs are missing. */
export async function requiredApigeeVersion(api: KubeApi): Promise<string> {
  const version = await apigeeVersion(api);
  if (version) return version;
  throw new UserError(t('apply.targets.apigeeMissing'), {
    hint: t('apply.targets.apigeeMissingHint'),
    exitCode: ExitCode.notFound,
  });
}

/**
 * Without an explicit -n, a context namespace holding no Apigee resources is not the user's intent:
 * look across namespaces, and take the one namespace that has them (say so), so
 * `kubectl scale-ha patch env runtime --max 10` works as written.
 */
async function apigeeNamespace(
  api: KubeApi,
  kind: ApigeeKind,
  version: string,
  namespace: string,
  onInfo: (text: string) => void,
): Promise<string> {
  const resource = apigeePlural(kind);
  const all = await listApigee(api, kind, version, { action: t('apply.action.listEverywhere', { resource }) }).catch((error: unknown) => {
    if (tolerated(error)) return { items: [] as ApigeeResource[] };
    throw error;
  });
  const namespaces = [...new Set(all.items.map((item) => item.metadata.namespace ?? 'default'))];
  if (namespaces.length === 1) {
    onInfo(t('apply.targets.namespaceChosen', { resource, namespace, found: namespaces[0] }));
    return namespaces[0]!;
  }
  if (namespaces.length > 1)
    throw usageError(
      t('apply.targets.namespacesSeveral', { resource, namespace, namespaces: namespaces.join(', ') }),
      t('apply.targets.namespacesSeveralHint'),
    );
  return namespace;
}

export async function componentTarget(
  api: KubeApi,
  namespace: string,
  kind: ApigeeKind,
  envName: string | undefined,
  component: string,
  settings: ComponentSettings,
  options: { namespaceExplicit?: boolean; onInfo?: (text: string) => void } = {},
): Promise<Target> {
  const version = await requiredApigeeVersion(api);
  const resource = apigeePlural(kind);
  const listIn = (ns: string) =>
    listApigee(api, kind, version, { namespace: ns, action: t('apply.action.listIn', { resource, namespace: ns }) });
  let { items } = await listIn(namespace);
  if (items.length === 0 && !options.namespaceExplicit) {
    const found = await apigeeNamespace(api, kind, version, namespace, options.onInfo ?? (() => {}));
    if (found !== namespace) {
      namespace = found;
      ({ items } = await listIn(namespace));
    }
  }
  let chosen: ApigeeResource;
  if (kind === apigeeEnvironmentKind) chosen = selectEnvironment(items, envName, namespace);
  else if (items.length === 1) chosen = items[0]!;
  else
    throw usageError(
      items.length
        ? t('apply.targets.organizationsSeveral', { namespace, organizations: items.length })
        : t('apply.targets.organizationNone', { namespace }),
      t('apply.targets.organizationHint'),
    );
  const ref: ObjectRef = { group: apigeeGroup, version, resource, kind, namespace, name: chosen.metadata.name };
  return {
    ref,
    plan: async () => {
      const object = await getObject<ApigeeResource>(api, ref);
      object.apiVersion ??= `${apigeeGroup}/${version}`;
      return planComponent(object, kind, component, settings);
    },
  };
}
