// Text measured in terminal columns, not UTF-16 units: East Asian wide characters (kana, kanji, hangul, full-width
// forms) and characters beyond the BMP (emoji) take two columns, so Japanese labels, cells and tables are padded, cut
// and wrapped by what the terminal shows. One measure for the CLI's tables, the charts and the TUI.

const wide =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

const charWidth = (char: string) => (char.length > 1 || wide.test(char) ? 2 : 1);

/** SGR sequences (colours): they take no column. */
const sgr = /\u001b\[[0-9;]*m/g;

/** The columns a plain text (no escape sequences) takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** The columns a text with colour codes takes in a terminal. */
export const visibleWidth = (text: string) => displayWidth(text.replace(sgr, ''));

/** `text` padded with spaces to `width` columns (left as it is when wider). */
export const padToWidth = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** `text` in exactly `width` columns: padded, or cut with "…" (a wide character that would straddle the end goes too). */
export function fitToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return padToWidth(text, width);
  return padToWidth(`${sliceToWidth(text, Math.max(0, width - 1))[0]}…`, width);
}

/** The longest head of `text` that fits `width` columns, and the rest. */
export function sliceToWidth(text: string, width: number): [head: string, rest: string] {
  let used = 0;
  let at = 0;
  for (const char of text) {
    const next = used + charWidth(char);
    if (next > width) break;
    used = next;
    at += char.length;
    if (used >= width) break;
  }
  return [text.slice(0, at), text.slice(at)];
}
