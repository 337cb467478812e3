// Reads of one release through helm: user values, status, history, manifest. The argv builders are
// exported so tests check what each helm major is asked, as data.
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import { withoutSecretDocuments } from './manifest.ts';
import { helmFailure, parseHelmJson, runHelm } from './run.ts';
import { connectionArgs, type HelmTarget, releaseName } from './target.ts';
import type { HelmTool } from './tool.ts';

const readTimeoutMs = 120_000;

export interface ChartRef {
  name: string;
  version: string;
}

/** A release as `helm list` shows it: what planning needs to know before an upgrade. */
export interface ReleaseSummary {
  name: string;
  namespace: string;
  revision: number;
  /** deployed, failed, pending-install, pending-upgrade, pending-rollback, superseded, uninstalling, uninstalled. */
  status: string;
  chart: ChartRef;
  appVersion: string;
  updated: string;
}

export interface HistoryEntry {
  revision: number;
  status: string;
  chart: ChartRef;
  appVersion: string;
  /** "Install complete", "Upgrade complete", "Rollback to 3", `Upgrade "web" failed: …`. */
  description: string;
  updated: string;
}

const semver = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Splits helm's "name-version" chart label ("wallarm-sidecar-6.7.2", "app-1.0.0-rc.1") at the shortest semver suffix. */
export function parseChartLabel(label: string): ChartRef {
  for (let index = label.lastIndexOf('-'); index > 0; index = label.lastIndexOf('-', index - 1)) {
    const version = label.slice(index + 1);
    if (semver.test(version)) return { name: label.slice(0, index), version };
  }
  return { name: label, version: '' };
}

/** The release name as a literal inside helm's --filter regular expression. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `helm get values REL -o json`: the user-supplied values only. */
export const userValuesArgs = (target: HelmTarget, release: string) => ['get', 'values', release, '-o', 'json', ...connectionArgs(target)];

/** `helm list` of exactly one release in any status: helm 3 lists only deployed and failed ones without --all; helm 4 has no --all and lists all. */
export const listArgs = (tool: HelmTool, target: HelmTarget, release: string) => [
  'list',
  '--filter',
  `^${escapeRegExp(release)}$`,
  ...(tool.major === 3 ? ['--all'] : []),
  '-o',
  'json',
  ...connectionArgs(target),
];

/** `helm history REL -o json`, newest `max` revisions. */
export const historyArgs = (target: HelmTarget, release: string, max?: number) => [
  'history',
  release,
  ...(max !== undefined ? ['--max', String(max)] : []),
  '-o',
  'json',
  ...connectionArgs(target),
];

/** `helm get manifest REL` of the current (or a given) revision. */
export const manifestArgs = (target: HelmTarget, release: string, revision?: number) => [
  'get',
  'manifest',
  release,
  ...(revision !== undefined ? ['--revision', String(revision)] : []),
  ...connectionArgs(target),
];

/** Runs a read-only helm command; a failure is a UserError naming `what`. */
async function read(tool: HelmTool, args: string[], what: string): Promise<string> {
  const run = await runHelm(tool, args, { timeoutMs: readTimeoutMs });
  if (run.exitCode !== 0 || run.timedOut) throw helmFailure(what, run);
  return run.stdout;
}

/** The values the user supplied to the release (`helm get values`; helm prints `null` for none, which is {}). Never log them. */
export async function getUserValues(tool: HelmTool, target: HelmTarget, release: string): Promise<Record<string, unknown>> {
  const what = t('helm.read.getValues', { release: releaseName(target, release) });
  const values = parseHelmJson<Record<string, unknown> | null>(what, await read(tool, userValuesArgs(target, release), what));
  if (values !== null && (typeof values !== 'object' || Array.isArray(values))) {
    throw new UserError(t('helm.read.notMap', { what }), { exitCode: ExitCode.failure });
  }
  return values ?? {};
}

interface ListedRelease {
  name: string;
  namespace: string;
  revision: string | number;
  updated: string;
  status: string;
  chart: string;
  app_version: string;
}

/** The release's latest revision, status and chart (`helm list`, any status); a release that is not there is a not-found error. */
export async function getRelease(tool: HelmTool, target: HelmTarget, release: string): Promise<ReleaseSummary> {
  const what = t('helm.read.list', { release: releaseName(target, release) });
  const listed = parseHelmJson<ListedRelease[] | null>(what, await read(tool, listArgs(tool, target, release), what)) ?? [];
  const found = listed.find((entry) => entry.name === release);
  if (!found) {
    throw new UserError(t('helm.read.noRelease', { release, namespace: target.namespace, context: target.context }), {
      hint: t('helm.read.noReleaseHint', { namespace: target.namespace }),
      exitCode: ExitCode.notFound,
    });
  }
  return {
    name: found.name,
    namespace: found.namespace,
    revision: Number(found.revision),
    status: found.status,
    chart: parseChartLabel(found.chart),
    appVersion: found.app_version ?? '',
    updated: found.updated,
  };
}

interface ListedRevision {
  revision: number;
  updated: string;
  status: string;
  chart: string;
  app_version: string;
  description: string;
}

/** The release's revisions, oldest first (`helm history`; helm keeps 10 by default). */
export async function getHistory(tool: HelmTool, target: HelmTarget, release: string, max?: number): Promise<HistoryEntry[]> {
  const what = t('helm.read.history', { release: releaseName(target, release) });
  const listed = parseHelmJson<ListedRevision[] | null>(what, await read(tool, historyArgs(target, release, max), what)) ?? [];
  return listed
    .map((entry) => ({
      revision: Number(entry.revision),
      status: entry.status,
      chart: parseChartLabel(entry.chart),
      appVersion: entry.app_version ?? '',
      description: entry.description ?? '',
      updated: entry.updated,
    }))
    .sort((a, b) => a.revision - b.revision);
}

/** The rendered manifest of the release (`helm get manifest`) without Secret objects, for a before/after diff. */
export async function getManifest(tool: HelmTool, target: HelmTarget, release: string, revision?: number): Promise<string> {
  const what = t('helm.read.manifest', { release: releaseName(target, release) });
  return withoutSecretDocuments(await read(tool, manifestArgs(target, release, revision), what));
}
