// Workloads: `list`'s rows with the doctor's findings, filtered and virtualized. Presentation only.
import { Box, Text } from 'ink';
import { VirtualList } from '../components/VirtualList.tsx';
import { headerText, rowText, workloadColumns } from '../components/table.ts';
import type { WorkloadRow } from '../rows.ts';
import type { ScopePicker } from '../scope.ts';
import type { Theme } from '../theme.ts';

export interface WorkloadsScreenProps {
  theme: Theme;
  rows: readonly WorkloadRow[];
  total: number;
  selected: number;
  height: number;
  allNamespaces: boolean;
  filter: string;
  editingFilter: boolean;
  sort: string;
  loading: boolean;
  spinner: string;
  error: string | null;
  picker?: ScopePicker | null;
  /** Why the last switch did not happen. */
  notice?: string | null;
}

function PickerView({ theme, picker }: { theme: Theme; picker: ScopePicker }) {
  if (picker.kind === 'namespace')
    return (
      <Box borderStyle="round" paddingX={1} flexDirection="column">
        <Text>
          namespace: <Text bold>{picker.text}</Text>▏
        </Text>
        <Text color={theme.muted}>enter switches (empty: all namespaces) · esc cancels</Text>
      </Box>
    );
  return (
    <Box borderStyle="round" paddingX={1} flexDirection="column">
      <Text bold>Switch context</Text>
      {picker.names.map((name, index) => (
        <Text key={name} color={index === picker.index ? theme.accent : undefined}>
          {index === picker.index ? '> ' : '  '}
          {name}
        </Text>
      ))}
      <Text color={theme.muted}>↑↓ choose · enter switches · esc cancels</Text>
    </Box>
  );
}

export function WorkloadsScreen(props: WorkloadsScreenProps) {
  const { theme, rows, total, selected, height, allNamespaces, filter, editingFilter, sort, loading, spinner, error, picker, notice } =
    props;
  const columns = workloadColumns(allNamespaces);
  const firstLoad = loading && total === 0 && !error;
  return (
    <Box flexDirection="column">
      <Text>
        {editingFilter || filter ? (
          <Text>
            filter: <Text bold>{filter}</Text>
            {editingFilter ? '▏' : ''}{' '}
          </Text>
        ) : null}
        <Text color={theme.muted}>
          {rows.length === total ? `${total} workloads` : `${rows.length} of ${total} workloads`} · sorted by {sort}
        </Text>
      </Text>
      {picker ? <PickerView theme={theme} picker={picker} /> : null}
      {notice ? <Text color={theme.severity.warning}>{notice}</Text> : null}
      {error ? (
        <Text color={theme.severity.error}>
          {total > 0 ? 're-list failed, showing the last rows: ' : 'error: '}
          {error}
        </Text>
      ) : null}
      <Text bold wrap="truncate-end">{`  ${headerText(columns)}`}</Text>
      {firstLoad ? <Text>{spinner} listing workloads…</Text> : null}
      {!loading && !error && total === 0 ? <Text color={theme.muted}>No workloads found.</Text> : null}
      {total > 0 && rows.length === 0 ? <Text color={theme.muted}>No workload matches the filter (esc clears it).</Text> : null}
      <VirtualList
        items={rows}
        selected={selected}
        height={height}
        renderItem={(row, _index, isSelected) => (
          <Text key={row.key} wrap="truncate-end" inverse={isSelected && theme.dim} color={rowColor(theme, row)}>
            {isSelected ? '> ' : '  '}
            {rowText(columns, row)}
          </Text>
        )}
      />
    </Box>
  );
}

function rowColor(theme: Theme, row: WorkloadRow): string | undefined {
  if (row.findings.error) return theme.severity.error;
  if (row.findings.warning) return theme.severity.warning;
  return undefined;
}
