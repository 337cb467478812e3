// Rendering for every command: tables, json, yaml, kubectl's jsonpath templates (the streams themselves: terminal.ts).
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { t } from '../i18n/index.ts';
import { visibleWidth } from '../i18n/width.ts';
import { usageError } from '../k8s/errors.ts';
import { type Writer, wrapWidth } from './terminal.ts';
import {
  parseJsonPathTemplate,
  renderJsonPath,
  TemplateEvaluationError,
  TemplateSyntaxError,
  type TemplatePiece,
} from './render/jsonpath.ts';

/** `-o jsonpath=TEMPLATE` (or `jsonpath-file=FILE`), parsed: what render/jsonpath.ts evaluates. */
export interface JsonPathFormat {
  kind: 'jsonpath';
  template: string;
  pieces: TemplatePiece[];
}

/** What every command prints besides its table: a document, or kubectl's JSONPath template over that document. */
export type DataFormat = 'json' | 'yaml' | JsonPathFormat;
export type OutputFormat = 'table' | DataFormat;
export const outputFormats = ['table', 'json', 'yaml'] as const;

/** kubectl's JSONPath syntax in one line, for the hints. */
const templateSyntax = () =>
  t('cli.output.templateSyntaxText', { example: '{.field}, {.list[*].field}, {range .list[*]}{.field}{"\\n"}{end}' });

/** kubectl's Go-template formats, which we name so the error can point at jsonpath. */
const goTemplates = ['go-template', 'go-template-file', 'template', 'templatefile'];

export interface OutputFormatOptions {
  /** The command's own formats, which the caller parses, named in the error for an unknown one. */
  others?: readonly string[];
  /** The command, when its formats differ from every command's. */
  command?: string;
  readFile?: (path: string) => string;
}

/** -o as kubectl spells it; every error is a usage error naming what would do. */
export function parseOutputFormat(value: string | undefined, options: OutputFormatOptions = {}): OutputFormat {
  const { others = [], command, readFile = readTemplateFile } = options;
  // kubectl users write -o=json; commander hands a short option's "=json" over as it is.
  const text = (value ?? 'table').replace(/^=/, '');
  const [name, template] = text.includes('=') ? [text.slice(0, text.indexOf('=')), text.slice(text.indexOf('=') + 1)] : [text, undefined];
  if (name === 'jsonpath') return jsonPathFormat(template, '-o jsonpath');
  if (name === 'jsonpath-file') {
    if (!template) throw usageError(t('cli.output.jsonPathFileMissing'));
    return jsonPathFormat(readFile(template), `-o jsonpath-file=${template}`);
  }
  if (goTemplates.includes(name))
    throw usageError(t('cli.output.goTemplate', { name }), t('cli.output.goTemplateHint', { syntax: templateSyntax() }));
  if (template !== undefined || !(outputFormats as readonly string[]).includes(text)) {
    const names = [...outputFormats, 'jsonpath=TEMPLATE', 'jsonpath-file=FILE', ...others];
    throw usageError(
      command ? t('cli.output.unknownFormatFor', { value, command }) : t('cli.output.unknownFormat', { value }),
      t('cli.output.unknownFormatHint', { names: names.slice(0, -1).join(', '), last: names.at(-1) }),
    );
  }
  return text as OutputFormat;
}

function jsonPathFormat(template: string | undefined, flag: string): JsonPathFormat {
  if (!template) throw usageError(t('cli.output.emptyTemplate', { flag }), t('cli.output.emptyTemplateHint', { syntax: templateSyntax() }));
  try {
    return { kind: 'jsonpath', template, pieces: parseJsonPathTemplate(template) };
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    const shown = template.length > 80 ? `${template.slice(0, 77)}...` : template;
    throw usageError(
      t('cli.output.templateSyntax', {
        flag,
        position: error.position + 1,
        message: error.message,
        shown,
        caret: `${' '.repeat(Math.min(error.position, 79))}^`,
      }),
      t('cli.output.templateSyntaxHint', { syntax: templateSyntax() }),
    );
  }
}

function readTemplateFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw usageError(
      t('cli.output.templateFileUnreadable', { path, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }),
    );
  }
}

type WrapAnsi = typeof import('wrap-ansi').default;
let wrapAnsi: WrapAnsi | undefined;

/**
 * The width to wrap at (terminal.ts wrapWidth), with the wrapper loaded when there is one: wrap-ansi builds an
 * Intl.Segmenter as it loads (~25 ms), which a pipe, a file or CI never needs.
 */
export async function terminalWidth(stream: Writer): Promise<number | undefined> {
  const width = wrapWidth(stream);
  if (width !== undefined) wrapAnsi ??= (await import('wrap-ansi')).default;
  return width;
}

/**
 * `prefix` then `text`, the text wrapped at word boundaries (colours kept) so each line fits `width` and continues
 * under the text's first column. Without a width, or with too little room, one line as before.
 */
export function hangingWrap(prefix: string, text: string, width: number | undefined): string {
  const indent = visibleWidth(prefix);
  const room = width ? width - indent : 0;
  if (!wrapAnsi || room < 20 || visibleWidth(text) <= room) return (prefix + text).trimEnd();
  const [first, ...more] = wrapAnsi(text, room, { hard: true, trim: true }).split('\n');
  return [prefix + first, ...more.map((line) => ' '.repeat(indent) + line)].join('\n');
}

/** kubectl-style table: upper-case headers, columns padded by three spaces; a long last cell wraps under itself. */
export function renderTable(headers: string[], rows: string[][], width?: number): string {
  const widths = headers.map((header, i) => Math.max(visibleWidth(header), ...rows.map((row) => visibleWidth(row[i] ?? ''))));
  const line = (cells: string[]) =>
    hangingWrap(
      cells
        .slice(0, -1)
        .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - visibleWidth(cell) + 3))
        .join(''),
      cells.at(-1) ?? '',
      width,
    );
  return [line(headers.map((h) => h.toUpperCase())), ...rows.map(line)].join('\n') + '\n';
}

/**
 * Writes JSON like JSON.stringify(data, null, 2) but one array element at a time, so a report with
 * tens of thousands of findings never exists as one giant string.
 */
export function writeJson(writer: Writer, data: unknown, indent = ''): void {
  const inner = indent + '  ';
  if (Array.isArray(data) && data.length > 0) {
    writer.write('[\n');
    data.forEach((item, i) => {
      writer.write(inner);
      writeJson(writer, item, inner);
      writer.write(i < data.length - 1 ? ',\n' : '\n');
    });
    writer.write(`${indent}]`);
  } else if (data !== null && typeof data === 'object' && !Array.isArray(data) && indent === '') {
    const entries = Object.entries(data).filter(([, value]) => value !== undefined);
    writer.write('{\n');
    entries.forEach(([key, value], i) => {
      writer.write(`${inner}${JSON.stringify(key)}: `);
      writeJson(writer, value, inner);
      writer.write(i < entries.length - 1 ? ',\n' : '\n');
    });
    writer.write('}');
  } else {
    writer.write(JSON.stringify(data, null, 2).replaceAll('\n', `\n${indent}`));
  }
  if (indent === '') writer.write('\n');
}

export function renderData(format: DataFormat, data: unknown): string {
  if (typeof format === 'object') return renderTemplate(format, data);
  return format === 'json' ? JSON.stringify(data, null, 2) + '\n' : stringify(data, { lineWidth: 0 });
}

/**
 * One change of a -w stream, as kubectl get -w prints them: a JSON line, a YAML document, or the template applied to
 * the changed object itself.
 */
export function renderChange(format: DataFormat, data: unknown): string {
  if (format === 'json') return `${JSON.stringify(data)}\n`;
  return format === 'yaml' ? `---\n${renderData('yaml', data)}` : renderData(format, data);
}

/** A template over the command's -o json document; an expression jsonpath-plus cannot evaluate is a usage error. */
function renderTemplate(format: JsonPathFormat, data: unknown): string {
  try {
    return renderJsonPath(format.pieces, data);
  } catch (error) {
    if (!(error instanceof TemplateEvaluationError)) throw error;
    throw usageError(
      t('cli.output.templateEvaluation', { expression: `{${error.source}}`, message: error.message }),
      t('cli.output.templateEvaluationHint', { template: format.template }),
    );
  }
}
