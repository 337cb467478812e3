// One executor per kind of change. Patches: server dry-run, then PATCH with the resourceVersion
// precondition. Values files: written atomically, refused when the file changed since it was read.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { KubeObject } from '../k8s/types.ts';
import type { KubeClient } from '../kube/client.ts';
import { patchObject } from '../kube/write.ts';
import { preconditionedPatch } from '../plan/change.ts';
import { changeDiff } from '../plan/diff.ts';
import type { PatchChange, ValuesFileChange } from '../plan/types.ts';
import type { Executor } from './pipeline.ts';

export function patchExecutor(client: KubeClient): Executor<PatchChange> {
  return {
    async preview(change) {
      const predicted = await patchObject<KubeObject>(client, change.ref, change.patchType, preconditionedPatch(change), { dryRun: true });
      return { diff: changeDiff(change, predicted) };
    },
    async execute(change) {
      return { applied: await patchObject<KubeObject>(client, change.ref, change.patchType, preconditionedPatch(change)) };
    },
  };
}

function readCurrent(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(t('apply.files.cannotRead', { path, reason: (error as NodeJS.ErrnoException).code ?? String(error) }), {
      exitCode: ExitCode.usage,
    });
  }
}

/** The file's text as planned against, or a conflict: someone edited it meanwhile. */
function checkUnchanged(change: ValuesFileChange): void {
  if (readCurrent(change.path) !== change.textBefore) {
    throw new UserError(t('apply.files.changed', { path: change.path }), { exitCode: ExitCode.conflict });
  }
}

/** temp file beside the target (same file system), mode kept, then rename: never a half-written file. */
export function writeAtomically(path: string, text: string): void {
  const mode = statSync(path).mode & 0o777;
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  // The user's mode comes back after the rename, so the temp file was never readable by others.
  chmodSync(path, mode);
}

export const valuesFileExecutor: Executor<ValuesFileChange> = {
  async preview(change) {
    checkUnchanged(change);
    return { diff: changeDiff(change) };
  },
  async execute(change) {
    checkUnchanged(change);
    writeAtomically(change.path, change.textAfter);
    return {};
  },
};
