// Generated quantities: one value however it is written, formatting that reads back, an order that
// matches the exact decimal order, and no text that parses to NaN or Infinity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { formatBytes, formatCpu, parseQuantity, tryParseQuantity } from '../../../src/k8s/quantity.ts';

const runs = { numRuns: 1000 };
const decimalSuffixes = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 } as const;
const binarySuffixes = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 } as const;

/** An exact decimal: digits × 10^exponent. */
interface Decimal {
  digits: bigint;
  exponent: number;
}
const decimal = fc.record({ digits: fc.bigInt({ min: 0n, max: 10n ** 15n }), exponent: fc.integer({ min: -9, max: 18 }) });

/** digits × 10^shift as plain decimal text, e.g. (45n, -2) → "0.45". */
function decimalText(digits: bigint, shift: number): string {
  if (shift >= 0) return `${digits}${'0'.repeat(shift)}`;
  const padded = digits.toString().padStart(-shift + 1, '0');
  return `${padded.slice(0, shift)}.${padded.slice(shift)}`;
}

/** The same value in every spelling a quantity allows: each decimal suffix and e-notation. */
const spellings = ({ digits, exponent }: Decimal): string[] => [
  ...Object.entries(decimalSuffixes).map(([suffix, power]) => `${decimalText(digits, exponent - power)}${suffix}`),
  `${digits}e${exponent}`,
];

function compareExact(a: Decimal, b: Decimal): number {
  const low = Math.min(a.exponent, b.exponent);
  const left = a.digits * 10n ** BigInt(a.exponent - low);
  const right = b.digits * 10n ** BigInt(b.exponent - low);
  return left < right ? -1 : left > right ? 1 : 0;
}

const nearQuantity = fc
  .tuple(
    fc.constantFrom('', '+', '-', '--', ' '),
    fc.oneof(fc.stringMatching(/^\d{0,400}(\.\d{0,20})?$/), fc.constantFrom('.', '1.', '.5', 'NaN', 'Infinity', '0x10')),
    fc.oneof(
      fc.constantFrom(...Object.keys(decimalSuffixes), ...Object.keys(binarySuffixes), 'mi', 'KI', 'e', 'E+'),
      fc.integer({ min: -1000, max: 1000 }).map((power) => `e${power}`),
    ),
  )
  .map((parts) => parts.join(''));

describe('generated quantities', () => {
  it('one decimal value written with any suffix or exponent parses to one number (9m is 0.009)', () => {
    fc.assert(
      fc.property(decimal, (value) => {
        const parsed = spellings(value).map((text) => tryParseQuantity(text));
        assert.ok(
          parsed.every((number) => number === parsed[0]),
          spellings(value)
            .map((text, i) => `${text} → ${parsed[i]}`)
            .join(', '),
        );
      }),
      runs,
    );
  });

  it('binary suffixes are exact powers of two: n Mi is 1024 × n Ki', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 20 }), fc.constantFrom(...Object.entries(binarySuffixes)), (count, [suffix, power]) => {
        assert.equal(tryParseQuantity(`${count}${suffix}`), count * 2 ** power);
      }),
      runs,
    );
  });

  it('orders quantities as their exact decimal values are ordered', () => {
    fc.assert(
      fc.property(decimal, decimal, fc.nat(10), fc.nat(10), (a, b, spellA, spellB) => {
        const left = tryParseQuantity(spellings(a)[spellA]!)!;
        const right = tryParseQuantity(spellings(b)[spellB]!)!;
        const exact = compareExact(a, b);
        if (exact === 0) assert.equal(left, right);
        else if (exact < 0) assert.ok(left <= right, `${spellings(a)[spellA]} > ${spellings(b)[spellB]}`);
        else assert.ok(left >= right, `${spellings(a)[spellA]} < ${spellings(b)[spellB]}`);
      }),
      runs,
    );
  });

  it('reads back what it formats: CPU to the millicore, bytes exactly or to the megabyte', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), (millicores) => {
        assert.equal(tryParseQuantity(formatCpu(millicores / 1000)), millicores / 1000);
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), (bytes) => {
        const readBack = tryParseQuantity(formatBytes(bytes))!;
        if (bytes % 1024 === 0 || bytes < 1e6) assert.equal(readBack, bytes, formatBytes(bytes));
        else assert.ok(Math.abs(readBack - bytes) <= 0.5e6, `${bytes} → ${formatBytes(bytes)}`);
      }),
      runs,
    );
  });

  it('no text or number parses to NaN or Infinity, and a bad one is a usage error naming the flag', () => {
    fc.assert(
      fc.property(fc.oneof(nearQuantity, fc.string({ maxLength: 12 })), (text) => {
        const value = tryParseQuantity(text);
        assert.ok(value === undefined || Number.isFinite(value), `${text} → ${value}`);
        try {
          assert.equal(parseQuantity(text, '--requests'), value);
        } catch (error) {
          assert.ok(error instanceof UserError && error.exitCode === ExitCode.usage && error.message.startsWith('--requests: '));
          assert.equal(value, undefined);
        }
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.double(), (number) => {
        const value = tryParseQuantity(number);
        assert.ok(value === undefined || Number.isFinite(value));
      }),
      runs,
    );
  });
});
