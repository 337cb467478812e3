// The Review and Apply effects: each job (a change of an Intent, or an undo) first as a server dry-run (Review), then
// for real once confirmed (Apply). Diffs and lines stream into the state as the pipeline reports them; a newer run or
// a reset makes an older one's answers go nowhere.
import { useCallback, useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/index.ts';
import type { ExecuteResult } from '../../apply/pipeline.ts';
import type { Diff } from '../../plan/diff.ts';
import type { Intent } from '../../plan/intent.ts';
import type { DryRun, WriteJob, WriteLine } from '../write.ts';
import { messageWithHint } from '../error-text.ts';

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
  jobs: WriteJob[];
  steps: WriteStep[];
  error: string | null;
}

export interface WriteControls extends WriteState {
  review: (jobs: WriteJob[]) => void;
  apply: () => void;
  reset: () => void;
}

export const intentLabel = (intent: Intent): string =>
  intent.type === 'hpa'
    ? `hpa/${intent.name}`
    : intent.type === 'workload'
      ? `${intent.kind.toLowerCase()}/${intent.name}`
      : `${intent.kind}/${intent.env ?? ''} ${intent.component}`;

const idle: WriteState = { phase: 'idle', jobs: [], steps: [], error: null };

export function useWrite(): WriteControls {
  const [state, setState] = useState<WriteState>(idle);
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  const run = useCallback((jobs: WriteJob[], dryRun: DryRun) => {
    const mine = ++generation.current;
    const live = () => generation.current === mine;
    const update = (index: number, change: (step: WriteStep) => WriteStep) => {
      if (live()) setState((s) => ({ ...s, steps: s.steps.map((step, i) => (i === index ? change(step) : step)) }));
    };
    setState({
      phase: dryRun === 'server' ? 'reviewing' : 'applying',
      jobs,
      error: null,
      steps: jobs.map((job) => ({
        label: job.label,
        diffs: [],
        lines: [],
        status: null,
        journalId: null,
        journalError: null,
      })),
    });
    const done = dryRun === 'server' ? 'review' : 'applied';
    void (async () => {
      for (const [index, job] of jobs.entries()) {
        try {
          const result = await job.run(dryRun, {
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
          if (live())
            setState((s) => ({ ...s, phase: done, error: t('tui.review.jobFailed', { label: job.label, error: messageWithHint(error) }) }));
          return;
        }
      }
      if (live()) setState((s) => ({ ...s, phase: done }));
    })();
  }, []);

  const review = useCallback((jobs: WriteJob[]) => run(jobs, 'server'), [run]);
  const apply = useCallback(() => {
    if (state.phase === 'review' && !state.error && state.jobs.length) run(state.jobs, 'none');
  }, [run, state]);
  const reset = useCallback(() => {
    generation.current++;
    setState(idle);
  }, []);
  return { ...state, review, apply, reset };
}
