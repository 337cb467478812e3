// Apigee hybrid knowledge: custom resources, components, ownership of the runtime HPAs.
import type { ApigeeResource, KubeObject, OwnerReference } from '../snapshot/k8s.ts';

export const apigeeGroup = 'apigee.cloud.google.com';
export const apigeeEnvironmentKind = 'ApigeeEnvironment';
export const apigeeOrganizationKind = 'ApigeeOrganization';

/** Components that scale, per custom resource, with the chart defaults from overrides.yaml. */
export const environmentComponents = { runtime: { min: 1, max: 4 }, synchronizer: { min: 1, max: 4 }, udca: { min: 1, max: 4 } } as const;
export const organizationComponents = { mart: { min: 1, max: 5 }, connectAgent: { min: 1, max: 5 }, watcher: { min: 1, max: 1 }, udca: { min: 1, max: 4 } } as const;

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

/** Which CR component a runtime object belongs to, from the operator's naming (apigee-runtime-…). */
const componentPrefixes: [string, 'env' | 'org', string][] = [
  ['apigee-runtime-', 'env', 'runtime'],
  ['apigee-synchronizer-', 'env', 'synchronizer'],
  ['apigee-udca-', 'env', 'udca'],
  ['apigee-mart-', 'org', 'mart'],
  ['apigee-connect-agent-', 'org', 'connectAgent'],
  ['apigee-watcher-', 'org', 'watcher'],
];

export function apigeeComponentOf(objectName: string): { scope: 'env' | 'org'; component: string } | undefined {
  const match = componentPrefixes.find(([prefix]) => objectName.startsWith(prefix));
  return match ? { scope: match[1], component: match[2] } : undefined;
}

/** overrides.yaml key of a component's resources (apigee-env / apigee-org charts). */
export function overridesResourcesPath(component: string): string {
  return `${component}.resources`;
}
