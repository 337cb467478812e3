// Every check, in report order. Ids are stable: never renumber, only add.
import type { Check } from '../context.ts';
import { apigeeRuntimeScalingCheck } from './apigee-runtime-scaling.ts';
import { watcherMaxCheck } from './apigee-watcher-max.ts';
import { noAntiAffinityCheck } from './ha-no-anti-affinity.ts';
import { noPdbCheck } from './ha-no-pdb.ts';
import { pdbBlocksCheck } from './ha-pdb-blocks.ts';
import { rolloutDeadlockCheck } from './ha-rollout-deadlock.ts';
import { singleDomainCheck } from './ha-single-domain.ts';
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
import { selectorOverlapCheck } from './hpa-selector-overlap.ts';
import { targetMissingCheck } from './hpa-target-missing.ts';
import { utilizationTargetCheck } from './hpa-utilization-target.ts';
import { capacityCheck } from './res-capacity.ts';
import { missingResourcesCheck } from './res-missing-requests.ts';
import { wallarmArenaCheck } from './res-wallarm-arena.ts';

export const checks: readonly Check[] = [
  metricsApiCheck,
  scalingActiveCheck,
  missingRequestsCheck,
  targetMissingCheck,
  duplicateHpaCheck,
  selectorOverlapCheck,
  minEqualsMaxCheck,
  minBelowTwoCheck,
  pinnedAtMaxCheck,
  helmReplicasCheck,
  utilizationTargetCheck,
  externalOwnerCheck,
  watcherMaxCheck,
  behaviorLimitsCheck,
  apigeeRuntimeScalingCheck,
  noAntiAffinityCheck,
  singleDomainCheck,
  unschedulableMaxCheck,
  noPdbCheck,
  pdbBlocksCheck,
  rolloutDeadlockCheck,
  topologySpreadCheck,
  missingResourcesCheck,
  wallarmArenaCheck,
  capacityCheck,
];
