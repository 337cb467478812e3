// doctor over files, for CI: manifests (-f PATH…, directories, stdin) or a chart rendered by `helm template`
// (--chart), turned into a Snapshot the checks read as they read a cluster's; values files checked as values.
// No cluster is contacted and no kubeconfig read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import type { Finding } from '../doctor/finding.ts';
import { checkValuesFile, type ValuesVendor } from '../doctor/values-files.ts';
import { renderChart, showChart, showValues, type ChartMetadata } from '../helm/template.ts';
import { findHelm } from '../helm/tool.ts';
import { scrubber, secretStrings } from '../helm/scrub.ts';
import { t } from '../i18n/index.ts';
import { usageError } from '../k8s/errors.ts';
import type { Node } from '../k8s/types.ts';
import { apigeeCharts } from '../profiles/values/apigee.ts';
import { effectiveValues, isValuesMap, type Values } from '../profiles/values/model.ts';
import { chartName as wallarmChart, injectorValuesIn, sidecarInjectorConfig } from '../profiles/wallarm.ts';
import { snapshotFromFiles, type FilesSnapshot } from '../snapshot/from-files.ts';
import { parseManifests, type LocatedObject, type ManifestFile } from '../snapshot/manifests.ts';

/** What the loader reads through: the file system and stdin, injected so tests can give their own. */
export interface FileReader {
  readFile(path: string): string;
  readStdin(): string;
  isDirectory(path: string): boolean;
  /** Entry names of a directory. */
  list(path: string): string[];
}

export const nodeFileReader: FileReader = {
  readFile: (path) => readFileSync(path, 'utf8'),
  readStdin: () => readFileSync(0, 'utf8'),
  isDirectory: (path) => statSync(path).isDirectory(),
  list: (path) => readdirSync(path),
};

export interface ChartRequest {
  ref: string;
  /** --release; default: the chart's name. */
  release?: string | undefined;
  /** --set, --set-string: given to helm as they are. */
  set: readonly string[];
  setString: readonly string[];
  version?: string | undefined;
  helmPath?: string | undefined;
}

export interface FilesRequest {
  /** -f: manifests or values files; with --chart, helm values files. */
  filenames: readonly string[];
  chart?: ChartRequest | undefined;
  /** --nodes FILE: Node objects for the checks that need the nodes. */
  nodesFile?: string | undefined;
  /** -n: only this namespace (and the namespace of objects that name none); null: every namespace in the files. */
  namespace: string | null;
  labelSelector?: string | undefined;
}

export interface FilesDiagnosis extends FilesSnapshot {
  /** Findings of the values files, located in them. */
  valuesFindings: Finding[];
  /** Said once on stderr: what was read, what could not be rendered. */
  notes: string[];
}

const manifestExtensions = /\.(ya?ml|json)$/i;

/** -f PATH…: files as given, directories walked for *.yaml, *.yml and *.json (sorted, as kubectl -R), "-" for stdin once. */
export function readPaths(paths: readonly string[], reader: FileReader, flag = '-f'): { file: string; text: string }[] {
  if (paths.filter((path) => path === '-').length > 1) throw usageError(t('apply.files.stdinOnce', { flag }));
  const read = (path: string, listed: boolean): { file: string; text: string }[] => {
    if (path === '-') return [{ file: '-', text: reader.readStdin() }];
    let directory: boolean;
    try {
      directory = reader.isDirectory(path);
    } catch (error) {
      throw usageError(
        t('apply.files.cannotReadPath', { flag, path, reason: (error as NodeJS.ErrnoException).code ?? String(error) }),
        t('apply.files.cannotReadPathHint'),
      );
    }
    if (directory)
      return reader
        .list(path)
        .sort()
        .flatMap((name) => {
          const child = path.endsWith('/') ? `${path}${name}` : join(path, name);
          return reader.isDirectory(child) || manifestExtensions.test(name) ? read(child, true) : [];
        });
    if (listed && !manifestExtensions.test(path)) return [];
    return [{ file: path, text: reader.readFile(path) }];
  };
  const files = paths.flatMap((path) => read(path, false));
  if (!files.length) throw usageError(t('apply.files.noManifests', { flag, paths: paths.join(' ') }));
  return files;
}

/** A file that names apiVersion or kind at the top level is a manifest: its syntax error is a usage error. */
const looksLikeManifest = (text: string) => /^(apiVersion|kind):/m.test(text);

/** A values file that does not parse is checked as values: the values checks report the YAML trap at its place. */
function valuesFindingsOrRefuse(file: ManifestFile & { type: 'invalid' }, vendor: ValuesVendor | undefined, chartVersion?: string) {
  const findings = checkValuesFile({
    file: file.file,
    text: file.text,
    ...(vendor ? { vendor } : {}),
    ...(chartVersion ? { chartVersion } : {}),
  });
  if (!findings.length) throw file.error;
  return findings;
}

function vendorOfChart(name: string): ValuesVendor | undefined {
  if (name === wallarmChart) return 'wallarm';
  return (Object.values(apigeeCharts) as string[]).includes(name) ? 'apigee' : undefined;
}

function parsedValues(text: string): Values {
  try {
    const values = parse(text) as unknown;
    return isValuesMap(values) ? values : {};
  } catch {
    return {};
  }
}

function readNodes(nodesFile: string, reader: FileReader): Node[] {
  return readPaths([nodesFile], reader, '--nodes').flatMap(({ file, text }) => {
    const parsed = parseManifests({ file, text, flag: '--nodes' });
    if (parsed.type === 'invalid') throw parsed.error;
    const nodes = parsed.type === 'objects' ? parsed.objects.filter((o) => o.object.kind === 'Node') : [];
    if (!nodes.length) throw usageError(t('apply.files.noNodes', { file }), t('apply.files.noNodesHint'));
    return nodes.map((o) => o.object as Node);
  });
}

/** doctor -f PATH…: objects, and values files checked as values; a Wallarm values file configures the modelled injector. */
function loadManifests(
  request: FilesRequest,
  reader: FileReader,
): { objects: LocatedObject[]; valuesFindings: Finding[]; injectorValues: Values } {
  const objects: LocatedObject[] = [];
  const valuesFindings: Finding[] = [];
  let injectorValues: Values = {};
  for (const { file, text } of readPaths(request.filenames, reader)) {
    const parsed = parseManifests({ file, text, flag: '-f' });
    if (parsed.type === 'objects') objects.push(...parsed.objects);
    else if (parsed.type === 'invalid') {
      if (looksLikeManifest(text)) throw parsed.error;
      valuesFindings.push(...valuesFindingsOrRefuse(parsed, undefined));
    } else {
      valuesFindings.push(...checkValuesFile({ file, text }));
      const values = injectorValuesIn(parsedValues(text));
      if (isValuesMap(values)) injectorValues = effectiveValues(injectorValues, values);
    }
  }
  return { objects, valuesFindings, injectorValues };
}

/** The chart's template path as the user's repository has it: under the chart directory when the chart is one. */
function templatePath(chartRef: string, reader: FileReader): (source: string) => string {
  let local = false;
  try {
    local = reader.isDirectory(chartRef);
  } catch {}
  // helm names sources "<chart name>/templates/x.yaml" (subcharts "<chart>/charts/<sub>/templates/x.yaml").
  return (source) => (local ? posix.join(chartRef, source.split('/').slice(1).join('/')) : source);
}

export interface FilesEnvironment {
  reader: FileReader;
  env: NodeJS.ProcessEnv;
}

/** doctor --chart: the user's values files checked as the chart's vendor's, then the chart rendered by helm template. */
async function loadChart(
  request: FilesRequest & { chart: ChartRequest },
  releaseNamespace: string,
  { reader, env }: FilesEnvironment,
): Promise<{ objects: LocatedObject[]; valuesFindings: Finding[]; injectorValues: Values; notes: string[]; chart: ChartMetadata }> {
  const { chart } = request;
  const tool = await findHelm({ helmPath: chart.helmPath, env });
  const metadata = await showChart(tool, chart.ref, chart.version);
  const vendor = vendorOfChart(metadata.name);
  if (request.filenames.includes('-')) throw usageError(t('apply.files.chartStdin'), t('apply.files.chartStdinHint'));
  const valuesFiles = request.filenames.length ? readPaths(request.filenames, reader) : [];
  const valuesFindings: Finding[] = [];
  let userValues: Values = {};
  const unparsed: string[] = [];
  for (const { file, text } of valuesFiles) {
    const parsed = parseManifests({ file, text, flag: '-f' });
    if (parsed.type === 'invalid') {
      valuesFindings.push(...valuesFindingsOrRefuse(parsed, vendor, metadata.version));
      unparsed.push(file);
      continue;
    }
    valuesFindings.push(...checkValuesFile({ file, text, ...(vendor ? { vendor } : {}), chartVersion: metadata.version }));
    userValues = effectiveValues(userValues, parsedValues(text));
  }
  // helm would refuse the same file: the values findings are the report.
  if (unparsed.length)
    return {
      objects: [],
      valuesFindings,
      injectorValues: {},
      chart: metadata,
      notes: [t('apply.files.notRendered', { chart: chart.ref, files: unparsed.join(', '), count: unparsed.length })],
    };
  const scrub = scrubber(secretStrings(userValues));
  const rendered = await renderChart(
    tool,
    {
      chart: chart.ref,
      release: chart.release ?? metadata.name,
      namespace: releaseNamespace,
      valuesFiles: valuesFiles.map((f) => f.file),
      set: chart.set,
      setString: chart.setString,
      version: chart.version,
    },
    scrub,
  );
  const parsed = parseManifests({
    file: `${chart.ref} (rendered)`,
    text: rendered,
    flag: '--chart',
    sourcePath: templatePath(chart.ref, reader),
  });
  if (parsed.type === 'invalid') throw parsed.error;
  const objects = parsed.type === 'objects' ? parsed.objects : [];
  // Sidecar modelling reads the chart's merged values; --set pairs are left to helm (their syntax is helm's own).
  const merged = injectorValuesIn(effectiveValues(await showValues(tool, chart.ref, chart.version), userValues), metadata.name);
  const injectorValues = isValuesMap(merged) ? merged : {};
  const notes = merged !== undefined && (chart.set.length || chart.setString.length) ? [t('apply.files.setNotModelled')] : [];
  return { objects, valuesFindings, injectorValues, notes, chart: metadata };
}

/** The snapshot of the files (or the rendered chart), its locations, and the values files' findings. */
export async function diagnoseFiles(request: FilesRequest, environment: FilesEnvironment): Promise<FilesDiagnosis> {
  const releaseNamespace = request.namespace ?? 'default';
  const loaded = request.chart
    ? await loadChart({ ...request, chart: request.chart }, releaseNamespace, environment)
    : { ...loadManifests(request, environment.reader), notes: [] as string[], chart: undefined };
  const nodes = request.nodesFile ? readNodes(request.nodesFile, environment.reader) : undefined;
  const release = request.chart && { name: request.chart.release ?? loaded.chart?.name ?? '', namespace: releaseNamespace };
  const files = snapshotFromFiles(loaded.objects, {
    defaultNamespace: releaseNamespace,
    namespace: request.namespace,
    labelSelector: request.labelSelector,
    injector: sidecarInjectorConfig(loaded.injectorValues),
    nodes,
    release,
    source: request.chart ? `chart ${loaded.chart?.name ?? request.chart.ref} ${loaded.chart?.version ?? ''}`.trim() : 'files',
  });
  return { ...files, valuesFindings: loaded.valuesFindings, notes: loaded.notes };
}
