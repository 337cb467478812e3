// Apigee hybrid knowledge: custom resources, components, ownership of the runtime HPAs.
import type { ApigeeResource, KubeObject, OwnerReference } from '../k8s/types.ts';
import { t } from '../i18n/index.ts';

export const apigeeGroup = 'apigee.cloud.google.com';
export const apigeeEnvironmentKind = 'ApigeeEnvironment';
export const apigeeOrganizationKind = 'ApigeeOrganization';

/** Components that scale, per custom resource, with the chart defaults from overrides.yaml. */
export const environmentComponents = { runtime: { min: 1, max: 4 }, synchronizer: { min: 1, max: 4 }, udca: { min: 1, max: 4 } } as const;
export const organizationComponents = {
  mart: { min: 1, max: 5 },
  connectAgent: { min: 1, max: 5 },
  watcher: { min: 1, max: 1 },
  udca: { min: 1, max: 4 },
} as const;

export function isApigeeOwner(ref: OwnerReference): boolean {
  return ref.apiVersion.startsWith(`${apigeeGroup}/`) && (ref.kind === apigeeEnvironmentKind || ref.kind === apigeeOrganizationKind);
}

export function apigeeControllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller && isApigeeOwner(ref));
}

/** The environment's plain name (spec.name); the object name is encoded. */
export function environmentName(environment: ApigeeResource): string {
  return environment.spec?.name ?? environment.metadata.name;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The Apigee component an operator-made object belongs to, from its name or app label
 * (apigee-runtime-…, apigee-connect-agent-…). The owner's kind narrows it to env or org components.
 */
export function apigeeComponentOf(object: KubeObject, ownerKind?: string): string | undefined {
  const components =
    ownerKind === apigeeOrganizationKind
      ? Object.keys(organizationComponents)
      : ownerKind === apigeeEnvironmentKind
        ? Object.keys(environmentComponents)
        : [...Object.keys(environmentComponents), ...Object.keys(organizationComponents)];
  const names = [object.metadata.name, object.metadata.labels?.app ?? ''];
  return components.find((component) =>
    names.some((name) => name === `apigee-${kebab(component)}` || name.startsWith(`apigee-${kebab(component)}-`)),
  );
}

/** Components that must run one replica, and why: a second one would only wait (or, raised by hand, be reverted). */
const singleReplicaComponents: Record<string, () => string> = {
  watcher: () => t('profiles.apigee.watcherSingle'),
};

/** Why an Apigee workload runs a single replica by design; undefined for every other workload. */
export function singleReplicaReason(object: KubeObject): string | undefined {
  const owner = apigeeControllerOf(object);
  const component = apigeeComponentOf(object, owner?.kind);
  return component ? singleReplicaComponents[component]?.() : undefined;
}

/** A component's autoscaling in its CR (spec.components.<component>.autoScaler): the operator copies it to the HPA. */
export function componentAutoScaler(cr: ApigeeResource | undefined, component: string) {
  return cr?.spec?.components?.[component]?.autoScaler;
}

/** The operator that applies the CRs, to look at when an HPA does not follow its CR. */
export const apigeeOperator = () => t('profiles.apigee.operator');

/** overrides.yaml key of a component's resources (apigee-env / apigee-org charts). */
export function overridesResourcesPath(component: string): string {
  return `${component}.resources`;
}

/** Why a component (by its overrides.yaml name) must run one replica; undefined for the others. */
export function singleReplicaComponentReason(component: string): string | undefined {
  return singleReplicaComponents[component]?.();
}

/**
 * The runtime HPA of an Apigee environment, whose behavior comes from overrides.yaml's runtime.hpaBehavior (and must
 * fit its ranges): owned by an ApigeeEnvironment, or named like the operator names it when read from a file.
 */
export function isApigeeRuntimeHpa(hpa: KubeObject): boolean {
  const owner = apigeeControllerOf(hpa);
  if (owner) return owner.kind === apigeeEnvironmentKind && apigeeComponentOf(hpa, owner.kind) === 'runtime';
  return !hpa.metadata.ownerReferences?.some((ref) => ref.controller) && apigeeComponentOf(hpa, apigeeEnvironmentKind) === 'runtime';
}
