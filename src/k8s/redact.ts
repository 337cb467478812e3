// Literal env values may be secrets: they are kept out of every diff, journal and report.

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
