// What the CLI knows of its streams, in a module that loads nothing: every command's start-up reads it.
// Rendering (tables, yaml, templates) lives in output.ts, loaded by the commands that print.

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

/** Colour is off for NO_COLOR and for anything that is not a terminal; FORCE_COLOR turns it on. */
export function colorEnabled(stream: Writer, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}
