// History: the journal's changes newest first, virtualized, with the undo key. Presentation only.
import { Box, Text } from 'ink';
import { t } from '../../i18n/index.ts';
import { VirtualList } from '../components/VirtualList.tsx';
import { fit, titled } from '../components/table.ts';
import type { HistoryRow } from '../history.ts';
import type { Theme } from '../theme.ts';

export interface HistoryScreenProps {
  theme: Theme;
  rows: readonly HistoryRow[];
  selected: number;
  height: number;
  loading: boolean;
  error: string | null;
  /** The journal directory, named when it is empty. */
  journal: string;
  /** --read-only: the undo key is not offered. */
  readOnly: boolean;
}

interface HistoryColumn {
  title: string;
  width: number;
  cell: (row: HistoryRow) => string;
}

// What a 100-column terminal must show first: the id (undo states name ids), the object and the state. Built when
// shown: the titles are in the language of the run.
const historyColumns = (): HistoryColumn[] =>
  [
    { title: t('tui.history.column.id'), width: 26, cell: (r: HistoryRow) => r.id },
    { title: t('tui.history.column.object'), width: 32, cell: (r: HistoryRow) => r.object },
    { title: t('tui.history.column.state'), width: 36, cell: (r: HistoryRow) => r.state },
    { title: t('tui.history.column.change'), width: 40, cell: (r: HistoryRow) => r.change },
    { title: t('tui.history.column.context'), width: 16, cell: (r: HistoryRow) => r.context },
    { title: t('tui.history.column.time'), width: 20, cell: (r: HistoryRow) => r.time },
  ].map(titled);

const headerTextOf = (columns: readonly HistoryColumn[]) => columns.map((c) => fit(c.title.toUpperCase(), c.width)).join(' ');
const rowTextOf = (columns: readonly HistoryColumn[], row: HistoryRow) => columns.map((c) => fit(c.cell(row), c.width)).join(' ');

export function HistoryScreen({ theme, rows, selected, height, loading, error, journal, readOnly }: HistoryScreenProps) {
  const empty = !loading && !error && rows.length === 0;
  const columns = historyColumns();
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{t('tui.history.title')}</Text>
        <Text color={theme.muted}> · {t('tui.history.count', { count: rows.length })}</Text>
      </Text>
      {error ? (
        <Text color={theme.severity.error}>{t(rows.length > 0 ? 'tui.history.rereadFailed' : 'tui.error.inPlace', { error })}</Text>
      ) : null}
      {rows.length > 0 && !readOnly ? <Text color={theme.accent}>{t('tui.history.undoHint')}</Text> : null}
      <Text bold wrap="truncate-end">{`  ${headerTextOf(columns)}`}</Text>
      {loading && rows.length === 0 ? <Text>{t('tui.history.reading')}</Text> : null}
      {empty ? (
        <Box flexDirection="column">
          <Text color={theme.muted}>{t('tui.history.empty', { journal })}</Text>
          <Text color={theme.muted}>{t('tui.history.emptyHint')}</Text>
        </Box>
      ) : null}
      <VirtualList
        items={rows}
        selected={selected}
        height={height}
        renderItem={(row, _index, isSelected) => (
          <Text key={row.id} wrap="truncate-end" inverse={isSelected && theme.dim} color={rowColor(theme, row)}>
            {isSelected ? '> ' : '  '}
            {rowTextOf(columns, row)}
          </Text>
        )}
      />
    </Box>
  );
}

function rowColor(theme: Theme, row: HistoryRow): string | undefined {
  if (row.pending) return theme.severity.warning;
  if (row.undone) return theme.muted;
  return undefined;
}
