// Named behaviors to simulate and compare, and turning a parsed behavior document into an HPA behavior. Pure.
import { usageError } from '../k8s/errors.ts';
import {
  apigeeBehaviorToHPA,
  apigeeDefaultBehavior,
  apigeeLessAggressiveBehavior,
  apigeeMoreAggressiveBehavior,
} from '../profiles/apigee-hpa.ts';
import { isApigeeBehaviorShape, validateApigeeBehaviorDocument, withApigeeDefaults } from '../profiles/apigee-behavior-document.ts';
import type { HPABehavior } from '../k8s/types.ts';
import { formatFieldError } from '../k8s/field-error.ts';
import { validateBehavior } from './validate.ts';
import { t } from '../i18n/index.ts';

export interface BehaviorPreset {
  name: string;
  description: string;
  /** null: no behavior at all, the controller's legacy path. */
  behavior: HPABehavior | null;
}

export const behaviorPresets: readonly BehaviorPreset[] = [
  {
    name: 'kubernetes-default',
    get description() {
      return t('hpa.presets.kubernetesDefault');
    },
    behavior: null,
  },
  {
    name: 'apigee-default',
    get description() {
      return t('hpa.presets.apigeeDefault');
    },
    behavior: apigeeBehaviorToHPA(apigeeDefaultBehavior),
  },
  {
    name: 'apigee-more-aggressive',
    get description() {
      return t('hpa.presets.apigeeMoreAggressive');
    },
    behavior: apigeeBehaviorToHPA(apigeeMoreAggressiveBehavior),
  },
  {
    name: 'apigee-less-aggressive',
    get description() {
      return t('hpa.presets.apigeeLessAggressive');
    },
    behavior: apigeeBehaviorToHPA(apigeeLessAggressiveBehavior),
  },
];

export const presetNames = behaviorPresets.map((preset) => preset.name);

export function findPreset(name: string): BehaviorPreset | undefined {
  return behaviorPresets.find((preset) => preset.name === name.trim().toLowerCase());
}

/** Where a document holds its behavior, in the order looked at: an HPA, an overrides.yaml, an Apigee values excerpt. */
const behaviorLocations = [['spec', 'behavior'], ['runtime', 'hpaBehavior'], ['hpaBehavior']];

function pick(document: unknown, keys: string[]): unknown {
  let current = document;
  for (const key of keys) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The behavior in a parsed YAML/JSON document: an HPA (spec.behavior), an overrides.yaml (runtime.hpaBehavior),
 * an Apigee hpaBehavior (percent/pods) or a plain behavior (scaleUp/scaleDown with policies). Validated like the API server would.
 */
export function behaviorFromDocument(document: unknown, source: string): BehaviorPreset {
  const located = behaviorLocations.map((keys) => ({ keys, value: pick(document, keys) })).find(({ value }) => value != null);
  const { keys, value: candidate } = located ?? { keys: [], value: document };
  if (!candidate || typeof candidate !== 'object' || !('scaleUp' in candidate || 'scaleDown' in candidate)) {
    throw usageError(t('hpa.presets.noBehavior', { source }), t('hpa.presets.usePreset', { presets: presetNames.join(', ') }));
  }
  const apigeeErrors = isApigeeBehaviorShape(candidate) ? validateApigeeBehaviorDocument(candidate, keys.join('.')) : [];
  if (apigeeErrors.length > 0) {
    throw usageError(
      t('hpa.presets.invalidApigee', { source, errors: apigeeErrors.map(formatFieldError).join('; ') }),
      t('hpa.presets.invalidApigeeHint'),
    );
  }
  const behavior = isApigeeBehaviorShape(candidate) ? apigeeBehaviorToHPA(withApigeeDefaults(candidate)) : (candidate as HPABehavior);
  const errors = validateBehavior(behavior, 'behavior');
  if (errors.length > 0) {
    throw usageError(t('hpa.presets.invalid', { source, errors: errors.map(formatFieldError).join('; ') }), t('hpa.presets.invalidHint'));
  }
  return { name: source, description: t('hpa.presets.fromFile', { source }), behavior };
}
