// The Workloads data: a snapshot through the same use-case as `list`, the doctor's findings over it, re-listed
// every `refreshMs`. The only place the TUI reads the cluster; a failed re-list keeps the last rows and shows the error.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Finding } from '../../doctor/finding.ts';
import { noPolicy, type DoctorPolicy } from '../../doctor/policy.ts';
import { runDoctor } from '../../doctor/run.ts';
import type { Snapshot } from '../../snapshot/types.ts';
import { workloadRows, type WorkloadRow } from '../rows.ts';
import { messageWithHint } from '../error-text.ts';

export type LoadSnapshot = () => Promise<Snapshot>;

export interface WorkloadsState {
  loading: boolean;
  snapshot: Snapshot | null;
  rows: WorkloadRow[];
  findings: Finding[];
  error: string | null;
  /** When the shown rows were listed. */
  loadedAt: Date | null;
  refresh: () => void;
}

/** `policy`: the config file's (skip, re-rank, exceptions), as `doctor` applies it. */
export function useWorkloads(load: LoadSnapshot, refreshMs: number, policy: DoctorPolicy = noPolicy): WorkloadsState {
  const [state, setState] = useState<Omit<WorkloadsState, 'refresh'>>({
    loading: true,
    snapshot: null,
    rows: [],
    findings: [],
    error: null,
    loadedAt: null,
  });
  // One listing at a time per source; a new source (another context or namespace) or an unmount makes the answers
  // of older listings go nowhere.
  const inFlight = useRef(false);
  const generation = useRef(0);

  const refresh = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    const mine = generation.current;
    const live = () => generation.current === mine;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (snapshot) => {
        if (!live()) return;
        inFlight.current = false;
        const findings = runDoctor(snapshot, {}, undefined, policy).findings;
        setState({ loading: false, snapshot, rows: workloadRows(snapshot, findings), findings, error: null, loadedAt: new Date() });
      },
      (error: unknown) => {
        if (!live()) return;
        inFlight.current = false;
        setState((s) => ({ ...s, loading: false, error: messageWithHint(error) }));
      },
    );
  }, [load, policy]);

  useEffect(() => {
    refresh();
    const timer = refreshMs > 0 ? setInterval(refresh, refreshMs) : undefined;
    return () => {
      generation.current++;
      inFlight.current = false;
      if (timer) clearInterval(timer);
    };
  }, [refresh, refreshMs]);

  // Another source: the old rows belong to another scope and must not be shown as this one's.
  const source = useRef(load);
  useEffect(() => {
    if (source.current === load) return;
    source.current = load;
    setState({ loading: true, snapshot: null, rows: [], findings: [], error: null, loadedAt: null });
  }, [load]);

  return { ...state, refresh };
}
