// A finding as plain text for CI reports (SARIF messages, JUnit failures): no colour, no wrapping, fixes spelled
// as the commands `doctor -o json` shows.
import type { Finding, SourceLocation } from '../../doctor/finding.ts';
import { fixData } from './doctor.ts';

/** `namespace/Kind/name`, or `Kind/name` for what has no namespace (a values file). */
export function objectPath(object: Pick<Finding, 'namespace' | 'kind' | 'name'>): string {
  return [object.namespace, object.kind, object.name].filter(Boolean).join('/');
}

export const locationText = (location: SourceLocation) => `${location.file}:${location.line}:${location.column}`;

export function fixTextLines(finding: Finding): string[] {
  const fix = fixData(finding.fix);
  const note = 'note' in fix && fix.note ? [`note: ${fix.note}`] : [];
  switch (fix.type) {
    case 'values':
      return [
        `fix: in the values of helm release ${fix.namespace}/${fix.release} set ${fix.values.map((v) => `${v.path} = ${JSON.stringify(v.value)}`).join(', ')}`,
        ...(fix.command ? [`or: ${fix.command}`] : []),
        ...note,
      ];
    case 'manual':
      return [`fix: ${fix.text}`];
    default:
      return [`fix: ${fix.command}`, ...note];
  }
}

/** What follows from the finding's cause, one line each, with the object when it is another one. */
export function relatedTextLines(finding: Finding): string[] {
  return (finding.related ?? []).map((r) => {
    const elsewhere = r.kind !== finding.kind || r.name !== finding.name ? `${objectPath(r)}: ` : '';
    const where = r.location ? ` (${locationText(r.location)})` : '';
    return `also: ${r.id} ${r.severity} ${elsewhere}${r.message}${where}`;
  });
}

/** The message, what follows from it, and the fix: everything a CI reader needs to act. */
export function findingText(finding: Finding): string {
  return [finding.message, ...relatedTextLines(finding), ...fixTextLines(finding)].join('\n');
}
