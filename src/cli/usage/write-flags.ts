// The flags every write command shares (`patch …`, `undo`); their validation is in cli/write.ts.
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';

export function addWriteOptions<T extends Command>(command: T): T {
  return command
    .option('--dry-run [mode]', t('help.writeFlags.option.dryRun'))
    .option('-y, --yes', t('help.writeFlags.option.yes'))
    .option('--wait-timeout <duration>', t('help.writeFlags.option.waitTimeout'), '30s') as T;
}

export function addHelmOptions<T extends Command>(command: T): T {
  return command
    .option('--helm <path>', t('help.writeFlags.option.helm'))
    .option('--values <file>', t('help.writeFlags.option.values'))
    .option('--chart <path|ref>', t('help.writeFlags.option.chart'))
    .option('--chart-version <version>', t('help.writeFlags.option.chartVersion'))
    .option('--timeout <duration>', t('help.writeFlags.option.timeout'), '5m') as T;
}

/** Where the helm route does not apply: patch the object directly. */
export const addRouteOptions = <T extends Command>(command: T): T =>
  addHelmOptions(command).option('--direct', t('help.writeFlags.option.direct')) as T;
