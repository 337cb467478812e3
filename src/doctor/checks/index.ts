// Every check, in report order. Ids are stable: never renumber, only add.
import type { Check } from '../context.ts';
import { apigeeDriftCheck } from './apigee-hpa-drift.ts';
import { apigeeRuntimeScalingCheck } from './apigee-runtime-scaling.ts';
import { watcherMaxCheck } from './apigee-watcher-max.ts';
import { barePodCheck } from './ha-bare-pod.ts';
import { noAntiAffinityCheck } from './ha-no-anti-affinity.ts';
import { noPdbCheck } from './ha-no-pdb.ts';
import { pdbBlocksCheck } from './ha-pdb-blocks.ts';
import { pendingPodsCheck } from './ha-pending-pods.ts';
import { rolloutDeadlockCheck } from './ha-rollout-deadlock.ts';
import { rolloutStuckCheck } from './ha-rollout-stuck.ts';
import { singleDomainCheck } from './ha-single-domain.ts';
import { singleReplicaCheck } from './ha-single-replica.ts';
import { topologySpreadCheck } from './ha-topology-spread.ts';
import { unschedulableMaxCheck } from './ha-unschedulable-max.ts';
import { behaviorLimitsCheck } from './hpa-behavior-limits.ts';
import { duplicateHpaCheck } from './hpa-duplicate.ts';
import { externalOwnerCheck } from './hpa-external-owner.ts';
import { helmReplicasCheck } from './hpa-helm-replicas.ts';
import { metricsApiCheck } from './hpa-metrics-api.ts';
import { minBelowTwoCheck } from './hpa-min-below-two.ts';
import { minEqualsMaxCheck } from './hpa-min-equals-max.ts';
import { missingRequestsCheck } from './hpa-missing-requests.ts';
import { pinnedAtMaxCheck } from './hpa-pinned-at-max.ts';
import { scalingActiveCheck } from './hpa-scaling-active.ts';
import { scalingDisabledCheck } from './hpa-scaling-disabled.ts';
import { selectorOverlapCheck } from './hpa-selector-overlap.ts';
import { targetMissingCheck } from './hpa-target-missing.ts';
import { targetUnscalableCheck } from './hpa-target-unscalable.ts';
import { unsupportedTargetCheck } from './hpa-unsupported-target.ts';
import { utilizationTargetCheck } from './hpa-utilization-target.ts';
import { vpaConflictCheck } from './hpa-vpa-conflict.ts';
import { capacityCheck } from './res-capacity.ts';
import { missingResourcesCheck } from './res-missing-requests.ts';
import { wallarmArenaCheck } from './res-wallarm-arena.ts';

export const checks: readonly Check[] = [
  metricsApiCheck,
  scalingActiveCheck,
  missingRequestsCheck,
  targetMissingCheck,
  targetUnscalableCheck,
  duplicateHpaCheck,
  vpaConflictCheck,
  selectorOverlapCheck,
  minEqualsMaxCheck,
  minBelowTwoCheck,
  scalingDisabledCheck,
  pinnedAtMaxCheck,
  helmReplicasCheck,
  utilizationTargetCheck,
  externalOwnerCheck,
  unsupportedTargetCheck,
  watcherMaxCheck,
  behaviorLimitsCheck,
  apigeeRuntimeScalingCheck,
  apigeeDriftCheck,
  singleReplicaCheck,
  noAntiAffinityCheck,
  singleDomainCheck,
  pendingPodsCheck,
  unschedulableMaxCheck,
  noPdbCheck,
  pdbBlocksCheck,
  rolloutDeadlockCheck,
  rolloutStuckCheck,
  topologySpreadCheck,
  barePodCheck,
  missingResourcesCheck,
  wallarmArenaCheck,
  capacityCheck,
];
