// The one key table: every binding the TUI knows, its keys as the help screen shows them, and its matcher.
import type { Key } from 'ink';
import { t } from '../i18n/index.ts';

export type Action =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'back'
  | 'nextPane'
  | 'filter'
  | 'refresh'
  | 'help'
  | 'edit'
  | 'fix'
  | 'context'
  | 'history'
  | 'undo'
  | 'namespace'
  | 'confirm'
  | 'quit';

export interface KeyBinding {
  action: Action;
  keys: string;
  description: string;
  /** The short form the bottom line shows; the help shows the description. */
  hint?: string;
  matches: (input: string, key: Key) => boolean;
}

// description and hint name catalog messages; the table reads them in the language of the run.
const bindings: readonly KeyBinding[] = [
  { action: 'up', keys: '↑ k', description: 'tui.keys.up.description', matches: (input, key) => key.upArrow || input === 'k' },
  { action: 'down', keys: '↓ j', description: 'tui.keys.down.description', matches: (input, key) => key.downArrow || input === 'j' },
  { action: 'pageUp', keys: 'PgUp', description: 'tui.keys.pageUp.description', matches: (_input, key) => key.pageUp },
  { action: 'pageDown', keys: 'PgDn', description: 'tui.keys.pageDown.description', matches: (_input, key) => key.pageDown },
  { action: 'top', keys: 'g Home', description: 'tui.keys.top.description', matches: (input, key) => key.home || input === 'g' },
  { action: 'bottom', keys: 'G End', description: 'tui.keys.bottom.description', matches: (input, key) => key.end || input === 'G' },
  {
    action: 'open',
    keys: 'enter',
    hint: 'tui.keys.open.hint',
    description: 'tui.keys.open.description',
    matches: (_input, key) => key.return,
  },
  {
    action: 'back',
    keys: 'esc',
    hint: 'tui.keys.back.hint',
    description: 'tui.keys.back.description',
    matches: (_input, key) => key.escape,
  },
  {
    action: 'nextPane',
    keys: 'tab',
    hint: 'tui.keys.nextPane.hint',
    description: 'tui.keys.nextPane.description',
    matches: (_input, key) => key.tab && !key.shift,
  },
  { action: 'filter', keys: '/', description: 'tui.keys.filter.description', matches: (input) => input === '/' },
  { action: 'context', keys: 'c', description: 'tui.keys.context.description', matches: (input) => input === 'c' },
  { action: 'namespace', keys: 'n', description: 'tui.keys.namespace.description', matches: (input) => input === 'n' },
  {
    action: 'refresh',
    keys: 'r',
    hint: 'tui.keys.refresh.hint',
    description: 'tui.keys.refresh.description',
    matches: (input) => input === 'r',
  },
  {
    action: 'edit',
    keys: 'e',
    hint: 'tui.keys.edit.hint',
    description: 'tui.keys.edit.description',
    matches: (input) => input === 'e',
  },
  {
    action: 'fix',
    keys: 'f',
    description: 'tui.keys.fix.description',
    hint: 'tui.keys.fix.hint',
    matches: (input) => input === 'f',
  },
  {
    action: 'history',
    keys: 'h',
    hint: 'tui.keys.history.hint',
    description: 'tui.keys.history.description',
    matches: (input) => input === 'h',
  },
  {
    action: 'undo',
    keys: 'u',
    hint: 'tui.keys.undo.hint',
    description: 'tui.keys.undo.description',
    matches: (input) => input === 'u',
  },
  {
    action: 'confirm',
    keys: 'y',
    hint: 'tui.keys.confirm.hint',
    description: 'tui.keys.confirm.description',
    matches: (input) => input === 'y',
  },
  { action: 'help', keys: '?', description: 'tui.keys.help.description', matches: (input) => input === '?' },
  {
    action: 'quit',
    keys: 'q ctrl+c',
    description: 'tui.keys.quit.description',
    matches: (input, key) => input === 'q' || (key.ctrl && input === 'c'),
  },
];

/** Read when shown: the table is built before the face picks the language. */
export const keyBindings: readonly KeyBinding[] = bindings.map((binding) =>
  Object.defineProperties(
    { ...binding },
    {
      description: { get: () => t(binding.description), enumerable: true },
      hint: { get: () => (binding.hint ? t(binding.hint) : undefined), enumerable: true },
    },
  ),
);

/** What --read-only hides: every key that leads to a write. */
export const writeActions: ReadonlySet<Action> = new Set<Action>(['edit', 'fix', 'undo', 'confirm']);

export function actionFor(input: string, key: Key): Action | undefined {
  return keyBindings.find((binding) => binding.matches(input, key))?.action;
}
