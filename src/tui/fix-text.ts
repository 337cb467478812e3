// The TUI's wording of a doctor fix: what would change, on which object (the CLI spells the same data as command lines).
import type { Fix } from '../doctor/finding.ts';
import { t } from '../i18n/index.ts';
import type { Intent } from '../plan/intent.ts';
import type { SidecarResources } from '../profiles/wallarm.ts';

/** {cpu: '50m', memory: '64Mi'} → "cpu=50m,memory=64Mi", as the flags spell resources. */
const resourcesText = (list: Record<string, string>) =>
  Object.entries(list)
    .map(([name, quantity]) => `${name}=${quantity}`)
    .join(',');

const valueText = (value: unknown): string => {
  if (typeof value !== 'object' || value === null) return String(value);
  const entries = Object.entries(value);
  return entries.every(([, v]) => typeof v === 'string') ? resourcesText(value as Record<string, string>) : JSON.stringify(value);
};

/** One sidecar's change: "proxy requests cpu=50m,memory=64Mi limits cpu=500m". */
const sidecarText = ({ sidecar, requests, limits }: SidecarResources) =>
  [sidecar, requests && `requests ${resourcesText(requests)}`, limits && `limits ${resourcesText(limits)}`].filter(Boolean).join(' ');

function settingsText(settings: object): string {
  const set = Object.entries(settings).filter(([, value]) => value !== undefined);
  if (!set.length) return t('tui.fix.noChange');
  return set
    .map(([key, value]) =>
      key === 'sidecars' ? `sidecars ${(value as SidecarResources[]).map(sidecarText).join('; ')}` : `${key}=${valueText(value)}`,
    )
    .join(', ');
}

export function intentText(intent: Intent): string {
  switch (intent.type) {
    case 'component':
      return `${intent.kind}${intent.env ? ` ${intent.env}` : ''} ${intent.component} (${intent.namespace}): ${settingsText(intent.settings)}`;
    case 'hpa':
      return `hpa ${intent.namespace}/${intent.name}: ${settingsText(intent.settings)}`;
    case 'workload':
      return `${intent.kind.toLowerCase()} ${intent.namespace}/${intent.name}: ${settingsText(intent.settings)}`;
  }
}

/** One or more lines; a fix's note, when it has one, comes last. */
export function fixLines(fix: Fix): string[] {
  const note = 'note' in fix && fix.note ? [fix.note] : [];
  switch (fix.type) {
    case 'intent':
      return [t('tui.fix.change', { intent: intentText(fix.intent) }), ...note];
    case 'kubectl-patch':
      return [`kubectl patch ${fix.resource} ${fix.name} -n ${fix.namespace} --type merge -p '${JSON.stringify(fix.patch)}'`, ...note];
    case 'kubectl-create-pdb':
      return [
        t('tui.fix.createPdb', {
          object: `${fix.namespace}/${fix.name}`,
          maxUnavailable: fix.maxUnavailable,
          selector: JSON.stringify(fix.selector),
        }),
        ...note,
      ];
    case 'values':
      return [
        t('tui.fix.values', {
          release: `${fix.namespace}/${fix.release}`,
          values: fix.values.map((v) => `${v.path}=${valueText(v.value)}`).join(', '),
        }),
        ...note,
      ];
    case 'manual':
      return [fix.text];
  }
}

/** The Intent a fix carries, which the wizard can pre-fill: the plugin's own change, or the same change of a values edit. */
export function fixIntentOf(fix: Fix): Intent | undefined {
  return fix.type === 'intent' ? fix.intent : fix.type === 'values' ? fix.intent : undefined;
}
