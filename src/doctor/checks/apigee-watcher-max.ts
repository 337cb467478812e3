import { finding, type Check } from '../context.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const watcherMaxCheck = withText<Check>({
  id: 'HPA013',
  category: 'hpa',
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
            message: t('findings.HPA013.message', { max }),
            evidence: { 'spec.components.watcher.autoScaler.maxReplicas': max },
            fix: {
              type: 'intent',
              intent: { type: 'component', kind: 'ApigeeOrganization', component: 'watcher', namespace, settings: { max: 1 } },
              note: t('findings.HPA013.note'),
            },
          },
        ),
      ];
    });
  },
});
