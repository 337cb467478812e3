import { isPodReady, pendingPods, placementOf } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { manualTemplateFix, workloadFix } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

/** The scheduler's words for a pod that no node's anti-affinity room or free capacity can take. */
const antiAffinityRefusal = /anti-affinity/i;
const capacityRefusal = /Insufficient (cpu|memory|ephemeral-storage)|Too many pods/i;

export const pendingPodsCheck = withText<Check>({
  id: 'HA009',
  category: 'ha',
  needs: ['pods'],
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const pending = pendingPods(workload.pods);
      if (!pending.length) continue;
      const first = pending[0]!;
      const ready = workload.pods.filter(isPodReady).length;
      const { antiAffinity, antiAffinityKeys } = placementOf(workload.object);
      const requiredKey = antiAffinity === 'required' ? antiAffinityKeys[0] : undefined;
      const fix =
        requiredKey && antiAffinityRefusal.test(first.message)
          ? workloadFix(context, workload, { type: 'anti-affinity', topologyKey: requiredKey })
          : capacityRefusal.test(first.message)
            ? manualTemplateFix(workload, t('findings.HA009.capacityFix'))
            : manualTemplateFix(workload, t('findings.HA009.changeFix', { scheduler: first.message || first.reason }));
      findings.push(
        finding(this, workloadRef(workload), {
          severity: ready ? 'warning' : 'error',
          message: t(ready ? 'findings.HA009.pending' : 'findings.HA009.pendingNoneReady', {
            count: pending.length,
            reason: first.reason,
            scheduler: first.message ? first.message.replace(/\.$/, '') : t('findings.HA009.noMessage'),
          }),
          evidence: { pendingPods: pending, readyPods: ready },
          fix,
        }),
      );
    }
    return findings;
  },
});
