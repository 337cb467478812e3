// A plain-text chart of replicas against the replicas the load needs, one panel per behavior; both faces print it.
import type { SimulationStep } from './metrics.ts';
import { t } from '../i18n/index.ts';
import { visibleWidth } from '../i18n/width.ts';

/** How a face colours the chart's marks; the CLI's painter fits, the TUI passes none. */
export type ChartPaint = (color: 'bold' | 'red' | 'yellow' | 'cyan', text: string) => string;
const plainPaint: ChartPaint = (_color, text) => text;

export interface ChartPanel {
  title: string;
  steps: SimulationStep[];
}

function formatMinutes(seconds: number): string {
  return seconds >= 3600 && seconds % 3600 === 0 ? `${seconds / 3600}h` : `${Math.round(seconds / 60)}m`;
}

/** Per column, the highest replica count and need among the steps it covers. */
function columns(steps: SimulationStep[], width: number): { replicas: number; needed: number; short: boolean }[] {
  const result: { replicas: number; needed: number; short: boolean }[] = [];
  for (let column = 0; column < width; column++) {
    const from = Math.floor((column * steps.length) / width);
    const to = Math.max(from + 1, Math.floor(((column + 1) * steps.length) / width));
    let replicas = 0;
    let needed = 0;
    let short = false;
    for (let i = from; i < to && i < steps.length; i++) {
      const step = steps[i] as SimulationStep;
      replicas = Math.max(replicas, step.replicas);
      needed = Math.max(needed, step.neededReplicas);
      if (step.readyReplicas < step.neededReplicas) short = true;
    }
    result.push({ replicas, needed, short });
  }
  return result;
}

function renderPanel(panel: ChartPanel, width: number, height: number, top: number, paint: ChartPaint): string[] {
  const cells = columns(panel.steps, width);
  const rowValue = (row: number) => (top * (height - row)) / height;
  const label = (value: number) => String(Math.round(value)).padStart(4);
  const lines = [`     ${paint('bold', panel.title)}`];
  for (let row = 0; row < height; row++) {
    const value = rowValue(row);
    const below = rowValue(row + 1);
    let line = '';
    for (const cell of cells) {
      const needHere = cell.needed > below && cell.needed <= value;
      if (needHere && (cell.short || cell.replicas < cell.needed)) line += paint('red', '•');
      else if (needHere) line += paint('yellow', '•');
      else if (cell.replicas > below) line += paint('cyan', '█');
      else line += ' ';
    }
    lines.push(`${row === 0 || row === height - 1 ? label(value) : '    '} │${line}`);
  }
  lines.push(`     └${'─'.repeat(width)}`);
  const end = panel.steps[panel.steps.length - 1]?.t ?? 0;
  const endLabel = formatMinutes(end);
  lines.push(`      0${' '.repeat(Math.max(1, width - 1 - endLabel.length))}${endLabel}`);
  return lines;
}

/**
 * Panels side by side sharing one y scale; █ replicas, • replicas the load needs (red while ready pods fall short).
 * `legend` replaces the last line, for a chart without a need (a recorded timeline).
 */
export function renderChart(
  panels: ChartPanel[],
  options: { width?: number; height?: number; paint?: ChartPaint; legend?: string } = {},
): string {
  const paint = options.paint ?? plainPaint;
  const totalWidth = options.width ?? 76;
  const width = Math.max(16, Math.floor(totalWidth / panels.length) - 8);
  const height = options.height ?? 12;
  let top = 1;
  for (const panel of panels) for (const step of panel.steps) top = Math.max(top, step.replicas, step.neededReplicas);
  const rendered = panels.map((panel) => renderPanel(panel, width, height, top, paint));
  const rows = Math.max(...rendered.map((lines) => lines.length));
  const out: string[] = [];
  for (let row = 0; row < rows; row++) {
    out.push(
      rendered
        .map((lines) => {
          const line = lines[row] ?? '';
          return line + ' '.repeat(Math.max(0, width + 8 - visibleWidth(line)));
        })
        .join('')
        .trimEnd(),
    );
  }
  out.push(
    options.legend ??
      `     ${t('hpa.chart.legend', { replicas: paint('cyan', '█'), needed: paint('yellow', '•'), short: paint('red', '•') })}`,
  );
  return out.join('\n') + '\n';
}
