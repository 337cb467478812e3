// A finding as plain text for CI reports (SARIF messages, JUnit failures): no colour, no wrapping, fixes spelled
// as the commands `doctor -o json` shows.
import type { Finding } from '../../doctor/finding.ts';
import { fixLines, locationText, objectPath } from './doctor.ts';
import { plainPaint } from './paint.ts';
import { t } from '../../i18n/index.ts';

/** The fix as the table spells it, uncoloured and unwrapped. */
export const fixTextLines = (finding: Finding): string[] => fixLines(finding.fix, plainPaint, undefined);

/** What follows from the finding's cause, one line each, with the object when it is another one. */
export function relatedTextLines(finding: Finding): string[] {
  return (finding.related ?? []).map((r) => {
    const elsewhere = r.kind !== finding.kind || r.name !== finding.name ? `${objectPath(r)}: ` : '';
    const where = r.location ? ` (${locationText(r.location)})` : '';
    return `${t('report.label.also')} ${r.id} ${r.severity} ${elsewhere}${r.message}${where}`;
  });
}

/** The message, what follows from it, and the fix: everything a CI reader needs to act. */
export function findingText(finding: Finding): string {
  return [finding.message, ...relatedTextLines(finding), ...fixTextLines(finding)].join('\n');
}
