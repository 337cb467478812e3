// The helm route: a change to an object a helm release manages goes through the release's values and a
// values-preserving `helm upgrade` (with rollback on failure), so the next upgrade keeps it. Undo is
// `helm rollback` to the revision before.
import { readFileSync } from 'node:fs';
import { getHistory, getManifest, getRelease, getUserValues, type ReleaseSummary } from '../helm/read.ts';
import { decodeRelease, type StoredChart, type StoredRelease } from '../helm/release.ts';
import type { HelmTarget } from '../helm/target.ts';
import { findHelm, type HelmTool } from '../helm/tool.ts';
import { rollback, upgrade } from '../helm/upgrade.ts';
import { withHelmFiles } from '../helm/workdir.ts';
import { t } from '../i18n/index.ts';
import { ExitCode, UserError, usageError } from '../k8s/errors.ts';
import type { KubeApi } from '../kube/api.ts';
import { dryRunApply } from '../kube/dry-run-apply.ts';
import { getHelmReleaseSecret } from '../kube/resources.ts';
import { isEmptyChange } from '../plan/change.ts';
import { changeDiff, unifiedDiff } from '../plan/diff.ts';
import { deepEqual } from '../plan/patch.ts';
import type { HelmRollbackChange, HelmUpgradeChange, ValuesFileChange } from '../plan/types.ts';
import { planHelmUpgrade } from '../plan/values.ts';
import { parseValuesFile, planValuesFileEdit } from '../plan/values-file.ts';
import type { HelmRelease } from '../profiles/generic.ts';
import { type ValuesTarget, valuesEditsFor } from '../profiles/values/edits.ts';
import { type ValuesEdit, valueAtPath } from '../profiles/values/model.ts';
import type { HelmEntry } from './journal.ts';
import type { Executor, Reporter } from './pipeline.ts';
import type { WriteTarget } from './write.ts';

/** How the user asked helm to run: all optional; the defaults reuse the deployed chart and wait 5 minutes. */
export interface HelmOptions {
  /** --helm PATH; default: helm on PATH. */
  helmPath?: string | undefined;
  /** --chart PATH|REF; default: the chart stored in the deployed release. */
  chartRef?: string | undefined;
  /** --chart-version; default: the deployed chart version. */
  chartVersion?: string | undefined;
  /** --values FILE: the user's values or overrides file, kept in step. */
  valuesFile?: string | undefined;
  timeoutSeconds: number;
}

export interface HelmContext {
  tool: HelmTool;
  /**
   * The target object carries fields an earlier --direct patch of ours set: helm 4's server-side apply
   * would conflict with them, so the upgrade takes them back (--force-conflicts), and says so.
   */
  takeBackOwnFields?: boolean;
  api: KubeApi;
  /** Without the namespace: each release brings its own. */
  connection: Omit<HelmTarget, 'namespace'>;
  options: HelmOptions;
  /** Release records read so far, by namespace/name/revision: a revision's record never changes. */
  records: Map<string, Promise<StoredRelease | undefined>>;
}

export async function helmContext(
  api: KubeApi,
  kubeconfig: string | undefined,
  options: HelmOptions,
  env: NodeJS.ProcessEnv,
): Promise<HelmContext> {
  const tool = await findHelm({ helmPath: options.helmPath, env });
  return { tool, api, connection: { kubeconfig, context: api.contextName }, options, records: new Map() };
}

const targetOf = (context: HelmContext, release: HelmRelease): HelmTarget => ({ ...context.connection, namespace: release.namespace });

/** A release we may upgrade: deployed, not mid-operation or failed (helm would refuse or make it worse). */
async function deployedRelease(context: HelmContext, release: HelmRelease): Promise<ReleaseSummary> {
  const summary = await getRelease(context.tool, targetOf(context, release), release.name);
  if (summary.status !== 'deployed') {
    throw new UserError(
      t('apply.helm.notDeployed', {
        release: `${release.namespace}/${release.name}`,
        status: summary.status,
        revision: summary.revision,
      }),
      {
        hint: t('apply.helm.notDeployedHint', { name: release.name, namespace: release.namespace }),
        exitCode: ExitCode.conflict,
      },
    );
  }
  return summary;
}

/** The chart helm stored with a revision: reused for upgrades unless the user names another. */
/** The record helm keeps of a revision (undefined when it holds no release data), read once per command. */
function releaseRecord(context: HelmContext, release: HelmRelease, revision: number): Promise<StoredRelease | undefined> {
  const key = `${release.namespace}/${release.name}/${revision}`;
  let record = context.records.get(key);
  if (!record) {
    record = getHelmReleaseSecret(context.api, release.namespace, release.name, revision).then((secret) =>
      secret.data?.release ? decodeRelease(secret.data.release) : undefined,
    );
    context.records.set(key, record);
  }
  return record;
}

async function storedChart(context: HelmContext, release: HelmRelease, revision: number): Promise<StoredChart> {
  const record = await releaseRecord(context, release, revision);
  if (!record) throw new UserError(t('apply.helm.noReleaseData', { release: `${release.namespace}/${release.name}`, revision }));
  return record.chart;
}

function readValuesFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw usageError(
      t('apply.helm.valuesUnreadable', { path, reason: (error as NodeJS.ErrnoException).code ?? String(error) }),
      t('apply.helm.valuesUnreadableHint'),
    );
  }
}

/** Plans the upgrade afresh each time (a newer revision since is a conflict the pipeline re-plans). */
export function helmUpgradeTarget(context: HelmContext, release: HelmRelease, target: ValuesTarget): WriteTarget {
  return {
    plan: async () => {
      const summary = await deployedRelease(context, release);
      const helmTarget = targetOf(context, release);
      const [userValues, chart] = await Promise.all([
        getUserValues(context.tool, helmTarget, release.name),
        storedChart(context, release, summary.revision),
      ]);
      const planned = valuesEditsFor(target, { chart: summary.chart, userValues, chartDefaults: chart.values });
      const path = context.options.valuesFile;
      const valuesFile = path ? withRestore(planValuesFileEdit(path, readValuesFile(path), planned.edits), planned.edits) : undefined;
      const change = planHelmUpgrade({
        release,
        chart: {
          name: summary.chart.name,
          version: context.options.chartVersion ?? summary.chart.version,
          ...(context.options.chartRef ? { ref: context.options.chartRef } : {}),
        },
        revision: summary.revision,
        userValues,
        edits: planned.edits,
        notes: planned.notes,
        warnings: planned.warnings,
        valuesFile,
      });
      return change;
    },
  };
}

/** Records how to put the file's changed keys back, for undo. */
function withRestore(file: ValuesFileChange, edits: readonly ValuesEdit[]): ValuesFileChange {
  const { values } = parseValuesFile(file.path, file.textBefore);
  return { ...file, restore: edits.map((edit) => ({ path: edit.path, value: valueAtPath(values, edit.path) })) };
}

async function checkRevision(context: HelmContext, change: { release: HelmRelease; revision: number }): Promise<void> {
  const summary = await deployedRelease(context, change.release);
  if (summary.revision !== change.revision) {
    throw new UserError(
      t('apply.helm.moved', {
        release: `${change.release.namespace}/${change.release.name}`,
        revision: summary.revision,
        read: change.revision,
      }),
      { exitCode: ExitCode.conflict },
    );
  }
}

function checkFileUnchanged(file: { path: string; textBefore: string } | undefined): void {
  if (file && readValuesFile(file.path) !== file.textBefore) {
    throw new UserError(t('apply.files.changed', { path: file.path }), { exitCode: ExitCode.conflict });
  }
}

export function helmUpgradeExecutor(
  context: HelmContext,
  report: Reporter,
  writeFile: (path: string, text: string) => void,
): Executor<HelmUpgradeChange> {
  const run = (change: HelmUpgradeChange, dryRun: boolean) =>
    withHelmFiles(async (files) => {
      const chart = change.chart.ref ?? (await files.writeChart(await storedChart(context, change.release, change.revision)));
      return upgrade(context.tool, targetOf(context, change.release), {
        release: change.release.name,
        chart,
        version: change.chart.ref ? change.chart.version : undefined,
        valuesFile: await files.writeValues(change.valuesAfter),
        ...(dryRun ? { dryRun: 'server' as const } : {}),
        wait: !dryRun,
        timeoutSeconds: context.options.timeoutSeconds,
        description: 'kubectl scale-ha',
        forceConflicts: context.takeBackOwnFields,
        onOutput: (line) => report.info(`  helm: ${line}`),
      });
    });
  return {
    async preview(change) {
      await checkRevision(context, change);
      checkFileUnchanged(change.valuesFile);
      const rendered = await run(change, true);
      // helm's own dry run does not send the objects: the API server checks them here.
      await dryRunApply(context.api, rendered.manifest, change.release.namespace);
      const deployed = await getManifestText(context, change);
      const objects = unifiedDiff(deployed, rendered.manifest, {
        from: t('apply.helm.objectsDeployed'),
        to: t('apply.helm.objectsAfter'),
      });
      const file = change.valuesFile && !isEmptyChange(change.valuesFile) ? [changeDiff(change.valuesFile)] : [];
      return { diff: changeDiff(change), details: [...file, objects] };
    },
    async execute(change) {
      await checkRevision(context, change);
      checkFileUnchanged(change.valuesFile);
      report.info(
        t('apply.helm.running', {
          release: change.release.name,
          flag: context.tool.major === 3 ? '--atomic' : '--rollback-on-failure',
          seconds: context.options.timeoutSeconds,
        }),
      );
      const result = await run(change, false);
      // The file follows the release, never leads it: written once the upgrade succeeded.
      if (change.valuesFile && !isEmptyChange(change.valuesFile)) writeFile(change.valuesFile.path, change.valuesFile.textAfter);
      return { revision: result.revision };
    },
  };
}

const getManifestText = (context: HelmContext, change: { release: HelmRelease }): Promise<string> =>
  getManifest(context.tool, targetOf(context, change.release), change.release.name);

/** Two revisions that deploy the same chart version with the same user values (e.g. N and "Rollback to N"). */
async function sameRelease(context: HelmContext, release: HelmRelease, a: number, b: number): Promise<boolean> {
  if (a === b) return true;
  const [first, second] = await Promise.all([releaseRecord(context, release, a), releaseRecord(context, release, b)]);
  return Boolean(
    first && second && first.chart.metadata.version === second.chart.metadata.version && deepEqual(first.config, second.config),
  );
}

/** Undo of a journaled helm upgrade: roll back to the revision before it, and put the values file back. */
export function helmUndoTarget(context: HelmContext, entry: HelmEntry): WriteTarget {
  return {
    plan: async (): Promise<HelmRollbackChange> => {
      const summary = await deployedRelease(context, entry.release);
      if (entry.revisionAfter !== undefined && !(await sameRelease(context, entry.release, summary.revision, entry.revisionAfter))) {
        throw new UserError(
          t('apply.helm.undoMoved', {
            id: entry.id,
            release: `${entry.release.namespace}/${entry.release.name}`,
            revision: summary.revision,
            made: entry.revisionAfter,
          }),
          {
            hint: t('apply.helm.undoMovedHint', { name: entry.release.name, namespace: entry.release.namespace }),
            exitCode: ExitCode.conflict,
          },
        );
      }
      const history = await getHistory(context.tool, targetOf(context, entry.release), entry.release.name);
      if (!history.some((h) => h.revision === entry.revisionBefore)) {
        throw new UserError(t('apply.helm.undoGone', { id: entry.id, revision: entry.revisionBefore, name: entry.release.name }), {
          exitCode: ExitCode.notFound,
        });
      }
      const helmTarget = targetOf(context, entry.release);
      const valuesNow = await getUserValues(context.tool, helmTarget, entry.release.name);
      const valuesThen = (await releaseRecord(context, entry.release, entry.revisionBefore))?.config ?? {};
      const file = entry.valuesFile;
      const valuesFile = file ? planValuesFileEdit(file.path, readValuesFile(file.path), file.restore) : undefined;
      return {
        kind: 'helm-rollback',
        release: entry.release,
        revision: summary.revision,
        toRevision: entry.revisionBefore,
        valuesBefore: valuesNow,
        valuesAfter: valuesThen,
        ...(valuesFile ? { valuesFile } : {}),
        summary: [`helm rollback ${entry.release.name} ${entry.revisionBefore} (revision ${summary.revision} → ${entry.revisionBefore})`],
        warnings: [],
        notes: [],
      };
    },
  };
}

export function helmRollbackExecutor(context: HelmContext, writeFile: (path: string, text: string) => void): Executor<HelmRollbackChange> {
  return {
    async preview(change) {
      await checkRevision(context, change);
      checkFileUnchanged(change.valuesFile);
      return { diff: changeDiff(change) };
    },
    async execute(change) {
      await checkRevision(context, change);
      checkFileUnchanged(change.valuesFile);
      const result = await rollback(context.tool, targetOf(context, change.release), change.release.name, change.toRevision, {
        wait: true,
        timeoutSeconds: context.options.timeoutSeconds,
      });
      if (change.valuesFile) writeFile(change.valuesFile.path, change.valuesFile.textAfter);
      return { revision: result.revision };
    },
  };
}
