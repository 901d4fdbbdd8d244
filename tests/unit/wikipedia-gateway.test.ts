/** adapters/wikipedia-gateway.ts with a fake network, storage and clock: what is sent, when, and what is kept. */
import { describe, expect, it } from 'vitest';
import { WikipediaGateway, type LookupStorage } from '../../adapters/wikipedia-gateway';
import { summaryBody } from '../e2e/harness/wikipedia-mock';
import { LOOKUP_BURST, LOOKUP_CACHE_TTL_MS, LOOKUP_MAX_RESPONSE_BYTES, LOOKUP_TIMEOUT_MS } from '../../core/constants';
import type { LookupQuery } from '../../core/lookup';

const ORIGIN = 'https://en.wikipedia.org';
const Q = (name: string): LookupQuery => ({ name, type: 'person', context: ['secret', 'article', 'words'] });

function memoryStorage(): LookupStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (keys) => Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))])),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    remove: async (keys) => {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

type Handler = (url: string, init: RequestInit) => Promise<Response> | Response;

/** A gateway over a fake fetch, a manual clock and manual timers. */
function setup(handler: Handler, opts: { on?: boolean } = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  let now = 1_000_000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextTimer = 1;
  const storage = memoryStorage();
  const state = { on: opts.on ?? true };
  const gateway = new WikipediaGateway({
    origin: ORIGIN,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), init: init ?? {} });
      return handler(String(input), init ?? {});
    }) as typeof fetch,
    storage,
    lookupsOn: async () => state.on,
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextTimer++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  });
  /** Moves the clock on, running the timers that come due. */
  const advance = async (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
    await flush();
  };
  return { gateway, calls, storage, state, advance };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const CHUCK = summaryBody({ title: 'Chuck Todd', description: 'American television journalist', extract: 'Charles David Todd is an American television journalist.' });

/** A fetch that answers only when its signal aborts (then rejects, as fetch does). */
const hanging: Handler = (_url, init) =>
  new Promise<Response>((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

describe('WikipediaGateway', () => {
  it('makes no request at all when look-ups are off', async () => {
    const { gateway, calls } = setup(() => jsonResponse(CHUCK), { on: false });
    expect(await gateway.lookup(Q('Chuck Todd'))).toEqual({ status: 'off' });
    expect(calls).toHaveLength(0);
  });

  it('sends only the name: no cookies, no referrer, no article words', async () => {
    const { gateway, calls } = setup(() => jsonResponse(CHUCK));
    const r = await gateway.lookup(Q('Chuck Todd'));
    expect(r).toMatchObject({ status: 'found', cached: false, summary: { title: 'Chuck Todd' } });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('https://en.wikipedia.org/api/rest_v1/page/summary/Chuck_Todd');
    expect(calls[0].init).toMatchObject({ method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer', referrer: '' });
    expect(calls[0].init.body).toBeUndefined();
    expect(JSON.stringify(calls)).not.toMatch(/secret|article|words/);
  });

  it('serves a second look-up from the cache with no request, until it expires', async () => {
    const { gateway, calls, advance } = setup(() => jsonResponse(CHUCK));
    await gateway.lookup(Q('Chuck Todd'));
    expect(await gateway.lookup(Q('Chuck Todd'))).toMatchObject({ status: 'found', cached: true });
    expect(calls).toHaveLength(1);
    await advance(LOOKUP_CACHE_TTL_MS + 1);
    expect(await gateway.lookup(Q('Chuck Todd'))).toMatchObject({ status: 'found', cached: false });
    expect(calls).toHaveLength(2);
  });

  it('shares one request between callers while it is in flight', async () => {
    let answer: (r: Response) => void = () => undefined;
    const { gateway, calls } = setup(() => new Promise<Response>((r) => (answer = r)));
    const a = gateway.lookup(Q('Chuck Todd'));
    const b = gateway.lookup(Q('Chuck  todd'));
    await flush();
    await flush();
    expect(calls).toHaveLength(1);
    answer(jsonResponse(CHUCK));
    expect((await a).status).toBe('found');
    expect((await b).status).toBe('found');
  });

  it('aborts the request only when every caller has left', async () => {
    const { gateway, calls } = setup(hanging);
    const one = new AbortController();
    const two = new AbortController();
    const a = gateway.lookup(Q('Chuck Todd'), one.signal);
    const b = gateway.lookup(Q('Chuck Todd'), two.signal);
    await flush();
    await flush();
    expect(calls).toHaveLength(1);
    one.abort();
    expect(await a).toEqual({ status: 'aborted' });
    expect(calls[0].init.signal?.aborted).toBe(false);
    two.abort();
    expect(await b).toEqual({ status: 'aborted' });
    expect(calls[0].init.signal?.aborted).toBe(true);
  });

  it('gives up after the timeout, and does not cache it', async () => {
    const { gateway, calls, advance } = setup(hanging);
    const r = gateway.lookup(Q('Elspeth Varga'));
    await flush();
    await flush();
    await advance(LOOKUP_TIMEOUT_MS);
    expect(await r).toEqual({ status: 'failed', failure: 'timeout' });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['404', () => jsonResponse({ type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found' }, 404), 'not-found'],
    ['500', () => new Response('<h1>Error</h1>', { status: 500 }), 'server'],
    ['malformed JSON', () => new Response('{"title":"Idris', { status: 200 }), 'malformed'],
    ['an empty body', () => new Response('', { status: 200 }), 'empty'],
    ['a huge body', () => new Response('x'.repeat(LOOKUP_MAX_RESPONSE_BYTES + 1), { status: 200 }), 'too-large'],
    ['a huge declared length', () => new Response('{}', { status: 200, headers: { 'content-length': String(10 * LOOKUP_MAX_RESPONSE_BYTES) } }), 'too-large'],
    ['a network error', () => Promise.reject(new TypeError('Failed to fetch')), 'network'],
  ] as const)('names %s, and tries again next time (failures are not cached)', async (_what, answer, failure) => {
    const { gateway, calls } = setup(answer as Handler);
    expect(await gateway.lookup(Q('Someone Unknown'))).toEqual({ status: 'failed', failure });
    expect(await gateway.lookup(Q('Someone Unknown'))).toEqual({ status: 'failed', failure });
    expect(calls).toHaveLength(2);
  });

  it('streams a body without a length and stops reading past the cap', async () => {
    let pulled = 0;
    const big = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(16 * 1024).fill(32));
        if (pulled > 1000) c.close();
      },
    });
    const { gateway } = setup(() => new Response(big, { status: 200 }));
    expect(await gateway.lookup(Q('Halvard Pryce'))).toEqual({ status: 'failed', failure: 'too-large' });
    expect(pulled).toBeLessThan(20);
  });

  it('backs off after a 429 for Retry-After, with no request meanwhile', async () => {
    let status = 429;
    const { gateway, calls, advance } = setup(() => (status === 429 ? jsonResponse({ title: 'Too many requests' }, 429, { 'retry-after': '5' }) : jsonResponse(CHUCK)));
    expect(await gateway.lookup(Q('Chuck Todd'))).toEqual({ status: 'failed', failure: 'busy' });
    status = 200;
    expect(await gateway.lookup(Q('Chuck Todd'))).toEqual({ status: 'failed', failure: 'busy' });
    expect(calls).toHaveLength(1);
    await advance(5_001);
    expect(await gateway.lookup(Q('Chuck Todd'))).toMatchObject({ status: 'found' });
    expect(calls).toHaveLength(2);
  });

  it('refuses an answer that was redirected off the look-up origin', async () => {
    const { gateway } = setup(() => {
      const r = jsonResponse(CHUCK);
      Object.defineProperty(r, 'url', { value: 'https://evil.example/api/rest_v1/page/summary/Chuck_Todd' });
      return r;
    });
    expect(await gateway.lookup(Q('Chuck Todd'))).toEqual({ status: 'failed', failure: 'malformed' });
  });

  it('keeps to the rate limit: a burst, then about one request a second', async () => {
    const { gateway, calls, advance } = setup((url) => jsonResponse(summaryBody({ title: decodeURIComponent(url.split('/').pop()!).replace(/_/g, ' '), extract: 'Someone.' })));
    const names = Array.from({ length: LOOKUP_BURST + 2 }, (_, i) => `Person ${String.fromCharCode(65 + i)}`);
    const results = names.map((n) => gateway.lookup(Q(n)));
    for (let i = 0; i < 10; i++) await flush();
    expect(calls).toHaveLength(LOOKUP_BURST);
    await advance(1_000);
    for (let i = 0; i < 10; i++) await flush();
    const settled = await Promise.all(results);
    expect(calls).toHaveLength(LOOKUP_BURST + 1);
    expect(settled.filter((r) => r.status === 'found')).toHaveLength(LOOKUP_BURST + 1);
    expect(settled.filter((r) => r.status === 'failed' && r.failure === 'rate-limited')).toHaveLength(1);
  });

  it('resolves a disambiguation page with a search for the name, and caches every step', async () => {
    const { gateway, calls } = setup((url) => {
      if (url.includes('/search/title')) return jsonResponse({ pages: [
        { key: 'John_Kirby_(admiral)', title: 'John Kirby (admiral)', description: 'American government official and retired admiral' },
        { key: 'John_Kirby_(musician)', title: 'John Kirby (musician)', description: 'American jazz bassist' },
      ] });
      if (url.endsWith('/John_Kirby')) return jsonResponse(summaryBody({ title: 'John Kirby', type: 'disambiguation', extract: 'John Kirby may refer to:' }));
      return jsonResponse(summaryBody({ title: 'John Kirby (admiral)', description: 'American government official and retired admiral', extract: 'John Francis Kirby is a retired admiral.' }));
    });
    const q = { name: 'John Kirby', type: 'person' as const, context: ['pentagon', 'spokesman'] };
    expect(await gateway.lookup(q)).toMatchObject({ status: 'found', summary: { title: 'John Kirby (admiral)', via: 'search' } });
    expect(calls.map((c) => c.url.replace(ORIGIN, ''))).toEqual([
      '/api/rest_v1/page/summary/John_Kirby',
      '/w/rest.php/v1/search/title?q=John%20Kirby&limit=5',
      '/api/rest_v1/page/summary/John_Kirby_(admiral)',
    ]);
    expect(await gateway.lookup(q)).toMatchObject({ status: 'found', cached: true });
    expect(calls).toHaveLength(3);
  });

  it('keeps the cache within its cap and drops what storage lost', async () => {
    const { gateway, storage, calls } = setup(() => jsonResponse(CHUCK));
    await gateway.lookup(Q('Chuck Todd'));
    const keys = [...storage.data.keys()];
    expect(keys).toEqual(expect.arrayContaining(['lookup:v1:index', 'lookup:v1:summary:Chuck_Todd']));
    // The extension's storage was cleared under the gateway: it fetches again rather than fail.
    storage.data.clear();
    expect(await gateway.lookup(Q('Chuck Todd'))).toMatchObject({ status: 'found', cached: false });
    expect(calls).toHaveLength(2);
  });
});
