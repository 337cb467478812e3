// The TUI's wording of a doctor fix: what would change, on which object (the CLI spells the same data as command lines).
import type { Fix } from '../doctor/finding.ts';
import type { Intent } from '../plan/intent.ts';

const valueText = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

function settingsText(settings: object): string {
  const set = Object.entries(settings).filter(([, value]) => value !== undefined);
  return set.length ? set.map(([key, value]) => `${key}=${valueText(value)}`).join(', ') : 'no change';
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
      return [`change ${intentText(fix.intent)}`, ...note];
    case 'kubectl-patch':
      return [`kubectl patch ${fix.resource} ${fix.name} -n ${fix.namespace} --type merge -p '${JSON.stringify(fix.patch)}'`, ...note];
    case 'kubectl-create-pdb':
      return [
        `create PodDisruptionBudget ${fix.namespace}/${fix.name}: maxUnavailable=${fix.maxUnavailable}, selector ${JSON.stringify(fix.selector)}`,
        ...note,
      ];
    case 'values':
      return [
        `helm release ${fix.namespace}/${fix.release} values: ${fix.values.map((v) => `${v.path}=${valueText(v.value)}`).join(', ')}`,
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
