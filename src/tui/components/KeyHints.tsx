// The bottom line: the keys that work on this screen, from the one key table.
import { Text } from 'ink';
import { keyBindings, type Action } from '../keys.ts';
import type { Theme } from '../theme.ts';

export function KeyHints({ theme, actions }: { theme: Theme; actions: readonly Action[] }) {
  const hints = keyBindings.filter((b) => actions.includes(b.action)).map((b) => `${b.keys.split(' ')[0]} ${b.hint ?? b.description}`);
  return <Text color={theme.muted}>{hints.join(' · ')}</Text>;
}
