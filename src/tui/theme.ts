// The one theme. NO_COLOR (any non-empty value, see no-color.org) turns every colour off; meaning never rests
// on colour alone (severities are also spelled as letters).
import type { Severity } from '../doctor/finding.ts';

export interface Theme {
  accent: string | undefined;
  selected: string | undefined;
  muted: string | undefined;
  ok: string | undefined;
  severity: Record<Severity, string | undefined>;
  /** Dim text is an ANSI attribute too: off with NO_COLOR. */
  dim: boolean;
}

const colorTheme: Theme = {
  accent: 'cyan',
  selected: 'blue',
  muted: 'gray',
  ok: 'green',
  severity: { error: 'red', warning: 'yellow', info: 'blue' },
  dim: true,
};

const plainTheme: Theme = {
  accent: undefined,
  selected: undefined,
  muted: undefined,
  ok: undefined,
  severity: { error: undefined, warning: undefined, info: undefined },
  dim: false,
};

export function themeFor(env: NodeJS.ProcessEnv): Theme {
  return env.NO_COLOR ? plainTheme : colorTheme;
}
