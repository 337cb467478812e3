// Apigee hybrid's custom resources as the API serves them: group, plurals, served version, collections.
import { t } from '../i18n/index.ts';
import type { ApigeeResource } from '../k8s/types.ts';
import type { KubeApi } from './api.ts';
import { preferredVersion } from './discovery.ts';
import { type ListScope, listCustom } from './resources.ts';

/** Same value as profiles' apigeeGroup: kube/ may import only k8s/, so the API facts live here too. */
const apigeeApiGroup = 'apigee.cloud.google.com';

export type ApigeeListKind = 'ApigeeEnvironment' | 'ApigeeOrganization';

export const apigeePlural = (kind: ApigeeListKind) => (kind === 'ApigeeEnvironment' ? 'apigeeenvironments' : 'apigeeorganizations');

/** The Apigee version the cluster prefers; null when the Apigee CRDs are not installed. */
export const apigeeVersion = (api: KubeApi) =>
  preferredVersion(api, apigeeApiGroup, () => t('kube.action.discoverNamedGroup', { name: 'Apigee' }));

export const listApigee = <R = ApigeeResource>(
  api: KubeApi,
  kind: ApigeeListKind,
  version: string,
  scope: ListScope = {},
  project?: (item: ApigeeResource) => R,
) => listCustom<ApigeeResource, R>(api, { group: apigeeApiGroup, version, plural: apigeePlural(kind) }, scope, project);
