// The write use-cases both faces call: an Intent → its target → the pipeline, with the access
// pre-flight, the journal context and the executors wired in one place.
import { whoAmI } from '../kube/write.ts';
import type { KubeClient } from '../kube/client.ts';
import type { Intent } from '../plan/intent.ts';
import type { Change, ObjectRef } from '../plan/types.ts';
import { patchExecutor, valuesFileExecutor } from './executors.ts';
import { type DryRunMode, type ExecuteResult, executeChange, type Reporter } from './pipeline.ts';
import { checkWriteAccess } from './preflight.ts';
import { componentTarget, hpaTarget, workloadTarget } from './targets.ts';

export interface WriteSession {
  client: KubeClient;
  contextName: string;
  /** The kubeconfig's user name, shown when the server cannot say who we are. */
  kubeconfigUser: string;
  journalDir: string;
  /** The command line, recorded in the journal. */
  command: string;
}

export interface WriteRequest {
  dryRun: DryRunMode;
  yes: boolean;
  confirm?: ((question: string) => Promise<boolean>) | undefined;
  report: Reporter;
  undoOf?: string | undefined;
}

/** What to change and how to plan it; `ref` names the object whose write access is checked first. */
export interface WriteTarget {
  ref?: ObjectRef;
  plan: () => Promise<Change>;
}

/** Resolves what an Intent names (an Apigee CR by spec.name, an HPA, a workload) to a re-plannable target. */
export async function targetOf(
  client: KubeClient,
  intent: Intent,
  hooks: { namespaceExplicit: boolean; onInfo: (text: string) => void; onWarning: (text: string) => void },
): Promise<WriteTarget & { ref: ObjectRef }> {
  switch (intent.type) {
    case 'component':
      return componentTarget(client, intent.namespace, intent.kind, intent.env, intent.component, intent.settings, {
        namespaceExplicit: hooks.namespaceExplicit,
        onInfo: hooks.onInfo,
      });
    case 'hpa':
      return hpaTarget(client, intent.namespace, intent.name, intent.settings);
    case 'workload':
      return workloadTarget(client, intent.namespace, intent.kind, intent.name, intent.settings, hooks.onWarning);
  }
}

/** Access pre-flight, then the pipeline with every executor. */
export async function runWrite(session: WriteSession, target: WriteTarget, request: WriteRequest): Promise<ExecuteResult> {
  const { client } = session;
  if (request.dryRun !== 'client' && target.ref)
    for (const warning of await checkWriteAccess(client, target.ref)) request.report.warn(warning);
  const user = await whoAmI(client).catch(() => session.kubeconfigUser);
  return executeChange(target.plan, {
    executors: { patch: patchExecutor(client), 'values-file': valuesFileExecutor },
    dryRun: request.dryRun,
    yes: request.yes,
    confirm: request.confirm,
    report: request.report,
    journal: {
      dir: session.journalDir,
      context: session.contextName,
      server: client.server,
      user,
      command: session.command,
      ...(request.undoOf ? { undoOf: request.undoOf } : {}),
    },
  });
}
