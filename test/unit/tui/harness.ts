// Renders the TUI with ink-testing-library over a fixture snapshot, and presses keys the way a terminal sends them,
// waiting after each press so React flushes (and Ink's escape-sequence timer settles) before the test reads the frame.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import type { Snapshot } from '../../../src/snapshot/types.ts';
import { AppContainer, type AppContainerProps } from '../../../src/tui/AppContainer.tsx';
import { themeFor } from '../../../src/tui/theme.ts';

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
