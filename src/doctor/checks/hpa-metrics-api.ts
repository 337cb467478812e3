import type { APIService, HorizontalPodAutoscaler } from '../../k8s/types.ts';
import { apigeeComponentOf } from '../../profiles/apigee.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import { withText } from '../check-text.ts';
import { t, listText } from '../../i18n/index.ts';

const resourceApi = 'v1beta1.metrics.k8s.io';
const apisByMetricType: Record<string, string[]> = {
  Resource: [resourceApi],
  ContainerResource: [resourceApi],
  Pods: ['v1beta1.custom.metrics.k8s.io', 'v1beta2.custom.metrics.k8s.io'],
  Object: ['v1beta1.custom.metrics.k8s.io', 'v1beta2.custom.metrics.k8s.io'],
  External: ['v1beta1.external.metrics.k8s.io'],
};

/** Whether an APIService serves: `reason` as the API says it (the evidence), `text` as the message says it. */
function availability(service: APIService | undefined): { available: boolean; reason: string; text: string } {
  if (!service) return { available: false, reason: 'not registered', text: t('findings.HPA001.notRegistered') };
  const condition = service.status?.conditions?.find((c) => c.type === 'Available');
  if (condition?.status === 'True') return { available: true, reason: 'Available', text: 'Available' };
  const detail = condition?.message ? `: ${condition.message}` : '';
  return {
    available: false,
    reason: `${condition?.reason ?? 'no Available condition'}${detail}`,
    text: `${condition?.reason ?? t('findings.HPA001.noCondition')}${detail}`,
  };
}

function neededApis(hpa: HorizontalPodAutoscaler): Map<string, string[]> {
  const needed = new Map<string, string[]>();
  for (const metric of hpa.spec.metrics ?? []) {
    const apis = apisByMetricType[metric.type];
    if (apis && !needed.has(metric.type)) needed.set(metric.type, apis);
  }
  return needed;
}

export const metricsApiCheck = withText<Check>(
  {
    id: 'HPA001',
    category: 'hpa',
    needs: ['apiservices'],
    run(context) {
      if (context.snapshot.missing.some((m) => m.resource === 'apiservices')) return [];
      const services = new Map(context.snapshot.apiServices.map((s) => [s.metadata.name, s]));
      return context.snapshot.hpas.flatMap((hpa) => {
        const needed = [...neededApis(hpa)].map(([metricType, apis]) => ({
          metricType,
          states: apis.map((name) => ({ name, ...availability(services.get(name)) })),
        }));
        // The controller still scales up on the metrics it can read, but a partial failure never scales down.
        const readable = needed.filter((n) => n.states.some((s) => s.available)).map((n) => n.metricType);
        return needed.flatMap(({ metricType, states }) => {
          if (states.some((s) => s.available)) return [];
          const api = states[0]!;
          const consequence = readable.length ? t('findings.HPA001.upOnly', { metrics: listText(readable) }) : t('findings.HPA001.never');
          return [
            finding(this, hpaRef(hpa), {
              severity: readable.length ? 'warning' : 'error',
              message: t('findings.HPA001.message', { metricType, api: api.name, reason: api.text, consequence }),
              evidence: {
                metricType,
                readableMetricTypes: readable,
                apiServices: Object.fromEntries(states.map((s) => [s.name, s.reason])),
              },
              fix:
                metricType === 'Resource' || metricType === 'ContainerResource'
                  ? {
                      type: 'manual',
                      text: t('findings.HPA001.metricsServerFix', { resourceApi }),
                    }
                  : {
                      type: 'manual',
                      text:
                        metricType === 'Pods' && apigeeComponentOf(hpa) === 'runtime'
                          ? t('findings.HPA001.apigeeFix', { api: api.name })
                          : t('findings.HPA001.adapterFix', { api: api.name }),
                    },
            }),
          ];
        });
      });
    },
  },
  { resourceApi },
);
