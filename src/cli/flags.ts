// Flags → settings: parsing and the cross-flag rules of the patch commands, before any request
// (kubectl's Validate step). The domain rules the settings must keep live in plan/settings.ts.
import type { Command } from 'commander';
import { t } from '../i18n/index.ts';
import { usageError } from '../k8s/errors.ts';
import { parseWholeNumber } from '../k8s/limits.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import type { ResourceList } from '../k8s/types.ts';
import type { WorkloadSettings } from '../plan/settings.ts';
import { type SidecarName, type SidecarResources, sidecarNames } from '../profiles/wallarm.ts';
import { type AntiAffinityMode, hostnameLabel, zoneLabel } from '../snapshot/workloads.ts';

/** A replica count, weight or skew from a flag: whole, at least `minimum`, and an int32. */
export function parseCount(text: string | undefined, flag: string, minimum: number): number | undefined {
  return parseWholeNumber(text, flag, minimum);
}

export function parsePercent(text: string | undefined, flag: string): number | undefined {
  const value = parseCount(text, flag, 1);
  if (value !== undefined && value > 100) throw usageError(t('cli.usage.percent', { flag, value }), t('cli.usage.percentHint'));
  return value;
}

const resourceNames = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** "cpu=250m,memory=256Mi" → { cpu: '250m', memory: '256Mi' }; each value checked as a quantity (its sign in plan/settings.ts). */
export function parseResourceList(text: string | undefined, flag: string): ResourceList | undefined {
  if (text === undefined) return undefined;
  const list: ResourceList = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value, extra] = part.split('=').map((s) => s.trim());
    if (!name || !value || extra !== undefined)
      throw usageError(t('cli.usage.notNameQuantity', { flag, part }), t('cli.usage.resourceListExample', { flag }));
    if (!resourceNames.has(name)) throw usageError(t('cli.usage.unknownResource', { flag, name }), t('cli.usage.unknownResourceHint'));
    parseQuantity(value, `${flag} ${name}`);
    list[name] = value;
  }
  if (Object.keys(list).length === 0)
    throw usageError(t('cli.usage.emptyResourceList', { flag }), t('cli.usage.resourceListExample', { flag }));
  return list;
}

export function parseAntiAffinity(text: string | undefined): AntiAffinityMode | undefined {
  if (text === undefined) return undefined;
  if (text === 'none' || text === 'preferred' || text === 'required') return text;
  throw usageError(t('cli.usage.antiAffinity', { text }));
}

export function parseTopologyKey(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text === 'hostname' || text === hostnameLabel) return hostnameLabel;
  if (text === 'zone' || text === zoneLabel) return zoneLabel;
  throw usageError(t('cli.usage.topologyKey', { text }), t('cli.usage.topologyKeyHint', { hostnameLabel, zoneLabel }));
}

/** --topology-spread: hostname | zone | none. */
export function parseSpread(text: string | undefined): string | undefined {
  if (text === undefined || text === 'none') return text;
  try {
    return parseTopologyKey(text);
  } catch {
    throw usageError(t('cli.usage.topologySpread', { text }));
  }
}

export function parseWhenUnsatisfiable(text: string | undefined): WorkloadSettings['whenUnsatisfiable'] {
  if (text === undefined) return undefined;
  if (text === 'ScheduleAnyway' || text === 'DoNotSchedule') return text;
  throw usageError(t('cli.usage.whenUnsatisfiable', { text }), t('cli.usage.whenUnsatisfiableHint'));
}

export function parseSidecar(text: string): SidecarName {
  if ((sidecarNames as readonly string[]).includes(text)) return text as SidecarName;
  throw usageError(t('cli.usage.sidecar', { text, names: sidecarNames.join(', ') }));
}

/** A --sidecar, --requests or --limits as given, with its place on the command line. */
export interface PlacedFlag {
  at: number;
  value: string;
}

let nextPlace = 0;
/** Commander calls option parsers in command-line order: the places tell which --sidecar a --requests follows. */
export const collectPlaced = (value: string, previous: PlacedFlag[] = []): PlacedFlag[] => [...previous, { at: nextPlace++, value }];

/** -c, --sidecar, --requests, --limits: which --sidecar a --requests belongs to is read from where it stands. */
export function addResourceOptions<T extends Command>(command: T): T {
  return command
    .option('-c, --container <name>', t('help.patch.option.container'))
    .option('--sidecar <name>', t('help.patch.option.sidecar'), collectPlaced)
    .option('--requests <list>', t('help.patch.option.requests'), collectPlaced)
    .option('--limits <list>', t('help.patch.option.limits'), collectPlaced);
}

export interface ResourceFlags {
  container?: string | undefined;
  sidecar?: PlacedFlag[] | undefined;
  requests?: PlacedFlag[] | undefined;
  limits?: PlacedFlag[] | undefined;
}

type ResourceSettings = Pick<WorkloadSettings, 'container' | 'requests' | 'limits' | 'sidecars'>;
type ListName = 'requests' | 'limits';

function onlyOnce(flags: PlacedFlag[] | undefined, list: ListName): ResourceList | undefined {
  if ((flags?.length ?? 0) > 1) throw usageError(t('cli.usage.listTwice', { list }), t('cli.usage.listTwiceHint', { list }));
  return parseResourceList(flags?.[0]?.value, `--${list}`);
}

/**
 * -c CONTAINER --requests … --limits …, or one group per injected container: --sidecar NAME followed by
 * its own --requests/--limits. A single --sidecar takes them wherever they stand, as before groups existed.
 */
export function resourceSettings(flags: ResourceFlags): ResourceSettings {
  const names = flags.sidecar ?? [];
  if (!names.length) {
    const requests = onlyOnce(flags.requests, 'requests');
    const limits = onlyOnce(flags.limits, 'limits');
    return {
      ...(flags.container ? { container: flags.container } : {}),
      ...(requests ? { requests } : {}),
      ...(limits ? { limits } : {}),
    };
  }
  const groups = names.map(({ at, value }) => ({ at, settings: { sidecar: parseSidecar(value) } as SidecarResources }));
  const lists = (['requests', 'limits'] as const)
    .flatMap((list) => (flags[list] ?? []).map((flag) => ({ ...flag, list })))
    .sort((a, b) => a.at - b.at);
  for (const { at, value, list } of lists) {
    const owner = groups.findLast((group) => group.at < at) ?? (groups.length === 1 ? groups[0] : undefined);
    if (!owner) throw usageError(t('cli.usage.listBeforeSidecar', { list, value }), t('cli.usage.listBeforeSidecarHint'));
    const { settings } = owner;
    if (settings[list])
      throw usageError(
        t('cli.usage.sidecarListTwice', { sidecar: settings.sidecar, list }),
        t('cli.usage.sidecarListTwiceHint', { sidecar: settings.sidecar, list }),
      );
    settings[list] = parseResourceList(value, `--sidecar ${settings.sidecar} --${list}`);
  }
  return { ...(flags.container ? { container: flags.container } : {}), sidecars: groups.map((group) => group.settings) };
}
