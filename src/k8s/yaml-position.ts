// Where a key or value sits in a YAML text (1-based line and column, as editors and SARIF count), read from
// yaml's node ranges through a LineCounter: findings and usage errors about files point at the offending token.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLError } from 'yaml';

export type YamlPath = readonly (string | number)[];

export interface YamlPosition {
  line: number;
  column: number;
}

export interface PositionedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  text: string;
}

export interface YamlSyntaxError extends YamlPosition {
  /** The parser's message, first line, without its own "at line …" suffix. */
  message: string;
  code: string;
}

export function parsePositioned(text: string): PositionedYaml {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter }), lineCounter, text };
}

function positionAt(yaml: PositionedYaml, offset: number): YamlPosition {
  const { line, col } = yaml.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Some errors point at the start of a line (an indentation error); the token the user has to move is the
 * first one on it.
 */
function firstToken(text: string, offset: number): number {
  let at = offset;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return text[at] === '\n' || at >= text.length ? offset : at;
}

export function yamlSyntaxErrors(yaml: PositionedYaml): YamlSyntaxError[] {
  return yaml.doc.errors.map((error: YAMLError) => ({
    ...positionAt(yaml, firstToken(yaml.text, error.pos[0])),
    message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    code: error.code,
  }));
}

/** The node at `path` (or the deepest one that exists), and how many segments of the path it resolved. */
function walk(yaml: PositionedYaml, path: YamlPath): { key?: Node; value?: Node; depth: number } {
  let node = yaml.doc.contents as Node | null;
  let key: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
      if (!pair) break;
      key = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment] as Node;
      key = node;
    } else break;
    depth++;
  }
  return { ...(key ? { key } : {}), ...(node ? { value: node } : {}), depth };
}

/**
 * Where `path` is written: its key, or its value (`part`). A path that is not there resolves to the deepest
 * key that is (a missing key is reported where it belongs); the document's start when nothing matches.
 */
export function positionOf(yaml: PositionedYaml, path: YamlPath, part: 'key' | 'value' = 'key'): YamlPosition & { found: boolean } {
  const { key, value, depth } = walk(yaml, path);
  const found = depth === path.length;
  const node = found && part === 'value' && value?.range ? value : (key ?? value);
  const offset = node?.range ? node.range[0] : 0;
  return { ...positionAt(yaml, offset), found };
}
