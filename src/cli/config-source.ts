// Where the config file is (config.ts reads it): apart from its parser, so that start-up can look for it cheaply.
import { homedir } from 'node:os';
import { join } from 'node:path';

export type ConfigOrigin = '--config' | '$SCALE_HA_CONFIG' | 'default';

export interface ConfigSource {
  path: string;
  origin: ConfigOrigin;
}

export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'kubectl-scale-ha', 'config.yaml');
}

export function configSource(flag: string | undefined, env: NodeJS.ProcessEnv): ConfigSource {
  if (flag !== undefined) return { path: flag, origin: '--config' };
  if (env.SCALE_HA_CONFIG) return { path: env.SCALE_HA_CONFIG, origin: '$SCALE_HA_CONFIG' };
  return { path: defaultConfigPath(env), origin: 'default' };
}
