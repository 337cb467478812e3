// The wallarm-sidecar chart's values as a file: which keys tell one, which containers the webhook injects for a
// schema, and the per-pod resource annotations that replace the chart's resources (domain README §1). Pure.
import {
  type InjectionSchema,
  type SidecarName,
  type SidecarResourceField,
  sidecarNames,
  sidecarResourceFields,
  sidecars,
} from './wallarm.ts';
import { isValuesMap, type Values } from './values/model.ts';

const hasMap = (values: Values, key: string) => isValuesMap(values[key]);

/** How many of the chart's own sections the values set (config.sidecar, config.wallarm, …, postanalytics). */
export function wallarmValuesScore(values: Values): number {
  const config = isValuesMap(values.config) ? values.config : {};
  return [
    hasMap(config, 'sidecar'),
    hasMap(config, 'wallarm'),
    hasMap(config, 'injectionStrategy'),
    hasMap(values, 'postanalytics'),
    isValuesMap(values.controller) && 'admissionWebhook' in values.controller,
  ].filter(Boolean).length;
}

/** The chart default annotation prefix (config.annotationPrefix). */
export const defaultAnnotationPrefix = 'sidecar.wallarm.io';

/** `sidecar.wallarm.io/proxy-cpu` → proxy, cpu; undefined for other keys. */
export function parseSidecarAnnotation(
  key: string,
  prefix = defaultAnnotationPrefix,
): { sidecar: SidecarName; field: SidecarResourceField } | undefined {
  if (!key.startsWith(`${prefix}/`)) return undefined;
  const rest = key.slice(prefix.length + 1);
  // Longest names first: init-helper-cpu is init-helper's, not helper's.
  for (const sidecar of [...sidecarNames].sort((a, b) => b.length - a.length))
    for (const field of sidecarResourceFields) if (rest === `${sidecar}-${field}`) return { sidecar, field };
  return undefined;
}

/** The containers the webhook injects with a schema (iptables off drops init-iptables). */
export function injectedSidecars(schema: InjectionSchema, iptablesEnabled: boolean): SidecarName[] {
  return sidecarNames.filter((name) => (schema === 'split' || !sidecars[name].splitOnly) && (iptablesEnabled || name !== 'init-iptables'));
}
