// Where the TUI looks: a context and a namespace (null: all), with the reads and writes bound to that context.
// Switching builds a new scope through the same session use-case as the CLI's --context and -n.
import type { LoadSnapshot } from './hooks/useWorkloads.ts';
import type { UndoJob } from './undo.ts';
import type { WriteIntent } from './write.ts';

export interface Scope {
  context: string;
  /** null: all namespaces (-A). */
  namespace: string | null;
  load: LoadSnapshot;
  write?: WriteIntent | undefined;
  /** The undo of a journal entry on this context's session. */
  undo?: UndoJob | undefined;
}

/** Opens another context or namespace of the same kubeconfig; throws a UserError the screen shows in place. */
export type SwitchScope = (context: string, namespace: string | null) => Scope;

/** The picker the Workloads screen shows over its rows: a context list, or the namespace prompt. */
export type ScopePicker = { kind: 'context'; names: readonly string[]; index: number } | { kind: 'namespace'; text: string };
