// The API's own limits on numbers and names, checked before anything is sent: an int32 that
// overflows wraps on the server (4294967296 replicas became 0), and a bad name lists the wrong scope.
import { usageError } from './errors.ts';

/** Largest value of an int32 field (replicas, min/maxReplicas, policy values, maxSkew). */
export const maxInt32 = 2_147_483_647;

/** A whole number from a flag, within [minimum, maximum]; undefined when the flag is absent. */
export function parseWholeNumber(text: string | undefined, flag: string, minimum: number, maximum = maxInt32): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw usageError(`${flag}: "${text}" is not a whole number.`);
  const value = Number(text.trim());
  if (value > maximum) {
    throw usageError(
      `${flag}: ${text.trim()} is above ${maximum.toLocaleString('en-US')}, the largest value the API accepts here.`,
      maximum === maxInt32
        ? 'Kubernetes stores this field as a 32-bit integer; a larger number would wrap around on the server.'
        : undefined,
    );
  }
  if (value < minimum) {
    throw usageError(
      `${flag} must be at least ${minimum} (got ${value}).`,
      minimum === 1 && flag.includes('min') ? 'Kubernetes HPAs cannot scale to zero (HPAScaleToZero is alpha).' : undefined,
    );
  }
  return value;
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Namespaces are DNS-1123 labels: at most 63 characters, lower case alphanumerics and '-'. */
export function checkNamespace(name: string, flag = '-n/--namespace'): string {
  if (name.length > 63 || !dns1123Label.test(name)) {
    throw usageError(
      `${flag}: "${name}" is not a valid namespace name.`,
      'A namespace name has at most 63 characters: lower-case letters, digits and "-", starting and ending with a letter or digit.',
    );
  }
  return name;
}

/** Object names (Deployments, HPAs, …) are DNS-1123 subdomains: at most 253 characters. */
export function checkObjectName(name: string, what: string): string {
  if (name.length > 253 || !dns1123Subdomain.test(name)) {
    throw usageError(
      `${what}: "${name}" is not a valid object name.`,
      'An object name has at most 253 characters: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit.',
    );
  }
  return name;
}
