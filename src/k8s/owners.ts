// Owner references: who controls an object.
import type { KubeObject, OwnerReference } from './types.ts';

/** The owner reference with controller: true, if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller);
}

/** The controller reference when it is of the given kind. */
export function controllerOfKind(object: KubeObject, kind: string): OwnerReference | undefined {
  const ref = controllerOf(object);
  return ref?.kind === kind ? ref : undefined;
}
