// Kubernetes resource quantities ("250m", "1.5Gi", "400M", "2e3"), parsed in one place.
import { t } from '../i18n/index.ts';
import { usageError } from './errors.ts';

const binaryPowers: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalPowers: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const pattern = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E))?$/;

/** The numeric value of a quantity, or undefined when the text is not one. */
export function tryParseQuantity(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  const match = pattern.exec(text.trim());
  if (!match) return undefined;
  const [, number = '', binarySuffix, exponent, decimalSuffix = ''] = match;
  // A decimal suffix is a power of ten read in one rounding ("9e-3"): 9 × 0.001 would not equal 0.009.
  const result = binarySuffix
    ? Number(number) * 2 ** (binaryPowers[binarySuffix] ?? 0)
    : Number(`${number}${exponent ?? `e${decimalPowers[decimalSuffix] ?? 0}`}`);
  // 1e400 overflows to Infinity: no quantity at all, not "more than any limit".
  return Number.isFinite(result) ? result : undefined;
}

/** Parses a quantity given by the user; `what` names the flag or field for the error. */
export function parseQuantity(text: string, what: string): number {
  const value = tryParseQuantity(text);
  if (value === undefined) {
    throw usageError(t('k8s.quantity.invalid', { what, text }), t('k8s.quantity.invalidHint'));
  }
  return value;
}

/** Human form for CPU cores: 0.25 → "250m", 2 → "2". */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Human form for bytes: binary suffixes when exact, else decimal megabytes. */
export function formatBytes(bytes: number): string {
  for (const [suffix, size] of [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return bytes >= 1e6 ? `${Math.round(bytes / 1e6)}M` : String(Math.round(bytes));
}

/** An int-or-string field such as maxUnavailable: "25%" of `total`, rounded as the controller does. */
export function resolveIntOrPercent(value: number | string, total: number, round: 'up' | 'down'): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  if (!percent) return Number(value);
  const exact = (Number(percent[1]) * total) / 100;
  return round === 'up' ? Math.ceil(exact) : Math.floor(exact);
}
