// The config file's schema (docs/config.md): its text → a validated ScaleHaConfig, every mistake reported at
// file:line:column in one usage error. Pure: config.ts reads the file.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { failLevels, type DoctorPolicy, type FailLevel, type PolicyException } from '../doctor/policy.ts';
import type { Severity } from '../doctor/finding.ts';
import { allCheckInfos } from '../doctor/run.ts';
import { usageError } from '../k8s/errors.ts';
import { languages, t, type Language } from '../i18n/index.ts';
import { parsePositioned, yamlSyntaxErrors, type PositionedYaml } from '../k8s/yaml-position.ts';

export const configApiVersion = 'scale-ha/v1';
export { languages, type Language } from '../i18n/index.ts';

export interface ScaleHaConfig {
  /** doctor.failOn: --fail-on's default; the flag wins. */
  failOn?: FailLevel;
  lang?: Language;
  policy: DoctorPolicy;
}

export const emptyConfig: ScaleHaConfig = { policy: { skip: [], severity: {}, exceptions: [] } };

const severities: readonly Severity[] = ['error', 'warning', 'info'];
const checkIds = allCheckInfos.map((check) => check.id);
const keys = {
  top: ['apiVersion', 'kind', 'doctor', 'lang'],
  doctor: ['failOn', 'skip', 'severity', 'exceptions'],
  exception: ['namespace', 'name', 'checks', 'reason'],
} as const;

/** Edit distance, for "did you mean": a key or id one or two typos away. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** The nearest candidate within `within` edits (by default a third of the word: a typo, not another word). */
function didYouMean(text: string, candidates: readonly string[], within = Math.max(1, Math.floor(text.length / 3))): string | undefined {
  const scored = candidates.map((c) => ({ c, d: distance(text.toLowerCase(), c.toLowerCase()) })).sort((x, y) => x.d - y.d);
  const best = scored[0];
  return best && best.d <= within ? best.c : undefined;
}

/** Lowercase letters, digits, "-" and "." as Kubernetes names have them, and the glob characters * ? [ ] { } , and !. */
const globPattern = /^[a-z0-9.\-*?[\]{},!]+$/;

/** Collects every mistake with its place; `fail` throws them as one usage error. */
class Validation {
  readonly errors: { offset: number; text: string }[] = [];
  constructor(
    readonly yaml: PositionedYaml,
    readonly file: string,
  ) {}

  private offset(node: Node | Pair | null | undefined): number {
    const range = node && 'range' in node ? node.range : node && 'key' in node ? (node.key as Node | null)?.range : undefined;
    return range?.[0] ?? 0;
  }

  at(node: Node | Pair | null | undefined): string {
    const { line, col } = this.yaml.lineCounter.linePos(this.offset(node));
    return `${this.file}:${line}:${col}`;
  }

  error(node: Node | Pair | null | undefined, message: string): void {
    this.errors.push({ offset: this.offset(node), text: `${this.at(node)}: ${message}` });
  }

  /** Every mistake, in the file's order. */
  fail(): never {
    const errors = this.errors.sort((a, b) => a.offset - b.offset).map((e) => e.text);
    throw usageError(t('configFile.invalid', { file: this.file, errors: errors.join('; ') }), t('configFile.invalidHint'));
  }
}

const keyOf = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));

/** A map's pairs by key, each unknown key reported with the nearest known one. */
function entries(v: Validation, map: YAMLMap, known: readonly string[], where: string): Map<string, Pair> {
  const found = new Map<string, Pair>();
  for (const pair of map.items) {
    const key = keyOf(pair);
    if (known.includes(key)) found.set(key, pair);
    else {
      const suggestion = didYouMean(key, known);
      const path = `${where}${key}`;
      v.error(
        pair,
        suggestion ? t('configFile.notKeySuggest', { path, suggestion }) : t('configFile.notKey', { path, keys: known.join(', ') }),
      );
    }
  }
  return found;
}

function text(v: Validation, node: unknown, what: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string' && node.value !== '') return node.value;
  v.error(
    node as Node,
    isScalar(node) ? t('configFile.notString', { what, value: JSON.stringify(node.value) }) : t('configFile.notStringCollection', { what }),
  );
  return undefined;
}

function oneOf<T extends string>(v: Validation, node: unknown, what: string, allowed: readonly T[]): T | undefined {
  const value = text(v, node, what);
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const suggestion = didYouMean(value, allowed);
  const params = { what, value, allowed: allowed.join(', '), suggestion };
  v.error(node as Node, suggestion ? t('configFile.notOneOfSuggest', params) : t('configFile.notOneOf', params));
  return undefined;
}

function checkId(v: Validation, node: unknown, what: string): string | undefined {
  const value = text(v, node, what);
  if (value === undefined) return undefined;
  const id = checkIds.find((known) => known.toLowerCase() === value.toLowerCase());
  const suggestion = id ? undefined : didYouMean(value, checkIds, 1);
  if (!id)
    v.error(
      node as Node,
      suggestion ? t('configFile.unknownCheckSuggest', { what, value, suggestion }) : t('configFile.unknownCheck', { what, value }),
    );
  return id;
}

function checkIdList(v: Validation, node: unknown, what: string): string[] {
  if (!isSeq(node) || !node.items.length) {
    v.error(node as Node, t('configFile.checkIdList', { what }));
    return [];
  }
  return node.items.flatMap((item) => checkId(v, item, what) ?? []);
}

function glob(v: Validation, node: unknown, what: string): string | undefined {
  const value = text(v, node, what);
  if (value === undefined) return undefined;
  if (globPattern.test(value)) return value;
  v.error(node as Node, t('configFile.notPattern', { what, value }));
  return undefined;
}

/** `notMap`: the message when the value is no map. */
function mapAt(v: Validation, pair: Pair | undefined, notMap: () => string): YAMLMap | undefined {
  // A key left empty (`doctor:` with nothing under it) says nothing.
  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return undefined;
  if (isMap(pair.value)) return pair.value;
  v.error((pair.value as Node | null) ?? pair, notMap());
  return undefined;
}

function exception(v: Validation, node: unknown, index: number): PolicyException | undefined {
  const where = `doctor.exceptions[${index}]`;
  if (!isMap(node)) {
    v.error(node as Node, t('configFile.exceptionNotMap', { where }));
    return undefined;
  }
  const found = entries(v, node, keys.exception, `${where}.`);
  for (const required of ['namespace', 'checks', 'reason'] as const)
    if (!found.has(required)) v.error(node, t('configFile.exceptionMissing', { where, key: required }));
  const namespace = found.has('namespace') ? glob(v, found.get('namespace')!.value, `${where}.namespace`) : undefined;
  const name = found.has('name') ? glob(v, found.get('name')!.value, `${where}.name`) : undefined;
  const checks = found.has('checks') ? checkIdList(v, found.get('checks')!.value, `${where}.checks`) : [];
  const reason = found.has('reason') ? text(v, found.get('reason')!.value, `${where}.reason`) : undefined;
  if (namespace === undefined || !checks.length || reason === undefined) return undefined;
  return { namespace, ...(name !== undefined ? { name } : {}), checks, reason, source: v.at(node) };
}

function doctorSection(v: Validation, map: YAMLMap): Pick<ScaleHaConfig, 'failOn' | 'policy'> {
  const found = entries(v, map, keys.doctor, 'doctor.');
  const failOnNode = found.get('failOn')?.value;
  const failOn = failOnNode !== undefined ? oneOf(v, failOnNode, 'doctor.failOn', failLevels) : undefined;
  const skipNode = found.get('skip')?.value;
  const skip = skipNode !== undefined ? checkIdList(v, skipNode, 'doctor.skip') : [];
  const severity: Record<string, Severity> = {};
  const ranks = mapAt(v, found.get('severity'), () => t('configFile.severityNotMap'));
  for (const pair of ranks?.items ?? []) {
    const id = checkId(v, pair.key, 'doctor.severity');
    const rank = oneOf(v, pair.value, `doctor.severity.${keyOf(pair)}`, severities);
    if (id && rank) severity[id] = rank;
  }
  const exceptionsNode = found.get('exceptions')?.value;
  let exceptions: PolicyException[] = [];
  if (exceptionsNode !== undefined) {
    if (isSeq(exceptionsNode)) exceptions = exceptionsNode.items.flatMap((item, i) => exception(v, item, i) ?? []);
    else v.error(exceptionsNode as Node, t('configFile.exceptionsNotList'));
  }
  return { ...(failOn ? { failOn } : {}), policy: { skip, severity, exceptions } };
}

/** The config file's text → the config; a file with nothing in it (or only comments) is an empty config. */
export function parseConfig(source: string, file: string): ScaleHaConfig {
  const yaml = parsePositioned(source);
  const syntax = yamlSyntaxErrors(yaml);
  if (syntax.length)
    throw usageError(
      t('configFile.invalidYaml', { file, errors: syntax.map((e) => `${file}:${e.line}:${e.column}: ${e.message}`).join('; ') }),
      t('configFile.invalidYamlHint'),
    );
  const root = yaml.doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return emptyConfig;
  const v = new Validation(yaml, file);
  if (!isMap(root)) {
    v.error(root, t('configFile.rootNotMap', { apiVersion: configApiVersion }));
    return v.fail();
  }
  const found = entries(v, root, keys.top, '');
  if (!found.has('apiVersion')) v.error(root, t('configFile.noApiVersion', { apiVersion: configApiVersion }));
  else oneOf(v, found.get('apiVersion')!.value, 'apiVersion', [configApiVersion]);
  if (found.has('kind')) oneOf(v, found.get('kind')!.value, 'kind', ['Config']);
  const doctor = mapAt(v, found.get('doctor'), () => t('configFile.notMap', { what: 'doctor' }));
  const section = doctor ? doctorSection(v, doctor) : { policy: emptyConfig.policy };
  const lang = found.has('lang') ? oneOf(v, found.get('lang')!.value, 'lang', languages) : undefined;
  if (v.errors.length) v.fail();
  return { ...section, ...(lang ? { lang } : {}) };
}
