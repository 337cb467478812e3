// Rendering for every command: tables, json, yaml, colour (off for NO_COLOR or a non-TTY).
import wrapAnsi from 'wrap-ansi';
import { stringify } from 'yaml';
import { usageError } from '../k8s/errors.ts';

export type OutputFormat = 'table' | 'json' | 'yaml';
export const outputFormats: readonly OutputFormat[] = ['table', 'json', 'yaml'];

export function parseOutputFormat(value: string | undefined): OutputFormat {
  const format = (value ?? 'table') as OutputFormat;
  if (!outputFormats.includes(format)) throw usageError(`Unknown output format "${value}".`, 'Use -o table, -o json or -o yaml.');
  return format;
}

export interface Writer {
  write(text: string): void;
  isTTY?: boolean;
  /** The terminal's width, when it is one. */
  columns?: number | undefined;
}

/** The width to wrap long lines at: a terminal's; none for a pipe or file, where one record stays one line for grep. */
export function wrapWidth(stream: Writer): number | undefined {
  return stream.isTTY && stream.columns && stream.columns >= 40 ? stream.columns : undefined;
}

/**
 * `prefix` then `text`, the text wrapped at word boundaries (colours kept) so each line fits `width` and continues
 * under the text's first column. Without a width, or with too little room, one line as before.
 */
export function hangingWrap(prefix: string, text: string, width: number | undefined): string {
  const indent = visibleLength(prefix);
  const room = width ? width - indent : 0;
  if (room < 20 || visibleLength(text) <= room) return (prefix + text).trimEnd();
  const [first, ...more] = wrapAnsi(text, room, { hard: true, trim: true }).split('\n');
  return [prefix + first, ...more.map((line) => ' '.repeat(indent) + line)].join('\n');
}

export function colorEnabled(stream: Writer, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

const ansi = /\u001b\[[0-9;]*m/g;
const visibleLength = (text: string) => text.replace(ansi, '').length;

/** kubectl-style table: upper-case headers, columns padded by three spaces; a long last cell wraps under itself. */
export function renderTable(headers: string[], rows: string[][], width?: number): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => visibleLength(row[i] ?? ''))));
  const line = (cells: string[]) =>
    hangingWrap(
      cells
        .slice(0, -1)
        .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell) + 3))
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

export function renderData(format: 'json' | 'yaml', data: unknown): string {
  return format === 'json' ? JSON.stringify(data, null, 2) + '\n' : stringify(data, { lineWidth: 0 });
}
