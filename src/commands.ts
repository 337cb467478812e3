// The plugin's own command lines, spelled in one place for doctor fixes and refusal hints.

import type { ScaleSettings } from './hpa/scale.ts';

export function scaleFlags(settings: ScaleSettings): string {
  return [
    settings.min !== undefined ? `--min ${settings.min}` : '',
    settings.max !== undefined ? `--max ${settings.max}` : '',
    settings.cpu !== undefined ? `--cpu ${settings.cpu}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const join = (...parts: string[]) => parts.filter(Boolean).join(' ');

export const patchEnvCommand = (env: string, component: string, settings: ScaleSettings, namespace: string) =>
  join('kubectl scale-ha patch env', env, component, scaleFlags(settings) || '--max N', `-n ${namespace}`);

export const patchOrgCommand = (component: string, settings: ScaleSettings, namespace: string) =>
  join('kubectl scale-ha patch org', component, scaleFlags(settings) || '--max N', `-n ${namespace}`);

export const patchHpaCommand = (name: string, settings: ScaleSettings, namespace: string) =>
  join('kubectl scale-ha patch hpa', name, scaleFlags(settings), `-n ${namespace}`);

export const patchWorkloadCommand = (kind: string, name: string, flags: string, namespace: string) =>
  join('kubectl scale-ha patch workload', `${kind.toLowerCase()}/${name}`, flags, `-n ${namespace}`);
