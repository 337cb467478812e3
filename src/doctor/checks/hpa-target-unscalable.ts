import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

/** Built-in kinds without a /scale subresource that people point HPAs at. */
const unscalableKinds: Record<string, string> = {
  DaemonSet: 'findings.HPA019.DaemonSet',
  Pod: 'findings.HPA019.Pod',
  Job: 'findings.HPA019.Job',
  CronJob: 'findings.HPA019.CronJob',
};

/** The controller's words when the kind is not served (a missing CRD, a wrong apiVersion), or has no /scale. */
const notServed = /no matches for kind/i;
const noScale = /the server could not find the requested resource/i;

function failedGetScaleCause(kind: string, apiVersion: string | undefined, message: string): string | undefined {
  if (notServed.test(message))
    return apiVersion ? t('findings.HPA019.notServed', { kind, apiVersion }) : t('findings.HPA019.notServedGroup', { kind });
  if (noScale.test(message)) return t('findings.HPA019.noScale', { kind });
  return undefined;
}

export const targetUnscalableCheck = withText<Check>({
  id: 'HPA019',
  category: 'hpa',
  run(context) {
    const findings: Finding[] = [];
    for (const hpa of context.snapshot.hpas) {
      const ref = hpa.spec.scaleTargetRef;
      const failedGetScale = hpa.status?.conditions?.find(
        (c) => c.type === 'AbleToScale' && c.status === 'False' && c.reason === 'FailedGetScale',
      );
      const known = unscalableKinds[ref.kind];
      const why = known ? t(known) : failedGetScaleCause(ref.kind, ref.apiVersion, failedGetScale?.message ?? '');
      if (!why) continue;
      findings.push(
        finding(this, hpaRef(hpa), {
          severity: 'error',
          message: t('findings.HPA019.message', { target: `${ref.kind}/${ref.name}`, why }),
          evidence: { scaleTargetRef: ref, ...(failedGetScale ? { condition: failedGetScale } : {}) },
          fix: {
            type: 'manual',
            text: t('findings.HPA019.fix', { command: `kubectl edit hpa ${hpa.metadata.name} -n ${hpa.metadata.namespace}` }),
          },
        }),
      );
    }
    return findings;
  },
});
