// `helm upgrade` with the release's whole user values (plus the change) as one file and --reset-values,
// so the release keeps exactly those values; and `helm rollback`. Flags differ by helm major.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import { withoutSecretDocuments } from './manifest.ts';
import { getHistory, type HistoryEntry } from './read.ts';
import { describeOutcome, upgradeOutcome } from './outcome.ts';
import { classifyHelmError, helmErrorText, helmFailure, parseHelmJson, runHelm } from './run.ts';
import { secretStrings, scrubber } from './scrub.ts';
import { connectionArgs, type HelmTarget, releaseName } from './target.ts';
import type { HelmTool } from './tool.ts';

export interface UpgradeOptions {
  release: string;
  /** A chart directory (writeChart) or a reference helm resolves: repo/name, oci://…, a .tgz. */
  chart: string;
  /** --version: pins the chart version (helm ignores it for a chart directory). */
  version?: string | undefined;
  /** The release's WHOLE user values plus the change (withHelmFiles().writeValues). */
  valuesFile: string;
  /** 'server': render and validate against the API server, change nothing. */
  dryRun?: 'server' | undefined;
  /** Wait until the objects are ready; a failure is then rolled back by helm (--atomic / --rollback-on-failure). */
  wait: boolean;
  timeoutSeconds: number;
  /** Shown by `helm history` for the new revision. */
  description?: string | undefined;
  /** helm 4 only: take over fields another field manager set (server-side apply's --force-conflicts). */
  forceConflicts?: boolean | undefined;
  /** Each line helm prints on stderr (warnings, errors), with secret-looking values cut out. */
  onOutput?: ((line: string) => void) | undefined;
}

export interface UpgradeResult {
  /** The revision created (for a dry run: the one it would create). */
  revision: number;
  status: string;
  /** The rendered manifest without Secret objects (as getManifest): for a dry run, what the caller diffs against the deployed one. */
  manifest: string;
  /** What helm printed on stderr (warnings), scrubbed. */
  output: string;
}

export interface RollbackOptions {
  wait: boolean;
  timeoutSeconds: number;
}

/** helm 4 turned --wait into a strategy (--wait alone means "watcher"); helm 3's is a boolean. */
const waitArgs = (tool: HelmTool) => (tool.major === 3 ? ['--wait'] : ['--wait=watcher']);
/** helm 4 deprecates --atomic (it still works, with a warning) for --rollback-on-failure. */
const rollbackOnFailureArg = (tool: HelmTool) => (tool.major === 3 ? '--atomic' : '--rollback-on-failure');

/** The argv of `helm upgrade`, as data. Rollback on failure only with --wait: both majors imply --wait with it. */
export function upgradeArgs(tool: HelmTool, target: HelmTarget, options: UpgradeOptions): string[] {
  const mode = options.dryRun ? ['--dry-run=server', '--hide-secret'] : options.wait ? [...waitArgs(tool), rollbackOnFailureArg(tool)] : [];
  return [
    'upgrade',
    options.release,
    options.chart,
    '--reset-values',
    '--values',
    options.valuesFile,
    ...(options.version !== undefined ? ['--version', options.version] : []),
    ...mode,
    ...(options.forceConflicts && tool.major === 4 ? ['--force-conflicts'] : []),
    '--timeout',
    `${options.timeoutSeconds}s`,
    ...(options.description !== undefined ? ['--description', options.description] : []),
    '-o',
    'json',
    ...connectionArgs(target),
  ];
}

/** The argv of `helm rollback REL REVISION`, as data. */
export function rollbackArgs(tool: HelmTool, target: HelmTarget, release: string, revision: number, options: RollbackOptions): string[] {
  return [
    'rollback',
    release,
    String(revision),
    ...(options.wait ? waitArgs(tool) : []),
    '--timeout',
    `${options.timeoutSeconds}s`,
    ...connectionArgs(target),
  ];
}

/** Our own limit on a helm run: its --timeout for the upgrade, again for helm's rollback, and slack. */
const processTimeoutMs = (timeoutSeconds: number, wait: boolean) => ((wait ? 2 : 1) * timeoutSeconds + 120) * 1000;

/** Cuts the secret-looking values of the values file out of helm's output (none when the file cannot be parsed). */
async function scrubberFor(valuesFile: string): Promise<(text: string) => string> {
  try {
    return scrubber(secretStrings(parse(await readFile(valuesFile, 'utf8'))));
  } catch {
    return scrubber([]);
  }
}

interface UpgradedRelease {
  version?: number;
  info?: { status?: string };
  manifest?: string;
}

/** Upgrades a release; a failure is a UserError saying whether helm rolled back, and how to recover when it did not. */
export async function upgrade(tool: HelmTool, target: HelmTarget, options: UpgradeOptions): Promise<UpgradeResult> {
  const name = releaseName(target, options.release);
  const scrub = await scrubberFor(options.valuesFile);
  const before = options.dryRun ? undefined : ((await getHistory(tool, target, options.release, 1)).at(-1)?.revision ?? 0);
  const lines: string[] = [];
  const run = await runHelm(tool, upgradeArgs(tool, target, options), {
    timeoutMs: processTimeoutMs(options.timeoutSeconds, options.wait),
    scrub,
    onStderrLine: (line) => {
      lines.push(line);
      options.onOutput?.(line);
    },
  });
  if (run.exitCode === 0 && !run.timedOut) {
    const upgraded = parseHelmJson<UpgradedRelease>(t('helm.upgrade.what', { release: name }), run.stdout);
    return {
      revision: upgraded.version ?? 0,
      status: upgraded.info?.status ?? 'unknown',
      // Not scrubbed: it is diffed against `helm get manifest`, which cannot be.
      manifest: withoutSecretDocuments(upgraded.manifest ?? ''),
      output: lines.join('\n'),
    };
  }
  if (before === undefined) throw helmFailure(t('helm.upgrade.dryRun', { release: name }), run, scrub);
  const helmSaid = scrub(helmErrorText(run));
  let history: HistoryEntry[] | undefined;
  try {
    history = await getHistory(tool, target, options.release);
  } catch {
    history = undefined;
  }
  const outcome = upgradeOutcome(before, history, helmSaid);
  const { message, hint, changed } = describeOutcome(outcome, { tool, target, release: options.release, helmSaid });
  const classified = outcome.kind === 'unchanged' ? classifyHelmError(helmSaid) : undefined;
  throw new UserError(message, {
    hint: classified && classified.exitCode !== ExitCode.failure ? `${classified.hint} ${hint}` : hint,
    exitCode: classified?.exitCode ?? ExitCode.failure,
    mayHaveLanded: changed,
  });
}

/** Rolls the release back to `revision` (a new revision is created); returns it. */
export async function rollback(
  tool: HelmTool,
  target: HelmTarget,
  release: string,
  revision: number,
  options: RollbackOptions,
): Promise<{ revision: number; output: string }> {
  const run = await runHelm(tool, rollbackArgs(tool, target, release, revision, options), {
    timeoutMs: processTimeoutMs(options.timeoutSeconds, options.wait),
  });
  if (run.exitCode !== 0 || run.timedOut) {
    throw helmFailure(t('helm.upgrade.rollback', { release: releaseName(target, release), revision }), run);
  }
  const latest = (await getHistory(tool, target, release, 1)).at(-1);
  return { revision: latest?.revision ?? 0, output: run.stderr.trim() };
}
