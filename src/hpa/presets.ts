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

export interface BehaviorPreset {
  name: string;
  description: string;
  /** null: no behavior at all, the controller's legacy path. */
  behavior: HPABehavior | null;
}

export const behaviorPresets: readonly BehaviorPreset[] = [
  {
    name: 'kubernetes-default',
    description: 'no behavior: scale up at most max(2×current, 4) per sync, 5-minute downscale stabilization',
    behavior: null,
  },
  {
    name: 'apigee-default',
    description: "Apigee hybrid's runtime.hpaBehavior defaults",
    behavior: apigeeBehaviorToHPA(apigeeDefaultBehavior),
  },
  {
    name: 'apigee-more-aggressive',
    description: 'Apigee guide: scaleUp percent 30 / pods 5, scaleDown pods 4',
    behavior: apigeeBehaviorToHPA(apigeeMoreAggressiveBehavior),
  },
  {
    name: 'apigee-less-aggressive',
    description: 'Apigee guide: scaleDown percent 10 / pods 1 / stabilization 180s',
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
    throw usageError(
      `${source} holds no HPA behavior: expected scaleUp/scaleDown at the top, under spec.behavior, or under runtime.hpaBehavior.`,
      `Use a preset instead: ${presetNames.join(', ')}.`,
    );
  }
  const apigeeErrors = isApigeeBehaviorShape(candidate) ? validateApigeeBehaviorDocument(candidate, keys.join('.')) : [];
  if (apigeeErrors.length > 0) {
    throw usageError(
      `${source} is not a valid Apigee runtime.hpaBehavior: ${apigeeErrors.map(formatFieldError).join('; ')}.`,
      'Leave a key out to keep the chart default, or give the preset apigee-default instead of the file.',
    );
  }
  const behavior = isApigeeBehaviorShape(candidate) ? apigeeBehaviorToHPA(withApigeeDefaults(candidate)) : (candidate as HPABehavior);
  const errors = validateBehavior(behavior, 'behavior');
  if (errors.length > 0) {
    throw usageError(
      `${source} is not a valid HPA behavior: ${errors.map(formatFieldError).join('; ')}.`,
      'The API server would reject the same values.',
    );
  }
  return { name: source, description: `behavior from ${source}`, behavior };
}
