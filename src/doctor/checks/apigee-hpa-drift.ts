import { apigeeEnvironmentKind, apigeeOperator, environmentName } from '../../profiles/apigee.ts';
import { apigeeScaleOf } from '../apigee-scale.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';

export const apigeeDriftCheck: Check = {
  id: 'HPA020',
  category: 'hpa',
  title: 'Apigee CR and its HPA out of step: the operator has not applied the CR',
  explain: `The Apigee operator copies spec.components.<component>.autoScaler of the ApigeeEnvironment or ApigeeOrganization to the component's HPA. When the CR says one min/max and the HPA still shows another, the operator has not applied the CR (yet): it is down, busy, or failing on this CR (status.lastAppliedGeneration below metadata.generation, status.state not running). The HPA scales by its stale values meanwhile. Patching the HPA does not help (the operator reverts it), and a fix copied from the HPA's values would undo the change in the CR: the doctor's Apigee fixes start from the CR.
Fix: find out why the operator does not reconcile (the CR's State in kubectl get apigeeenvironments / apigeeorganizations, the operator's logs), not the HPA.`,
  run(context) {
    const findings: Finding[] = [];
    for (const hpa of context.snapshot.hpas) {
      const apigee = apigeeScaleOf(context, hpa);
      if (!apigee?.cr || !apigee.component) continue;
      const hpaMin = hpa.spec.minReplicas ?? 1;
      const stale =
        (apigee.min !== undefined && apigee.min !== hpaMin) || (apigee.max !== undefined && apigee.max !== hpa.spec.maxReplicas);
      if (!stale) continue;
      const { cr, component, owner } = apigee;
      const namespace = cr.metadata.namespace ?? 'default';
      const crName =
        owner.kind === apigeeEnvironmentKind
          ? `${owner.kind} ${environmentName(cr)} (${cr.metadata.name})`
          : `${owner.kind} ${cr.metadata.name}`;
      const generation = cr.metadata.generation;
      const applied = cr.status?.lastAppliedGeneration;
      const behind = generation !== undefined && applied !== undefined && applied < generation;
      const wanted = `${apigee.min ?? hpaMin}/${apigee.max ?? hpa.spec.maxReplicas}`;
      findings.push(
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: `${crName} sets ${component} min/max ${wanted}, but this HPA still has ${hpaMin}/${hpa.spec.maxReplicas}: the operator has not applied the CR${behind ? ` (it last applied generation ${applied} of ${generation})` : ''}${cr.status?.state ? `; the CR's state is ${cr.status.state}` : ''}.`,
          evidence: {
            cr: `${owner.kind}/${cr.metadata.name}`,
            component,
            crMinReplicas: apigee.min ?? null,
            crMaxReplicas: apigee.max ?? null,
            hpaMinReplicas: hpaMin,
            hpaMaxReplicas: hpa.spec.maxReplicas,
            generation: generation ?? null,
            lastAppliedGeneration: applied ?? null,
            state: cr.status?.state ?? null,
          },
          fix: {
            type: 'manual',
            text: `Nothing to patch: the CR already holds the change, and the operator reverts a patch of the HPA. Find out why ${apigeeOperator} does not apply it: kubectl get ${owner.kind.toLowerCase()} ${cr.metadata.name} -n ${namespace} (State), then its logs.`,
          },
        }),
      );
    }
    return findings;
  },
};
