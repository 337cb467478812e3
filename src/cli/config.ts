// The plugin's config file, found and read once per run: --config FILE, else $SCALE_HA_CONFIG, else
// $XDG_CONFIG_HOME/kubectl-scale-ha/config.yaml (XDG's default ~/.config). A missing default file is no config; a
// missing file the user named is a usage error. The schema is config-schema.ts's.
import { readFileSync } from 'node:fs';
import { t } from '../i18n/index.ts';
import { usageError } from '../k8s/errors.ts';
import { emptyConfig, parseConfig, type ScaleHaConfig } from './config-schema.ts';
import { configSource, type ConfigSource } from './config-source.ts';

export { configSource, defaultConfigPath, type ConfigOrigin, type ConfigSource } from './config-source.ts';

export interface LoadedConfig {
  config: ScaleHaConfig;
  source: ConfigSource;
  /** False when the default file does not exist (the config is then empty). */
  found: boolean;
}

/** Reads a file as text; throws like node:fs, with an error `code` such as ENOENT. */
export type ReadConfigFile = (path: string) => string;

const codeOf = (error: unknown) => (error instanceof Error && 'code' in error ? String(error.code) : String(error));

export function loadConfig(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  readFile: ReadConfigFile = (path) => readFileSync(path, 'utf8'),
): LoadedConfig {
  const source = configSource(flag, env);
  if (flag === '') throw usageError(t('cli.config.emptyName'), t('cli.config.emptyNameHint'));
  let text: string;
  try {
    text = readFile(source.path);
  } catch (error) {
    const code = codeOf(error);
    if (source.origin === 'default' && (code === 'ENOENT' || code === 'ENOTDIR')) return { config: emptyConfig, source, found: false };
    throw usageError(
      t('cli.config.unreadable', { origin: source.origin, path: source.path, code }),
      source.origin === 'default'
        ? t('cli.config.unreadableDefaultHint')
        : source.origin === '$SCALE_HA_CONFIG'
          ? t('cli.config.unreadableEnvHint')
          : t('cli.config.unreadableFlagHint'),
    );
  }
  return { config: parseConfig(text, source.path), source, found: true };
}
