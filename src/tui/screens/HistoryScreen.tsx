// History: the journal's changes newest first, virtualized, with the undo key. Presentation only.
import { Box, Text } from 'ink';
import { VirtualList } from '../components/VirtualList.tsx';
import { fit } from '../components/table.ts';
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

// What a 100-column terminal must show first: the id (undo states name ids), the object and the state.
const columns: readonly HistoryColumn[] = [
  { title: 'id', width: 26, cell: (r) => r.id },
  { title: 'object', width: 32, cell: (r) => r.object },
  { title: 'state', width: 36, cell: (r) => r.state },
  { title: 'change', width: 40, cell: (r) => r.change },
  { title: 'context', width: 16, cell: (r) => r.context },
  { title: 'time', width: 20, cell: (r) => r.time },
];

const headerText = columns.map((c) => fit(c.title.toUpperCase(), c.width)).join(' ');
const rowText = (row: HistoryRow) => columns.map((c) => fit(c.cell(row), c.width)).join(' ');

export function HistoryScreen({ theme, rows, selected, height, loading, error, journal, readOnly }: HistoryScreenProps) {
  const empty = !loading && !error && rows.length === 0;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>History</Text>
        <Text color={theme.muted}>
          {' '}
          · {rows.length} journaled {rows.length === 1 ? 'change' : 'changes'}, newest first
        </Text>
      </Text>
      {error ? (
        <Text color={theme.severity.error}>
          {rows.length > 0 ? 're-reading the journal failed, showing the last rows: ' : 'error: '}
          {error}
        </Text>
      ) : null}
      {rows.length > 0 && !readOnly ? <Text color={theme.accent}>u undoes the selected change (reviewed first)</Text> : null}
      <Text bold wrap="truncate-end">{`  ${headerText}`}</Text>
      {loading && rows.length === 0 ? <Text>reading the journal…</Text> : null}
      {empty ? (
        <Box flexDirection="column">
          <Text color={theme.muted}>No journaled changes yet in {journal}.</Text>
          <Text color={theme.muted}>
            Every change applied here (e on a workload, then y on the review) or with kubectl scale-ha patch is recorded there.
          </Text>
        </Box>
      ) : null}
      <VirtualList
        items={rows}
        selected={selected}
        height={height}
        renderItem={(row, _index, isSelected) => (
          <Text key={row.id} wrap="truncate-end" inverse={isSelected && theme.dim} color={rowColor(theme, row)}>
            {isSelected ? '> ' : '  '}
            {rowText(row)}
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
