// The Wallarm guide's store rule: memory request and limit of the store container (wstore ≥ 6.0, tarantool ≤ 5.x)
// at least the arena it allocates at start. One rule for the live check (RES002) and the values-file check. Pure.
import { formatBytes } from '../k8s/quantity.ts';

/** The arena in bytes from its GB text ("1.0" = 1 GiB), as the chart value and SLAB_ALLOC_ARENA spell it. */
export function arenaGigabytesToBytes(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const gigabytes = Number(value);
  return Number.isFinite(gigabytes) && gigabytes > 0 ? gigabytes * 2 ** 30 : undefined;
}

export interface StoreMemoryShortfall {
  /** Which of the two is missing or below the arena. */
  short: ('request' | 'limit')[];
  /** A limit below the arena: the store is OOM-killed in a loop. */
  oomKilled: boolean;
  /** The memory to write: only what is short, 25 % above the arena in 128 MiB steps, never below the request kept. */
  wanted: { requests?: string; limits?: string };
}

const step = 128 * 2 ** 20;

/** undefined when request and limit both hold the arena. */
export function storeMemoryShortfall(
  arena: number,
  request: number | undefined,
  limit: number | undefined,
): StoreMemoryShortfall | undefined {
  const requestShort = request === undefined || request < arena;
  const limitShort = limit === undefined || limit < arena;
  if (!requestShort && !limitShort) return undefined;
  const wantedBytes = Math.ceil((arena * 1.25) / step) * step;
  return {
    short: [...(requestShort ? ['request' as const] : []), ...(limitShort ? ['limit' as const] : [])],
    oomKilled: limit !== undefined && limit < arena,
    wanted: {
      ...(requestShort ? { requests: formatBytes(wantedBytes) } : {}),
      // A request above its limit is rejected: the limit rises at least to the request.
      ...(limitShort ? { limits: formatBytes(Math.max(wantedBytes, request ?? 0)) } : {}),
    },
  };
}
