// The fix for Wallarm-injected containers: their pod-template annotations, every injected container of the pod
// that lacks values in one change (one rollout), and the chart keys that would do the same for every pod.
import type { Intent } from '../plan/intent.ts';
import type { WorkloadSettings } from '../plan/settings.ts';
import { helmReleaseOf } from '../profiles/generic.ts';
import { injectionSchemaAnnotation, injectionSchemaOf, isWallarmController, sidecars, type SidecarName } from '../profiles/wallarm.ts';
import type { Workload } from '../snapshot/workloads.ts';
import type { DoctorContext } from './context.ts';
import type { Fix } from './finding.ts';
import { allFourSidecarValues, raisedNote, resourcesValue, sidecarsToComplete, type ResourcesChange } from './resource-values.ts';
import { t, listText } from '../i18n/index.ts';

/** The wallarm-sidecar release, found once per doctor run (a note is built for every injected container). */
const wallarmReleases = new WeakMap<DoctorContext, ReturnType<typeof helmReleaseOf>>();
function wallarmRelease(context: DoctorContext) {
  if (!wallarmReleases.has(context)) {
    const controller = context.workloads.find((w) => isWallarmController(w.object));
    wallarmReleases.set(context, controller ? helmReleaseOf(controller.object) : undefined);
  }
  return wallarmReleases.get(context);
}

/**
 * One `--sidecar` group per injected container that lacks values (one template change, one rollout), each with
 * all four values. A split-only container the next pods will not get is left to the rollout that drops it.
 */
export function sidecarFix(
  context: DoctorContext,
  workload: Workload,
  sidecar: SidecarName,
  change: ResourcesChange,
  toIntent: (settings: WorkloadSettings) => Intent,
  explained: (text: string) => string,
): Fix {
  const info = sidecars[sidecar];
  if (info.splitOnly && injectionSchemaOf(workload.object.spec.template.metadata?.annotations ?? {}, workload.pods) === 'single')
    return {
      type: 'manual',
      text: explained(
        t('fixes.sidecar.splitOnly', {
          workload: `${workload.kind}/${workload.name}`,
          annotation: injectionSchemaAnnotation,
          container: info.container,
          restart: `kubectl rollout restart ${workload.kind.toLowerCase()}/${workload.name} -n ${workload.namespace}`,
        }),
      ),
    };
  const planned = sidecarsToComplete(workload, sidecar).map((name) => ({
    name,
    ...allFourSidecarValues(workload, name, name === sidecar ? change : { type: 'resources', container: sidecars[name].container }),
  }));
  const settings: WorkloadSettings = {
    sidecars: planned.map(({ name, change: values }) => ({ sidecar: name, requests: values.requests, limits: values.limits })),
  };
  const invented = planned.flatMap(({ name, invented }) => invented.map((value) => `${name}-${value}`));
  const startingValues = invented.length ? t('fixes.sidecar.startingValues', { count: invented.length, values: invented.join(', ') }) : '';
  const raised = raisedNote(planned.flatMap(({ name, raised }) => raised.map((text) => (planned.length > 1 ? `${name} ${text}` : text))));
  const release = wallarmRelease(context);
  const note = t(release ? 'fixes.sidecar.note' : 'fixes.sidecar.noteNoRelease', {
    count: planned.length,
    keys: listText(globalKeys(sidecar, change, planned)),
    release: release ? `${release.namespace}/${release.name}` : '',
  });
  return {
    type: 'intent',
    intent: toIntent(settings),
    note: explained([note, startingValues, raised].filter(Boolean).join(' ')),
  };
}

/** The chart keys that would do the same for every injected pod: what the finding asked, and what the others lack. */
function globalKeys(sidecar: SidecarName, change: ResourcesChange, planned: readonly { name: SidecarName }[]): string[] {
  return planned.flatMap(({ name }) => {
    const fields = name === sidecar ? resourcesValue(change) : { requests: { cpu: '', memory: '' }, limits: { memory: '' } };
    return Object.entries(fields).flatMap(([list, values]) => Object.keys(values).map((r) => `${sidecars[name].valuesPath}.${list}.${r}`));
  });
}
