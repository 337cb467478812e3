// A report of values files' findings, as `doctor -f overrides.yaml` gives it: each at its file, line and column.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity } from '../../../src/doctor/finding.ts';
import type { DoctorReport } from '../../../src/doctor/run.ts';
import { checkValuesFile } from '../../../src/doctor/values-files.ts';

const root = join(import.meta.dirname, '../../..');

/** `files` relative to the repository root, as a CI job names them. */
export function valuesReport(...files: string[]): DoctorReport {
  const findings = files.flatMap((file) => checkValuesFile({ file, text: readFileSync(join(root, file), 'utf8') }));
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return {
    findings,
    summary: { errors: count('error'), warnings: count('warning'), info: count('info'), related: 0, checks: 0, hpas: 0, workloads: 0 },
  };
}
