// `kubectl scale-ha config view|path`: the effective config file and where it was read, as `kubectl config view`
// shows the kubeconfig. Reads no cluster.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { ScaleHaConfig } from '../config-schema.ts';
import { configApiVersion } from '../config-schema.ts';
import { configSource, loadConfig, type LoadedConfig } from '../config.ts';
import { t } from '../../i18n/index.ts';
import { globalsOf } from '../context.ts';
import { parseOutputFormat, renderData } from '../output.ts';
import type { Io } from '../program.ts';

/** The config as a file would spell it, with the defaults filled in: what the doctor will use. */
export function effectiveConfig(config: ScaleHaConfig): object {
  const { skip, severity, exceptions } = config.policy;
  return {
    apiVersion: configApiVersion,
    kind: 'Config',
    doctor: {
      failOn: config.failOn ?? 'error',
      skip: [...skip],
      severity: { ...severity },
      exceptions: exceptions.map(({ namespace, name, checks, reason }) => ({
        namespace,
        ...(name !== undefined ? { name } : {}),
        checks: [...checks],
        reason,
      })),
    },
    lang: config.lang ?? 'en',
  };
}

function whereText({ source, found }: Pick<LoadedConfig, 'source' | 'found'>): string {
  const how = source.origin === 'default' ? t('cli.configView.defaultPlace') : source.origin;
  return found ? t('cli.configView.where', { path: source.path, how }) : t('cli.configView.whereNotFound', { path: source.path, how });
}

export function configViewAction(io: Io, command: Command): void {
  const globals = globalsOf(command);
  const output = parseOutputFormat(globals.output);
  const loaded = loadConfig(globals.config, io.env);
  const data = effectiveConfig(loaded.config);
  if (output === 'json') io.stdout.write(renderData('json', data));
  else io.stdout.write(`# ${whereText(loaded)}\n${renderData('yaml', data)}`);
}

/** Where the config is looked for, found or not: it does not read or validate the file (`config view` does). */
export function configPathAction(io: Io, command: Command): void {
  const globals = globalsOf(command);
  const output = parseOutputFormat(globals.output);
  const source = configSource(globals.config, io.env);
  const found = existsSync(source.path);
  if (output === 'table') io.stdout.write(`${whereText({ source, found })}\n`);
  else io.stdout.write(renderData(output, { ...source, found }));
}
