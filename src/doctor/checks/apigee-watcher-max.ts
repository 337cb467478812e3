import { finding, type Check } from '../context.ts';

export const watcherMaxCheck: Check = {
  id: 'HPA013',
  category: 'hpa',
  title: 'Apigee watcher maxReplicas above 1',
  explain: `apigee-watcher is leader-elected: only one replica works, extra replicas only wait. The vendor guide's example of replicaCountMax: 2 is wrong; the chart default and the right value is 1.
Fix: watcher.replicaCountMax: 1 in overrides.yaml (apigee-org chart), or kubectl scale-ha patch org watcher --max 1.`,
  run(context) {
    return context.snapshot.apigeeOrganizations.flatMap((org) => {
      const max = org.spec?.components?.watcher?.autoScaler?.maxReplicas;
      if (max === undefined || max <= 1) return [];
      const namespace = org.metadata.namespace ?? 'default';
      return [
        finding(
          this,
          { kind: 'ApigeeOrganization', namespace, name: org.metadata.name },
          {
            severity: 'warning',
            message: `watcher maxReplicas is ${max}; the watcher is leader-elected and must stay at 1.`,
            evidence: { 'spec.components.watcher.autoScaler.maxReplicas': max },
            fix: {
              type: 'intent',
              intent: { type: 'component', kind: 'ApigeeOrganization', component: 'watcher', namespace, settings: { max: 1 } },
              note: 'Also set watcher.replicaCountMax: 1 in overrides.yaml, or the next helm upgrade of apigee-org restores it.',
            },
          },
        ),
      ];
    });
  },
};
