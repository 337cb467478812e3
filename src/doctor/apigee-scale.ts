// The Apigee CR behind an operator-owned HPA: the CR holds the scaling the user asked for, the HPA only what the
// operator last applied. Checks judge, and fixes start from, the CR's values.
import type { ApigeeResource, HorizontalPodAutoscaler } from '../k8s/types.ts';
import { apigeeComponentOf, apigeeEnvironmentKind, componentAutoScaler } from '../profiles/apigee.ts';
import { scalingOwner } from '../profiles/ownership.ts';
import type { DoctorContext } from './context.ts';

export interface ApigeeOwner {
  kind: string;
  name: string;
}

export function apigeeCr(context: DoctorContext, owner: ApigeeOwner, namespace: string): ApigeeResource | undefined {
  const crs = owner.kind === apigeeEnvironmentKind ? context.snapshot.apigeeEnvironments : context.snapshot.apigeeOrganizations;
  return crs.find((cr) => cr.metadata.name === owner.name && cr.metadata.namespace === namespace);
}

/** The CR and component an Apigee-owned HPA comes from, with the min/max the CR sets (undefined where it sets none). */
export interface ApigeeScale {
  owner: ApigeeOwner;
  cr: ApigeeResource | undefined;
  component: string | undefined;
  min: number | undefined;
  max: number | undefined;
}

export function apigeeScaleOf(context: DoctorContext, hpa: HorizontalPodAutoscaler): ApigeeScale | undefined {
  const target = context.targetOf(hpa);
  const owner = scalingOwner(target?.object ?? hpa, [hpa]);
  if (owner.type !== 'apigee') return undefined;
  const component = apigeeComponentOf(hpa, owner.kind) ?? (target ? apigeeComponentOf(target.object, owner.kind) : undefined);
  const cr = apigeeCr(context, owner, hpa.metadata.namespace ?? 'default');
  const autoScaler = component ? componentAutoScaler(cr, component) : undefined;
  return { owner, cr, component, min: autoScaler?.minReplicas, max: autoScaler?.maxReplicas };
}

/** The min/max an HPA is meant to have: its Apigee CR's where the CR sets them, else its own spec. */
export function intendedReplicas(context: DoctorContext, hpa: HorizontalPodAutoscaler): { min: number; max: number } {
  const apigee = apigeeScaleOf(context, hpa);
  return { min: apigee?.min ?? hpa.spec.minReplicas ?? 1, max: apigee?.max ?? hpa.spec.maxReplicas };
}
