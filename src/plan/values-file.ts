// Editing the user's own values or overrides file: the text is changed only where an edit lands (a
// scalar replaced in place, new keys appended at the end of their map in the file's indentation), so
// comments, key order and formatting survive. The yaml Document API locates the nodes and computes the
// expected result independently (setIn/deleteIn); the edited text must parse to exactly that.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  stringify,
  visit,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { usageError } from '../k8s/errors.ts';
import { formatValuesPath, isValuesMap, valueAtPath, type Values, type ValuesEdit, type ValuesPath } from '../profiles/values/model.ts';
import { deepEqual } from './patch.ts';
import type { ValuesFileChange } from './types.ts';
import { valuesSummary } from './values.ts';
import { t } from '../i18n/index.ts';

type Parsed = Document.Parsed;
interface Style {
  eol: string;
  indent: number;
  indentSeq: boolean;
}

/** Parses a values file; invalid YAML is a usage error at path:line:column with the parser's message. */
export function parseValuesFile(path: string, text: string): { doc: Parsed; values: Values } {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) {
    const { line, col } = error.linePos?.[0] ?? { line: 0, col: 0 };
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const source = text.split(/\r?\n/)[line - 1];
    throw usageError(
      `${path}:${line}:${col}: ${message}`,
      source === undefined ? t('plan.valuesFile.fixYaml') : t('plan.valuesFile.fixYamlAtLine', { line, source: JSON.stringify(source) }),
    );
  }
  if (doc.contents !== null && !isMap(doc.contents))
    throw usageError(
      t(isSeq(doc.contents) ? 'plan.valuesFile.topLevelList' : 'plan.valuesFile.topLevelScalar', { path }),
      t('plan.valuesFile.topLevelHint'),
    );
  const values = doc.toJS() as unknown;
  return { doc, values: isValuesMap(values) ? values : {} };
}

const lineStart = (text: string, pos: number) => text.lastIndexOf('\n', pos - 1) + 1;
const column = (text: string, pos: number) => pos - lineStart(text, pos);
/** The start of the next line after `pos` (text.length at the end). */
function nextLine(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const end = text.indexOf('\n', pos);
  return end < 0 ? text.length : end + 1;
}
const keyText = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
const isEmptyScalar = (node: unknown): node is Scalar => isScalar(node) && node.value === null;
const rangeOf = (node: unknown) => (node as Node).range!;

function styleOf(doc: Parsed, text: string): Style {
  const style: Partial<Style> = { eol: text.includes('\r\n') ? '\r\n' : '\n' };
  visit(doc, {
    Pair(_, pair) {
      const key = rangeOf(pair.key);
      const value = pair.value as Node | null;
      if (isMap(value) && !value.flow && value.items[0] && style.indent === undefined)
        style.indent = column(text, rangeOf(value.items[0].key)[0]) - column(text, key[0]);
      if (isSeq(value) && !value.flow && style.indentSeq === undefined)
        style.indentSeq = column(text, rangeOf(value)[0]) > column(text, key[0]);
    },
  });
  return { eol: style.eol!, indent: style.indent && style.indent > 0 ? style.indent : 2, indentSeq: style.indentSeq ?? true };
}

function renderBlock(value: Values, indent: number, style: Style): string {
  const text = stringify(value, { indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `${' '.repeat(indent)}${line}${style.eol}`)
    .join('');
}

function renderInline(value: unknown, old?: Node | null): string | undefined {
  if (isValuesMap(value) && !Object.keys(value).length) return '{}';
  if (Array.isArray(value) && !value.length) return '[]';
  if (typeof value === 'object' && value !== null) return undefined;
  const quoted = isScalar(old) && (old.type === 'QUOTE_DOUBLE' || old.type === 'QUOTE_SINGLE') && typeof value === 'string';
  const text = stringify(value, quoted ? { defaultStringType: old.type as 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' } : {}).trimEnd();
  return text.includes('\n') ? undefined : text;
}

/** Builds { a: { b: value } } from a path of keys; a list step in a missing part cannot be created. */
function nest(rest: ValuesPath, value: unknown, fail: () => never): Values {
  let result = value;
  for (const segment of [...rest].reverse()) {
    if (typeof segment !== 'string') fail();
    result = { [segment]: result };
  }
  return result as Values;
}

/** The position just after the `:` that ends a pair's key. */
function afterColon(text: string, pair: Pair): number {
  return text.indexOf(':', rangeOf(pair.key)[1]) + 1;
}

/** Where the map's last entry ends: new keys go there. */
const mapEnd = (text: string, map: YAMLMap) => nextLine(text, rangeOf(map)[1]);

class FileEdit {
  private readonly referenced = new Set<string>();
  constructor(
    private readonly path: string,
    private text: string,
    private readonly doc: Parsed,
    private readonly style: Style,
  ) {
    visit(doc, { Alias: (_, alias) => void this.referenced.add(alias.source) });
  }

  private refuse(message: string, hint = t('plan.valuesFile.refuseHint')): never {
    throw usageError(`${this.path}: ${message}`, hint);
  }

  private checkOwnAnchor(node: Node, at: ValuesPath): void {
    if (node.anchor && this.referenced.has(node.anchor))
      this.refuse(t('plan.valuesFile.anchor', { at: formatValuesPath(at), anchor: `&${node.anchor}` }));
  }

  /** Replacing or removing a subtree must not drop an anchor an alias still uses. */
  private checkAnchors(node: unknown, at: ValuesPath): void {
    visit(node as Node, {
      Node: (_, n) => {
        if (n.anchor && this.referenced.has(n.anchor))
          this.refuse(t('plan.valuesFile.anchor', { at: formatValuesPath(at), anchor: `&${n.anchor}` }));
      },
    });
  }

  /** True when a blank line (above its comments) precedes the map's last key: top-level sections kept apart. */
  private separatedByBlankLines(map: YAMLMap): boolean {
    const lines = this.text.slice(0, lineStart(this.text, rangeOf(map.items.at(-1)!.key)[0])).split(/\r?\n/);
    lines.pop();
    while (lines.length && lines.at(-1)!.trim().startsWith('#')) lines.pop();
    return lines.length > 0 && lines.at(-1)!.trim() === '';
  }

  private splice(from: number, to: number, insert: string): string {
    return this.text.slice(0, from) + insert + this.text.slice(to);
  }

  /** The edited text, or undefined when this edit needs the whole-document fallback. */
  apply(edit: ValuesEdit): string | undefined {
    const { path, value } = edit;
    let node: unknown = this.doc.contents;
    let owner: Pair | undefined;
    let childIndent = 0;
    for (const [i, segment] of path.entries()) {
      const at = path.slice(0, i);
      if (isAlias(node))
        this.refuse(t('plan.valuesFile.alias', { at: formatValuesPath(at), alias: `*${node.source}`, path: formatValuesPath(path) }));
      if (node === null || node === undefined || isEmptyScalar(node))
        return this.create(owner, null, childIndent, path.slice(i), value, i === 0);
      if (isSeq(node)) {
        if (typeof segment === 'string') this.refuse(t('plan.valuesFile.listNotMap', { at: formatValuesPath(at) }));
        const index =
          typeof segment === 'number' ? segment : node.items.findIndex((item) => isMap(item) && String(item.get('name')) === segment.name);
        const item = node.items[index] as Node | undefined;
        if (!item)
          this.refuse(
            typeof segment === 'number'
              ? t('plan.values.noEntryIndex', { at: formatValuesPath(at), index: `[${segment}]` })
              : t('plan.values.noEntryNamed', { at: formatValuesPath(at), name: segment.name }),
            t('plan.valuesFile.noEntryHint'),
          );
        if (i === path.length - 1 || !isMap(item)) return undefined;
        this.checkOwnAnchor(item, path.slice(0, i + 1));
        node = item;
        owner = undefined;
        childIndent = column(this.text, rangeOf(item)[0]);
        continue;
      }
      if (!isMap(node)) this.refuse(t('plan.valuesFile.scalarCannotSet', { at: formatValuesPath(at), path: formatValuesPath(path) }));
      if (typeof segment !== 'string') this.refuse(t('plan.valuesFile.mapNotList', { at: formatValuesPath(at) }));
      if (node.items.some((pair) => keyText(pair) === '<<'))
        this.refuse(t('plan.valuesFile.mergeKey', { at: formatValuesPath(at), path: formatValuesPath(path) }));
      this.checkOwnAnchor(node, at);
      if (node.flow && node.items.length) return this.rewriteFlow(node, path.slice(i), value, at);
      const pair = node.items.find((p) => keyText(p) === segment);
      if (!pair) return this.create(owner, node, childIndent, path.slice(i), value, i === 0);
      if (i === path.length - 1) return value === undefined ? this.remove(node, pair, owner) : this.replace(pair, value, path);
      owner = pair;
      childIndent = column(this.text, rangeOf(pair.key)[0]) + this.style.indent;
      node = pair.value;
    }
    return undefined;
  }

  /** Adds the missing keys `rest` under `map`, under the empty value of `owner`, or at the top of an empty file. */
  private create(
    owner: Pair | undefined,
    map: YAMLMap | null,
    childIndent: number,
    rest: ValuesPath,
    value: unknown,
    root: boolean,
  ): string | undefined {
    if (value === undefined) return this.text;
    const nested = nest(rest, value, () => this.refuse(t('plan.valuesFile.noList', { path: formatValuesPath(rest) })));
    const { eol } = this.style;
    if (map && !map.flow && map.items.length) {
      const at = mapEnd(this.text, map);
      const newline = at === this.text.length && this.text.length && !this.text.endsWith('\n') ? eol : '';
      const blank = root && this.separatedByBlankLines(map) ? eol : '';
      return this.splice(at, at, newline + blank + renderBlock(nested, column(this.text, rangeOf(map.items[0]!.key)[0]), this.style));
    }
    if (map?.items.length) return undefined;
    if (root) {
      if (map) return this.splice(rangeOf(map)[0], nextLine(this.text, rangeOf(map)[1]), renderBlock(nested, 0, this.style));
      const sep = this.text.length && !this.text.endsWith('\n') ? eol : '';
      return this.text + sep + renderBlock(nested, 0, this.style);
    }
    if (!owner) return undefined;
    // An empty value (`key:`, `key: null`, `key: {}`) gives way to a block on the lines below the key.
    const empty = map ?? (owner.value as Node | null);
    const colon = afterColon(this.text, owner);
    const [start, end] = empty ? rangeOf(empty) : [colon, colon];
    const line = nextLine(this.text, end);
    const before = this.text.slice(colon, start);
    const tail = (end > start ? before.replace(/[ \t]+$/, '') : before) + this.text.slice(end, line).replace(/\r?\n$/, '');
    return this.text.slice(0, colon) + tail + eol + renderBlock(nested, childIndent, this.style) + this.text.slice(line);
  }

  /** A flow map (`{cpu: 50m}`) is written again whole, in flow style, with the edit applied. */
  private rewriteFlow(map: YAMLMap, rest: ValuesPath, value: unknown, at: ValuesPath): string | undefined {
    let aliased = false;
    visit(map, { Alias: () => void (aliased = true) });
    if (aliased) this.refuse(t('plan.valuesFile.holdsAlias', { at: formatValuesPath(at) }));
    this.checkAnchors(map, at);
    const current = map.toJS(this.doc) as Values;
    const next = structuredClone(current);
    let target: Values = next;
    for (const [i, segment] of rest.entries()) {
      if (typeof segment !== 'string') return undefined;
      if (i === rest.length - 1) {
        if (value === undefined) delete target[segment];
        else target[segment] = value;
        break;
      }
      const child = target[segment];
      if (child === undefined || child === null) {
        if (value === undefined) return this.text;
        target = target[segment] = {};
      } else if (isValuesMap(child)) target = child;
      else this.refuse(t('plan.valuesFile.scalarNotMap', { at: formatValuesPath([...at, ...rest.slice(0, i + 1)]) }));
    }
    if (deepEqual(current, next)) return this.text;
    const [from, to] = rangeOf(map);
    let text = Object.keys(next).length ? stringify(next, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd() : '{}';
    if (!this.text.startsWith('{ ', from)) text = text.replace(/\{ /g, '{').replace(/ \}/g, '}');
    return text.includes('\n') ? undefined : this.splice(from, to, text);
  }

  private replace(pair: Pair, value: unknown, path: ValuesPath): string | undefined {
    const old = pair.value as Node | null;
    if (old) this.checkAnchors(old, path);
    const { eol } = this.style;
    const colon = afterColon(this.text, pair);
    const oldBlock = (isMap(old) || isSeq(old)) && !old.flow;
    const oldInline = old && !oldBlock && rangeOf(old)[1] > rangeOf(old)[0] ? rangeOf(old) : undefined;
    const inline = renderInline(value, old);
    if (inline !== undefined) {
      if (oldInline) return this.splice(oldInline[0], oldInline[1], inline);
      if (!oldBlock) return this.splice(colon, colon, ` ${inline}`);
      return this.splice(colon, nextLine(this.text, rangeOf(old)[1]), ` ${inline}${eol}`);
    }
    // A collection: the lines under the key, in the key's indentation plus one step.
    const keyColumn = column(this.text, rangeOf(pair.key)[0]);
    const block = renderBlock({ [keyText(pair)]: value }, keyColumn, this.style);
    const lines = block.slice(block.indexOf(eol) + eol.length);
    if (oldBlock) return this.splice(lineStart(this.text, rangeOf(old)[0]), nextLine(this.text, rangeOf(old)[1]), lines);
    const [from, to] = oldInline ?? [colon, colon];
    const line = nextLine(this.text, to);
    const tail = this.text.slice(to, line).replace(/\r?\n$/, '');
    return this.text.slice(0, from).replace(/[ \t]+$/, '') + tail + eol + lines + this.text.slice(line);
  }

  private remove(map: YAMLMap, pair: Pair, owner: Pair | undefined): string | undefined {
    if (pair.value) this.checkAnchors(pair.value, []);
    if (map.flow) return undefined;
    const start = lineStart(this.text, rangeOf(pair.key)[0]);
    if (this.text.slice(start, rangeOf(pair.key)[0]).trim()) return undefined;
    const value = pair.value as Node | null;
    const end = nextLine(this.text, value ? rangeOf(value)[1] : rangeOf(pair.key)[1]);
    if (map.items.length > 1) return this.splice(start, end, '');
    if (!owner) return this.splice(start, end, '');
    const colon = afterColon(this.text, owner);
    return this.text.slice(0, colon) + ' {}' + this.text.slice(colon, start) + this.text.slice(end);
  }
}

/** The file's expected values after the edits, through the Document API (entries addressed by name resolved in the file). */
function expectedValues(text: string, edits: readonly ValuesEdit[]): { doc: Parsed; values: unknown } {
  const doc = parseDocument(text);
  for (const edit of edits) {
    const path: unknown[] = [];
    for (const segment of edit.path) {
      if (typeof segment !== 'object') path.push(segment);
      else {
        const list = doc.getIn(path);
        path.push(isSeq(list) ? list.items.findIndex((item) => isMap(item) && String(item.get('name')) === segment.name) : -1);
      }
    }
    if (edit.value === undefined) {
      if (doc.hasIn(path)) doc.deleteIn(path);
      continue;
    }
    // setIn cannot step into an empty value (`key:`); that value is replaced by the nested keys.
    const empty = path.findIndex((_, i) => i > 0 && i < path.length && isEmptyScalar(doc.getIn(path.slice(0, i), true)));
    if (empty > 0)
      doc.setIn(path.slice(0, empty), doc.createNode(nest(path.slice(empty) as ValuesPath, edit.value, () => undefined as never)));
    else doc.setIn(path, doc.createNode(edit.value));
  }
  return { doc, values: doc.toJS() };
}

/**
 * The values-file edit that carries the same edits as the helm upgrade. The text changes only where
 * the edits land; an untouched file comes back byte for byte.
 */
export function planValuesFileEdit(path: string, text: string, edits: readonly ValuesEdit[]): ValuesFileChange {
  const { doc, values: before } = parseValuesFile(path, text);
  const style = styleOf(doc, text);
  let textAfter = text;
  let fallback = false;
  for (const edit of edits) {
    const current = parseDocument(textAfter);
    // Unchanged values are not rewritten, so a file that already says so comes back byte for byte.
    if (deepEqual(valueAtPath(current.toJS(), edit.path), edit.value)) continue;
    const next = new FileEdit(path, textAfter, current, style).apply(edit);
    if (next === undefined) {
      fallback = true;
      break;
    }
    textAfter = next;
  }
  const expected = expectedValues(text, edits);
  const warnings: string[] = [];
  if (fallback || !deepEqual(parseDocument(textAfter).toJS() ?? {}, expected.values ?? {})) {
    textAfter = expected.doc.toString({ lineWidth: 0, indent: style.indent, indentSeq: style.indentSeq });
    warnings.push(t('plan.valuesFile.rewrittenWhole', { path }));
  }
  const after = parseValuesFile(path, textAfter).values;
  return { kind: 'values-file', path, textBefore: text, textAfter, summary: valuesSummary(before, after, edits), warnings, notes: [] };
}
