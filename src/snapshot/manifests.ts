// Manifest files (doctor -f, helm template output) → Kubernetes objects, each with where it starts in its file.
// Pure: the caller reads the files. A document with neither apiVersion nor kind is a values file's.
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { usageError, type UserError } from '../k8s/errors.ts';
import type { KubeObject } from '../k8s/types.ts';
import { listText, t } from '../i18n/index.ts';

/** Where an object starts: 1-based, as editors and SARIF count. */
export interface ObjectLocation {
  file: string;
  line: number;
  column: number;
}

export interface LocatedObject {
  object: KubeObject;
  location: ObjectLocation;
}

/**
 * One file's contents: Kubernetes objects (Lists flattened), a values file (plain mappings), or text that is not YAML
 * (a values file with the guides' indentation trap is checked as values: the caller decides).
 */
export type ManifestFile =
  | { type: 'objects'; file: string; objects: LocatedObject[] }
  | { type: 'values'; file: string; text: string }
  | { type: 'invalid'; file: string; text: string; error: UserError };

export interface ManifestSource {
  /** The path as the user gave it (or "-" for stdin); locations name it. */
  file: string;
  text: string;
  /** The flag the file came from, named in errors. */
  flag: string;
  /** helm template output: a `# Source: chart/templates/x.yaml` comment locates each object in the chart (see sourcePath). */
  sourcePath?: ((source: string) => string) | undefined;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The `# Source: …` comment helm template writes before each document. */
function helmSource(document: Document): string | undefined {
  const comments = [document.commentBefore, document.contents?.commentBefore].filter(Boolean).join('\n');
  return /^\s*Source: (.+)$/m.exec(comments)?.[1]?.trim();
}

/** Every document of the file, classified; a document that is neither kind is a usage error at file:line:column. */
export function parseManifests(source: ManifestSource): ManifestFile {
  const { file, text, flag } = source;
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  const position = (offset: number) => lineCounter.linePos(offset);
  const at = (offset: number) => {
    const { line, col } = position(offset);
    return `${file}:${line}:${col}`;
  };
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [0, 0];
      const message = `${flag}: ${file}:${line}:${column}: ${error.message.split('\n')[0]}`;
      return { type: 'invalid', file, text, error: usageError(message, t('snapshot.manifests.fixSyntax')) };
    }
  }
  const objects: LocatedObject[] = [];
  let values = 0;
  for (const document of documents) {
    const contents = document.contents as YamlNode | null;
    let data: unknown;
    try {
      // A few aliases are YAML; thousands are a "billion laughs" that would eat the memory.
      data = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw usageError(`${flag}: ${file}: ${(error as Error).message}.`, t('snapshot.manifests.tooManyAliases'));
    }
    if (data === null || data === undefined || !contents) continue;
    const offset = contents.range?.[0] ?? 0;
    const record = asRecord(data);
    if (!record || !isMap(contents)) {
      throw usageError(t('snapshot.manifests.notMapping', { flag, at: at(offset) }), t('snapshot.manifests.notMappingHint'));
    }
    if (record.apiVersion === undefined && record.kind === undefined) {
      values++;
      continue;
    }
    const sourceFile = source.sourcePath && helmSource(document);
    const locate = (node: YamlNode | undefined): ObjectLocation => {
      if (sourceFile && source.sourcePath) return { file: source.sourcePath(sourceFile), line: 1, column: 1 };
      const { line, col } = position(node?.range?.[0] ?? offset);
      return { file, line, column: col };
    };
    const items = contents.get('items', true);
    if (typeof record.kind === 'string' && record.kind.endsWith('List') && Array.isArray(record.items) && isSeq(items)) {
      for (const [i, item] of record.items.entries()) objects.push(checkedObject(item, locate(items.items[i] as YamlNode), flag));
    } else {
      objects.push(checkedObject(record, locate(contents), flag));
    }
  }
  if (values && objects.length) {
    throw usageError(t('snapshot.manifests.mixed', { flag, file }), t('snapshot.manifests.mixedHint'));
  }
  return values ? { type: 'values', file, text } : { type: 'objects', file, objects };
}

/** An object needs apiVersion, kind and metadata.name for the checks to know it. */
function checkedObject(value: unknown, location: ObjectLocation, flag: string): LocatedObject {
  const object = asRecord(value);
  const where = `${location.file}:${location.line}:${location.column}`;
  const missing = ['apiVersion', 'kind'].filter((key) => typeof object?.[key] !== 'string');
  if (!object || missing.length) {
    throw usageError(
      missing.length
        ? t('snapshot.manifests.noFields', { flag, where, fields: listText(missing) })
        : t('snapshot.manifests.notObject', { flag, where }),
      t('snapshot.manifests.noFieldsHint'),
    );
  }
  if (typeof asRecord(object.metadata)?.name !== 'string') {
    throw usageError(t('snapshot.manifests.noName', { flag, where, kind: String(object.kind) }), t('snapshot.manifests.noNameHint'));
  }
  return { object: object as unknown as KubeObject, location };
}
