// Pod anti-affinity and topology spread of a workload's own pods (its selector on a topology key): one
// rule for both routes, the direct patch of a pod template (plan/workload.ts) and a chart's values.
import { usageError } from '../../k8s/errors.ts';
import { isEmptySelector, matchesSelector } from '../../k8s/selector.ts';
import type { Affinity, LabelSelector, PodAffinityTerm, TopologySpreadConstraint } from '../../k8s/types.ts';
import { isValuesMap, type WorkloadValuesSettings } from './model.ts';
import { t } from '../../i18n/index.ts';

export const hostnameKey = 'kubernetes.io/hostname';

type PodAntiAffinity = NonNullable<Affinity['podAntiAffinity']>;

/** Whose pods: the selector a new term carries, the labels that tell its own terms from others, a name for messages. */
export interface OwnPods {
  name: string;
  selector: LabelSelector | undefined;
  podLabels: Record<string, string> | undefined;
}

function ownTerm(pods: OwnPods, topologyKey: string): PodAffinityTerm {
  if (isEmptySelector(pods.selector)) throw usageError(t('profiles.values.affinity.emptySelector', { name: pods.name }));
  return { labelSelector: structuredClone(pods.selector), topologyKey };
}

const describeTerm = (kind: 'required' | 'preferred', topologyKey: string, weight?: number) =>
  weight !== undefined
    ? t('profiles.values.affinity.termWeighted', { kind, topologyKey, weight })
    : t('profiles.values.affinity.term', { kind, topologyKey });

/**
 * The podAntiAffinity that results: the workload's own terms on the topology key are replaced, its own
 * terms on other keys kept (a topology key alone moves them; `none` alone removes them all), terms about
 * other pods kept. undefined: no podAntiAffinity left.
 */
export function nextPodAntiAffinity(
  current: unknown,
  pods: OwnPods,
  settings: Pick<WorkloadValuesSettings, 'antiAffinity' | 'topologyKey' | 'weight'>,
  notes: string[],
): PodAntiAffinity | undefined {
  const anti: PodAntiAffinity = isValuesMap(current) ? (structuredClone(current) as PodAntiAffinity) : {};
  const allRequired = anti.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const allPreferred = anti.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const ownRequired = allRequired.filter((t) => matchesSelector(t.labelSelector, pods.podLabels));
  const ownPreferred = allPreferred.filter((t) => matchesSelector(t.podAffinityTerm?.labelSelector, pods.podLabels));
  const currentMode = ownRequired.length ? 'required' : ownPreferred.length ? 'preferred' : 'none';
  const mode = settings.antiAffinity ?? currentMode;
  if (mode === 'none' && settings.antiAffinity === undefined)
    throw usageError(t('profiles.values.affinity.nothingToMove', { name: pods.name }), t('profiles.values.affinity.nothingToMoveHint'));
  const foreign = allRequired.length - ownRequired.length + allPreferred.length - ownPreferred.length;
  if (foreign > 0) notes.push(t('profiles.values.affinity.foreignKept', { foreign }));
  const topologyKey = settings.topologyKey ?? ownRequired[0]?.topologyKey ?? ownPreferred[0]?.podAffinityTerm.topologyKey ?? hostnameKey;
  const removeAllOwn = settings.antiAffinity === undefined || (mode === 'none' && settings.topologyKey === undefined);
  const replaced = (key: string) => removeAllOwn || key === topologyKey;
  const droppedRequired = ownRequired.filter((t) => replaced(t.topologyKey));
  const droppedPreferred = ownPreferred.filter((t) => replaced(t.podAffinityTerm.topologyKey));
  const required = allRequired.filter((t) => !droppedRequired.includes(t));
  const preferred = allPreferred.filter((t) => !droppedPreferred.includes(t));
  const listed = (key: string) => mode === 'none' || key !== topologyKey;
  const removed = [
    ...droppedRequired.filter((t) => listed(t.topologyKey)).map((t) => describeTerm('required', t.topologyKey)),
    ...droppedPreferred
      .filter((t) => listed(t.podAffinityTerm.topologyKey))
      .map((t) => describeTerm('preferred', t.podAffinityTerm.topologyKey, t.weight)),
  ];
  if (removed.length) notes.push(t('profiles.values.affinity.removesOwn', { terms: removed.join('; ') }));
  if (mode === 'required') required.push(ownTerm(pods, topologyKey));
  if (mode === 'preferred')
    preferred.push({ weight: settings.weight ?? droppedPreferred[0]?.weight ?? 100, podAffinityTerm: ownTerm(pods, topologyKey) });
  if (mode === 'required')
    notes.push(
      t(topologyKey === hostnameKey ? 'profiles.values.affinity.requiredNodes' : 'profiles.values.affinity.requiredZones', {
        topologyKey,
      }),
    );
  const next: PodAntiAffinity = {
    ...(required.length ? { requiredDuringSchedulingIgnoredDuringExecution: required } : {}),
    ...(preferred.length ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
  };
  return Object.keys(next).length ? next : undefined;
}

/** topologySpreadConstraints with one constraint per topology key for its own pods; `none` drops its own. */
export function nextSpreadConstraints(
  current: unknown,
  pods: OwnPods,
  settings: Pick<WorkloadValuesSettings, 'spread' | 'maxSkew' | 'whenUnsatisfiable'>,
  notes: string[],
): TopologySpreadConstraint[] {
  const existing = Array.isArray(current) ? (structuredClone(current) as TopologySpreadConstraint[]) : [];
  if (settings.spread === undefined) return existing;
  if (settings.spread === 'none') return existing.filter((c) => !matchesSelector(c.labelSelector, pods.podLabels));
  const constraint: TopologySpreadConstraint = {
    maxSkew: settings.maxSkew ?? 1,
    topologyKey: settings.spread,
    whenUnsatisfiable: settings.whenUnsatisfiable ?? 'ScheduleAnyway',
    labelSelector: ownTerm(pods, settings.spread).labelSelector!,
  };
  const index = existing.findIndex((c) => c.topologyKey === settings.spread);
  if (index >= 0 && !matchesSelector(existing[index]!.labelSelector, pods.podLabels))
    notes.push(t('profiles.values.affinity.spreadTakenOver', { key: settings.spread, name: pods.name }));
  return index >= 0 ? existing.map((c, i) => (i === index ? constraint : c)) : [...existing, constraint];
}
