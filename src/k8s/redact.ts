// Literal env values and secret-looking helm values are kept out of every diff, journal and report.

/** The object without literal env values; names and valueFrom say enough, and no change of ours touches env. */
export function withoutEnvValues(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (key !== 'env' || item === null || typeof item !== 'object') return withoutEnvValues(item);
      const { value: _v, ...rest } = item as Record<string, unknown>;
      return rest;
    });
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutEnvValues(v, k)]));
}

const secretKey = /password|secret|token|key|cert/i;
/** Keys Kubernetes uses for selectors and placement, not secrets. */
const structuralKeys = new Set(['topologyKey', 'matchLabelKeys', 'mismatchLabelKeys']);

/** In a selector requirement or toleration ({key, operator, values}), `key` names a label. */
const isLabelRequirement = (object: Record<string, unknown>) => 'operator' in object;

function isSecretKey(key: string, parent: Record<string, unknown>): boolean {
  if (structuralKeys.has(key) || (key === 'key' && isLabelRequirement(parent))) return false;
  return secretKey.test(key);
}

/** Helm values with the values of secret-looking keys (password, secret, token, key, cert) replaced. */
export function redactSecretValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecretValues);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(object).map(([k, v]) => [
      k,
      isSecretKey(k, object) && (v === null || typeof v !== 'object') ? '<redacted>' : redactSecretValues(v),
    ]),
  );
}
