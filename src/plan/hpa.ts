// Plans for HorizontalPodAutoscalers: min/max, CPU target, behavior; and who may not be bypassed.
import { usageError } from '../k8s/errors.ts';
import type { HorizontalPodAutoscaler, HPABehavior, MetricSpec } from '../k8s/types.ts';
import { makeChange } from './change.ts';
import { helmWarning } from './owner.ts';
import { clone } from './patch.ts';
import type { ScaleSettings } from '../hpa/scale.ts';
import { validateScale } from './settings.ts';
import { hpaResource, refOf, type PatchChange } from './types.ts';
import { t } from '../i18n/index.ts';

export interface HpaSettings extends ScaleSettings {
  /** Already resolved from a preset name or a file, and validated; null removes it (controller defaults). */
  behavior?: HPABehavior | null;
}

/** Metrics with the CPU Resource metric's utilization target set (added when missing). */
export function withCpuTarget(metrics: MetricSpec[] | undefined, cpu: number): { metrics: MetricSpec[]; warnings: string[] } {
  const result = clone(metrics ?? []);
  const warnings: string[] = [];
  const existing = result.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  if (existing?.resource) {
    if (existing.resource.target.type !== 'Utilization')
      warnings.push(t('plan.hpa.cpuTargetReplaced', { type: existing.resource.target.type, cpu }));
    existing.resource.target = { type: 'Utilization', averageUtilization: cpu };
  } else {
    result.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } });
  }
  return { metrics: result, warnings };
}

export function planHpa(hpa: HorizontalPodAutoscaler, settings: HpaSettings): PatchChange {
  const what = `hpa/${hpa.metadata.name}`;
  if (settings.min === undefined && settings.max === undefined && settings.cpu === undefined && settings.behavior === undefined) {
    throw usageError(t('plan.nothingToChange', { what }), t('plan.hpa.passFlags'));
  }
  if (settings.min !== undefined || settings.max !== undefined || settings.cpu !== undefined)
    validateScale(settings, { min: hpa.spec.minReplicas, max: hpa.spec.maxReplicas }, what);
  const after = clone(hpa);
  const warnings: string[] = [];
  if (settings.min !== undefined) after.spec.minReplicas = settings.min;
  if (settings.max !== undefined) after.spec.maxReplicas = settings.max;
  if (settings.cpu !== undefined) {
    const cpu = withCpuTarget(after.spec.metrics, settings.cpu);
    after.spec.metrics = cpu.metrics;
    warnings.push(...cpu.warnings);
  }
  if (settings.behavior === null) delete after.spec.behavior;
  else if (settings.behavior !== undefined) after.spec.behavior = clone(settings.behavior);
  if ((after.spec.minReplicas ?? 1) === after.spec.maxReplicas && after.spec.maxReplicas > 1) {
    warnings.push(
      t('plan.hpa.minEqualsMax', {
        max: after.spec.maxReplicas,
        target: `${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}`,
      }),
    );
  }
  const helm = helmWarning({ ...hpa, kind: hpa.kind ?? hpaResource.kind });
  if (helm) warnings.push(helm);
  return makeChange(refOf(hpa, hpaResource), 'strategic', hpa, after, { warnings });
}
