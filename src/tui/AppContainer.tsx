// State and wiring: which screen, the selection, the filter, the help; keys go through the one key table.
import { useApp, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { App, type AppView } from './App.tsx';
import { workloadDetail } from './detail.ts';
import { useSpinnerFrame } from './hooks/useSpinnerFrame.ts';
import { useTerminalSize } from './hooks/useTerminalSize.ts';
import { useWorkloads, type LoadSnapshot } from './hooks/useWorkloads.ts';
import { intentLabel, useWrite } from './hooks/useWrite.ts';
import { actionFor } from './keys.ts';
import type { Intent } from '../plan/intent.ts';
import { checkNamespace } from '../k8s/limits.ts';
import type { Scope, ScopePicker, SwitchScope } from './scope.ts';
import { filterRows, type WorkloadRow } from './rows.ts';
import { detailSections, type DetailSection } from './screens/DetailScreen.tsx';
import type { Theme } from './theme.ts';
import {
  choicesOf,
  type FieldName,
  initialForm,
  isTextField,
  prefilledForm,
  validateWizard,
  type WizardCurrent,
  type WizardForm,
  wizardCurrentOf,
  wizardFields,
  withSidecar,
} from './wizard.ts';
import { wizardSimulation } from './wizard-simulation.ts';
import type { WriteIntent, WriteJob, WriteRoute } from './write.ts';
import type { SidecarName } from '../profiles/wallarm.ts';
import { fixIntentOf } from './fix-text.ts';

export interface AppContainerProps {
  load: LoadSnapshot;
  theme: Theme;
  context: string;
  /** null: all namespaces (-A). */
  namespace: string | null;
  readOnly: boolean;
  refreshMs: number;
  /** The write use-case (targetOf + runWrite); tests pass a fake. Without it, the edit key says writes are unavailable. */
  write?: WriteIntent;
  /** Called when the user quits, before Ink unmounts. */
  onQuit?: () => void;
  /** The kubeconfig's contexts and how to open one (c, n); without it the scope is fixed. */
  contexts?: readonly string[];
  switchScope?: SwitchScope;
}

const sorts = ['name', 'findings'] as const;
type Sort = (typeof sorts)[number];

const severityScore = (row: WorkloadRow) => row.findings.error * 1_000_000 + row.findings.warning * 1_000 + row.findings.info;

function sortRows(rows: readonly WorkloadRow[], sort: Sort): readonly WorkloadRow[] {
  return sort === 'name' ? rows : [...rows].sort((a, b) => severityScore(b) - severityScore(a));
}

/** Lines the header, the table's header, the status lines and the key hints take. */
const chromeLines = 7;

const noWrite: WriteIntent = () => Promise.reject(new Error('writes are not wired in this session'));

const intentJob = (write: WriteIntent, intent: Intent, route: WriteRoute): WriteJob => ({
  label: intentLabel(intent),
  run: (dryRun, listener) => write(intent, dryRun, listener, route),
});

const cycle = <T,>(values: readonly T[], value: T, step: number): T =>
  values[(values.indexOf(value) + step + values.length) % values.length]!;

export function AppContainer(props: AppContainerProps) {
  const { theme, readOnly, refreshMs, onQuit, contexts = [], switchScope } = props;
  const [scope, setScope] = useState<Scope>({ context: props.context, namespace: props.namespace, load: props.load, write: props.write });
  const { load, context, namespace } = scope;
  const write = scope.write ?? noWrite;
  const [picker, setPicker] = useState<ScopePicker | null>(null);
  const app = useApp();
  const exit = () => {
    onQuit?.();
    app.exit();
  };
  const data = useWorkloads(load, refreshMs);
  const size = useTerminalSize();
  const writes = useWrite();
  const spinner = useSpinnerFrame(data.loading || writes.phase === 'reviewing' || writes.phase === 'applying');
  const [screen, setScreen] = useState<'workloads' | 'detail' | 'wizard' | 'review'>('workloads');
  const [wizard, setWizard] = useState<{ current: WizardCurrent; form: WizardForm; focused: FieldName } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [editingFilter, setEditingFilter] = useState(false);
  const [help, setHelp] = useState(false);
  const [sort, setSort] = useState<Sort>('name');
  const [focus, setFocus] = useState<DetailSection>('hpa');
  const [findingIndex, setFindingIndex] = useState(0);

  const rows = useMemo(() => sortRows(filterRows(data.rows, filter), sort), [data.rows, filter, sort]);
  // The selection follows its workload across re-lists and filters; it falls back to the first row.
  const found = selectedKey ? rows.findIndex((r) => r.key === selectedKey) : -1;
  const selected = Math.max(found, 0);
  const height = Math.max(3, size.rows - chromeLines);
  const select = (index: number) => {
    const row = rows[Math.min(Math.max(0, index), rows.length - 1)];
    if (row) setSelectedKey(row.key);
  };

  const validation = useMemo(() => (wizard ? validateWizard(wizard.current, wizard.form) : null), [wizard]);
  const simulation = useMemo(
    () => (wizard && validation ? wizardSimulation(wizard.current, wizard.form, validation, Math.min(size.columns, 140) - 4) : null),
    [wizard, validation, size.columns],
  );

  const wizardInput = (input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    if (!wizard || !validation) return;
    const fields = wizardFields(wizard.current, wizard.form);
    const at = Math.max(0, fields.indexOf(wizard.focused));
    const focus = (index: number) => setWizard({ ...wizard, focused: fields[Math.min(Math.max(0, index), fields.length - 1)]! });
    const field = wizard.focused;
    if (key.escape) {
      setWizard(null);
      setScreen('detail');
    } else if (key.return) {
      if (validation.intents.length) {
        writes.review(validation.intents.map((intent) => intentJob(write, intent, validation.route)));
        setScreen('review');
      }
    } else if (key.upArrow || (key.tab && key.shift)) focus(at - 1);
    else if (key.downArrow || key.tab) focus(at + 1);
    else if (isTextField(field)) {
      if (key.backspace || key.delete) setWizard({ ...wizard, form: { ...wizard.form, [field]: wizard.form[field].slice(0, -1) } });
      else if (input && !key.ctrl && !key.meta) setWizard({ ...wizard, form: { ...wizard.form, [field]: wizard.form[field] + input } });
    } else if (key.leftArrow || key.rightArrow || input === ' ') {
      const value = cycle(choicesOf(wizard.current, field), wizard.form[field], key.leftArrow ? -1 : 1);
      const form =
        field === 'sidecar'
          ? withSidecar(wizard.current, wizard.form, value as SidecarName)
          : ({ ...wizard.form, [field]: value } as WizardForm);
      setWizard({ ...wizard, form });
    }
  };

  /** Moves to another context or namespace: a fresh listing, the selection and filter of the old one dropped. */
  const switchTo = (nextContext: string, nextNamespace: string | null) => {
    if (!switchScope) return;
    try {
      setScope(switchScope(nextContext, nextNamespace));
      setSelectedKey(null);
      setFilter('');
      setNotice(null);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  };

  const pickerInput = (input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    if (!picker) return;
    if (key.escape) return setPicker(null);
    if (picker.kind === 'context') {
      const step = key.upArrow || input === 'k' ? -1 : key.downArrow || input === 'j' ? 1 : 0;
      if (step) return setPicker({ ...picker, index: Math.min(Math.max(0, picker.index + step), picker.names.length - 1) });
      if (key.return) {
        setPicker(null);
        const name = picker.names[picker.index];
        if (name && name !== context) switchTo(name, namespace);
      }
      return;
    }
    if (key.return) {
      const text = picker.text.trim();
      try {
        const next = text === '' ? null : checkNamespace(text, 'namespace');
        setPicker(null);
        if (next !== namespace) switchTo(context, next);
      } catch (error) {
        setNotice(error instanceof Error ? error.message : String(error));
      }
    } else if (key.backspace || key.delete) setPicker({ ...picker, text: picker.text.slice(0, -1) });
    else if (input && !key.ctrl && !key.meta) setPicker({ ...picker, text: picker.text + input });
  };

  const current = rows[selected];
  const detailView = useMemo(
    () => (screen === 'detail' && data.snapshot && current ? workloadDetail(data.snapshot, data.findings, current) : null),
    [screen, data.snapshot, data.findings, current],
  );

  /** The wizard over the selected workload, blank or as a doctor's fix would set it. */
  const openWizard = (intent: Intent | null) => {
    if (readOnly || !data.snapshot || !current) return;
    const now = wizardCurrentOf(data.snapshot, current.key);
    if (!now) return setNotice('Only a Deployment, a StatefulSet or an Apigee component with an HPA can be edited here.');
    const form = intent ? prefilledForm(now, intent) : initialForm(now);
    setNotice(null);
    setWizard({ current: now, form, focused: wizardFields(now, form)[0]! });
    setScreen('wizard');
  };

  useInput((input, key) => {
    if (screen === 'wizard') return wizardInput(input, key);
    if (screen === 'review') {
      const action = actionFor(input, key);
      if (writes.phase === 'review' && action === 'confirm') return writes.apply();
      if (action === 'back' && writes.phase !== 'applying') {
        if (writes.phase === 'applied') {
          writes.reset();
          setWizard(null);
          setScreen('detail');
          data.refresh();
        } else {
          writes.reset();
          setScreen('wizard');
        }
      }
      return;
    }
    if (picker) return pickerInput(input, key);
    if (editingFilter) {
      if (key.escape) {
        setFilter('');
        setEditingFilter(false);
      } else if (key.return) setEditingFilter(false);
      else if (key.backspace || key.delete) setFilter((f) => f.slice(0, -1));
      else if (input && !key.ctrl && !key.meta) setFilter((f) => f + input);
      return;
    }
    const action = actionFor(input, key);
    if (help) {
      if (action === 'help' || action === 'back') setHelp(false);
      else if (action === 'quit') exit();
      return;
    }
    switch (action) {
      case 'quit':
        return exit();
      case 'help':
        return setHelp(true);
      case 'refresh':
        return data.refresh();
    }
    if (screen === 'workloads') {
      switch (action) {
        case 'up':
          return select(selected - 1);
        case 'down':
          return select(selected + 1);
        case 'pageUp':
          return select(selected - height);
        case 'pageDown':
          return select(selected + height);
        case 'top':
          return select(0);
        case 'bottom':
          return select(rows.length - 1);
        case 'filter':
          return setEditingFilter(true);
        case 'context':
          if (!switchScope) return setNotice('This session cannot switch contexts.');
          setNotice(null);
          return setPicker({ kind: 'context', names: contexts, index: Math.max(0, contexts.indexOf(context)) });
        case 'namespace':
          if (!switchScope) return setNotice('This session cannot switch namespaces.');
          setNotice(null);
          return setPicker({ kind: 'namespace', text: namespace ?? '' });
        case 'back':
          return setFilter('');
        case 'nextPane':
          return setSort((s) => sorts[(sorts.indexOf(s) + 1) % sorts.length]!);
        case 'open':
          if (rows[selected]) {
            setSelectedKey(rows[selected].key);
            setFocus('hpa');
            setFindingIndex(0);
            setNotice(null);
            setScreen('detail');
          }
          return;
      }
      return;
    }
    switch (action) {
      case 'back':
        setNotice(null);
        return setScreen('workloads');
      case 'edit':
        return openWizard(null);
      case 'fix': {
        const fix = detailView?.findings[findingIndex]?.fix;
        const intent = fix ? fixIntentOf(fix) : undefined;
        if (!intent) return setNotice('This finding has no fix the wizard can make: its fix line says what to do.');
        return openWizard(intent);
      }
      case 'up':
      case 'down':
        if (focus === 'findings' && detailView)
          setFindingIndex((i) => Math.min(Math.max(0, i + (action === 'up' ? -1 : 1)), Math.max(0, detailView.findings.length - 1)));
        return;
      case 'nextPane':
        return setFocus((f) => detailSections[(detailSections.indexOf(f) + 1) % detailSections.length]!);
    }
  });

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
        ? { screen: 'review', props: { write: writes, spinner } }
        : screen === 'detail' && data.snapshot && current
          ? { screen: 'detail', props: { detail: detailView, focus, notice, findingIndex, readOnly } }
          : {
              screen: 'workloads',
              props: {
                rows,
                total: data.rows.length,
                selected,
                height,
                allNamespaces: namespace === null,
                filter,
                editingFilter,
                sort,
                loading: data.loading,
                spinner,
                error: data.error,
                picker,
                notice,
              },
            };
  return (
    <App
      theme={theme}
      help={help}
      readOnly={readOnly}
      view={view}
      header={{
        context,
        namespace,
        readOnly,
        loading: data.loading,
        spinner,
        loadedAt: data.loadedAt,
        refreshSeconds: Math.round(refreshMs / 1000),
      }}
    />
  );
}
