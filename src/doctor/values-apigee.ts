// Apigee hybrid overrides.yaml checked as values: runtime.hpaBehavior and runtime.hpaMetrics ranges, the watcher's
// single replica, metrics keys where the charts ignore them, per-environment 0, root keys reaching every
// environment, and replica counts.
import type { FieldError } from '../k8s/field-error.ts';
import type { YamlPath } from '../k8s/yaml-position.ts';
import { singleReplicaComponentReason } from '../profiles/apigee.ts';
import { validateApigeeBehaviorDocument } from '../profiles/apigee-behavior-document.ts';
import {
  apigeeBehaviorRanges,
  apigeeDefaultBehavior,
  apigeeWaitTimeDefault,
  apigeeWaitTimeRange,
  validateApigeeHpaMetrics,
} from '../profiles/apigee-hpa.ts';
import {
  int32Max,
  metricsScalingComponent,
  metricsScalingKeys,
  overridesComponents,
  overridesEnvironments,
  perEnvironmentKeys,
  rootOnlyComponentKeys,
} from '../profiles/apigee-overrides.ts';
import { tryParseQuantity } from '../k8s/quantity.ts';
import { isValuesMap, splitPath, valueAtPath, type Values } from '../profiles/values/model.ts';
import type { Finding } from './finding.ts';
import { shown, showPath, valuesFinding, type ValuesCheck } from './values-document.ts';
import { withText } from './check-text.ts';
import { t } from '../i18n/index.ts';

const rangeKeys = {
  'percent.periodSeconds': 'percentPeriodSeconds',
  'percent.value': 'percentValue',
  'pods.periodSeconds': 'podsPeriodSeconds',
  'pods.value': 'podsValue',
  stabilizationWindowSeconds: 'stabilizationWindowSeconds',
} as const;

/** The value to write for a runtime.hpaBehavior error (the nearest allowed number, else the chart default) and why. */
function behaviorFix(path: string[], value: unknown): { value: unknown; why: string } | undefined {
  const [direction, ...rest] = path.slice(2) as ['scaleUp' | 'scaleDown', ...string[]];
  const key = rest.join('.');
  const defaults = apigeeDefaultBehavior[direction];
  if (!defaults) return undefined;
  if (key === 'selectPolicy') return { value: defaults.selectPolicy, why: t('valuesFile.apigee.selectPolicyWhy') };
  const rangeKey = rangeKeys[key as keyof typeof rangeKeys];
  if (!rangeKey) return undefined;
  const [low, high] = apigeeBehaviorRanges[direction][rangeKey];
  const fallback = valueAtPath(defaults, splitPath(key));
  const why = t('valuesFile.apigee.rangeWhy', { low, high, fallback });
  if (typeof value === 'number' && Number.isFinite(value)) return { value: Math.min(high, Math.max(low, Math.round(value))), why };
  return { value: fallback, why };
}

export const apigeeBehaviorCheck = withText<ValuesCheck>({
  id: 'VAL010',
  vendor: 'apigee',
  category: 'hpa',
  run(document) {
    const behavior = valueAtPath(document.values, ['runtime', 'hpaBehavior']);
    if (behavior === undefined || behavior === null) return [];
    return validateApigeeBehaviorDocument(behavior, 'runtime.hpaBehavior').map((error: FieldError) => {
      const path = splitPath(error.path);
      const value = valueAtPath(document.values, path);
      const wanted = error.type === 'Forbidden' ? undefined : behaviorFix(path, value);
      const fix =
        error.type === 'Forbidden'
          ? t('valuesFile.apigee.removeForbidden', { path: error.path, reason: error.message })
          : wanted
            ? t('valuesFile.apigee.writeWhy', { path: error.path, value: shown(wanted.value), why: wanted.why })
            : t('valuesFile.apigee.writeMap', { path: error.path, keys: error.message.replace(/^must be a map of /, '') });
      return valuesFinding(this, document, {
        severity: 'error',
        path,
        part: error.type === 'Forbidden' ? 'key' : 'value',
        message:
          error.type === 'Forbidden'
            ? t('valuesFile.apigee.forbidden', { path: error.path, reason: error.message })
            : error.type === 'NotSupported'
              ? t('valuesFile.apigee.notSupported', { path: error.path, value: shown(value), supported: error.supported?.join(', ') })
              : t('valuesFile.apigee.invalid', { path: error.path, value: shown(value), reason: error.message }),
        evidence: { value },
        fix,
      });
    });
  },
});

/** The value to write for a runtime.hpaMetrics error. */
function metricsFixValue(key: string, value: unknown): string | number {
  if (key === 'targetCPUUtilizationPercentage') return 75;
  const text = String(value).trim();
  const parsed = tryParseQuantity(text);
  if (parsed !== undefined && parsed < 1 && /m$/.test(text)) return `${text.slice(0, -1)}M`;
  const [low, high] = apigeeWaitTimeRange;
  if (parsed === undefined) return apigeeWaitTimeDefault;
  return parsed < low ? '300M' : parsed > high ? '450M' : apigeeWaitTimeDefault;
}

export const apigeeMetricsCheck = withText<ValuesCheck>({
  id: 'VAL011',
  vendor: 'apigee',
  category: 'hpa',
  run(document) {
    const metrics = valueAtPath(document.values, ['runtime', 'hpaMetrics']);
    if (!isValuesMap(metrics)) return [];
    return validateApigeeHpaMetrics(metrics, 'runtime.hpaMetrics').map((error) => {
      const path = splitPath(error.path);
      const key = path[path.length - 1]!;
      const wanted = metricsFixValue(key, error.value);
      return valuesFinding(this, document, {
        severity: 'error',
        path,
        part: 'value',
        message: t('valuesFile.apigee.isValue', { path: error.path, value: shown(error.value), reason: error.message }),
        evidence: { value: error.value },
        fix: t('valuesFile.write', { path: error.path, value: wanted }),
      });
    });
  },
});

export const apigeeWatcherCheck = withText<ValuesCheck>({
  id: 'VAL012',
  vendor: 'apigee',
  category: 'hpa',
  run(document) {
    const findings: Finding[] = [];
    for (const { component } of overridesComponents()) {
      const reason = singleReplicaComponentReason(component);
      if (!reason) continue;
      for (const key of ['replicaCountMax', 'replicaCountMin']) {
        const value = valueAtPath(document.values, [component, key]);
        if (typeof value !== 'number' || value <= 1) continue;
        findings.push(
          valuesFinding(this, document, {
            severity: 'warning',
            path: [component, key],
            part: 'value',
            message: t('valuesFile.apigee.isValue', { path: `${component}.${key}`, value, reason }),
            evidence: { value },
            fix: t('valuesFile.write', { path: `${component}.${key}`, value: 1 }),
          }),
        );
      }
    }
    return findings;
  },
});

export const apigeeMisplacedCheck = withText<ValuesCheck>({
  id: 'VAL013',
  vendor: 'apigee',
  category: 'hpa',
  run(document) {
    const findings: Finding[] = [];
    for (const { component } of overridesComponents()) {
      if (component === metricsScalingComponent) continue;
      for (const key of metricsScalingKeys) {
        if (valueAtPath(document.values, [component, key]) === undefined) continue;
        findings.push(
          valuesFinding(this, document, {
            severity: 'warning',
            path: [component, key],
            message: t('valuesFile.apigee.metricsNotRuntime', { component, key }),
            fix: t('valuesFile.apigee.metricsNotRuntimeFix', { component, key, runtime: metricsScalingComponent }),
          }),
        );
      }
    }
    for (const env of overridesEnvironments(document.values))
      for (const [component, settings] of Object.entries(env.components)) {
        if (!isValuesMap(settings)) continue;
        for (const key of rootOnlyComponentKeys) {
          if (settings[key] === undefined) continue;
          const path: YamlPath = ['envs', env.index, 'components', component, key];
          const root =
            key === 'targetCPUUtilizationPercentage' || component === metricsScalingComponent ? `${component}.${key}` : undefined;
          findings.push(
            valuesFinding(this, document, {
              severity: 'warning',
              path,
              message: t('valuesFile.apigee.rootOnly', { path: showPath(path), env: env.name, key }),
              fix: root
                ? t('valuesFile.apigee.rootOnlyFix', { path: showPath(path), root })
                : t('valuesFile.apigee.rootOnlyRemove', { path: showPath(path) }),
            }),
          );
        }
      }
    return findings;
  },
});

/**
 * The root value of a component's key, or the chart default: `from` names its source for messages (translated),
 * `source` for the evidence (the same in every language).
 */
function rootValue(
  values: Values,
  component: string,
  key: 'replicaCountMin' | 'replicaCountMax',
): { value: number; from: string; source: string } {
  const root = valueAtPath(values, [component, key]);
  if (typeof root === 'number' && root > 0) return { value: root, from: `${component}.${key}`, source: `${component}.${key}` };
  const defaults = overridesComponents().find((c) => c.component === component);
  const value = key === 'replicaCountMin' ? (defaults?.min ?? 1) : (defaults?.max ?? 1);
  return { value, from: t('valuesFile.apigee.chartDefault'), source: 'the chart default' };
}

const envComponents = () => overridesComponents().filter((c) => c.scope === 'env');

export const apigeeZeroFallbackCheck = withText<ValuesCheck>({
  id: 'VAL014',
  vendor: 'apigee',
  category: 'hpa',
  run(document) {
    const findings: Finding[] = [];
    for (const env of overridesEnvironments(document.values))
      for (const { component } of envComponents())
        for (const key of perEnvironmentKeys) {
          const path: YamlPath = ['envs', env.index, 'components', component, key];
          if (valueAtPath(document.values, path) !== 0) continue;
          const root = rootValue(document.values, component, key);
          findings.push(
            valuesFinding(this, document, {
              severity: 'warning',
              path,
              part: 'value',
              message: t('valuesFile.apigee.zero', { path: showPath(path), env: env.name, from: root.from, value: root.value }),
              evidence: { value: 0, fallback: root.value, from: root.source },
              fix: t('valuesFile.apigee.zeroFix', { path: showPath(path), env: env.name, from: root.from, value: root.value }),
            }),
          );
        }
    return findings;
  },
});

export const apigeeRootReachCheck = withText<ValuesCheck>({
  id: 'VAL015',
  vendor: 'apigee',
  category: 'hpa',
  run(document) {
    const envs = overridesEnvironments(document.values);
    if (!envs.length) return [];
    const findings: Finding[] = [];
    for (const { component } of envComponents())
      for (const key of perEnvironmentKeys) {
        const value = valueAtPath(document.values, [component, key]);
        if (value === undefined) continue;
        const inherit = envs.filter((env) => {
          const own = valueAtPath(env.components, [component, key]);
          return !(typeof own === 'number' && own > 0);
        });
        if (!inherit.length) continue;
        findings.push(
          valuesFinding(this, document, {
            severity: 'info',
            path: [component, key],
            message: t(inherit.length === envs.length ? 'valuesFile.apigee.reachesEvery' : 'valuesFile.apigee.reachesSome', {
              component,
              key,
              value: shown(value),
              envs: inherit.map((e) => e.name).join(', '),
            }),
            evidence: { value, inheritedBy: inherit.map((e) => e.name) },
            fix: t('valuesFile.apigee.reachesFix', { component, key }),
          }),
        );
      }
    return findings;
  },
});

export const apigeeMinMaxCheck = withText<ValuesCheck>({
  id: 'VAL016',
  vendor: 'apigee',
  category: 'hpa',
  run(document) {
    const findings: Finding[] = [];
    const own = (values: unknown, path: YamlPath) => {
      const value = valueAtPath(values, path);
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
    };
    const report = (path: YamlPath, where: string, min: { value: number; from: string }, max: { value: number; from: string }) =>
      valuesFinding(this, document, {
        severity: 'error',
        path,
        part: 'value',
        message: t('valuesFile.apigee.minAboveMax', { where, min: min.value, minFrom: min.from, max: max.value, maxFrom: max.from }),
        evidence: { value: valueAtPath(document.values, path), replicaCountMin: min.value, replicaCountMax: max.value },
        fix: t('valuesFile.apigee.minAboveMaxFix', { path: showPath(path.slice(0, -1)), min: min.value, max: max.value }),
      });
    for (const { component } of overridesComponents()) {
      const min = rootValue(document.values, component, 'replicaCountMin');
      const max = rootValue(document.values, component, 'replicaCountMax');
      const set = own(document.values, [component, 'replicaCountMin']) !== undefined ? 'replicaCountMin' : 'replicaCountMax';
      if (
        min.value > max.value &&
        (own(document.values, [component, 'replicaCountMin']) ?? own(document.values, [component, 'replicaCountMax']))
      )
        findings.push(report([component, set], component, min, max));
    }
    for (const env of overridesEnvironments(document.values))
      for (const { component } of envComponents()) {
        const at = (key: string): YamlPath => ['envs', env.index, 'components', component, key];
        const ownMin = own(document.values, at('replicaCountMin'));
        const ownMax = own(document.values, at('replicaCountMax'));
        if (ownMin === undefined && ownMax === undefined) continue;
        const path = at('replicaCountMin');
        const min =
          ownMin !== undefined ? { value: ownMin, from: showPath(path) } : rootValue(document.values, component, 'replicaCountMin');
        const max =
          ownMax !== undefined
            ? { value: ownMax, from: showPath(at('replicaCountMax')) }
            : rootValue(document.values, component, 'replicaCountMax');
        if (min.value > max.value)
          findings.push(
            report(
              ownMin !== undefined ? path : at('replicaCountMax'),
              t('valuesFile.apigee.envComponent', { env: env.name, component }),
              min,
              max,
            ),
          );
      }
    return findings;
  },
});

/** Replica counts: whole numbers, 0 allowed only per environment (it falls back), at most int32. */
function countError(value: unknown, perEnvironment: boolean, key: string): string | undefined {
  if (typeof value !== 'number') return t('valuesFile.count.notNumber', { type: typeof value });
  if (!Number.isInteger(value)) return t('valuesFile.count.notWhole');
  const low = key === 'targetCPUUtilizationPercentage' || !perEnvironment ? 1 : 0;
  if (value < low) return t(low === 1 ? 'valuesFile.count.belowOne' : 'valuesFile.count.negative');
  if (value > int32Max) return t('valuesFile.count.tooLarge', { max: int32Max });
  return undefined;
}

export const apigeeCountCheck = withText<ValuesCheck>({
  id: 'VAL017',
  vendor: 'apigee',
  category: 'hpa',
  run(document) {
    const findings: Finding[] = [];
    const check = (path: YamlPath, perEnvironment: boolean) => {
      const value = valueAtPath(document.values, path);
      const key = String(path[path.length - 1]);
      const problem = value === undefined || value === null ? undefined : countError(value, perEnvironment, key);
      if (!problem) return;
      const suggestion = typeof value === 'number' || typeof value === 'string' ? Math.max(1, Math.round(Number(value)) || 1) : 1;
      findings.push(
        valuesFinding(this, document, {
          severity: 'error',
          path,
          part: 'value',
          message: t('valuesFile.count.message', { path: showPath(path), value: shown(value), problem }),
          evidence: { value },
          fix: t('valuesFile.write', { path: showPath(path), value: Math.min(suggestion, int32Max) }),
        }),
      );
    };
    for (const { component } of overridesComponents())
      for (const key of [...perEnvironmentKeys, 'targetCPUUtilizationPercentage']) check([component, key], false);
    for (const env of overridesEnvironments(document.values))
      for (const component of Object.keys(env.components))
        for (const key of perEnvironmentKeys) check(['envs', env.index, 'components', component, key], true);
    return findings;
  },
});

export const apigeeValuesChecks: readonly ValuesCheck[] = [
  apigeeBehaviorCheck,
  apigeeMetricsCheck,
  apigeeWatcherCheck,
  apigeeMisplacedCheck,
  apigeeZeroFallbackCheck,
  apigeeRootReachCheck,
  apigeeMinMaxCheck,
  apigeeCountCheck,
];
