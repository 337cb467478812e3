// One values file as the values checks read it: the values, the YAML nodes for positions, and how a finding
// about a key is built (kind ValuesFile, named by the file, at the key's line:column).
import type { PositionedYaml, YamlPath } from '../k8s/yaml-position.ts';
import { positionOf } from '../k8s/yaml-position.ts';
import { formatValuesPath, type Values } from '../profiles/values/model.ts';
import type { CheckInfo, Finding, Severity } from './finding.ts';

export type ValuesVendor = 'apigee' | 'wallarm';

export interface ValuesDocument extends PositionedYaml {
  file: string;
  values: Values;
  chartVersion?: string | undefined;
}

/** A check over one values file of a vendor ('any': every values file). */
export interface ValuesCheck extends CheckInfo {
  vendor: ValuesVendor | 'any';
  run(document: ValuesDocument): Finding[];
}

export const valuesFileKind = 'ValuesFile';

export const showPath = (path: YamlPath) => formatValuesPath(path);

export interface ValuesFindingInput {
  severity: Severity;
  /** Where it is: the key (a key that should not be there, or is missing below it) or its value. */
  path: YamlPath;
  part?: 'key' | 'value';
  message: string;
  evidence?: Record<string, unknown>;
  /** The exact edit, in words: the key and the value to write (or remove). */
  fix: string;
}

export function valuesFinding(info: Pick<CheckInfo, 'id'>, document: ValuesDocument, input: ValuesFindingInput): Finding {
  const { line, column } = positionOf(document, input.path, input.part ?? 'key');
  return {
    id: info.id,
    severity: input.severity,
    kind: valuesFileKind,
    namespace: '',
    name: document.file,
    message: input.message,
    evidence: { path: showPath(input.path), ...input.evidence },
    fix: { type: 'manual', text: input.fix },
    location: { file: document.file, line, column },
  };
}

/** A value as the user wrote it, for messages: strings quoted. */
export const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
