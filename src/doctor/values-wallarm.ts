// wallarm-sidecar chart values checked as values: the store's memory against its arena, store keys the chart
// version ignores, per-pod annotations that replace the chart's sidecar resources, and injected containers
// left without a cpu request (the HPA's <unknown>).
import { formatBytes, tryParseQuantity } from '../k8s/quantity.ts';
import type { YamlPath } from '../k8s/yaml-position.ts';
import { storeOf } from '../profiles/values/wallarm.ts';
import { isValuesMap, splitPath, valueAtPath, type Values } from '../profiles/values/model.ts';
import { arenaGigabytesToBytes, storeMemoryShortfall } from '../profiles/wallarm-arena.ts';
import { defaultAnnotationPrefix, injectedSidecars, parseSidecarAnnotation, wallarmValuesScore } from '../profiles/wallarm-values.ts';
import {
  sidecarAnnotation,
  sidecarFieldSource,
  sidecarResourceFields,
  sidecars,
  storeContainers,
  type SidecarName,
  type SidecarResourceField,
} from '../profiles/wallarm.ts';
import type { Finding } from './finding.ts';
import { shown, showPath, valuesFinding, type ValuesCheck, type ValuesDocument } from './values-document.ts';
import { withText } from './check-text.ts';
import { t, listText } from '../i18n/index.ts';

/** The chart's default arena ("2.0" GB) when the values leave it out. */
const chartDefaultArena = '2.0';

export const wallarmArenaValuesCheck = withText<ValuesCheck>({
  id: 'VAL020',
  vendor: 'wallarm',
  category: 'resources',
  run(document) {
    const findings: Finding[] = [];
    for (const store of storeContainers) {
      const base = splitPath(store.resourcesPath).slice(0, -1);
      if (!isValuesMap(valueAtPath(document.values, base))) continue;
      const arenaPath = splitPath(store.arenaPath);
      const arenaText = valueAtPath(document.values, arenaPath) ?? chartDefaultArena;
      const arena = arenaGigabytesToBytes(arenaText);
      if (arena === undefined) continue;
      const resources = [...base, 'resources'];
      const quantity = (list: string) => {
        const text = valueAtPath(document.values, [...resources, list, 'memory']);
        return { text, bytes: typeof text === 'string' || typeof text === 'number' ? tryParseQuantity(text) : undefined };
      };
      const request = quantity('requests');
      const limit = quantity('limits');
      const shortfall = storeMemoryShortfall(arena, request.bytes, limit.bytes);
      if (!shortfall) continue;
      // Point at the first short value written, else where it belongs.
      const first = shortfall.short[0] === 'request' ? 'requests' : 'limits';
      const path: YamlPath = [...resources, first, 'memory'];
      const fromArena =
        valueAtPath(document.values, arenaPath) === undefined
          ? t('valuesFile.wallarm.defaultArena', { arena: chartDefaultArena })
          : `${store.arenaPath} ${shown(arenaText)}`;
      const writes = [
        shortfall.wanted.requests ? `${store.resourcesPath}.requests.memory: ${shortfall.wanted.requests}` : '',
        shortfall.wanted.limits ? `${store.resourcesPath}.limits.memory: ${shortfall.wanted.limits}` : '',
      ].filter(Boolean);
      findings.push(
        valuesFinding(this, document, {
          severity: shortfall.oomKilled ? 'error' : 'warning',
          path,
          part: 'value',
          message: t(shortfall.oomKilled ? 'valuesFile.wallarm.arenaOomKilled' : 'valuesFile.wallarm.arena', {
            container: store.container,
            fields: listText(shortfall.short),
            count: shortfall.short.length,
            values: listText(
              shortfall.short.map((s) => {
                const text = (s === 'request' ? request : limit).text;
                return text === undefined ? t('valuesFile.wallarm.unset') : shown(text);
              }),
            ),
            arena: formatBytes(arena),
            from: fromArena,
          }),
          evidence: {
            value: (first === 'requests' ? request : limit).text ?? null,
            arena: formatBytes(arena),
            requests: request.text ?? null,
            limits: limit.text ?? null,
            chart: store.charts,
          },
          fix: t('valuesFile.writeAll', { writes: listText(writes) }),
        }),
      );
    }
    return findings;
  },
});

export const wallarmIgnoredKeysCheck = withText<ValuesCheck>({
  id: 'VAL021',
  vendor: 'wallarm',
  category: 'resources',
  run(document) {
    const present = storeContainers.filter((store) => valueAtPath(document.values, ['postanalytics', store.container]) !== undefined);
    if (!present.length) return [];
    const runs = document.chartVersion ? storeOf(document.chartVersion) : undefined;
    return present.flatMap((store) => {
      const other = storeContainers.find((s) => s !== store)!;
      const path: YamlPath = ['postanalytics', store.container];
      if (runs) {
        if (runs === store) return [];
        return [
          valuesFinding(this, document, {
            severity: 'warning',
            path,
            message: t('valuesFile.wallarm.storeIgnored', {
              store: store.container,
              chart: document.chartVersion,
              runs: runs.container,
              charts: runs.charts,
            }),
            evidence: { chartVersion: document.chartVersion },
            fix: t('valuesFile.wallarm.storeMove', { runs: runs.container, store: store.container }),
          }),
        ];
      }
      // From the file alone: the current store key is the norm; the legacy one, or both, is the trap.
      const both = present.length > 1;
      if (!both && store.container !== 'tarantool') return [];
      return [
        valuesFinding(this, document, {
          severity: both ? 'warning' : 'info',
          path,
          message: t(both ? 'valuesFile.wallarm.storeBoth' : 'valuesFile.wallarm.storeLegacy', {
            store: store.container,
            charts: store.charts,
            otherCharts: other.charts,
            other: other.container,
          }),
          evidence: { readBy: store.charts },
          fix: both
            ? t('valuesFile.wallarm.storeBothFix')
            : t('valuesFile.wallarm.storeLegacyFix', { charts: store.charts, other: other.container }),
        }),
      ];
    });
  },
});

/** Every map in the values holding a sidecar resource annotation, by the path of the map. */
function annotationMaps(values: unknown, prefix: string, path: YamlPath = []): { path: YamlPath; annotations: Values }[] {
  if (Array.isArray(values)) return values.flatMap((item, index) => annotationMaps(item, prefix, [...path, index]));
  if (!isValuesMap(values)) return [];
  const own = Object.keys(values).some((key) => parseSidecarAnnotation(key, prefix)) ? [{ path, annotations: values }] : [];
  return [...own, ...Object.entries(values).flatMap(([key, value]) => annotationMaps(value, prefix, [...path, key]))];
}

export const wallarmAnnotationsCheck = withText<ValuesCheck>({
  id: 'VAL022',
  vendor: 'wallarm',
  category: 'resources',
  run(document) {
    const prefixValue = valueAtPath(document.values, ['config', 'annotationPrefix']);
    const prefix = typeof prefixValue === 'string' && prefixValue ? prefixValue : defaultAnnotationPrefix;
    const findings: Finding[] = [];
    for (const { path, annotations } of annotationMaps(document.values, prefix)) {
      const bySidecar = new Map<SidecarName, SidecarResourceField[]>();
      for (const key of Object.keys(annotations)) {
        const parsed = parseSidecarAnnotation(key, prefix);
        if (parsed) bySidecar.set(parsed.sidecar, [...(bySidecar.get(parsed.sidecar) ?? []), parsed.field]);
      }
      for (const [sidecar, fields] of bySidecar) {
        const missing = sidecarResourceFields.filter((field) => !fields.includes(field));
        if (!missing.length) continue;
        const chartValue = valueAtPath(document.values, splitPath(sidecars[sidecar].valuesPath));
        const noCpu = missing.includes('cpu');
        const annotation = (field: SidecarResourceField) => sidecarAnnotation(sidecar, field).replace(defaultAnnotationPrefix, prefix);
        const fieldName = (field: SidecarResourceField) =>
          t(sidecarFieldSource[field].list === 'requests' ? 'valuesFile.wallarm.request' : 'valuesFile.wallarm.limit', {
            resource: sidecarFieldSource[field].resource,
          });
        const dropped = missing.map(fieldName);
        const keyPath = [...path, annotation(fields[0]!)];
        findings.push(
          valuesFinding(this, document, {
            severity: noCpu ? 'warning' : 'info',
            path: keyPath,
            message: t('valuesFile.wallarm.partialAnnotations', {
              count: fields.length,
              annotations: fields.map(annotation).join(', '),
              at: showPath(path) || t('valuesFile.wallarm.top'),
              valuesPath: sidecars[sidecar].valuesPath,
              container: sidecars[sidecar].container,
              dropped: dropped.join(', '),
              noCpu: noCpu ? t('valuesFile.wallarm.noCpu') : '',
              chartSet: chartValue !== undefined ? t('valuesFile.wallarm.chartSet', { valuesPath: sidecars[sidecar].valuesPath }) : '',
            }),
            evidence: { set: fields.map(annotation), missing: missing.map(annotation) },
            fix: t('valuesFile.wallarm.partialAnnotationsFix', {
              annotations: missing.map((field) => `${annotation(field)}: "<${fieldName(field)}>"`).join(', '),
              sidecar,
              valuesPath: sidecars[sidecar].valuesPath,
            }),
          }),
        );
      }
    }
    return findings;
  },
});

export const wallarmSidecarRequestsCheck = withText<ValuesCheck>({
  id: 'VAL023',
  vendor: 'wallarm',
  category: 'hpa',
  run(document) {
    if (!wallarmValuesScore(document.values)) return [];
    const schema = valueAtPath(document.values, ['config', 'injectionStrategy', 'schema']) === 'split' ? 'split' : 'single';
    const iptables = valueAtPath(document.values, ['config', 'injectionStrategy', 'iptablesEnable']) !== false;
    const findings: Finding[] = [];
    const unset: SidecarName[] = [];
    for (const sidecar of injectedSidecars(schema, iptables)) {
      const info = sidecars[sidecar];
      const resourcesPath = splitPath(info.valuesPath);
      const resources = valueAtPath(document.values, resourcesPath);
      if (!isValuesMap(resources) || !Object.keys(resources).length) {
        unset.push(sidecar);
        continue;
      }
      const cpu = valueAtPath(resources, ['requests', 'cpu']);
      if (cpu !== undefined && cpu !== null) continue;
      const requestsPath = [...resourcesPath, 'requests'];
      findings.push(
        valuesFinding(this, document, {
          severity: info.init ? 'info' : 'warning',
          path: requestsPath,
          message: t(info.init ? 'valuesFile.wallarm.noCpuInit' : 'valuesFile.wallarm.noCpuRequest', {
            valuesPath: info.valuesPath,
            container: info.container,
          }),
          evidence: { resources },
          fix: t('valuesFile.wallarm.noCpuFix', { path: showPath(requestsPath), cpu: info.init ? '50m' : '100m' }),
        }),
      );
    }
    if (unset.length) {
      const at: YamlPath = ['config', 'sidecar'];
      findings.push(
        valuesFinding(this, document, {
          severity: 'info',
          path: at,
          message: t('valuesFile.wallarm.unsetResources', { containers: unset.map((s) => sidecars[s].container).join(', ') }),
          evidence: { schema, unset: unset.map((s) => sidecars[s].valuesPath) },
          fix: t('valuesFile.wallarm.unsetResourcesFix', { keys: unset.map((s) => `${sidecars[s].valuesPath}.requests.cpu`).join(', ') }),
        }),
      );
    }
    return findings;
  },
});

export const wallarmValuesChecks: readonly ValuesCheck[] = [
  wallarmArenaValuesCheck,
  wallarmIgnoredKeysCheck,
  wallarmAnnotationsCheck,
  wallarmSidecarRequestsCheck,
];

/** Only for annotation-only files: which vendor check applies without the chart's keys. */
export const hasSidecarAnnotations = (document: ValuesDocument) => {
  const prefixValue = valueAtPath(document.values, ['config', 'annotationPrefix']);
  const prefix = typeof prefixValue === 'string' && prefixValue ? prefixValue : defaultAnnotationPrefix;
  return annotationMaps(document.values, prefix).length > 0;
};
