// Loads a doctor fixture (multi-document YAML of Kubernetes objects) and runs the checks on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fixData, type FixData } from '../../../src/cli/render/doctor.ts';
import type { Finding } from '../../../src/doctor/finding.ts';
import { checks } from '../../../src/doctor/checks/index.ts';
import { runDoctor, type DoctorReport } from '../../../src/doctor/run.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';

export function loadObjects(name: string): KubeObject[] {
  const text = readFileSync(join(import.meta.dirname, '../../fixtures/doctor', name), 'utf8');
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeObject)
    .filter(Boolean);
}

export function doctorOn(...files: string[]): DoctorReport {
  return runDoctor(snapshotFromObjects(files.flatMap(loadObjects)));
}

/** One check alone, so none of its findings is grouped under another check's: its own message and fix. */
export function checkOn(id: string, ...files: string[]): Finding[] {
  return runDoctor(snapshotFromObjects(files.flatMap(loadObjects)), {}, only(id)).findings;
}

/** The check with this id, as runDoctor's list of checks. */
export const only = (id: string) => checks.filter((check) => check.id === id);

/** Every check id reported (about `name`), root causes and the findings kept as their evidence alike. */
export function ids(report: DoctorReport, name?: string): string[] {
  return report.findings
    .flatMap((f) => [f, ...(f.related ?? [])])
    .filter((f) => !name || f.name === name)
    .map((f) => f.id);
}

/** A finding's fix as `doctor -o json` shows it: intents and kubectl fixes spelled as commands. */
export function shownFix(finding: Finding | undefined): FixData | undefined {
  return finding && fixData(finding.fix);
}

/** The command line printed for a finding's fix; '' when the fix is a values edit or prose. */
export function commandOf(finding: Finding | undefined): string {
  const fix = shownFix(finding);
  return fix?.type === 'command' ? fix.command : '';
}

export function noteOf(finding: Finding | undefined): string {
  const fix = shownFix(finding);
  return fix?.type === 'command' ? (fix.note ?? '') : '';
}
