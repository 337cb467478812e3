// The Review and Apply effects: each Intent through the write use-case, first as a server dry-run (Review), then for
// real once confirmed (Apply). Diffs and lines stream into the state as the pipeline reports them; a newer run or
// a reset makes an older one's answers go nowhere.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExecuteResult } from '../../apply/pipeline.ts';
import type { Diff } from '../../plan/diff.ts';
import type { Intent } from '../../plan/intent.ts';
import type { WriteIntent, WriteLine } from '../write.ts';

export interface WriteStep {
  label: string;
  diffs: Diff[];
  lines: WriteLine[];
  status: ExecuteResult['status'] | null;
  journalId: string | null;
  journalError: string | null;
}

export type WritePhase = 'idle' | 'reviewing' | 'review' | 'applying' | 'applied';

export interface WriteState {
  phase: WritePhase;
  intents: Intent[];
  steps: WriteStep[];
  error: string | null;
}

export interface WriteControls extends WriteState {
  review: (intents: Intent[]) => void;
  apply: () => void;
  reset: () => void;
}

export const intentLabel = (intent: Intent): string =>
  intent.type === 'hpa'
    ? `hpa/${intent.name}`
    : intent.type === 'workload'
      ? `${intent.kind.toLowerCase()}/${intent.name}`
      : `${intent.kind}/${intent.env ?? ''} ${intent.component}`;

const idle: WriteState = { phase: 'idle', intents: [], steps: [], error: null };

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = (error as { hint?: string } | null)?.hint;
  return hint ? `${message} (${hint})` : message;
}

export function useWrite(write: WriteIntent): WriteControls {
  const [state, setState] = useState<WriteState>(idle);
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  const run = useCallback(
    (intents: Intent[], dryRun: 'server' | 'none') => {
      const mine = ++generation.current;
      const live = () => generation.current === mine;
      const update = (index: number, change: (step: WriteStep) => WriteStep) => {
        if (live()) setState((s) => ({ ...s, steps: s.steps.map((step, i) => (i === index ? change(step) : step)) }));
      };
      setState({
        phase: dryRun === 'server' ? 'reviewing' : 'applying',
        intents,
        error: null,
        steps: intents.map((intent) => ({
          label: intentLabel(intent),
          diffs: [],
          lines: [],
          status: null,
          journalId: null,
          journalError: null,
        })),
      });
      const done = dryRun === 'server' ? 'review' : 'applied';
      void (async () => {
        for (const [index, intent] of intents.entries()) {
          try {
            const result = await write(intent, dryRun, {
              diff: (diff) => update(index, (step) => ({ ...step, diffs: [...step.diffs, diff] })),
              line: (line) => update(index, (step) => ({ ...step, lines: [...step.lines, line] })),
            });
            update(index, (step) => ({
              ...step,
              status: result.status,
              journalId: result.journalId ?? null,
              journalError: result.journalError ?? null,
            }));
          } catch (error) {
            if (live()) setState((s) => ({ ...s, phase: done, error: `${intentLabel(intent)}: ${messageOf(error)}` }));
            return;
          }
        }
        if (live()) setState((s) => ({ ...s, phase: done }));
      })();
    },
    [write],
  );

  const review = useCallback((intents: Intent[]) => run(intents, 'server'), [run]);
  const apply = useCallback(() => {
    if (state.phase === 'review' && !state.error && state.intents.length) run(state.intents, 'none');
  }, [run, state]);
  const reset = useCallback(() => {
    generation.current++;
    setState(idle);
  }, []);
  return { ...state, review, apply, reset };
}
