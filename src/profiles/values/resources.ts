// Container resources in values: one edit per quantity, and requests ≤ limits checked on the values
// that result as a whole (chart defaults, the user's values and the edit), not on the flags alone.
import { usageError } from '../../k8s/errors.ts';
import { parseQuantity } from '../../k8s/quantity.ts';
import type { ResourceList } from '../../k8s/types.ts';
import { formatValuesPath, isValuesMap, valueAtPath, type Values, type ValuesEdit, type ValuesPath } from './model.ts';
import { listText, t } from '../../i18n/index.ts';

export interface ResourceSettings {
  requests?: ResourceList | undefined;
  limits?: ResourceList | undefined;
}

function listAt(resources: unknown, list: 'requests' | 'limits'): ResourceList {
  const value = isValuesMap(resources) ? resources[list] : undefined;
  if (!isValuesMap(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([name, quantity]) => [name, String(quantity)]));
}

/**
 * Edits `<path>.requests.<name>` and `<path>.limits.<name>` for each quantity given. `effective` is
 * what the templates see now; a request raised above a limit the values already hold (or a limit
 * lowered below a request) is refused, naming the key that holds the other side.
 */
export function resourceEdits(path: ValuesPath, settings: ResourceSettings, effective: Values, only?: readonly string[]): ValuesEdit[] {
  const at = formatValuesPath(path);
  for (const list of ['requests', 'limits'] as const) {
    for (const [name, quantity] of Object.entries(settings[list] ?? {})) {
      if (only && !only.includes(name))
        throw usageError(t('profiles.values.resources.takesOnly', { at, only: listText(only), got: `${list} ${name}` }));
      parseQuantity(quantity, `--${list} ${name}`);
    }
  }
  const current = valueAtPath(effective, path);
  const requests = { ...listAt(current, 'requests'), ...settings.requests };
  const limits = { ...listAt(current, 'limits'), ...settings.limits };
  for (const [name, request] of Object.entries(requests)) {
    const limit = limits[name];
    if (limit === undefined || parseQuantity(request, `${at}.requests.${name}`) <= parseQuantity(limit, `${at}.limits.${name}`)) continue;
    const requestGiven = settings.requests?.[name] !== undefined;
    const limitGiven = settings.limits?.[name] !== undefined;
    if (requestGiven && !limitGiven)
      throw usageError(
        t('profiles.values.resources.requestAboveHeldLimit', { at, name, request, limit }),
        t('profiles.values.resources.requestAboveHeldLimitHint', { name, request }),
      );
    if (limitGiven && !requestGiven)
      throw usageError(
        t('profiles.values.resources.limitBelowHeldRequest', { at, name, request, limit }),
        t('profiles.values.resources.limitBelowHeldRequestHint', { name, limit }),
      );
    throw usageError(
      t('profiles.values.resources.requestAboveLimit', { at, name, request, limit }),
      t('profiles.values.resources.requestAboveLimitHint'),
    );
  }
  return (['requests', 'limits'] as const).flatMap((list) =>
    Object.entries(settings[list] ?? {}).map(([name, quantity]) => ({ path: [...path, list, name], value: quantity })),
  );
}

/** The resulting quantity of one resource after the edits, for checks such as the store's arena. */
export function resultingQuantity(
  path: ValuesPath,
  settings: ResourceSettings,
  effective: Values,
  list: 'requests' | 'limits',
  name: string,
): string | undefined {
  return settings[list]?.[name] ?? listAt(valueAtPath(effective, path), list)[name];
}
