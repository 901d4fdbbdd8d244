/**
 * The online gateway, in the background worker: Wikipedia's REST page summary for names the
 * embedded knowledge base lacks, as Page Previews does it. Requests go to one origin fixed at
 * build time, only when the reader's setting allows, carry nothing but the name (no cookies, no
 * referrer, no page text), are shared while in flight, rate-limited, bounded in time and size,
 * and their answers cached in extension storage with an expiry and a size cap. Failures are
 * answered with a reason and never cached. The decisions live in core/lookup; this file only
 * fetches, waits and stores.
 */
import {
  LOOKUP_BACKOFF_DEFAULT_MS,
  LOOKUP_BACKOFF_MAX_MS,
  LOOKUP_BURST,
  LOOKUP_CACHE_MAX_BYTES,
  LOOKUP_CACHE_MAX_ENTRIES,
  LOOKUP_CACHE_TTL_MS,
  LOOKUP_MAX_RESPONSE_BYTES,
  LOOKUP_QUEUE_MAX_WAIT_MS,
  LOOKUP_REFILL_PER_SEC,
  LOOKUP_SEARCH_LIMIT,
  LOOKUP_SHOWN_EXTRACT_CHARS,
  LOOKUP_TIMEOUT_MS,
} from '../core/constants';
import {
  CACHE_INDEX_KEY,
  backoffMs,
  cutExtract,
  evictions,
  failureForStatus,
  isFresh,
  plainText,
  readSearch,
  readSummary,
  resolveName,
  searchKey,
  searchUrl,
  sizeOf,
  summaryKey,
  summaryUrl,
  without,
  type CacheIndex,
  type Fetched,
  type LookupQuery,
  type LookupResult,
} from '../core/lookup';

/** The part of `browser.storage.local` the gateway uses. */
export interface LookupStorage {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface GatewayDeps {
  /** The look-up origin, fixed at build time ("https://en.wikipedia.org"). */
  origin: string;
  fetch: typeof fetch;
  storage: LookupStorage;
  /** The reader's `lookups` setting, read at each look-up. */
  lookupsOn(): Promise<boolean>;
  now?: () => number;
  /** Timers, replaceable in tests. */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (t: unknown) => void;
}

/** A CORS-safelisted Accept (a profile parameter would need a preflight where host permissions do not lift CORS). */
const ACCEPT = 'application/json';

class Aborted extends Error {}

/** Requests at most LOOKUP_BURST at once, then LOOKUP_REFILL_PER_SEC. */
class TokenBucket {
  private tokens = LOOKUP_BURST;
  private last: number;
  constructor(
    private readonly now: () => number,
    private readonly wait: (ms: number, signal: AbortSignal) => Promise<void>,
  ) {
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(LOOKUP_BURST, this.tokens + ((t - this.last) / 1000) * LOOKUP_REFILL_PER_SEC);
    this.last = t;
  }

  /** Takes a token, waiting for one up to LOOKUP_QUEUE_MAX_WAIT_MS; false when none came in time. */
  async take(signal: AbortSignal): Promise<boolean> {
    this.refill();
    if (this.tokens < 1) {
      const ms = ((1 - this.tokens) / LOOKUP_REFILL_PER_SEC) * 1000;
      if (ms > LOOKUP_QUEUE_MAX_WAIT_MS) return false;
      await this.wait(ms, signal);
      this.refill();
      if (this.tokens < 1) return false;
    }
    this.tokens -= 1;
    return true;
  }
}

interface InFlight {
  promise: Promise<LookupResult>;
  controller: AbortController;
  /** Callers still waiting for it; at zero the request is aborted. */
  waiting: number;
}

/** A summary as the cache keeps it: only what core/lookup reads, the extract already cut. */
function trimSummary(json: Record<string, unknown>): Record<string, unknown> {
  const keep: Record<string, unknown> = {};
  for (const k of ['type', 'title', 'description', 'thumbnail', 'wikibase_item', 'content_urls', 'titles', 'lang']) if (k in json) keep[k] = json[k];
  const extract = typeof json.extract === 'string' ? plainText(json.extract) : '';
  const fromHtml = !extract && typeof json.extract_html === 'string' ? plainText(json.extract_html, true) : '';
  if (extract || fromHtml) keep.extract = cutExtract(extract || fromHtml, LOOKUP_SHOWN_EXTRACT_CHARS);
  return keep;
}

export class WikipediaGateway {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly bucket: TokenBucket;
  private backoffUntil = 0;
  private index: CacheIndex | null = null;
  /** Cache index writes, one after another. */
  private writes: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private readonly setT: (fn: () => void, ms: number) => unknown;
  private readonly clearT: (t: unknown) => void;

  constructor(private readonly deps: GatewayDeps) {
    this.now = deps.now ?? Date.now;
    this.setT = deps.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearT = deps.clearTimeout ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    this.bucket = new TokenBucket(this.now, (ms, signal) => this.sleep(ms, signal));
  }

  /**
   * Looks a name up. Callers asking for the same name while it is in flight share one request;
   * a caller's `signal` withdraws that caller, and the request is aborted when nobody waits.
   */
  async lookup(q: LookupQuery, signal?: AbortSignal): Promise<LookupResult> {
    if (signal?.aborted) return { status: 'aborted' };
    if (!(await this.deps.lookupsOn().catch(() => false))) return { status: 'off' };
    const key = `${q.name.replace(/\s+/g, ' ').trim().toLowerCase()}\u0000${q.type}`;
    let flight = this.inFlight.get(key);
    if (!flight) {
      const controller = new AbortController();
      const f: InFlight = { controller, waiting: 0, promise: Promise.resolve({ status: 'aborted' }) };
      f.promise = this.run(q, controller.signal).finally(() => {
        if (this.inFlight.get(key) === f) this.inFlight.delete(key);
      });
      this.inFlight.set(key, f);
      flight = f;
    }
    const shared = flight;
    shared.waiting++;
    if (!signal) return shared.promise.finally(() => shared.waiting--);
    return new Promise<LookupResult>((resolve) => {
      let done = false;
      const onAbort = () => {
        if (done) return;
        done = true;
        if (--shared.waiting <= 0) {
          // Nobody waits any more: abort, and let the next caller start afresh.
          shared.controller.abort();
          if (this.inFlight.get(key) === shared) this.inFlight.delete(key);
        }
        resolve({ status: 'aborted' });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void shared.promise.then((r) => {
        signal.removeEventListener('abort', onAbort);
        if (done) return;
        done = true;
        shared.waiting--;
        resolve(r);
      });
    });
  }

  private async run(q: LookupQuery, signal: AbortSignal): Promise<LookupResult> {
    let requests = 0;
    const steps = {
      summary: (title: string) => this.cached(summaryKey(title), summaryUrl(this.deps.origin, title), signal, (json) => {
        const read = readSummary(json, this.deps.origin, title);
        return read.kind === 'failure' || !json || typeof json !== 'object' ? null : trimSummary(json as Record<string, unknown>);
      }, () => requests++),
      search: (name: string) => this.cached(searchKey(name), searchUrl(this.deps.origin, name, LOOKUP_SEARCH_LIMIT), signal, (json) => {
        const pages = readSearch(json);
        return pages ? { pages } : null;
      }, () => requests++),
    };
    try {
      const r = await resolveName(q, steps, this.deps.origin);
      if (r.ok) return { status: 'found', summary: r.summary, cached: requests === 0 };
      if (r.failure === 'aborted') return { status: 'aborted' };
      return { status: 'failed', failure: r.failure, ...(r.url ? { url: r.url } : {}) };
    } catch (err) {
      if (err instanceof Aborted || signal.aborted) return { status: 'aborted' };
      return { status: 'failed', failure: 'network' };
    }
  }

  // ---- cache ----

  private async loadIndex(): Promise<CacheIndex> {
    if (!this.index) {
      const got = await this.deps.storage.get(CACHE_INDEX_KEY).catch(() => ({}) as Record<string, unknown>);
      const raw = got[CACHE_INDEX_KEY];
      this.index = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as CacheIndex) : {};
    }
    return this.index;
  }

  private queue(write: () => Promise<unknown>): Promise<void> {
    const next = this.writes.then(write, write).catch(() => undefined);
    this.writes = next;
    return next.then(() => undefined);
  }

  /**
   * The answer for `url` from the cache when fresh, else from the network; `keep` says what of a
   * parsed answer to cache (null: nothing, it is no success).
   */
  private async cached(key: string, url: string, signal: AbortSignal, keep: (json: unknown) => unknown, onRequest: () => void): Promise<Fetched> {
    const index = await this.loadIndex();
    const meta = index[key];
    const now = this.now();
    if (isFresh(meta, now, LOOKUP_CACHE_TTL_MS)) {
      const got = await this.deps.storage.get(key).catch(() => ({}) as Record<string, unknown>);
      if (got[key] !== undefined) {
        await this.queue(async () => {
          const idx = await this.loadIndex();
          if (idx[key]) idx[key] = { ...idx[key], usedAt: now };
          await this.deps.storage.set({ [CACHE_INDEX_KEY]: idx });
        });
        return { ok: true, json: got[key] };
      }
    }
    if (meta) await this.queue(() => this.drop([key]));
    onRequest();
    const fetched = await this.get(url, signal);
    if (fetched.ok) {
      const value = keep(fetched.json);
      if (value !== null && value !== undefined) await this.queue(() => this.store(key, value));
    }
    return fetched;
  }

  private async store(key: string, value: unknown): Promise<void> {
    const idx = await this.loadIndex();
    const now = this.now();
    idx[key] = { savedAt: now, usedAt: now, bytes: sizeOf(value) + key.length };
    const drop = evictions(idx, now, { ttlMs: LOOKUP_CACHE_TTL_MS, maxEntries: LOOKUP_CACHE_MAX_ENTRIES, maxBytes: LOOKUP_CACHE_MAX_BYTES });
    this.index = without(idx, drop);
    await this.deps.storage.set({ [key]: value, [CACHE_INDEX_KEY]: this.index });
    if (drop.length) await this.deps.storage.remove(drop.filter((k) => k !== key));
    if (drop.includes(key)) await this.deps.storage.remove(key);
  }

  private async drop(keys: string[]): Promise<void> {
    this.index = without(await this.loadIndex(), keys);
    await this.deps.storage.set({ [CACHE_INDEX_KEY]: this.index });
    await this.deps.storage.remove(keys);
  }

  // ---- network ----

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new Aborted());
      const t = this.setT(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        this.clearT(t);
        reject(new Aborted());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** One GET to the look-up origin: within the rate limit and the timeout, its body within the size cap, parsed as JSON. */
  private async get(url: string, signal: AbortSignal): Promise<Fetched> {
    if (signal.aborted) return { ok: false, failure: 'aborted' };
    if (this.now() < this.backoffUntil) return { ok: false, failure: 'busy' };
    try {
      if (!(await this.bucket.take(signal))) return { ok: false, failure: 'rate-limited' };
    } catch {
      return { ok: false, failure: 'aborted' };
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.setT(() => {
      timedOut = true;
      controller.abort();
    }, LOOKUP_TIMEOUT_MS);
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await this.deps.fetch(url, {
        method: 'GET',
        headers: { Accept: ACCEPT },
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        referrer: '',
        cache: 'no-store',
        redirect: 'follow',
        mode: 'cors',
        signal: controller.signal,
      });
      // Redirects are Wikipedia's own (a redirect page to its target); never to another origin.
      if (res.url && new URL(res.url).origin !== this.deps.origin) {
        void res.body?.cancel().catch(() => undefined);
        return { ok: false, failure: 'malformed' };
      }
      const failure = failureForStatus(res.status);
      if (failure) {
        if (res.status === 429) this.backoffUntil = this.now() + backoffMs(res.headers.get('retry-after'), this.now(), LOOKUP_BACKOFF_DEFAULT_MS, LOOKUP_BACKOFF_MAX_MS);
        void res.body?.cancel().catch(() => undefined);
        return { ok: false, failure };
      }
      const declared = Number(res.headers.get('content-length') ?? '');
      if (Number.isFinite(declared) && declared > LOOKUP_MAX_RESPONSE_BYTES) {
        void res.body?.cancel().catch(() => undefined);
        return { ok: false, failure: 'too-large' };
      }
      const text = await readCapped(res, LOOKUP_MAX_RESPONSE_BYTES);
      if (text === null) return { ok: false, failure: 'too-large' };
      if (!text.trim()) return { ok: false, failure: 'empty' };
      try {
        return { ok: true, json: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, failure: 'malformed' };
      }
    } catch {
      if (timedOut) return { ok: false, failure: 'timeout' };
      if (signal.aborted) return { ok: false, failure: 'aborted' };
      return { ok: false, failure: 'network' };
    } finally {
      this.clearT(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }
}

/** The body as text, or null as soon as it passes `max` bytes (the rest is not read). */
async function readCapped(res: Response, max: number): Promise<string | null> {
  if (!res.body) {
    const text = await res.text();
    return new TextEncoder().encode(text).length > max ? null : text;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(all);
}
