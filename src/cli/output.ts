// Rendering for every command: tables, json, yaml, colour (off for NO_COLOR or a non-TTY).
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
}

export function colorEnabled(stream: Writer, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

const ansi = /\u001b\[[0-9;]*m/g;
const visibleLength = (text: string) => text.replace(ansi, '').length;

/** kubectl-style table: upper-case headers, columns padded by three spaces. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => visibleLength(row[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell) + 3)))
      .join('')
      .trimEnd();
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
