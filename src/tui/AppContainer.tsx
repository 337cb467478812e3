// State and wiring: the UI state (navigation.ts decides what each key does), the listing, the write in progress, and
// the effects the keys ask for. Keys go through the one key table; every write goes through the Review.
import { type Key, useApp, useInput } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { App, type AppView } from './App.tsx';
import { workloadDetail } from './detail.ts';
import { useSpinnerFrame } from './hooks/useSpinnerFrame.ts';
import { useTerminalSize } from './hooks/useTerminalSize.ts';
import { useWorkloads, type LoadSnapshot } from './hooks/useWorkloads.ts';
import { useWrite } from './hooks/useWrite.ts';
import {
  type Effect,
  historySelected,
  initialUi,
  type KeyContext,
  onKey,
  reviewSeenAll,
  selectedIndex,
  type UiState,
  visibleRows,
} from './navigation.ts';
import { clampOffset, reviewLines } from './review-lines.ts';
import { type LoadHistory, useHistory } from './hooks/useHistory.ts';
import type { UndoJob } from './undo.ts';
import type { SwitchScope } from './scope.ts';
import type { Theme } from './theme.ts';
import { validateWizard, wizardFields } from './wizard.ts';
import { wizardSimulation } from './wizard-simulation.ts';
import type { WriteIntent } from './write.ts';
import { messageOf } from './error-text.ts';
import type { DoctorPolicy } from '../doctor/policy.ts';

export interface AppContainerProps {
  load: LoadSnapshot;
  theme: Theme;
  context: string;
  /** null: all namespaces (-A). */
  namespace: string | null;
  readOnly: boolean;
  refreshMs: number;
  /** The write use-case (targetOf + runWrite); tests pass a fake. Without it, the review says writes are unavailable. */
  write?: WriteIntent;
  /** Called when the user quits, before Ink unmounts. */
  onQuit?: () => void;
  /** The kubeconfig's contexts and how to open one (c, n); without it the scope is fixed. */
  contexts?: readonly string[];
  switchScope?: SwitchScope;
  /** The undo use-case of the first scope; a switch brings its own. */
  undo?: UndoJob;
  /** The journal, as History lists it; and where it is, said when it is empty. */
  loadHistory?: LoadHistory;
  journal?: string;
  /** The config file's doctor policy, for the findings of Workloads and Detail. */
  policy?: DoctorPolicy;
}

/**
 * Ink hands a run of typed characters over as one input ("jjj", "web⏎⏎e" from a fast typist, a paste or tmux):
 * each character is a key of its own here, enter and tab included; so are two escapes.
 */
export function pressesOf(input: string, key: Key): [string, Key][] {
  // Two escapes in one chunk reach us as alt+escape: they are two presses of esc.
  if (key.escape && key.meta && input === '\u001b') {
    const escapeKey: Key = { ...key, meta: false };
    return [
      ['', escapeKey],
      ['', escapeKey],
    ];
  }
  // esc then a key in one chunk reaches us as alt+key; the TUI binds no alt key, so it is those two presses.
  if (key.meta && !key.escape && !key.ctrl && input !== '') {
    const plain: Key = { ...key, meta: false };
    return [['', { ...plain, escape: true }], ...pressesOf(input, plain)];
  }
  if (input.length <= 1 || key.ctrl || key.meta || key.escape) return [[input, key]];
  return [...input].map((char): [string, Key] =>
    char === '\r' || char === '\n'
      ? ['', { ...key, return: true }]
      : char === '\t'
        ? ['', { ...key, tab: true }]
        : [char, { ...key, shift: /[A-Z]/.test(char) }],
  );
}

const noHistory: LoadHistory = () => [];

/** Lines the header, the table's header, the status lines and the key hints take. */
const chromeLines = 7;

export function AppContainer(props: AppContainerProps) {
  const { theme, readOnly, refreshMs, onQuit, contexts = [], switchScope } = props;
  const [ui, setUi] = useState<UiState>(() =>
    initialUi({ context: props.context, namespace: props.namespace, load: props.load, write: props.write, undo: props.undo }),
  );
  // The newest state, ahead of React's render: each key of a burst starts from what the previous one left.
  const latest = useRef(ui);
  const app = useApp();
  const data = useWorkloads(ui.scope.load, refreshMs, props.policy);
  const size = useTerminalSize();
  const writes = useWrite();
  const history = useHistory(props.loadHistory ?? noHistory, ui.screen === 'history');
  const spinner = useSpinnerFrame(data.loading || writes.phase === 'reviewing' || writes.phase === 'applying');
  const height = Math.max(3, size.rows - chromeLines);

  const update = (next: UiState) => {
    latest.current = next;
    setUi(next);
  };

  const run = (effect: Effect) => {
    switch (effect.type) {
      case 'quit':
        onQuit?.();
        return app.exit();
      case 'refresh':
        return data.refresh();
      case 'refresh-history':
        return history.refresh();
      case 'review':
        return writes.review(effect.jobs);
      case 'apply':
        return writes.apply();
      case 'reset-write':
        return writes.reset();
      case 'switch':
        if (!switchScope) return;
        try {
          const scope = switchScope(effect.context, effect.namespace);
          return update({ ...latest.current, scope, selectedKey: null, filter: '', notice: null });
        } catch (error) {
          return update({ ...latest.current, notice: messageOf(error) });
        }
    }
  };

  const reviewHeight = Math.max(5, size.rows - 6);
  const review = useMemo(() => reviewLines(writes, Math.max(20, size.columns - 1)), [writes, size.columns]);
  const applicable = writes.phase === 'review' && !writes.error && writes.steps.some((s) => s.status === 'dry-run');
  const keyContext: KeyContext = {
    snapshot: data.snapshot,
    rows: data.rows,
    findings: data.findings,
    height,
    readOnly,
    writePhase: writes.phase,
    contexts,
    canSwitch: switchScope !== undefined,
    historyRows: history.rows,
    review: { total: review.length, height: reviewHeight, applicable },
  };

  useInput((input, key) => {
    for (const [press, pressKey] of pressesOf(input, key)) {
      const result = onKey(latest.current, press, pressKey, keyContext);
      update(result.ui);
      for (const effect of result.effects) run(effect);
    }
  });

  const { wizard, screen, scope } = ui;
  const rows = visibleRows(data.rows, ui.filter, ui.sort);
  const selected = selectedIndex(ui, rows);
  const current = rows[selected];
  const validation = useMemo(() => (wizard ? validateWizard(wizard.current, wizard.form) : null), [wizard]);
  const simulation = useMemo(
    () => (wizard && validation ? wizardSimulation(wizard.current, wizard.form, validation, Math.min(size.columns, 140) - 4) : null),
    [wizard, validation, size.columns],
  );
  const detail = useMemo(
    () => (screen === 'detail' && data.snapshot && current ? workloadDetail(data.snapshot, data.findings, current) : null),
    [screen, data.snapshot, data.findings, current],
  );

  const view: AppView =
    screen === 'wizard' && wizard && validation
      ? {
          screen: 'wizard',
          props: {
            current: wizard.current,
            form: wizard.form,
            fields: wizardFields(wizard.current, wizard.form),
            focused: wizard.focused,
            validation,
            simulation,
          },
        }
      : screen === 'review'
        ? {
            screen: 'review',
            props: {
              lines: review,
              offset: clampOffset(ui.reviewOffset, review.length, reviewHeight),
              height: reviewHeight,
              phase: writes.phase,
              spinner,
              applicable,
              seenAll: reviewSeenAll(ui, keyContext.review),
              failed: writes.error !== null,
              backTo: ui.reviewFrom,
            },
          }
        : screen === 'history'
          ? {
              screen: 'history',
              props: {
                rows: history.rows,
                selected: historySelected(ui, history.rows),
                height: height - 1,
                loading: history.loading,
                error: history.error ?? ui.notice,
                journal: props.journal ?? '',
                readOnly,
              },
            }
          : screen === 'detail' && data.snapshot && current
            ? { screen: 'detail', props: { detail, focus: ui.focus, notice: ui.notice, findingIndex: ui.findingIndex, readOnly } }
            : {
                screen: 'workloads',
                props: {
                  rows,
                  total: data.rows.length,
                  selected,
                  height,
                  allNamespaces: scope.namespace === null,
                  filter: ui.filter,
                  editingFilter: ui.editingFilter,
                  sort: ui.sort,
                  loading: data.loading,
                  spinner,
                  error: data.error,
                  picker: ui.picker,
                  notice: ui.notice,
                },
              };
  return (
    <App
      theme={theme}
      help={ui.help}
      readOnly={readOnly}
      view={view}
      header={{
        context: scope.context,
        namespace: scope.namespace,
        readOnly,
        loading: data.loading,
        spinner,
        loadedAt: data.loadedAt,
        refreshSeconds: Math.round(refreshMs / 1000),
      }}
    />
  );
}
