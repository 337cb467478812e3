// Reading HTML as a browser does (parse5, the WHATWG parsing algorithm): elements by tag, their text, attributes.
import { parse, parseFragment } from 'parse5';

export interface HtmlNode {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  /** A <template>'s children. */
  content?: HtmlNode;
}

/** A whole document, with every parse error the HTML standard names (a well-formed page has none). */
export function parseDocument(html: string): { document: HtmlNode; errors: string[] } {
  const errors: string[] = [];
  const document = parse(html, { onParseError: (error) => errors.push(`${error.code} at ${error.startLine}:${error.startCol}`) });
  return { document: document as unknown as HtmlNode, errors };
}

export const parseHtmlFragment = (html: string) => parseFragment(html) as unknown as HtmlNode;

/** Every element under `node`, in document order. */
export function allElements(node: HtmlNode): HtmlNode[] {
  const children = [...(node.childNodes ?? []), ...(node.content ? [node.content] : [])];
  return children.flatMap((child) => [...(child.tagName ? [child] : []), ...allElements(child)]);
}

export const elements = (node: HtmlNode, tag: string) => allElements(node).filter((e) => e.tagName === tag);

export function textOf(node: HtmlNode): string {
  if (node.nodeName === '#text') return node.value ?? '';
  return (node.childNodes ?? []).map(textOf).join('');
}

export const attribute = (node: HtmlNode, name: string) => node.attrs?.find((a) => a.name === name)?.value;
