// Which helm runs our commands: the one given with --helm, else `helm` on PATH, as long as its major
// version is one whose flags we know (3 from 3.14, or 4).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { t } from '../i18n/index.ts';
import { usageError } from '../k8s/errors.ts';

export interface HelmTool {
  /** The executable we run. */
  path: string;
  /** Flags differ by major: --atomic (3) vs --rollback-on-failure (4), `list --all` (3 only), --wait=watcher (4). */
  major: 3 | 4;
  /** As helm prints it, e.g. "v3.21.4" or "v4.1.4". */
  version: string;
}

/** The oldest helm 3 we accept: --reset-then-reuse-values and --dry-run=server are both there since 3.14. */
export const minimumHelm3Minor = 14;

const installHint = () => t('helm.tool.installHint');

export interface HelmVersion {
  major: number;
  minor: number;
  patch: number;
}

/** Parses what `helm version --template '{{.Version}}'` prints: "v3.21.4", "v4.1.4", "v3.14.0-rc.1+abc"; undefined otherwise. */
export function parseHelmVersion(text: string): HelmVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** The major we support for a parsed version, or undefined (helm 2, 3 before 3.14, 5+). */
export function supportedMajor(version: HelmVersion): 3 | 4 | undefined {
  if (version.major === 4) return 4;
  if (version.major === 3 && version.minor >= minimumHelm3Minor) return 3;
  return undefined;
}

/** True for a regular file we may execute. */
async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The first executable `name` (default helm) on the PATH of `env`, or undefined. */
export async function helmOnPath(env: NodeJS.ProcessEnv, name = 'helm'): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Finds helm (--helm PATH, else PATH) and detects its major version; a missing, broken or unsupported helm is a usage error. */
export async function findHelm(options: { helmPath?: string | undefined; env: NodeJS.ProcessEnv }): Promise<HelmTool> {
  let path: string;
  if (options.helmPath !== undefined) {
    // A bare name (`--helm helm3`) is looked up on PATH, as a shell would; a path is taken as it is.
    const onPath = options.helmPath.includes('/') ? undefined : await helmOnPath(options.env, options.helmPath);
    path = onPath ?? resolve(options.helmPath);
    if (!(await isExecutableFile(path))) {
      throw usageError(t('helm.tool.noExecutable', { helm: options.helmPath, path }), installHint());
    }
  } else {
    const found = await helmOnPath(options.env);
    if (!found) {
      throw usageError(t('helm.tool.notOnPath'), installHint());
    }
    path = found;
  }
  const { execa } = await import('execa'); // only when helm is needed (see run.ts)
  const result = await execa(path, ['version', '--template', '{{.Version}}'], {
    reject: false,
    env: options.env,
    extendEnv: false,
    timeout: 30_000,
  });
  const printed = String(result.stdout).trim();
  const version = result.exitCode === 0 ? parseHelmVersion(printed) : undefined;
  if (!version) {
    const said = (printed || String(result.stderr).trim() || result.shortMessage || '').split('\n')[0];
    throw usageError(t(result.exitCode === 0 ? 'helm.tool.notHelmPrinted' : 'helm.tool.notHelmFailed', { path, said }), installHint());
  }
  const major = supportedMajor(version);
  if (!major) {
    throw usageError(t('helm.tool.unsupported', { path, version: printed }), installHint());
  }
  return { path, major, version: printed };
}
