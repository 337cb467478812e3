// Values files checked as values (doctor -f overrides.yaml, doctor --chart … -f values.yaml): Apigee overrides and
// Wallarm chart values, every finding at file:line:column. Pure: the caller reads the file.
// INTERFACE ONLY for now (issue 10): the checks are being written.
import type { Finding } from './finding.ts';

export type ValuesVendor = 'apigee' | 'wallarm';

export interface ValuesFileInput {
  /** The path as the user gave it; findings name it. */
  file: string;
  text: string;
  /** Known from the chart (doctor --chart); otherwise told from the file's keys. */
  vendor?: ValuesVendor;
  /** The chart's version when known (doctor --chart): some keys are ignored by some versions. */
  chartVersion?: string;
}

/** The findings of one values file, each with its location. */
export function checkValuesFile(_input: ValuesFileInput): Finding[] {
  return [];
}
