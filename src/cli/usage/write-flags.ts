// The flags every write command shares (`patch …`, `undo`); their validation is in cli/write.ts.
import type { Command } from 'commander';

export function addWriteOptions<T extends Command>(command: T): T {
  return command
    .option(
      '--dry-run [mode]',
      'stop before writing: server (the API server validates and answers the result; default) or client (local only)',
    )
    .option('-y, --yes', 'apply without asking (for scripts); after a conflict only an identical re-planned change proceeds')
    .option(
      '--wait-timeout <duration>',
      'how long to follow the effect of the write (HPA reconcile, rollout); 0 = do not wait',
      '30s',
    ) as T;
}

export function addHelmOptions<T extends Command>(command: T): T {
  return command
    .option('--helm <path>', 'the helm executable for the helm route (default: helm on PATH; helm 3.14+ or 4)')
    .option('--values <file>', 'your values or overrides file: the change is written into it too (comments and key order kept)')
    .option('--chart <path|ref>', 'the chart to upgrade with (default: the chart stored in the deployed release)')
    .option('--chart-version <version>', 'with --chart: the chart version (default: the deployed one)')
    .option('--timeout <duration>', 'how long helm waits for the upgrade to become ready before it rolls back', '5m') as T;
}

/** Where the helm route does not apply: patch the object directly. */
export const addRouteOptions = <T extends Command>(command: T): T =>
  addHelmOptions(command).option(
    '--direct',
    'patch the object even when a helm release manages it (the release values are not changed)',
  ) as T;
