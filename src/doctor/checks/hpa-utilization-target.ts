import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { hpaSettingsFix } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

const low = 30;
const high = 90;

export const utilizationTargetCheck = withText<Check>(
  {
    id: 'HPA011',
    category: 'hpa',
    run(context) {
      const findings: Finding[] = [];
      for (const hpa of context.snapshot.hpas) {
        for (const metric of hpa.spec.metrics ?? []) {
          const spec = metric.resource ?? metric.containerResource;
          const utilization = spec?.target.averageUtilization;
          if (spec?.target.type !== 'Utilization' || utilization === undefined || (utilization <= high && utilization >= low)) continue;
          findings.push(
            finding(this, hpaRef(hpa), {
              severity: utilization > high ? 'warning' : 'info',
              message: t(utilization > high ? 'findings.HPA011.tooHigh' : 'findings.HPA011.tooLow', { resource: spec.name, utilization }),
              evidence: { resource: spec.name, averageUtilization: utilization },
              // --cpu sets the pod-wide Resource target; a ContainerResource target is edited by hand.
              fix:
                spec.name === 'cpu' && metric.type === 'Resource'
                  ? hpaSettingsFix(context, hpa, { cpu: utilization > high ? 75 : 50 })
                  : {
                      type: 'manual',
                      text: t(metric.type === 'ContainerResource' ? 'findings.HPA011.containerFix' : 'findings.HPA011.fix', {
                        resource: spec.name,
                        container: metric.containerResource?.container,
                        command: `kubectl edit hpa ${hpa.metadata.name} -n ${hpa.metadata.namespace}`,
                      }),
                    },
            }),
          );
        }
      }
      return findings;
    },
  },
  { high, low },
);
