// The write use-cases both faces call: an Intent → its route (a direct patch, or the helm route for
// objects a helm release manages) → the pipeline, with the access pre-flight, the journal context and
// the executors wired in one place.
import { t } from '../i18n/index.ts';
import type { KubeObject } from '../k8s/types.ts';
import type { KubeClient } from '../kube/client.ts';
import { getObject } from '../kube/resources.ts';
import { fieldManager, whoAmI } from '../kube/write.ts';
import type { Intent } from '../plan/intent.ts';
import { checkUndoServer } from '../plan/undo.ts';
import type { Change, ObjectRef } from '../plan/types.ts';
import { type HelmRelease, helmReleaseOf } from '../profiles/generic.ts';
import { ownerOf } from '../profiles/ownership.ts';
import type { ValuesTarget } from '../profiles/values/edits.ts';
import { patchExecutor, valuesFileExecutor, writeAtomically } from './executors.ts';
import {
  type HelmContext,
  type HelmOptions,
  helmContext,
  helmRollbackExecutor,
  helmUndoTarget,
  helmUpgradeExecutor,
  helmUpgradeTarget,
} from './helm-route.ts';
import { type JournalEntry, journalDir } from './journal.ts';
import type { Session } from './session.ts';
import { type DryRunMode, type ExecuteResult, type Executors, executeChange, type Reporter } from './pipeline.ts';
import { checkWriteAccess } from './preflight.ts';
import { componentTarget, hpaTarget, undoTarget, workloadTarget } from './targets.ts';

export interface WriteSession {
  client: KubeClient;
  contextName: string;
  /** The kubeconfig's user name, shown when the server cannot say who we are. */
  kubeconfigUser: string;
  /** --kubeconfig, when the user gave one: helm gets the same. */
  kubeconfigFile?: string | undefined;
  journalDir: string;
  /** The command line, recorded in the journal. */
  command: string;
  env: NodeJS.ProcessEnv;
}

/** The write session of a face's session: the journal under XDG_STATE_HOME of `env`, `command` recorded with each entry. */
export function writeSessionOf(session: Session, env: NodeJS.ProcessEnv, command: string): WriteSession {
  return {
    client: session.client,
    contextName: session.contextName,
    kubeconfigUser: session.kubeconfigUser,
    kubeconfigFile: session.kubeconfigFile,
    env,
    journalDir: journalDir(env),
    command,
  };
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
  /** Set on the helm route: the helm that carries the change out. */
  helm?: HelmContext;
  /** The object the intent names, whichever route changes it: what the follow-ups watch. */
  subject?: ObjectRef;
}

/** How to carry a change to a helm-managed object: through its release (default) or --direct. */
export interface RouteOptions {
  direct: boolean;
  helm: HelmOptions;
}

export interface TargetHooks {
  namespaceExplicit: boolean;
  onInfo: (text: string) => void;
  onWarning: (text: string) => void;
}

/** The object an intent names, as the values planner needs it. */
function valuesTargetOf(intent: Intent, object: KubeObject): ValuesTarget {
  switch (intent.type) {
    case 'component':
      return { type: 'component', kind: intent.kind, env: intent.env, component: intent.component, settings: intent.settings };
    case 'hpa':
      return { type: 'hpa', hpa: object as Extract<ValuesTarget, { type: 'hpa' }>['hpa'], settings: intent.settings };
    case 'workload':
      return { type: 'workload', workload: object as Extract<ValuesTarget, { type: 'workload' }>['workload'], settings: intent.settings };
  }
}

/** The helm release that manages the object, unless another controller owns it (then the patch route refuses). */
async function managingRelease(client: KubeClient, ref: ObjectRef): Promise<{ release: HelmRelease; object: KubeObject } | undefined> {
  const object = await getObject(client, ref);
  object.kind ??= ref.kind;
  const release = helmReleaseOf(object);
  return release && !ownerOf(object) ? { release, object } : undefined;
}

/**
 * Resolves what an Intent names (an Apigee CR by spec.name, an HPA, a workload) to a re-plannable
 * target: the helm route when a release manages it (unless --direct), else a direct patch.
 */
export async function targetOf(session: WriteSession, intent: Intent, hooks: TargetHooks, route: RouteOptions): Promise<WriteTarget> {
  const { client } = session;
  const patch = await patchTargetOf(client, intent, hooks);
  const managed = await managingRelease(client, patch.ref);
  if (!managed) return { ...patch, subject: patch.ref };
  if (route.direct) {
    const edit = await valuesInStep(session, managed, intent, route.helm).catch(() => undefined);
    if (edit)
      hooks.onWarning(t('apply.write.keepReleaseInStep', { release: `${managed.release.namespace}/${managed.release.name}`, edit }));
    return { ...patch, subject: patch.ref };
  }
  const helm = await helmContext(client, session.kubeconfigFile, route.helm, session.env);
  if (helm.tool.major === 4 && managed.object.metadata.managedFields?.some((entry) => entry.manager === fieldManager)) {
    helm.takeBackOwnFields = true;
    hooks.onWarning(t('apply.write.takeBackOwnFields', { object: `${patch.ref.kind}/${patch.ref.name}` }));
  }
  hooks.onInfo(
    t('apply.write.throughRelease', {
      object: `${patch.ref.kind}/${patch.ref.name}`,
      release: `${managed.release.namespace}/${managed.release.name}`,
    }),
  );
  return { ...helmUpgradeTarget(helm, managed.release, valuesTargetOf(intent, managed.object)), helm, subject: patch.ref };
}

/** The values edit that matches a --direct patch (best effort: needs helm and the release's record). */
async function valuesInStep(
  session: WriteSession,
  managed: { release: HelmRelease; object: KubeObject },
  intent: Intent,
  options: HelmOptions,
): Promise<string | undefined> {
  const helm = await helmContext(session.client, session.kubeconfigFile, options, session.env);
  const change = await helmUpgradeTarget(helm, managed.release, valuesTargetOf(intent, managed.object)).plan();
  return change.summary.length ? change.summary.map((line) => line.replace(/^(.*): .* → (.*)$/, '$1: $2')).join(', ') : undefined;
}

function patchTargetOf(
  client: KubeClient,
  intent: Intent,
  hooks: TargetHooks,
): Promise<WriteTarget & { ref: ObjectRef }> | (WriteTarget & { ref: ObjectRef }) {
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

/** The undo of a journal entry: a patch back, or a helm rollback. Warns (or refuses) when the server differs. */
export async function undoTargetOf(
  session: WriteSession,
  entry: JournalEntry,
  options: { force: boolean; helm: HelmOptions },
): Promise<{ target: WriteTarget; warning?: string }> {
  const warning = checkUndoServer(entry, session.client.server, { force: options.force });
  if (entry.kind === 'patch')
    return { target: undoTarget(session.client, entry, { force: options.force }), ...(warning ? { warning } : {}) };
  const helm = await helmContext(session.client, session.kubeconfigFile, options.helm, session.env);
  return { target: { ...helmUndoTarget(helm, entry), helm }, ...(warning ? { warning } : {}) };
}

function executorsFor(session: WriteSession, target: WriteTarget, report: Reporter): Executors {
  const executors: Executors = { patch: patchExecutor(session.client), 'values-file': valuesFileExecutor };
  if (target.helm) {
    executors['helm-upgrade'] = helmUpgradeExecutor(target.helm, report, writeAtomically);
    executors['helm-rollback'] = helmRollbackExecutor(target.helm, writeAtomically);
  }
  return executors;
}

/** Access pre-flight, then the pipeline with every executor. */
export async function runWrite(session: WriteSession, target: WriteTarget, request: WriteRequest): Promise<ExecuteResult> {
  const { client } = session;
  if (request.dryRun !== 'client' && target.ref)
    for (const warning of await checkWriteAccess(client, target.ref)) request.report.warn(warning);
  const user = await whoAmI(client).catch(() => session.kubeconfigUser);
  return executeChange(target.plan, {
    executors: executorsFor(session, target, request.report),
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
