/**
 * The look-up cache's bookkeeping, as pure functions over an index (key -> when saved, when last
 * used, how big). The gateway keeps the index and the entries in extension storage; only answers
 * that parsed are stored, never failures.
 */
export interface CacheMeta {
  savedAt: number;
  usedAt: number;
  bytes: number;
}
export type CacheIndex = Record<string, CacheMeta>;

export interface CacheLimits {
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
}

export const CACHE_PREFIX = 'lookup:v1:';
export const CACHE_INDEX_KEY = 'lookup:v1:index';

/** Storage keys: a page summary by its requested title, a title search by its name. */
export const summaryKey = (title: string) => `${CACHE_PREFIX}summary:${title}`;
export const searchKey = (name: string) => `${CACHE_PREFIX}search:${name.replace(/\s+/g, ' ').trim().toLowerCase()}`;

export function isFresh(meta: CacheMeta | undefined, now: number, ttlMs: number): boolean {
  return !!meta && meta.savedAt <= now && now - meta.savedAt < ttlMs;
}

/** The size an entry is counted at: its JSON's length, near enough to bytes for a budget. */
export function sizeOf(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}

/** Keys to drop: expired ones, then the least recently used until the index is within its limits. */
export function evictions(index: CacheIndex, now: number, limits: CacheLimits): string[] {
  const drop: string[] = [];
  const kept: [string, CacheMeta][] = [];
  for (const [key, meta] of Object.entries(index)) {
    if (!isFresh(meta, now, limits.ttlMs)) drop.push(key);
    else kept.push([key, meta]);
  }
  kept.sort((a, b) => a[1].usedAt - b[1].usedAt);
  let bytes = kept.reduce((n, [, m]) => n + m.bytes, 0);
  let count = kept.length;
  for (const [key, meta] of kept) {
    if (count <= limits.maxEntries && bytes <= limits.maxBytes) break;
    drop.push(key);
    count--;
    bytes -= meta.bytes;
  }
  return drop;
}

/** The index without `keys`. */
export function without(index: CacheIndex, keys: readonly string[]): CacheIndex {
  const out = { ...index };
  for (const k of keys) delete out[k];
  return out;
}
