// Files the user names on the command line (a behavior, an HPA spec, a load series), read through the
// reader the CLI passes in so hpa/ stays free of I/O. Errors name the flag, the file and the position.
import { parseAllDocuments } from 'yaml';
import { usageError } from '../k8s/errors.ts';
import type { HPABehavior } from '../k8s/types.ts';
import { behaviorFromDocument, findPreset, presetNames, type BehaviorPreset } from './presets.ts';

/** Reads a file as text; throws like node:fs, with an error `code` such as ENOENT. */
export type ReadFile = (path: string) => string;

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && error.code !== undefined ? String(error.code) : String(error);
}

function cannotRead(path: string, flag: string, error: unknown) {
  return usageError(`${flag}: cannot read "${path}": ${errorCode(error)}.`, 'Check the path; it is relative to the current directory.');
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
      throw usageError(
        `${flag}: ${path}:${line}:${column}: ${error.message.split('\n')[0]}`,
        'Fix the YAML (or JSON) syntax at that position.',
      );
    }
  }
  try {
    // A few aliases are YAML; thousands are a "billion laughs" that would eat the memory.
    return documents.map((document) => document.toJS({ maxAliasCount: 100 }) as unknown);
  } catch (error) {
    throw usageError(`${flag}: ${path}: ${(error as Error).message}.`, 'Write the values out instead of through many YAML aliases.');
  }
}

export interface BehaviorSourceOptions {
  /** The flag the text came from, named in errors: --behavior, --compare. */
  flag: string;
  readFile: ReadFile;
  /** The HPA's own behavior (null: none), offered as the name "current"; leave out where there is no HPA yet. */
  current?: HPABehavior | null;
}

/** `PRESET|FILE` → a validated behavior: "current", a preset name, or a file holding one (first document). */
export function resolveBehaviorSource(text: string, options: BehaviorSourceOptions): BehaviorPreset {
  const hasCurrent = options.current !== undefined;
  if (hasCurrent && text === 'current')
    return { name: 'current', description: "the HPA's own behavior", behavior: options.current ?? null };
  const preset = findPreset(text);
  if (preset) return preset;
  let source: string;
  try {
    source = options.readFile(text);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw cannotRead(text, options.flag, error);
    throw usageError(
      `${options.flag}: "${text}" is neither a preset nor a file.`,
      `Presets: ${hasCurrent ? 'current, ' : ''}${presetNames.join(', ')}; or a YAML/JSON file with scaleUp/scaleDown (an HPA, or overrides.yaml's runtime.hpaBehavior).`,
    );
  }
  const [document] = parseYamlSource(source, text, options.flag);
  return behaviorFromDocument(document, text);
}
