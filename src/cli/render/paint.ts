// Terminal colour, in one place: renderers take a Paint; only the CLI decides whether it colours.
import { t } from '../../i18n/index.ts';

const codes = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 } as const;
export type Color = keyof typeof codes;
export type Paint = (color: Color, text: string) => string;

export const plainPaint: Paint = (_color, text) => text;

export function painter(enabled: boolean): Paint {
  return enabled ? (color, text) => `\u001b[${codes[color]}m${text}\u001b[0m` : plainPaint;
}

/** Clears a terminal and puts the cursor home, so a redraw (-w) replaces the last screen. */
export const clearScreen = '\u001b[H\u001b[2J';

/** The line under a redrawn -w screen. */
export const watchFooter = (paint: Paint): string => paint('dim', t('cli.notes.watching'));
