// Loads a doctor fixture (multi-document YAML of Kubernetes objects) and runs the checks on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
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

export function ids(report: DoctorReport, name?: string): string[] {
  return report.findings.filter((f) => !name || f.name === name).map((f) => f.id);
}
