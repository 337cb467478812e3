import { isPodReady, pendingPods, placementOf } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { manualTemplateFix, workloadFix } from '../fixes.ts';
import { withText } from '../check-text.ts';

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
            ? manualTemplateFix(workload, 'Free or add nodes with room for the pods, or lower their requests')
            : manualTemplateFix(workload, `Change what the scheduler names ("${first.message || first.reason}")`);
      findings.push(
        finding(this, workloadRef(workload), {
          severity: ready ? 'warning' : 'error',
          message: `${pending.length} pod${pending.length > 1 ? 's' : ''} Pending (${first.reason})${ready ? '' : ' and none ready'}: ${(first.message || 'the scheduler gave no message').replace(/\.$/, '')}.`,
          evidence: { pendingPods: pending, readyPods: ready },
          fix,
        }),
      );
    }
    return findings;
  },
});
