// Workloads: `list`'s rows with the doctor's findings, filtered and virtualized. Presentation only.
import { Box, Text } from 'ink';
import { t } from '../../i18n/index.ts';
import { VirtualList } from '../components/VirtualList.tsx';
import { headerText, rowText, workloadColumns } from '../components/table.ts';
import type { WorkloadRow } from '../rows.ts';
import type { ScopePicker } from '../scope.ts';
import type { Theme } from '../theme.ts';
import type { Sort } from '../navigation.ts';

export interface WorkloadsScreenProps {
  theme: Theme;
  rows: readonly WorkloadRow[];
  total: number;
  selected: number;
  height: number;
  allNamespaces: boolean;
  filter: string;
  editingFilter: boolean;
  sort: Sort;
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
          {t('tui.workloads.picker.namespace')} <Text bold>{picker.text}</Text>▏
        </Text>
        <Text color={theme.muted}>{t('tui.workloads.picker.namespaceHint')}</Text>
      </Box>
    );
  return (
    <Box borderStyle="round" paddingX={1} flexDirection="column">
      <Text bold>{t('tui.workloads.picker.contextTitle')}</Text>
      {picker.names.map((name, index) => (
        <Text key={name} color={index === picker.index ? theme.accent : undefined}>
          {index === picker.index ? '> ' : '  '}
          {name}
        </Text>
      ))}
      <Text color={theme.muted}>{t('tui.workloads.picker.contextHint')}</Text>
    </Box>
  );
}

export function WorkloadsScreen(props: WorkloadsScreenProps) {
  const { theme, rows, total, selected, height, allNamespaces, filter, editingFilter, sort, loading, spinner, error, picker, notice } =
    props;
  const columns = workloadColumns(allNamespaces);
  const firstLoad = loading && total === 0 && !error;
  const sortName = t(sort === 'findings' ? 'tui.workloads.sort.findings' : 'tui.workloads.sort.name');
  return (
    <Box flexDirection="column">
      <Text>
        {editingFilter || filter ? (
          <Text>
            {t('tui.workloads.filter')} <Text bold>{filter}</Text>
            {editingFilter ? '▏' : ''}{' '}
          </Text>
        ) : null}
        <Text color={theme.muted}>
          {rows.length === total
            ? t('tui.workloads.count', { total, sort: sortName })
            : t('tui.workloads.countFiltered', { shown: rows.length, total, sort: sortName })}
        </Text>
      </Text>
      {picker ? <PickerView theme={theme} picker={picker} /> : null}
      {notice ? <Text color={theme.severity.warning}>{notice}</Text> : null}
      {error ? (
        <Text color={theme.severity.error}>{t(total > 0 ? 'tui.workloads.relistFailed' : 'tui.error.inPlace', { error })}</Text>
      ) : null}
      <Text bold wrap="truncate-end">{`  ${headerText(columns)}`}</Text>
      {firstLoad ? (
        <Text>
          {spinner} {t('tui.workloads.listing')}
        </Text>
      ) : null}
      {!loading && !error && total === 0 ? <Text color={theme.muted}>{t('tui.workloads.none')}</Text> : null}
      {total > 0 && rows.length === 0 ? <Text color={theme.muted}>{t('tui.workloads.noMatch')}</Text> : null}
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
