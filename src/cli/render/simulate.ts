// `simulate` for a terminal: the settings line, the chart, and the report table.
import { t } from '../../i18n/index.ts';
import type { HorizontalPodAutoscaler } from '../../k8s/types.ts';
import type { WhatIfRun } from '../../hpa/what-if.ts';
import { renderTable } from '../output.ts';
import { renderChart } from '../../hpa/chart.ts';
import type { Paint } from './paint.ts';

export interface SimulationView {
  name: string;
  spec: HorizontalPodAutoscaler['spec'];
  /** How the load was made, e.g. "pattern:spike base 1.5 peak 7.2" or "csv:load.csv". */
  source: string;
  syncPeriodSeconds: number;
  startupDelaySeconds: number;
  runs: WhatIfRun[];
}

function reportTable(runs: WhatIfRun[]): string {
  const row = (label: string, cell: (run: WhatIfRun) => string) => [label, ...runs.map(cell)];
  return renderTable(
    ['', ...runs.map((run) => run.behaviorName)],
    [
      row(t('cli.table.simulate.timeToCapacity'), (r) =>
        r.summary.capacityReached
          ? `${r.summary.timeToCapacitySeconds}s`
          : t('cli.table.simulate.notReached', { seconds: r.summary.timeToCapacitySeconds }),
      ),
      row(t('cli.table.simulate.underProvisioned'), (r) => `${r.summary.underProvisionedSeconds}s`),
      row(t('cli.table.simulate.replicaMinutes'), (r) => String(r.summary.replicaMinutes)),
      row(t('cli.table.simulate.scaleEvents'), (r) => `${r.summary.scaleEvents} (${r.summary.scaleUps}/${r.summary.scaleDowns})`),
      row(t('cli.table.simulate.peakReplicas'), (r) => String(r.summary.peakReplicas)),
    ],
  );
}

export function renderSimulation(view: SimulationView, paint: Paint): string {
  const { name, spec, source, syncPeriodSeconds, startupDelaySeconds, runs } = view;
  return (
    `${t('cli.simulate.settings', {
      name,
      min: spec.minReplicas ?? 1,
      max: spec.maxReplicas,
      source,
      sync: syncPeriodSeconds,
      startup: startupDelaySeconds,
    })}\n\n` +
    renderChart(
      runs.map((run) => ({ title: run.behaviorName, steps: run.steps })),
      { paint },
    ) +
    '\n' +
    reportTable(runs)
  );
}
