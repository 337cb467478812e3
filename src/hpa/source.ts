// Files the user names on the command line (a behavior, an HPA spec, a load series), read through the
// reader the CLI passes in so hpa/ stays free of I/O. Errors name the flag, the file and the position.
import { LineCounter, parseAllDocuments } from 'yaml';
import { usageError } from '../k8s/errors.ts';
import type { FieldError } from '../k8s/field-error.ts';
import type { HPABehavior } from '../k8s/types.ts';
import { positionOf, type YamlPath } from '../k8s/yaml-position.ts';
import { validateApigeeBehavior } from '../profiles/apigee-hpa.ts';
import { formatValuesPath } from '../profiles/values/model.ts';
import { behaviorFromDocument, findPreset, presetNames, type BehaviorPreset } from './presets.ts';
import { t } from '../i18n/index.ts';

/** Reads a file as text; throws like node:fs, with an error `code` such as ENOENT. */
export type ReadFile = (path: string) => string;

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && error.code !== undefined ? String(error.code) : String(error);
}

function cannotRead(path: string, flag: string, error: unknown) {
  return usageError(t('hpa.source.cannotRead', { flag, path, code: errorCode(error) }), t('hpa.source.cannotReadHint'));
}

export function readSource(path: string, flag: string, readFile: ReadFile): string {
  try {
    return readFile(path);
  } catch (error) {
    throw cannotRead(path, flag, error);
  }
}

/** Every document of a YAML (or JSON) text; a syntax error is a usage error at file:line:column. */
export function parseYamlSource(text: string, path: string, flag: string): unknown[] {
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [0, 0];
      throw usageError(`${flag}: ${path}:${line}:${column}: ${error.message.split('\n')[0]}`, t('hpa.source.fixSyntax'));
    }
  }
  try {
    // A few aliases are YAML; thousands are a "billion laughs" that would eat the memory.
    return documents.map((document) => document.toJS({ maxAliasCount: 100 }) as unknown);
  } catch (error) {
    throw usageError(`${flag}: ${path}: ${(error as Error).message}.`, t('hpa.source.tooManyAliases'));
  }
}

export interface BehaviorSourceOptions {
  /** The flag the text came from, named in errors: --behavior, --compare. */
  flag: string;
  readFile: ReadFile;
  /** The HPA's own behavior (null: none), offered as the name "current"; leave out where there is no HPA yet. */
  current?: HPABehavior | null;
  /** The target is Apigee hybrid's runtime HPA: a file must fit runtime.hpaBehavior's ranges as well. */
  apigeeRuntime?: boolean;
}

/** `PRESET|FILE` → a validated behavior: "current", a preset name, or a file holding one (first document). */
export function resolveBehaviorSource(text: string, options: BehaviorSourceOptions): BehaviorPreset {
  const hasCurrent = options.current !== undefined;
  if (hasCurrent && text === 'current')
    return { name: 'current', description: t('hpa.presets.current'), behavior: options.current ?? null };
  const preset = findPreset(text);
  if (preset) return preset;
  let source: string;
  try {
    source = options.readFile(text);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw cannotRead(text, options.flag, error);
    throw usageError(
      t('hpa.source.neither', { flag: options.flag, text }),
      t('hpa.source.neitherHint', { presets: (hasCurrent ? ['current', ...presetNames] : presetNames).join(', ') }),
    );
  }
  const [document] = parseYamlSource(source, text, options.flag);
  const loaded = behaviorFromDocument(document, text);
  if (options.apigeeRuntime && loaded.behavior) checkApigeeRanges(loaded.behavior, { source, document, path: text, flag: options.flag });
  return loaded;
}

/** Where behaviorFromDocument may have found the behavior, most specific first. */
const behaviorPrefixes: YamlPath[] = [['spec', 'behavior'], ['runtime', 'hpaBehavior'], ['hpaBehavior'], []];

function valueAt(document: unknown, path: YamlPath): unknown {
  return path.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    document,
  );
}

/** The file's path of a runtime.hpaBehavior error (…scaleUp.percent.value → …scaleUp.policies[i].value). */
function filePathOf(error: FieldError, behavior: HPABehavior, prefix: YamlPath): YamlPath {
  const [direction, key, field] = error.path.replace(/^runtime\.hpaBehavior\./, '').split('.') as [
    'scaleUp' | 'scaleDown',
    string,
    string?,
  ];
  if (key !== 'percent' && key !== 'pods') return [...prefix, direction, key];
  const index = (behavior[direction]?.policies ?? []).findIndex((policy) => policy.type === (key === 'percent' ? 'Percent' : 'Pods'));
  return index < 0 ? [...prefix, direction, 'policies'] : [...prefix, direction, 'policies', index, ...(field ? [field] : [])];
}

/** An HPA-shaped behavior for Apigee's runtime HPA: refused, at file:line:column, unless it fits runtime.hpaBehavior. */
function checkApigeeRanges(behavior: HPABehavior, file: { source: string; document: unknown; path: string; flag: string }): void {
  const errors = validateApigeeBehavior(behavior);
  if (!errors.length) return;
  const lineCounter = new LineCounter();
  const [doc] = parseAllDocuments(file.source, { lineCounter });
  const yaml = doc && 'contents' in doc ? { doc, lineCounter, text: file.source } : undefined;
  const prefix =
    behaviorPrefixes.find((keys) => {
      const found = valueAt(file.document, keys);
      return !!found && typeof found === 'object' && ('scaleUp' in found || 'scaleDown' in found);
    }) ?? [];
  const located = errors.map((error) => {
    // onePolicy's error is about the policy list itself (…scaleUp.percent), a range error about one of its fields.
    const count = /\.(percent|pods)$/.test(error.path);
    const path = count ? filePathOf(error, {}, prefix) : filePathOf(error, behavior, prefix);
    const at = yaml ? positionOf(yaml, path) : undefined;
    const where = at ? `${file.path}:${at.line}:${at.column}` : file.path;
    const type = error.path.endsWith('.percent') ? 'Percent' : 'Pods';
    const located = { where, path: formatValuesPath(path), field: error.path };
    if (count) return t('hpa.source.policyCount', { ...located, count: Number(error.value), type });
    return error.value === undefined
      ? t('hpa.source.unsetValue', { ...located, message: error.message })
      : t('hpa.source.badValue', { ...located, value: String(error.value), message: error.message });
  });
  throw usageError(t('hpa.source.apigeeRuntime', { flag: file.flag, errors: located.join('; ') }), t('hpa.source.apigeeRuntimeHint'));
}
