// The API's own limits on numbers and names, checked before anything is sent: an int32 that
// overflows wraps on the server (4294967296 replicas became 0), and a bad name lists the wrong scope.
import { t } from '../i18n/index.ts';
import { usageError } from './errors.ts';

/** Largest value of an int32 field (replicas, min/maxReplicas, policy values, maxSkew). */
export const maxInt32 = 2_147_483_647;

/** A whole number from a flag, within [minimum, maximum]; undefined when the flag is absent. */
export function parseWholeNumber(text: string | undefined, flag: string, minimum: number, maximum = maxInt32): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw usageError(t('k8s.limits.notWhole', { flag, text }));
  const value = Number(text.trim());
  if (value > maximum) {
    throw usageError(
      t('k8s.limits.aboveMaximum', { flag, text: text.trim(), maximum: maximum.toLocaleString('en-US') }),
      maximum === maxInt32 ? t('k8s.limits.int32Hint') : undefined,
    );
  }
  if (value < minimum) {
    throw usageError(
      t('k8s.limits.belowMinimum', { flag, minimum, value }),
      minimum === 1 && flag.includes('min') ? t('k8s.limits.scaleToZeroHint') : undefined,
    );
  }
  return value;
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Namespaces are DNS-1123 labels: at most 63 characters, lower case alphanumerics and '-'. */
export function checkNamespace(name: string, flag = '-n/--namespace'): string {
  if (name.length > 63 || !dns1123Label.test(name)) {
    throw usageError(t('k8s.limits.badNamespace', { flag, name }), t('k8s.limits.badNamespaceHint'));
  }
  return name;
}

/** Object names (Deployments, HPAs, …) are DNS-1123 subdomains: at most 253 characters. */
export function checkObjectName(name: string, what: string): string {
  if (name.length > 253 || !dns1123Subdomain.test(name)) {
    throw usageError(t('k8s.limits.badObjectName', { what, name }), t('k8s.limits.badObjectNameHint'));
  }
  return name;
}
