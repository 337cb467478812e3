// Stands in for tui/run.tsx in the single executable: Ink and its layout engine load with top-level
// await, which the executable's one CommonJS script cannot hold (Node 24 runs no ES module there).
import { usageError } from '../k8s/errors.ts';

export async function runTui(): Promise<never> {
  throw usageError(
    'This single executable has no TUI.',
    'kubectl scale-ha tui comes with the npm package (npm install -g kubectl-scale-ha); here use list, doctor, simulate, patch, history and undo.',
  );
}
