// What each key does, as a function of the UI state: the next state and the effects to run (a write's review, the
// apply, a re-list, a switch of scope, quitting). Keys of one burst (typed fast, pasted, sent by tmux) are applied
// one after the other to the newest state, so none is lost. Pure: the container runs the effects.
import type { Key } from 'ink';
import type { Finding } from '../doctor/finding.ts';
import { t } from '../i18n/index.ts';
import { checkNamespace } from '../k8s/limits.ts';
import type { Intent } from '../plan/intent.ts';
import type { SidecarName } from '../profiles/wallarm.ts';
import type { Snapshot } from '../snapshot/types.ts';
import { workloadDetail } from './detail.ts';
import { fixIntentOf } from './fix-text.ts';
import { intentLabel, type WritePhase } from './hooks/useWrite.ts';
import { type Action, actionFor } from './keys.ts';
import type { HistoryRow } from './history.ts';
import { clampOffset } from './review-lines.ts';
import { filterRows, type WorkloadRow } from './rows.ts';
import type { Scope, ScopePicker } from './scope.ts';
import { detailSections, type DetailSection } from './screens/DetailScreen.tsx';
import {
  choicesOf,
  type FieldName,
  initialForm,
  isTextField,
  prefilledForm,
  validateWizard,
  type WizardForm,
  wizardFields,
  withSidecar,
} from './wizard.ts';
import { type WizardCurrent, wizardCurrentOf } from './wizard-current.ts';
import type { WriteIntent, WriteJob, WriteRoute } from './write.ts';
import { messageOf } from './error-text.ts';

export const sorts = ['name', 'findings'] as const;
export type Sort = (typeof sorts)[number];
export type Screen = 'workloads' | 'detail' | 'wizard' | 'review' | 'history';

export interface WizardState {
  current: WizardCurrent;
  form: WizardForm;
  focused: FieldName;
}

export interface UiState {
  screen: Screen;
  scope: Scope;
  wizard: WizardState | null;
  /** Why the last key did nothing, shown in place. */
  notice: string | null;
  selectedKey: string | null;
  filter: string;
  editingFilter: boolean;
  help: boolean;
  sort: Sort;
  focus: DetailSection;
  findingIndex: number;
  picker: ScopePicker | null;
  /** The History selection, by entry id (it stays on its entry when the journal grows). */
  historyKey: string | null;
  /** Where esc goes from History, and from the Review. */
  historyFrom: 'workloads' | 'detail';
  reviewFrom: 'wizard' | 'history';
  /** The Review's first line on screen (large: follow the end), and how far down it has been seen. */
  reviewOffset: number;
  reviewSeen: number;
}

export type Effect =
  | { type: 'quit' }
  | { type: 'refresh' }
  | { type: 'refresh-history' }
  | { type: 'review'; jobs: WriteJob[] }
  | { type: 'apply' }
  | { type: 'reset-write' }
  | { type: 'switch'; context: string; namespace: string | null };

/** What the keys see of the world besides the UI state: the listing, the write's phase, the session's abilities. */
export interface KeyContext {
  snapshot: Snapshot | null;
  rows: readonly WorkloadRow[];
  findings: readonly Finding[];
  /** Rows a page holds. */
  height: number;
  readOnly: boolean;
  writePhase: WritePhase;
  contexts: readonly string[];
  canSwitch: boolean;
  historyRows: readonly HistoryRow[];
  /** The Review's lines, the rows it has, and whether its dry run left something to apply. */
  review: { total: number; height: number; applicable: boolean };
}

export function initialUi(scope: Scope): UiState {
  return {
    screen: 'workloads',
    scope,
    wizard: null,
    notice: null,
    selectedKey: null,
    filter: '',
    editingFilter: false,
    help: false,
    sort: 'name',
    focus: 'hpa',
    findingIndex: 0,
    picker: null,
    historyKey: null,
    historyFrom: 'workloads',
    reviewFrom: 'wizard',
    reviewOffset: 0,
    reviewSeen: 0,
  };
}

const severityScore = (row: WorkloadRow) => row.findings.error * 1_000_000 + row.findings.warning * 1_000 + row.findings.info;

function sortRows(rows: readonly WorkloadRow[], sort: Sort): readonly WorkloadRow[] {
  return sort === 'name' ? rows : [...rows].sort((a, b) => severityScore(b) - severityScore(a));
}

/** The rows shown, memoized on their inputs: a burst of j presses filters 10,000 rows once, not per key. */
export const visibleRows = (() => {
  let last: { rows: readonly WorkloadRow[]; filter: string; sort: Sort; result: readonly WorkloadRow[] } | null = null;
  return (rows: readonly WorkloadRow[], filter: string, sort: Sort): readonly WorkloadRow[] => {
    if (last && last.rows === rows && last.filter === filter && last.sort === sort) return last.result;
    const result = sortRows(filterRows(rows, filter), sort);
    last = { rows, filter, sort, result };
    return result;
  };
})();

/** The selection follows its workload across re-lists and filters; it falls back to the first row. */
export function selectedIndex(ui: UiState, rows: readonly WorkloadRow[]): number {
  return Math.max(ui.selectedKey ? rows.findIndex((r) => r.key === ui.selectedKey) : -1, 0);
}

const noWrite: WriteIntent = () => Promise.reject(new Error(t('tui.notice.writesNotWired')));

const intentJob = (write: WriteIntent, intent: Intent, route: WriteRoute): WriteJob => ({
  label: intentLabel(intent),
  run: (dryRun, listener) => write(intent, dryRun, listener, route),
});

const cycle = <T>(values: readonly T[], value: T, step: number): T =>
  values[(values.indexOf(value) + step + values.length) % values.length]!;

type Result = { ui: UiState; effects: Effect[] };

/** Where a list's movement key takes the selection (clamped to the list); undefined for any other key. */
function movedTo(action: Action | undefined, selected: number, count: number, page: number): number | undefined {
  const to = { up: selected - 1, down: selected + 1, pageUp: selected - page, pageDown: selected + page, top: 0, bottom: count - 1 }[
    action as 'up'
  ];
  return to === undefined ? undefined : Math.min(Math.max(0, to), count - 1);
}
const stay = (ui: UiState, change: Partial<UiState> = {}, effects: Effect[] = []): Result => ({ ui: { ...ui, ...change }, effects });

function wizardKey(ui: UiState, wizard: WizardState, input: string, key: Key): Result {
  const fields = wizardFields(wizard.current, wizard.form);
  const at = Math.max(0, fields.indexOf(wizard.focused));
  const field = wizard.focused;
  const withWizard = (next: Partial<WizardState>) => stay(ui, { wizard: { ...wizard, ...next } });
  const focus = (index: number) => withWizard({ focused: fields[Math.min(Math.max(0, index), fields.length - 1)]! });
  if (key.escape) return stay(ui, { wizard: null, screen: 'detail' });
  if (key.return) {
    const validation = validateWizard(wizard.current, wizard.form);
    if (!validation.intents.length) return stay(ui);
    const write = ui.scope.write ?? noWrite;
    return stay(ui, { screen: 'review', reviewFrom: 'wizard', reviewOffset: 0, reviewSeen: 0 }, [
      { type: 'review', jobs: validation.intents.map((intent) => intentJob(write, intent, validation.route)) },
    ]);
  }
  if (key.upArrow || (key.tab && key.shift)) return focus(at - 1);
  if (key.downArrow || key.tab) return focus(at + 1);
  if (isTextField(field)) {
    if (key.backspace || key.delete) return withWizard({ form: { ...wizard.form, [field]: wizard.form[field].slice(0, -1) } });
    if (input && !key.ctrl && !key.meta) return withWizard({ form: { ...wizard.form, [field]: wizard.form[field] + input } });
    return stay(ui);
  }
  if (key.leftArrow || key.rightArrow || input === ' ') {
    const value = cycle(choicesOf(wizard.current, field), wizard.form[field], key.leftArrow ? -1 : 1);
    const form =
      field === 'sidecar'
        ? withSidecar(wizard.current, wizard.form, value as SidecarName)
        : ({ ...wizard.form, [field]: value } as WizardForm);
    return withWizard({ form });
  }
  return stay(ui);
}

/** Whether every line of the Review has been on screen (the first screenful counts as seen). */
export const reviewSeenAll = (ui: UiState, review: KeyContext['review']) => Math.max(ui.reviewSeen, review.height) >= review.total;

function reviewKey(ui: UiState, input: string, key: Key, context: KeyContext): Result {
  const action = actionFor(input, key);
  const { total, height } = context.review;
  const offset = clampOffset(ui.reviewOffset, total, height);
  const scrolled = movedTo(action, offset, Math.max(1, total - height + 1), height);
  if (scrolled !== undefined) return stay(ui, { reviewOffset: scrolled, reviewSeen: Math.max(ui.reviewSeen, scrolled + height) });
  if (context.writePhase === 'review' && action === 'confirm') {
    if (!context.review.applicable) return stay(ui);
    if (!reviewSeenAll(ui, context.review)) return stay(ui, { notice: t('tui.notice.scrollFirst') });
    // The apply's progress follows the end of the lines.
    return stay(ui, { reviewOffset: Number.MAX_SAFE_INTEGER, notice: null }, [{ type: 'apply' }]);
  }
  if (action !== 'back' || context.writePhase === 'applying') return stay(ui);
  const applied = context.writePhase === 'applied';
  if (ui.reviewFrom === 'history')
    return stay(ui, { screen: 'history' }, [{ type: 'reset-write' }, ...(applied ? [{ type: 'refresh' } as const] : [])]);
  if (applied) return stay(ui, { wizard: null, screen: 'detail' }, [{ type: 'reset-write' }, { type: 'refresh' }]);
  return stay(ui, { screen: 'wizard' }, [{ type: 'reset-write' }]);
}

export function historySelected(ui: UiState, rows: readonly HistoryRow[]): number {
  return Math.max(ui.historyKey ? rows.findIndex((r) => r.id === ui.historyKey) : -1, 0);
}

function historyKey(ui: UiState, input: string, key: Key, context: KeyContext): Result {
  const rows = context.historyRows;
  const selected = historySelected(ui, rows);
  const action = actionFor(input, key);
  const moved = movedTo(action, selected, rows.length, context.height);
  if (moved !== undefined) return stay(ui, rows[moved] ? { historyKey: rows[moved].id } : {});
  switch (action) {
    case 'refresh':
      return stay(ui, {}, [{ type: 'refresh-history' }]);
    case 'back':
      return stay(ui, { screen: ui.historyFrom, notice: null });
    case 'undo': {
      const row = rows[selected];
      if (context.readOnly || !row) return stay(ui);
      if (!ui.scope.undo) return stay(ui, { notice: t('tui.notice.undoNotWired') });
      return stay(ui, { screen: 'review', reviewFrom: 'history', notice: null, reviewOffset: 0, reviewSeen: 0 }, [
        { type: 'review', jobs: [ui.scope.undo(row.entry)] },
      ]);
    }
    default:
      return stay(ui);
  }
}

function pickerKey(ui: UiState, picker: ScopePicker, input: string, key: Key): Result {
  if (key.escape) return stay(ui, { picker: null });
  const { context, namespace } = ui.scope;
  if (picker.kind === 'context') {
    const step = key.upArrow || input === 'k' ? -1 : key.downArrow || input === 'j' ? 1 : 0;
    if (step) return stay(ui, { picker: { ...picker, index: Math.min(Math.max(0, picker.index + step), picker.names.length - 1) } });
    if (!key.return) return stay(ui);
    const name = picker.names[picker.index];
    return stay(ui, { picker: null }, name && name !== context ? [{ type: 'switch', context: name, namespace }] : []);
  }
  if (key.return) {
    const text = picker.text.trim();
    try {
      const next = text === '' ? null : checkNamespace(text, 'namespace');
      return stay(ui, { picker: null }, next !== namespace ? [{ type: 'switch', context, namespace: next }] : []);
    } catch (error) {
      return stay(ui, { notice: messageOf(error) });
    }
  }
  if (key.backspace || key.delete) return stay(ui, { picker: { ...picker, text: picker.text.slice(0, -1) } });
  if (input && !key.ctrl && !key.meta) return stay(ui, { picker: { ...picker, text: picker.text + input } });
  return stay(ui);
}

function filterKey(ui: UiState, input: string, key: Key): Result {
  if (key.escape) return stay(ui, { filter: '', editingFilter: false });
  if (key.return) return stay(ui, { editingFilter: false });
  if (key.backspace || key.delete) return stay(ui, { filter: ui.filter.slice(0, -1) });
  if (input && !key.ctrl && !key.meta) return stay(ui, { filter: ui.filter + input });
  return stay(ui);
}

/** The wizard over the selected workload, blank or as a doctor's fix would set it. */
function openWizard(ui: UiState, context: KeyContext, row: WorkloadRow | undefined, intent: Intent | null): Result {
  if (context.readOnly || !context.snapshot || !row) return stay(ui);
  const now = wizardCurrentOf(context.snapshot, row.key);
  if (!now) return stay(ui, { notice: t('tui.notice.notEditable') });
  const form = intent ? prefilledForm(now, intent) : initialForm(now);
  return stay(ui, { notice: null, screen: 'wizard', wizard: { current: now, form, focused: wizardFields(now, form)[0]! } });
}

function workloadsKey(ui: UiState, input: string, key: Key, context: KeyContext, rows: readonly WorkloadRow[]): Result {
  const action = actionFor(input, key);
  const moved = movedTo(action, selectedIndex(ui, rows), rows.length, context.height);
  if (moved !== undefined) return stay(ui, rows[moved] ? { selectedKey: rows[moved].key } : {});
  switch (action) {
    case 'filter':
      return stay(ui, { editingFilter: true });
    case 'context':
      if (!context.canSwitch) return stay(ui, { notice: t('tui.notice.noContextSwitch') });
      return stay(ui, {
        notice: null,
        picker: { kind: 'context', names: context.contexts, index: Math.max(0, context.contexts.indexOf(ui.scope.context)) },
      });
    case 'namespace':
      if (!context.canSwitch) return stay(ui, { notice: t('tui.notice.noNamespaceSwitch') });
      return stay(ui, { notice: null, picker: { kind: 'namespace', text: ui.scope.namespace ?? '' } });
    case 'back':
      return stay(ui, { filter: '', notice: null });
    case 'nextPane':
      return stay(ui, { sort: sorts[(sorts.indexOf(ui.sort) + 1) % sorts.length]! });
    case 'open': {
      const row = rows[selectedIndex(ui, rows)];
      return row ? stay(ui, { selectedKey: row.key, focus: 'hpa', findingIndex: 0, notice: null, screen: 'detail' }) : stay(ui);
    }
    default:
      return stay(ui);
  }
}

function detailKey(ui: UiState, input: string, key: Key, context: KeyContext, row: WorkloadRow | undefined): Result {
  const action = actionFor(input, key);
  const findings = () => (context.snapshot && row ? (workloadDetail(context.snapshot, context.findings, row)?.findings ?? []) : []);
  switch (action) {
    case 'back':
      return stay(ui, { notice: null, screen: 'workloads' });
    case 'edit':
      return openWizard(ui, context, row, null);
    case 'fix': {
      const fix = findings()[ui.findingIndex]?.fix;
      const intent = fix ? fixIntentOf(fix) : undefined;
      if (!intent) return stay(ui, { notice: t('tui.notice.noWizardFix') });
      return openWizard(ui, context, row, intent);
    }
    case 'up':
    case 'down': {
      if (ui.focus !== 'findings') return stay(ui);
      const last = Math.max(0, findings().length - 1);
      return stay(ui, { findingIndex: Math.min(Math.max(0, ui.findingIndex + (action === 'up' ? -1 : 1)), last) });
    }
    case 'nextPane':
      return stay(ui, { focus: detailSections[(detailSections.indexOf(ui.focus) + 1) % detailSections.length]! });
    default:
      return stay(ui);
  }
}

export function onKey(ui: UiState, input: string, key: Key, context: KeyContext): Result {
  if (ui.screen === 'wizard' && ui.wizard) return wizardKey(ui, ui.wizard, input, key);
  if (ui.screen === 'review') return reviewKey(ui, input, key, context);
  if (ui.picker) return pickerKey(ui, ui.picker, input, key);
  if (ui.editingFilter) return filterKey(ui, input, key);
  const action = actionFor(input, key);
  if (ui.help) {
    if (action === 'help' || action === 'back') return stay(ui, { help: false });
    return stay(ui, {}, action === 'quit' ? [{ type: 'quit' }] : []);
  }
  if (action === 'quit') return stay(ui, {}, [{ type: 'quit' }]);
  if (action === 'help') return stay(ui, { help: true });
  if (ui.screen === 'history') return historyKey(ui, input, key, context);
  if (action === 'refresh') return stay(ui, {}, [{ type: 'refresh' }]);
  if (action === 'history')
    return stay(ui, { screen: 'history', historyFrom: ui.screen === 'detail' ? 'detail' : 'workloads', notice: null });
  const rows = visibleRows(context.rows, ui.filter, ui.sort);
  if (ui.screen === 'workloads') return workloadsKey(ui, input, key, context, rows);
  return detailKey(ui, input, key, context, rows[selectedIndex(ui, rows)]);
}
