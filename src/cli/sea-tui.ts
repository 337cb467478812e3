// Stands in for tui/run.tsx in the single executable (scripts/build.mjs --sea): it loads Yoga's WebAssembly
// first, as the npm package's yoga-layout does with a top-level await the executable's CommonJS script cannot hold.
import { seaYogaReady } from '../tui/sea-yoga.ts';
import type { TuiOptions } from '../tui/run.tsx';

export async function runTui(options: TuiOptions): Promise<void> {
  await seaYogaReady();
  await (await import('../tui/run.tsx')).runTui(options);
}
