// State and wiring: which screen, the selection, the filter, the help; keys go through the one key table.
import { useApp, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { App, type AppView } from './App.tsx';
import { workloadDetail } from './detail.ts';
import { useSpinnerFrame } from './hooks/useSpinnerFrame.ts';
import { useTerminalSize } from './hooks/useTerminalSize.ts';
import { useWorkloads, type LoadSnapshot } from './hooks/useWorkloads.ts';
import { actionFor } from './keys.ts';
import { filterRows, type WorkloadRow } from './rows.ts';
import { detailSections, type DetailSection } from './screens/DetailScreen.tsx';
import type { Theme } from './theme.ts';

export interface AppContainerProps {
  load: LoadSnapshot;
  theme: Theme;
  context: string;
  /** null: all namespaces (-A). */
  namespace: string | null;
  readOnly: boolean;
  refreshMs: number;
  /** Called when the user quits, before Ink unmounts. */
  onQuit?: () => void;
}

const sorts = ['name', 'findings'] as const;
type Sort = (typeof sorts)[number];

const severityScore = (row: WorkloadRow) => row.findings.error * 1_000_000 + row.findings.warning * 1_000 + row.findings.info;

function sortRows(rows: readonly WorkloadRow[], sort: Sort): readonly WorkloadRow[] {
  return sort === 'name' ? rows : [...rows].sort((a, b) => severityScore(b) - severityScore(a));
}

/** Lines the header, the table's header, the status lines and the key hints take. */
const chromeLines = 7;

export function AppContainer({ load, theme, context, namespace, readOnly, refreshMs, onQuit }: AppContainerProps) {
  const app = useApp();
  const exit = () => {
    onQuit?.();
    app.exit();
  };
  const data = useWorkloads(load, refreshMs);
  const size = useTerminalSize();
  const spinner = useSpinnerFrame(data.loading);
  const [screen, setScreen] = useState<'workloads' | 'detail'>('workloads');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [editingFilter, setEditingFilter] = useState(false);
  const [help, setHelp] = useState(false);
  const [sort, setSort] = useState<Sort>('name');
  const [focus, setFocus] = useState<DetailSection>('hpa');

  const rows = useMemo(() => sortRows(filterRows(data.rows, filter), sort), [data.rows, filter, sort]);
  // The selection follows its workload across re-lists and filters; it falls back to the first row.
  const found = selectedKey ? rows.findIndex((r) => r.key === selectedKey) : -1;
  const selected = Math.max(found, 0);
  const height = Math.max(3, size.rows - chromeLines);
  const select = (index: number) => {
    const row = rows[Math.min(Math.max(0, index), rows.length - 1)];
    if (row) setSelectedKey(row.key);
  };

  useInput((input, key) => {
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
        case 'back':
          return setFilter('');
        case 'nextPane':
          return setSort((s) => sorts[(sorts.indexOf(s) + 1) % sorts.length]!);
        case 'open':
          if (rows[selected]) {
            setSelectedKey(rows[selected].key);
            setFocus('hpa');
            setScreen('detail');
          }
          return;
      }
      return;
    }
    switch (action) {
      case 'back':
        return setScreen('workloads');
      case 'nextPane':
        return setFocus((f) => detailSections[(detailSections.indexOf(f) + 1) % detailSections.length]!);
    }
  });

  const current = rows[selected];
  const view: AppView =
    screen === 'detail' && data.snapshot && current
      ? { screen: 'detail', props: { detail: workloadDetail(data.snapshot, data.findings, current), focus } }
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
          },
        };
  return (
    <App
      theme={theme}
      help={help}
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
