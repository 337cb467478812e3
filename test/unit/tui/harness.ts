// Renders the TUI with ink-testing-library over a fixture snapshot, and presses keys the way a terminal sends them,
// waiting after each press so React flushes (and Ink's escape-sequence timer settles) before the test reads the frame.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { parseAllDocuments } from 'yaml';
import type { ExecuteResult } from '../../../src/apply/pipeline.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { unifiedDiff } from '../../../src/plan/diff.ts';
import type { Intent } from '../../../src/plan/intent.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import type { Snapshot } from '../../../src/snapshot/types.ts';
import { AppContainer, type AppContainerProps } from '../../../src/tui/AppContainer.tsx';
import { HistoryScreen, type HistoryScreenProps } from '../../../src/tui/screens/HistoryScreen.tsx';
import { themeFor } from '../../../src/tui/theme.ts';
import type { WriteIntent, WriteRoute } from '../../../src/tui/write.ts';

export function fixtureSnapshot(...files: string[]): Snapshot {
  const objects = files.flatMap((name) =>
    parseAllDocuments(readFileSync(join(import.meta.dirname, '../../fixtures/doctor', name), 'utf8'))
      .map((doc) => doc.toJS() as KubeObject)
      .filter(Boolean),
  );
  return snapshotFromObjects(objects);
}

export const keys = { up: '\u001b[A', down: '\u001b[B', enter: '\r', escape: '\u001b', tab: '\t', backspace: '\u007f' };

export const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

export async function renderTui(props: Partial<AppContainerProps> & { snapshot?: Snapshot }) {
  const { snapshot, ...rest } = props;
  const app = render(
    createElement(AppContainer, {
      load: () => Promise.resolve(snapshot ?? fixtureSnapshot('cluster.yaml')),
      theme: themeFor({ NO_COLOR: '1' }),
      context: 'fixture',
      namespace: null,
      readOnly: false,
      refreshMs: 0,
      ...rest,
    }),
  );
  await tick();
  // A fixture listing resolves at once, but the doctor over it takes a while on a busy machine: wait for the rows.
  if (!rest.load) for (let waited = 0; /listing workloads…/.test(app.lastFrame() ?? '') && waited < 10_000; waited += 20) await tick(20);
  return {
    ...app,
    frame: () => app.lastFrame() ?? '',
    /** Waits (up to 10 s) until the frame shows what the test needs: a large listing takes a while on a busy machine. */
    async waitFor(pattern: RegExp) {
      for (let waited = 0; !pattern.test(app.lastFrame() ?? '') && waited < 10_000; waited += 20) await tick(20);
    },
    /** Keys in one stdin chunk, as a fast typist, a paste or tmux send-keys deliver them. */
    async burst(...sequence: string[]) {
      app.stdin.write(sequence.join(''));
      await tick();
    },
    async press(...sequence: string[]) {
      for (const key of sequence) {
        app.stdin.write(key);
        await tick();
      }
    },
  };
}

export interface Call {
  intent: Intent;
  dryRun: 'server' | 'none';
  route?: WriteRoute | undefined;
}

/** A fake write use-case: reports a diff of the HPA's max (or the intent as JSON) and answers like runWrite. */
export function fakeWrite(options: { fail?: string; longDiff?: boolean } = {}): { write: WriteIntent; calls: Call[] } {
  const calls: Call[] = [];
  const write: WriteIntent = async (intent, dryRun, listener, route) => {
    calls.push({ intent, dryRun, ...(route?.direct || route?.valuesFile ? { route } : {}) });
    if (options.fail) throw Object.assign(new Error(options.fail), { hint: 'ask your cluster admin' });
    const settings = JSON.stringify(intent.settings);
    // a long review: 60 changed lines, more than a 24-row terminal shows
    const filler = options.longDiff ? Array.from({ length: 60 }, (_, i) => `  line${i}: x\n`).join('') : '';
    const diff = unifiedDiff(
      'spec:\n  minReplicas: 2\n  maxReplicas: 8\n',
      `spec:\n  minReplicas: 2\n  maxReplicas: 8\n${filler}  # ${settings}\n`,
      {
        from: `${intent.type}/x (live)`,
        to: `${intent.type}/x (planned)`,
      },
    );
    listener.diff(diff);
    listener.line({ kind: 'info', text: `  settings ${settings}` });
    listener.line({ kind: 'warning', text: 'fake ownership warning' });
    return {
      status: dryRun === 'server' ? 'dry-run' : 'applied',
      change: {} as ExecuteResult['change'],
      dryRun: dryRun === 'server' ? { mode: 'server', accepted: true } : null,
      diff,
      ...(dryRun === 'none' ? { journalId: '20261204-231500-abc' } : {}),
      attempts: 1,
    };
  };
  return { write, calls };
}

/** The History screen's frame, without colour, over `rows` (the rest of its props as a listing that loaded). */
export function historyFrame(props: Partial<HistoryScreenProps> & Pick<HistoryScreenProps, 'rows'>): string {
  return (
    render(
      createElement(HistoryScreen, {
        theme: themeFor({ NO_COLOR: '1' }),
        selected: 0,
        height: 10,
        loading: false,
        error: null,
        journal: '/state/kubectl-scale-ha/journal',
        readOnly: false,
        ...props,
      }),
    ).lastFrame() ?? ''
  );
}
