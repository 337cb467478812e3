// kubectl's -o jsonpath templates: text printed as it is, {expression}, {range expression}…{end} and {"literal"}.
// This file parses the template and spells each expression for jsonpath-plus, which evaluates it.
import { JSONPath } from 'jsonpath-plus';
import { t } from '../../i18n/index.ts';

export type TemplatePiece =
  | { type: 'text'; text: string }
  /** `source`: the expression as the user wrote it; `path`: as jsonpath-plus reads it. */
  | { type: 'value'; source: string; path: string }
  | { type: 'range'; source: string; path: string; body: TemplatePiece[] };

/** A template that does not parse; `position` is 0-based, into the template. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const quotes = new Set(['"', "'"]);
const closers: Record<string, string> = { '[': ']', '(': ')' };

/** The index of `stop` closing what opened before `start`, past quotes and nested brackets. */
function closingIndex(text: string, start: number, stop: '}' | ']'): number {
  const open: { char: string; at: number }[] = [];
  for (let i = start; i < text.length; i++) {
    const char = text[i]!;
    if (char === stop && !open.length) return i;
    if (quotes.has(char)) i = quoteEnd(text, i);
    else if (char in closers) open.push({ char, at: i });
    else if (char === ']' || char === ')') {
      const last = open.pop();
      if (!last) throw new TemplateSyntaxError(t('cli.jsonpath.closesNothing', { char }), i);
      if (closers[last.char] !== char) throw new TemplateSyntaxError(t('cli.jsonpath.neverClosed', { char: last.char }), last.at);
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) throw new TemplateSyntaxError(t('cli.jsonpath.neverClosed', { char: unclosed.char }), unclosed.at);
  throw new TemplateSyntaxError(t('cli.jsonpath.neverClosed', { char: stop === '}' ? '{' : '[' }), start - 1);
}

function quoteEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === text[start]) return i;
  }
  throw new TemplateSyntaxError(t('cli.jsonpath.quoteNeverClosed'), start);
}

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };

/** `{"\n"}` or `{'\t'}`: a string literal with Go's common escapes, as kubectl unquotes it. */
function literal(quoted: string, at: number): string {
  if (quoteEnd(quoted, 0) !== quoted.length - 1) throw new TemplateSyntaxError(t('cli.jsonpath.quotedString'), at);
  return quoted.slice(1, -1).replaceAll(/\\(.)/gs, (_, char: string, offset: number) => {
    const unescaped = escapes[char];
    if (unescaped === undefined) throw new TemplateSyntaxError(t('cli.jsonpath.notEscape', { escape: `\\${char}` }), at + 1 + offset);
    return unescaped;
  });
}

/** One field name for jsonpath-plus: dot notation where it reads it so, brackets otherwise (`kubernetes\.io/name`). */
function field(name: string, at: number): string {
  if (name === '*' || /^[A-Za-z_][\w-]*$/.test(name)) return name;
  if (/['\]]/.test(name)) throw new TemplateSyntaxError(t('cli.jsonpath.fieldName', { name }), at);
  return `['${name}']`;
}

/** Runs `parse` over a part of the template, its errors' positions moved by `offset` to the template's. */
function shifted<T>(offset: number, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw new TemplateSyntaxError(error.message, error.position + offset);
    throw error;
  }
}

/** jsonpath-plus reads a filter when it first meets an element: try it on one, so its syntax errors come now. */
function checkFilter(bracket: string, at: number): void {
  try {
    JSONPath({ path: `$${bracket}`, json: [{}], wrap: true, eval: 'safe', ignoreEvalErrors: true });
  } catch (error) {
    throw new TemplateSyntaxError(
      t('cli.jsonpath.filter', { filter: bracket, reason: (error as Error).message.replace(/^jsonPath: /, '') }),
      at,
    );
  }
}

/**
 * kubectl's expression (`.items[*].metadata.name`, `@.name`, `..name`, `.labels.app\.kubernetes\.io/name`) as
 * jsonpath-plus's path from `$`, the current object. Brackets (indexes, slices, unions, filters) pass unchanged.
 */
export function toJsonPathPlus(expression: string, at = 0): string {
  let i = expression.startsWith('@') || expression.startsWith('$') ? 1 : 0;
  let path = '$';
  while (i < expression.length) {
    const char = expression[i]!;
    if (char === '[') {
      const end = shifted(at, () => closingIndex(expression, i + 1, ']')) + 1;
      const bracket = expression.slice(i, end);
      if (bracket.startsWith('[?')) checkFilter(bracket, at + i);
      path += bracket;
      i = end;
      continue;
    }
    if (char !== '.') throw new TemplateSyntaxError(t('cli.jsonpath.unexpected', { char }), at + i);
    const descend = expression.startsWith('..', i);
    i += descend ? 2 : 1;
    const start = i;
    let name = '';
    while (i < expression.length && expression[i] !== '.' && expression[i] !== '[') {
      if (expression[i] === '\\' && expression[i + 1] === '.') i++;
      name += expression[i];
      i++;
    }
    const spelled = name ? field(name, at + start) : '';
    path += descend ? `..${spelled}` : spelled.startsWith('[') || !spelled ? spelled : `.${spelled}`;
    if (!name && !descend && i < expression.length && expression[i] !== '[')
      throw new TemplateSyntaxError(t('cli.jsonpath.fieldMissing'), at + start);
  }
  return path;
}

/** Parses a kubectl JSONPath template; every syntax error names its position. */
export function parseJsonPathTemplate(template: string): TemplatePiece[] {
  const root: TemplatePiece[] = [];
  const ranges: { body: TemplatePiece[]; at: number }[] = [];
  const current = () => ranges.at(-1)?.body ?? root;
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0 || open > i) current().push({ type: 'text', text: template.slice(i, open < 0 ? undefined : open) });
    if (open < 0) break;
    const close = closingIndex(template, open + 1, '}');
    const raw = template.slice(open + 1, close);
    const inner = raw.trim();
    const at = open + 1 + (raw.length - raw.trimStart().length);
    i = close + 1;
    if (!inner) throw new TemplateSyntaxError(t('cli.jsonpath.empty'), open);
    if (inner === 'end') {
      if (!ranges.pop()) throw new TemplateSyntaxError(t('cli.jsonpath.endWithoutRange'), open);
    } else if (/^range(\s|$)/.test(inner)) {
      const source = inner.slice('range'.length).trim();
      if (!source) throw new TemplateSyntaxError(t('cli.jsonpath.rangeWithoutExpression'), open);
      const body: TemplatePiece[] = [];
      current().push({ type: 'range', source, path: toJsonPathPlus(source, at + inner.indexOf(source)), body });
      ranges.push({ body, at: open });
    } else if (quotes.has(inner[0]!)) {
      current().push({ type: 'text', text: literal(inner, at) });
    } else if (/^[.[@$]/.test(inner)) {
      current().push({ type: 'value', source: inner, path: toJsonPathPlus(inner, at) });
    } else {
      throw new TemplateSyntaxError(t('cli.jsonpath.notExpression', { expression: inner }), at);
    }
  }
  const unended = ranges.at(-1);
  if (unended) throw new TemplateSyntaxError(t('cli.jsonpath.rangeWithoutEnd'), unended.at);
  return root;
}

/** An expression that parses but that jsonpath-plus cannot evaluate (a filter's syntax, checked when first used). */
export class TemplateEvaluationError extends Error {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Every match of `path` under `current`; a missing field matches nothing, as with kubectl's default --allow-missing-template-keys. */
function matches(piece: { source: string; path: string }, current: unknown): unknown[] {
  if (piece.path === '$') return [current];
  if (current === null || typeof current !== 'object') return [];
  try {
    // A filter over an element that lacks the field is false, as in kubectl, not an error.
    return JSONPath({ path: piece.path, json: current, wrap: true, eval: 'safe', ignoreEvalErrors: true }) as unknown[];
  } catch (error) {
    throw new TemplateEvaluationError(piece.source, (error as Error).message);
  }
}

/** kubectl prints strings bare, objects and arrays as compact JSON, several matches separated by a space. */
function printed(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function evaluate(pieces: readonly TemplatePiece[], current: unknown): string {
  let out = '';
  for (const piece of pieces) {
    if (piece.type === 'text') out += piece.text;
    else if (piece.type === 'value') out += matches(piece, current).map(printed).join(' ');
    else for (const item of matches(piece, current)) out += evaluate(piece.body, item);
  }
  return out;
}

/** The template over `data` as its JSON reads it (what -o json prints: no undefined fields, dates as strings). */
export function renderJsonPath(pieces: readonly TemplatePiece[], data: unknown): string {
  return evaluate(pieces, data === undefined ? undefined : JSON.parse(JSON.stringify(data)));
}
