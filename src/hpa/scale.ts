// min/max replicas and CPU target: what every route (HPA patch, Apigee CR, helm values) can set.

export interface ScaleSettings {
  min?: number | undefined;
  max?: number | undefined;
  /** Target average CPU utilization, percent of requests. */
  cpu?: number | undefined;
}
