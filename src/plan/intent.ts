// What the user asks to change, in the terms of the patch commands. Doctor fixes carry one, the TUI's
// wizard is pre-filled from one, apply/ turns one into a Change, and each face spells it its own way.
import type { HpaSettings } from './hpa.ts';
import type { ApigeeKind, ComponentSettings } from './apigee.ts';
import type { WorkloadSettings } from './settings.ts';

export type WorkloadKind = 'Deployment' | 'StatefulSet';

export type Intent =
  /** An Apigee component through its ApigeeEnvironment (found by spec.name) or ApigeeOrganization. */
  | { type: 'component'; kind: ApigeeKind; env?: string | undefined; component: string; namespace: string; settings: ComponentSettings }
  /** An HPA that no operator owns. */
  | { type: 'hpa'; namespace: string; name: string; settings: HpaSettings }
  /** A Deployment's or StatefulSet's replicas, placement or resources. */
  | { type: 'workload'; kind: WorkloadKind; namespace: string; name: string; settings: WorkloadSettings };

/** A `kubectl patch` of an object another tool owns (a KEDA ScaledObject): the plugin never writes it. */
export interface KubectlPatch {
  type: 'kubectl-patch';
  resource: string;
  namespace: string;
  name: string;
  patchType: 'merge';
  patch: Record<string, unknown>;
}

/** The way to make a change that was refused here: through the plugin's patch commands, or kubectl. */
export type Remedy = { type: 'intent'; intent: Intent } | KubectlPatch;
