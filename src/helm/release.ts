// The record helm keeps of one release revision (Secret sh.helm.release.v1.<release>.v<revision>, type
// helm.sh/release.v1): data.release is base64 (the API's) of base64 (helm's) of gzip of JSON. Helm 3 and
// helm 4 write the same shape; helm 4 adds apply_method ("ssa"/"csa") and modtime fields we do not need.
import { gunzipSync } from 'node:zlib';
import { t } from '../i18n/index.ts';
import { UserError } from '../k8s/errors.ts';

export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  alias?: string;
  enabled?: boolean;
}

/** Chart.yaml as helm parsed it (same keys); unknown keys kept so Chart.yaml is written back whole. */
export interface ChartMetadata {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  type?: string;
  dependencies?: ChartDependency[];
  [key: string]: unknown;
}

export interface ChartFile {
  /** Path inside the chart, e.g. "templates/deployment.yaml" or "files/app.conf". */
  name: string;
  data: Buffer;
}

/** A chart as the release stores it. Helm keeps no subcharts here: only their names in metadata.dependencies. */
export interface StoredChart {
  metadata: ChartMetadata;
  templates: ChartFile[];
  /** Every other file of the chart (.helmignore, crds/, files/, README.md …), not Chart.yaml or values.yaml. */
  files: ChartFile[];
  /** The chart's default values (values.yaml, parsed). */
  values: Record<string, unknown>;
  /** values.schema.json as text, when the chart has one. */
  schema?: string;
  /** Subcharts the release was rendered with: declared dependencies and charts/ seen in the manifest or hooks. */
  subcharts: string[];
}

export interface StoredRelease {
  name: string;
  namespace: string;
  /** What helm calls the release "version". */
  revision: number;
  chart: StoredChart;
  /** The user-supplied values (what `helm get values` prints), {} when none. */
  config: Record<string, unknown>;
  info: { status: string; description?: string; firstDeployed?: string; lastDeployed?: string };
  manifest: string;
  /** helm 4 only: how the objects were applied ("ssa" server-side, "csa" client-side). */
  applyMethod?: string;
}

interface RawFile {
  name?: string;
  data?: string | null;
}

interface RawRelease {
  name?: string;
  namespace?: string;
  version?: number;
  config?: Record<string, unknown> | null;
  manifest?: string;
  apply_method?: string;
  info?: { status?: string; description?: string; first_deployed?: string; last_deployed?: string };
  hooks?: { path?: string }[] | null;
  chart?: {
    metadata?: ChartMetadata;
    templates?: RawFile[] | null;
    files?: RawFile[] | null;
    values?: Record<string, unknown> | null;
    schema?: string | null;
  };
}

const gzipMagic = [0x1f, 0x8b, 0x08];

/** The error for a record that is not a helm 3/4 release. */
function unreadable(detail: string): UserError {
  return new UserError(t('helm.release.unreadable', { detail }), {
    hint: t('helm.release.unreadableHint'),
  });
}

/** Chart files with their data decoded from base64 (null, as helm writes an empty list, is []). */
const files = (raw: RawFile[] | null | undefined): ChartFile[] =>
  (raw ?? []).map((file) => ({ name: file.name ?? '', data: Buffer.from(file.data ?? '', 'base64') }));

/** "parent/charts/child/templates/x.yaml" → child: subcharts that rendered something. */
function renderedSubcharts(release: RawRelease): string[] {
  const sources = [
    ...[...(release.manifest ?? '').matchAll(/^# Source: (.+)$/gm)].map((match) => match[1]!),
    ...(release.hooks ?? []).map((hook) => hook.path ?? ''),
  ];
  return sources.flatMap((source) => /^[^/]+\/charts\/([^/]+)\//.exec(source)?.[1] ?? []);
}

/** Decodes a release Secret's data.release (as the API returns it: base64) into the release helm stored. */
export function decodeRelease(secretDataRelease: string): StoredRelease {
  const helmText = Buffer.from(secretDataRelease, 'base64').toString('latin1');
  let bytes = Buffer.from(helmText, 'base64');
  if (gzipMagic.every((byte, index) => bytes[index] === byte)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw unreadable(`gzip: ${(error as Error).message}`);
    }
  }
  let raw: RawRelease;
  try {
    raw = JSON.parse(bytes.toString('utf8')) as RawRelease;
  } catch {
    throw unreadable(t('helm.release.notJson'));
  }
  const metadata = raw.chart?.metadata;
  if (!raw.name || typeof raw.version !== 'number' || !metadata?.name || !metadata.version) {
    throw unreadable(t('helm.release.noMetadata'));
  }
  const declared = (metadata.dependencies ?? []).map((dependency) => dependency.alias ?? dependency.name);
  const schema = raw.chart?.schema ? Buffer.from(raw.chart.schema, 'base64').toString('utf8') : undefined;
  return {
    name: raw.name,
    namespace: raw.namespace ?? '',
    revision: raw.version,
    chart: {
      metadata,
      templates: files(raw.chart?.templates),
      files: files(raw.chart?.files),
      values: raw.chart?.values ?? {},
      ...(schema ? { schema } : {}),
      subcharts: [...new Set([...declared, ...renderedSubcharts(raw)])],
    },
    config: raw.config ?? {},
    info: {
      status: raw.info?.status ?? 'unknown',
      ...(raw.info?.description !== undefined ? { description: raw.info.description } : {}),
      ...(raw.info?.first_deployed !== undefined ? { firstDeployed: raw.info.first_deployed } : {}),
      ...(raw.info?.last_deployed !== undefined ? { lastDeployed: raw.info.last_deployed } : {}),
    },
    manifest: raw.manifest ?? '',
    ...(raw.apply_method ? { applyMethod: raw.apply_method } : {}),
  };
}
