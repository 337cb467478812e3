// The History data: the journal read through the injected use-case each time the screen opens and on refresh.
// A failed read keeps the last rows and shows the error; an older read's answer never overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryEntry } from '../../apply/undo.ts';
import { type HistoryRow, historyRows } from '../history.ts';
import { messageWithHint } from '../error-text.ts';

export type LoadHistory = () => HistoryEntry[] | Promise<HistoryEntry[]>;

export interface HistoryState {
  loading: boolean;
  rows: HistoryRow[];
  error: string | null;
  refresh: () => void;
}

export function useHistory(load: LoadHistory, open: boolean): HistoryState {
  const [state, setState] = useState<Omit<HistoryState, 'refresh'>>({ loading: false, rows: [], error: null });
  const generation = useRef(0);
  // The latest load, so that a new function identity on each render neither re-reads nor changes `refresh`.
  const latestLoad = useRef(load);
  latestLoad.current = load;
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    // Through a promise: a load that throws (an unreadable journal directory) lands in the error like a rejection.
    Promise.resolve()
      .then(() => latestLoad.current())
      .then(
        (entries) => {
          if (generation.current === mine) setState({ loading: false, rows: historyRows(entries), error: null });
        },
        (error: unknown) => {
          if (generation.current !== mine) return;
          setState((s) => ({ ...s, loading: false, error: messageWithHint(error) }));
        },
      );
  }, []);

  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);

  return { ...state, refresh };
}
