// Values files checked as values (doctor -f overrides.yaml, doctor --chart … -f values.yaml): Apigee overrides and
// Wallarm chart values, every finding at file:line:column. Pure: the caller reads the file.
import { isMap, isScalar, isSeq, YAMLParseError, type Node } from 'yaml';
import { parsePositioned, yamlSyntaxErrors, type YamlPath } from '../k8s/yaml-position.ts';
import { apigeeOverridesScore } from '../profiles/apigee-overrides.ts';
import { isValuesMap } from '../profiles/values/model.ts';
import { wallarmValuesScore } from '../profiles/wallarm-values.ts';
import type { CheckInfo, Finding } from './finding.ts';
import { apigeeValuesChecks } from './values-apigee.ts';
import { showPath, valuesFileKind, valuesFinding, type ValuesCheck, type ValuesDocument, type ValuesVendor } from './values-document.ts';
import { hasSidecarAnnotations, wallarmValuesChecks } from './values-wallarm.ts';
import { withText } from './check-text.ts';
import { t } from '../i18n/index.ts';
import { byCodePoint } from '../k8s/order.ts';

export type { ValuesVendor } from './values-document.ts';

export interface ValuesFileInput {
  /** The path as the user gave it; findings name it. */
  file: string;
  text: string;
  /** Known from the chart (doctor --chart); otherwise told from the file's keys. */
  vendor?: ValuesVendor;
  /** The chart's version when known (doctor --chart): some keys are ignored by some versions. */
  chartVersion?: string;
}

export const yamlSyntaxCheck = withText<CheckInfo>({
  id: 'VAL001',
  category: 'resources',
});

const resourceLists = ['requests', 'limits'];

export const resourcesNestingCheck = withText<ValuesCheck>({
  id: 'VAL002',
  vendor: 'any',
  category: 'resources',
  run(document) {
    const findings: Finding[] = [];
    const visit = (value: unknown, path: YamlPath) => {
      if (Array.isArray(value)) for (const [index, item] of value.entries()) visit(item, [...path, index]);
      if (!isValuesMap(value)) return;
      const key = path[path.length - 1];
      if (path[path.length - 2] === 'resources' && typeof key === 'string' && resourceLists.includes(key))
        for (const inner of resourceLists.filter((k) => k in value)) {
          const innerPath = [...path, inner];
          findings.push(
            valuesFinding(this, document, {
              severity: 'error',
              path: innerPath,
              message: t('valuesFile.nested', { path: showPath(innerPath), key, inner }),
              fix: t('valuesFile.nestedFix', { key, inner, result: showPath([...path.slice(0, -1), inner]) }),
            }),
          );
        }
      for (const [child, inner] of Object.entries(value)) visit(inner, [...path, child]);
    };
    visit(document.values, []);
    return findings;
  },
});

export const unrecognisedValuesCheck = withText<CheckInfo>({
  id: 'VAL003',
  category: 'hpa',
});

export const valuesChecks: readonly ValuesCheck[] = [resourcesNestingCheck, ...apigeeValuesChecks, ...wallarmValuesChecks];

/** Every values check's id and explanation, in report order (doctor --explain, --list-checks, docs/checks.md). */
export const valuesCheckInfos: readonly CheckInfo[] = [
  yamlSyntaxCheck,
  resourcesNestingCheck,
  unrecognisedValuesCheck,
  ...apigeeValuesChecks,
  ...wallarmValuesChecks,
];

/** The vendor the file's keys point at; undefined when neither or both equally. */
export function valuesVendorOf(document: Pick<ValuesDocument, 'values'> & Partial<ValuesDocument>): ValuesVendor | undefined {
  const apigee = apigeeOverridesScore(document.values);
  const wallarm = wallarmValuesScore(document.values) + (document.doc && hasSidecarAnnotations(document as ValuesDocument) ? 1 : 0);
  if (apigee === wallarm) return undefined;
  return apigee > wallarm ? 'apigee' : 'wallarm';
}

function syntaxFindings(input: ValuesFileInput, document: ValuesDocument): Finding[] {
  return yamlSyntaxErrors(document).map((error) => {
    const line = document.text.split(/\r?\n/)[error.line - 1] ?? '';
    return {
      id: yamlSyntaxCheck.id,
      severity: 'error' as const,
      kind: valuesFileKind,
      namespace: '',
      name: input.file,
      message: `${error.message} (${error.code}).`,
      evidence: { line: line.trimEnd() },
      fix: {
        type: 'manual' as const,
        text: indentationHint(document, error.line) ?? t('valuesFile.syntaxFix', { line: error.line, column: error.column }),
      },
      location: { file: input.file, line: error.line, column: error.column },
    };
  });
}

/** For a key indented between two levels: the sibling it most likely belongs beside. */
function indentationHint(document: ValuesDocument, lineNumber: number): string | undefined {
  const lines = document.text.split(/\r?\n/);
  const indent = (text: string) => text.length - text.trimStart().length;
  const bad = lines[lineNumber - 1];
  if (!bad?.trim()) return undefined;
  const column = indent(bad);
  for (let i = lineNumber - 2; i >= 0; i--) {
    const candidate = lines[i]!;
    if (!candidate.trim() || candidate.trimStart().startsWith('#')) continue;
    if (indent(candidate) < column && /^\s*[^\s#][^:]*:\s*$/.test(candidate)) {
      const key = bad.trim().split(':')[0];
      return t('valuesFile.indentFix', {
        key,
        line: lineNumber,
        column: indent(candidate) + 1,
        sibling: candidate.trim(),
        siblingLine: i + 1,
      });
    }
  }
  return undefined;
}

/** The top level must be a map for helm. */
function topLevelProblem(document: ValuesDocument): string | undefined {
  const contents = document.doc.contents as Node | null;
  if (contents === null || isMap(contents)) return undefined;
  return t(isSeq(contents) ? 'valuesFile.shape.list' : isScalar(contents) ? 'valuesFile.shape.scalar' : 'valuesFile.shape.other');
}

/** The findings of one values file, each with its location. */
export function checkValuesFile(input: ValuesFileInput): Finding[] {
  const positioned = parsePositioned(input.text);
  let plain: unknown;
  try {
    plain = positioned.doc.errors.length ? undefined : positioned.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Thousands of aliases (a "billion laughs") would eat the memory: report it like a syntax error.
    positioned.doc.errors.push(new YAMLParseError([0, 1], 'BAD_ALIAS', (error as Error).message));
  }
  const document: ValuesDocument = {
    ...positioned,
    file: input.file,
    values: isValuesMap(plain) ? plain : {},
    chartVersion: input.chartVersion,
  };
  if (positioned.doc.errors.length) return syntaxFindings(input, document);
  const shape = topLevelProblem(document);
  if (shape)
    return [
      {
        id: yamlSyntaxCheck.id,
        severity: 'error',
        kind: valuesFileKind,
        namespace: '',
        name: input.file,
        message: t('valuesFile.notMap', { shape }),
        evidence: {},
        fix: { type: 'manual', text: t('valuesFile.notMapFix') },
        location: { file: input.file, line: 1, column: 1 },
      },
    ];
  const vendor = input.vendor ?? valuesVendorOf(document);
  const findings = valuesChecks
    .filter((check) => check.vendor === 'any' || check.vendor === vendor)
    .flatMap((check) => check.run(document));
  if (!vendor)
    findings.push(
      valuesFinding(unrecognisedValuesCheck, document, {
        severity: 'info',
        path: [],
        message: t('valuesFile.unrecognised'),
        fix: t('valuesFile.unrecognisedFix'),
      }),
    );
  return findings.sort((a, b) => a.location!.line - b.location!.line || a.location!.column - b.location!.column || byCodePoint(a.id, b.id));
}
