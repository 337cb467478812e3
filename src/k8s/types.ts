// The slice of Kubernetes object shapes the tool reads. Plain JSON as the API returns it.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string;
  managedFields?: { manager?: string; operation?: string; fieldsV1?: Record<string, unknown> }[];
  /** Set while the object is being deleted (a terminating pod may still report Ready). */
  deletionTimestamp?: string;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export type ResourceList = Record<string, string>;

export interface Container {
  name: string;
  image?: string;
  /** "Always" on an init container makes it a sidecar (counted by the HPA). */
  restartPolicy?: string;
  resources?: { requests?: ResourceList; limits?: ResourceList };
  env?: { name: string; value?: string }[];
}

export interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  topologyKey: string;
  namespaces?: string[];
}

export interface Affinity {
  nodeAffinity?: unknown;
  podAntiAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[];
  };
  podAffinity?: unknown;
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
}

export interface PodSpec {
  containers: Container[];
  /** Pod-level requests and limits (PodLevelResources): the HPA uses them when set. */
  resources?: { requests?: ResourceList; limits?: ResourceList };
  initContainers?: Container[];
  affinity?: Affinity;
  topologySpreadConstraints?: TopologySpreadConstraint[];
  nodeSelector?: Record<string, string>;
  tolerations?: unknown[];
  nodeName?: string;
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

export interface WorkloadObject extends KubeObject {
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: PodTemplate;
    strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } };
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    /** A Deployment's Progressing and Available conditions. */
    conditions?: Condition[];
  };
  /** Derived at snapshot time from managedFields: the field managers that set spec.replicas. */
  replicasFieldManagers?: string[];
}

export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: {
    phase?: string;
    /** The message is kept for PodScheduled=False only: why the scheduler could not place the pod. */
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    containerStatuses?: { name: string; ready: boolean }[];
  };
}

export interface MetricTarget {
  type: 'Utilization' | 'Value' | 'AverageValue';
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}

export interface MetricSpec {
  type: 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External';
  resource?: { name: string; target: MetricTarget };
  containerResource?: { name: string; container: string; target: MetricTarget };
  pods?: { metric: { name: string; selector?: LabelSelector }; target: MetricTarget };
  object?: { metric: { name: string }; describedObject: { kind: string; name: string; apiVersion?: string }; target: MetricTarget };
  external?: { metric: { name: string; selector?: LabelSelector }; target: MetricTarget };
}

export interface MetricStatus {
  type: MetricSpec['type'];
  resource?: { name: string; current: { averageUtilization?: number; averageValue?: string; value?: string } };
  containerResource?: { name: string; container: string; current: { averageUtilization?: number; averageValue?: string } };
  pods?: { metric: { name: string }; current: { averageValue?: string } };
  object?: { metric: { name: string }; current: { value?: string; averageValue?: string } };
  external?: { metric: { name: string }; current: { value?: string; averageValue?: string } };
}

export interface HPAScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface HPAScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: HPAScalingPolicy[];
  tolerance?: string;
}

export interface HPABehavior {
  scaleUp?: HPAScalingRules;
  scaleDown?: HPAScalingRules;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface HorizontalPodAutoscaler extends KubeObject {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: MetricSpec[];
    behavior?: HPABehavior;
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    currentMetrics?: MetricStatus[];
    conditions?: Condition[];
    lastScaleTime?: string;
  };
}

export interface PodDisruptionBudget extends KubeObject {
  spec: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector };
  status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
}

export interface Node extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: { key: string; effect: string; value?: string }[] };
  status?: { allocatable?: ResourceList; capacity?: ResourceList; conditions?: Condition[] };
}

export interface APIService extends KubeObject {
  spec?: { service?: { name: string; namespace: string } | null; group?: string; version?: string };
  status?: { conditions?: Condition[] };
}

/** autoscaling.k8s.io VerticalPodAutoscaler: only what decides whether it fights an HPA. */
export interface VerticalPodAutoscaler extends KubeObject {
  spec: {
    targetRef?: { apiVersion?: string; kind: string; name: string };
    /** Auto (the default), Recreate and InPlaceOrRecreate change running pods' requests; Initial and Off do not. */
    updatePolicy?: { updateMode?: string };
    resourcePolicy?: {
      containerPolicies?: { containerName?: string; mode?: 'Auto' | 'Off'; controlledResources?: string[] }[];
    };
  };
}

/** ApigeeEnvironment / ApigeeOrganization: only what scaling needs. */
export interface ApigeeResource extends KubeObject {
  spec?: {
    name?: string;
    organizationRef?: string;
    components?: Record<
      string,
      { autoScaler?: { minReplicas?: number; maxReplicas?: number; metrics?: MetricSpec[]; behavior?: HPABehavior } } | undefined
    >;
  };
  /** What the operator reports: its state, and the spec generation it last applied. */
  status?: { state?: string; lastAppliedGeneration?: number };
}

/** core/v1 Event: what a controller said about an object. count/series say how often it repeated. */
export interface KubeEvent extends KubeObject {
  involvedObject: { kind?: string; name?: string; namespace?: string; uid?: string; apiVersion?: string };
  reason?: string;
  message?: string;
  type?: 'Normal' | 'Warning' | string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  /** Set by events.k8s.io writers, which leave first/lastTimestamp empty. */
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  source?: { component?: string };
  reportingComponent?: string;
}
