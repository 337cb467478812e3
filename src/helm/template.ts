// A chart rendered offline (doctor --chart): `helm template` with the user's values, and the chart's metadata and
// default values from `helm show`. No cluster is contacted: helm template renders with its built-in capabilities.
import { parse } from 'yaml';
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import { helmErrorText, helmFailedText, runHelm, type HelmRun } from './run.ts';
import type { HelmTool } from './tool.ts';

const renderTimeoutMs = 120_000;

export interface TemplateRequest {
  /** A chart directory, a packaged chart, repo/name or an oci:// reference, as helm takes it. */
  chart: string;
  release: string;
  /** The release namespace (.Release.Namespace). */
  namespace: string;
  valuesFiles: readonly string[];
  set: readonly string[];
  setString: readonly string[];
  version?: string | undefined;
}

const versionArgs = (version: string | undefined) => (version ? ['--version', version] : []);

/** `helm template` argv: the values flags in the order given, as helm merges them. */
export function templateArgs(request: TemplateRequest): string[] {
  return [
    'template',
    request.release,
    request.chart,
    '--namespace',
    request.namespace,
    ...request.valuesFiles.flatMap((file) => ['--values', file]),
    ...request.set.flatMap((pair) => ['--set', pair]),
    ...request.setString.flatMap((pair) => ['--set-string', pair]),
    ...versionArgs(request.version),
  ];
}

/** A failed render is the chart's or the values' fault, or a chart reference that cannot be fetched: the user fixes it. */
function renderFailure(what: string, run: HelmRun, scrub: (text: string) => string): UserError {
  return new UserError(helmFailedText(what, scrub(helmErrorText(run))), {
    hint: t('helm.template.failedHint'),
    exitCode: ExitCode.usage,
  });
}

/** `what` names the command in a failure; built only then, in the language of the message. */
async function helmText(tool: HelmTool, args: string[], what: () => string, scrub: (text: string) => string): Promise<string> {
  const run = await runHelm(tool, args, { timeoutMs: renderTimeoutMs, scrub });
  if (run.exitCode !== 0) throw renderFailure(what(), run, scrub);
  return run.stdout;
}

/** The rendered manifests (a multi-document YAML stream with `# Source:` comments). */
export const renderChart = (tool: HelmTool, request: TemplateRequest, scrub: (text: string) => string = (text) => text) =>
  helmText(tool, templateArgs(request), () => t('helm.template.render', { chart: request.chart }), scrub);

export interface ChartMetadata {
  name: string;
  version: string;
}

/** The chart's Chart.yaml name and version (`helm show chart`). */
export async function showChart(tool: HelmTool, chart: string, version?: string): Promise<ChartMetadata> {
  const text = await helmText(
    tool,
    ['show', 'chart', chart, ...versionArgs(version)],
    () => t('helm.template.showChart', { chart }),
    (text) => text,
  );
  const metadata = parse(text) as Partial<ChartMetadata> | null;
  return { name: String(metadata?.name ?? ''), version: String(metadata?.version ?? '') };
}

/** The chart's default values (`helm show values`), parsed; {} when it has none. */
export async function showValues(tool: HelmTool, chart: string, version?: string): Promise<Record<string, unknown>> {
  const text = await helmText(
    tool,
    ['show', 'values', chart, ...versionArgs(version)],
    () => t('helm.template.showValues', { chart }),
    (text) => text,
  );
  const values = parse(text) as unknown;
  return typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : {};
}
