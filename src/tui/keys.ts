// The one key table: every binding the TUI knows, its keys as the help screen shows them, and its matcher.
import type { Key } from 'ink';

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

export const keyBindings: readonly KeyBinding[] = [
  { action: 'up', keys: '↑ k', description: 'previous row', matches: (input, key) => key.upArrow || input === 'k' },
  { action: 'down', keys: '↓ j', description: 'next row', matches: (input, key) => key.downArrow || input === 'j' },
  { action: 'pageUp', keys: 'PgUp', description: 'page up', matches: (_input, key) => key.pageUp },
  { action: 'pageDown', keys: 'PgDn', description: 'page down', matches: (_input, key) => key.pageDown },
  { action: 'top', keys: 'g Home', description: 'first row', matches: (input, key) => key.home || input === 'g' },
  { action: 'bottom', keys: 'G End', description: 'last row', matches: (input, key) => key.end || input === 'G' },
  { action: 'open', keys: 'enter', hint: 'open', description: 'open the workload', matches: (_input, key) => key.return },
  { action: 'back', keys: 'esc', hint: 'back', description: 'back / clear the filter', matches: (_input, key) => key.escape },
  { action: 'nextPane', keys: 'tab', hint: 'next section', description: 'next section', matches: (_input, key) => key.tab && !key.shift },
  { action: 'filter', keys: '/', description: 'filter rows', matches: (input) => input === '/' },
  { action: 'context', keys: 'c', description: 'switch context', matches: (input) => input === 'c' },
  { action: 'namespace', keys: 'n', description: 'switch namespace', matches: (input) => input === 'n' },
  { action: 'refresh', keys: 'r', hint: 're-list', description: 're-list now', matches: (input) => input === 'r' },
  {
    action: 'edit',
    keys: 'e',
    hint: 'edit scaling',
    description: 'edit scaling, behavior, placement, sidecar resources (not with --read-only)',
    matches: (input) => input === 'e',
  },
  {
    action: 'fix',
    keys: 'f',
    description: "apply the selected finding's fix: the wizard opens pre-filled (Detail)",
    hint: 'apply fix',
    matches: (input) => input === 'f',
  },
  {
    action: 'history',
    keys: 'h',
    hint: 'history',
    description: 'history of changes (Workloads, Detail)',
    matches: (input) => input === 'h',
  },
  {
    action: 'undo',
    keys: 'u',
    hint: 'undo',
    description: 'undo the selected change: review, then y (History)',
    matches: (input) => input === 'u',
  },
  { action: 'confirm', keys: 'y', hint: 'apply', description: 'apply what the review shows', matches: (input) => input === 'y' },
  { action: 'help', keys: '?', description: 'this help', matches: (input) => input === '?' },
  { action: 'quit', keys: 'q ctrl+c', description: 'quit', matches: (input, key) => input === 'q' || (key.ctrl && input === 'c') },
];

/** What --read-only hides: every key that leads to a write. */
export const writeActions: ReadonlySet<Action> = new Set<Action>(['edit', 'fix', 'undo', 'confirm']);

export function actionFor(input: string, key: Key): Action | undefined {
  return keyBindings.find((binding) => binding.matches(input, key))?.action;
}
