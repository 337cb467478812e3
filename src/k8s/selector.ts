// Label selectors: matching (API form) and parsing of the -l string form, in one place.
import { usageError } from './errors.ts';
import type { LabelSelector, LabelSelectorRequirement } from './types.ts';
import { t } from '../i18n/index.ts';

export function matchesSelector(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (have[key] !== value) return false;
  for (const requirement of selector.matchExpressions ?? []) if (!matchesRequirement(requirement, have)) return false;
  return true;
}

/** An empty selector matches everything in the API; callers decide whether that is meaningful. */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

function matchesRequirement(requirement: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && (requirement.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(requirement.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

const labelKey = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Parses kubectl's `-l` syntax: a=b, a!=b, a in (x,y), a notin (x), a, !a. */
export function parseLabelSelector(text: string): LabelSelector {
  const selector: Required<LabelSelector> = { matchLabels: {}, matchExpressions: [] };
  const parts = text.match(/[^,()]+(\([^)]*\))?/g) ?? [];
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    let match: RegExpMatchArray | null;
    if ((match = part.match(/^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const [, key = '', op, list = ''] = match;
      checkKey(key, text);
      const values = list
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      for (const value of values) checkValue(value, text);
      selector.matchExpressions.push({ key, operator: op === 'in' ? 'In' : 'NotIn', values });
    } else if ((match = part.match(/^([^=!\s]+)\s*!=\s*(\S*)$/))) {
      const [, key = '', value = ''] = match;
      checkKey(key, text);
      checkValue(value, text);
      selector.matchExpressions.push({ key, operator: 'NotIn', values: [value] });
    } else if ((match = part.match(/^([^=!\s]+)\s*==?\s*(\S*)$/))) {
      const [, key = '', value = ''] = match;
      checkKey(key, text);
      checkValue(value, text);
      selector.matchLabels[key] = value;
    } else if ((match = part.match(/^!\s*(\S+)$/))) {
      checkKey(match[1] ?? '', text);
      selector.matchExpressions.push({ key: match[1] ?? '', operator: 'DoesNotExist' });
    } else if (labelKey.test(part)) {
      selector.matchExpressions.push({ key: part, operator: 'Exists' });
    } else {
      throw usageError(
        t('k8s.selector.cannotParse', { text, part }),
        t('k8s.selector.cannotParseHint', { first: '-l app=web,tier!=cache', second: '-l "env in (prod,stage)"' }),
      );
    }
  }
  return selector;
}

const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkValue(value: string, text: string): void {
  if (value.length > 63 || !labelValue.test(value))
    throw usageError(t('k8s.selector.badValue', { text, value }), t('k8s.selector.badValueHint'));
}

function checkKey(key: string, text: string): void {
  if (!labelKey.test(key)) throw usageError(t('k8s.selector.badKey', { text, key }), t('k8s.selector.badKeyHint'));
}

/** The API's string form of a selector, e.g. for a fix command's -l. */
export function selectorToString(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${(r.values ?? []).join(',')})`);
  }
  return parts.join(',');
}

/** Objects of one kind by "namespace/key=value" of their labels, so a selector is matched without a full scan. */
export class LabelIndex<T> {
  private readonly byLabel = new Map<string, T[]>();
  private readonly byNamespace = new Map<string, T[]>();

  constructor(
    items: readonly T[],
    namespaceOf: (item: T) => string,
    private readonly labelsOf: (item: T) => Record<string, string> | undefined,
  ) {
    const push = (map: Map<string, T[]>, slot: string, item: T) => {
      const list = map.get(slot);
      if (list) list.push(item);
      else map.set(slot, [item]);
    };
    for (const item of items) {
      const namespace = namespaceOf(item);
      push(this.byNamespace, namespace, item);
      for (const [key, value] of Object.entries(labelsOf(item) ?? {})) push(this.byLabel, `${namespace}/${key}=${value}`, item);
    }
  }

  /** The objects of the namespace the selector matches, starting from its rarest label (a chart's shared name label matches thousands). */
  matching(namespace: string, selector: LabelSelector | undefined): T[] {
    const buckets = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => this.byLabel.get(`${namespace}/${k}=${v}`) ?? []);
    const candidates = buckets.length ? buckets.reduce((a, b) => (b.length < a.length ? b : a)) : (this.byNamespace.get(namespace) ?? []);
    return candidates.filter((item) => matchesSelector(selector, this.labelsOf(item)));
  }
}
