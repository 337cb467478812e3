import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';

/** Built-in kinds without a /scale subresource that people point HPAs at. */
const unscalableKinds: Record<string, string> = {
  DaemonSet: 'a DaemonSet runs one pod per eligible node: its size follows the nodes, not a replica count',
  Pod: 'a Pod is a single pod with no replica count',
  Job: 'a Job has parallelism, not replicas',
  CronJob: 'a CronJob starts Jobs on a schedule and has no replica count',
};

/** The controller's words when the kind is not served (a missing CRD, a wrong apiVersion), or has no /scale. */
const notServed = /no matches for kind/i;
const noScale = /the server could not find the requested resource/i;

function failedGetScaleCause(kind: string, apiVersion: string | undefined, message: string): string | undefined {
  if (notServed.test(message))
    return `the API server does not serve ${kind} in ${apiVersion ?? 'its group'} (a missing CRD or a wrong apiVersion)`;
  if (noScale.test(message)) return `${kind} has no scale subresource`;
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
      const why = unscalableKinds[ref.kind] ?? failedGetScaleCause(ref.kind, ref.apiVersion, failedGetScale?.message ?? '');
      if (!why) continue;
      findings.push(
        finding(this, hpaRef(hpa), {
          severity: 'error',
          message: `scaleTargetRef ${ref.kind}/${ref.name} cannot be scaled: ${why}.`,
          evidence: { scaleTargetRef: ref, ...(failedGetScale ? { condition: failedGetScale } : {}) },
          fix: {
            type: 'manual',
            text: `Point spec.scaleTargetRef at a Deployment or StatefulSet (kubectl edit hpa ${hpa.metadata.name} -n ${hpa.metadata.namespace}), or delete the HPA.`,
          },
        }),
      );
    }
    return findings;
  },
});
