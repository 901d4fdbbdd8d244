/**
 * A stand-in for Wikipedia's REST endpoints, for the online look-up tests: the page summary
 * (/api/rest_v1/page/summary/{title}) and the title search (/w/rest.php/v1/search/title), with
 * answers of the same shape as en.wikipedia.org's, and every way an answer can go wrong. It
 * records every request it receives (method, path, query, headers, body), so tests can check
 * that nothing but the looked-up name ever leaves the browser.
 *
 * It listens on a fixed port: the test build of the extension is pointed at it at build time
 * (`npm run build:lookup-test`, WXT_LOOKUP_ORIGIN), as the product is pointed at en.wikipedia.org.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const LOOKUP_TEST_PORT = 47831;
/** The origin the test build looks names up on; package.json's build:lookup-test uses the same. */
export const LOOKUP_TEST_ORIGIN = `http://127.0.0.1:${LOOKUP_TEST_PORT}`;

export interface RecordedRequest {
  method: string;
  /** The path as sent (percent-encoded). */
  rawPath: string;
  /** The path, decoded. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** The client went away before the answer was complete. */
  aborted: boolean;
  at: number;
}

export interface WikipediaMock {
  origin: string;
  requests: RecordedRequest[];
  /** Forgets the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

/** How long the slow answer takes: longer than the extension's look-up timeout. */
export const SLOW_ANSWER_MS = 20_000;

const PROFILE = 'application/json; charset=utf-8; profile="https://www.mediawiki.org/wiki/Specs/Summary/1.5.0"';

interface PageSpec {
  title: string;
  description?: string;
  extract: string;
  extractHtml?: string;
  type?: 'standard' | 'disambiguation' | 'no-extract';
  wikibase?: string;
  thumbnail?: { source: string; width: number; height: number } | null;
}

const enc = (title: string) => encodeURIComponent(title.replace(/ /g, '_'));

/** A page summary as the REST API gives it (fields as in the Summary 1.5 spec). */
export function summaryBody(p: PageSpec): Record<string, unknown> {
  const canonical = p.title.replace(/ /g, '_');
  const base = 'https://en.wikipedia.org';
  return {
    type: p.type ?? 'standard',
    title: p.title,
    displaytitle: `<span class="mw-page-title-main">${p.title}</span>`,
    namespace: { id: 0, text: '' },
    ...(p.wikibase ? { wikibase_item: p.wikibase } : {}),
    titles: { canonical, normalized: p.title, display: `<span class="mw-page-title-main">${p.title}</span>` },
    pageid: 100_000 + canonical.length,
    ...(p.thumbnail ? { thumbnail: p.thumbnail, originalimage: { ...p.thumbnail, width: p.thumbnail.width * 4, height: p.thumbnail.height * 4 } } : {}),
    lang: 'en',
    dir: 'ltr',
    revision: '1234567890',
    tid: '0f3c7a10-0000-11ef-8000-000000000000',
    timestamp: '2025-01-15T12:00:00Z',
    ...(p.description !== undefined ? { description: p.description, description_source: 'local' } : {}),
    content_urls: {
      desktop: {
        page: `${base}/wiki/${enc(p.title)}`,
        revisions: `${base}/wiki/${enc(p.title)}?action=history`,
        edit: `${base}/wiki/${enc(p.title)}?action=edit`,
        talk: `${base}/wiki/Talk:${enc(p.title)}`,
      },
      mobile: {
        page: `https://en.m.wikipedia.org/wiki/${enc(p.title)}`,
        revisions: `https://en.m.wikipedia.org/wiki/Special:History/${enc(p.title)}`,
        edit: `https://en.m.wikipedia.org/wiki/${enc(p.title)}?action=edit`,
        talk: `https://en.m.wikipedia.org/wiki/Talk:${enc(p.title)}`,
      },
    },
    extract: p.extract,
    extract_html: p.extractHtml ?? `<p>${p.extract}</p>`,
  };
}

const thumb = (file: string) => ({ source: `https://upload.wikimedia.org/wikipedia/commons/thumb/0/0a/${file}/320px-${file}`, width: 320, height: 400 });

/** Marks that hostile markup leaves if it ever runs or is parsed as HTML. */
export const HOSTILE_MARKER = 'backstoryPwned';
export const HOSTILE_EXTRACT =
  `Corentin Lusk is a diplomat. <img src=x onerror="document.documentElement.dataset.${HOSTILE_MARKER}='img';console.log('${HOSTILE_MARKER}')">` +
  `<script>document.documentElement.dataset.${HOSTILE_MARKER}='script';console.log('${HOSTILE_MARKER}')</script> He served in Europe.`;

/** Titles the mock knows, and how each answers. */
const PAGES: Record<string, PageSpec> = {
  Chuck_Todd: {
    title: 'Chuck Todd',
    description: 'American television journalist (born 1972)',
    extract:
      'Charles David Todd is an American television journalist. He was the moderator of NBC News\u2019 Meet the Press from 2014 to 2023 and was the political director of NBC News.',
    extractHtml:
      '<p><b>Charles David Todd</b> is an American television journalist. He was the moderator of <a href="/wiki/NBC_News">NBC News</a>\u2019 <i>Meet the Press</i> from 2014 to 2023.</p>',
    wikibase: 'Q5086858',
    thumbnail: thumb('Chuck_Todd_2013.jpg'),
  },
  Tucson: {
    title: 'Tucson',
    description: 'City in Arizona, United States',
    extract: 'Tucson is a city in and the county seat of Pima County, Arizona, United States. It is the second-most populous city in Arizona, behind Phoenix.',
    wikibase: 'Q18575',
    thumbnail: thumb('Tucson_skyline.jpg'),
  },
  Owen_Kirkwell: {
    title: 'Owen Kirkwell',
    type: 'disambiguation',
    description: 'Topics referred to by the same term',
    extract: 'Owen Kirkwell may refer to:',
    wikibase: 'Q225990',
  },
  'Owen_Kirkwell_(admiral)': {
    title: 'Owen Kirkwell (admiral)',
    description: 'American government official and retired admiral',
    extract:
      'Owen Francis Kirkwell is a retired United States Navy rear admiral who served as the National Security Council Coordinator for Strategic Communications. He was previously the Pentagon Press Secretary and a spokesperson for the State Department.',
    wikibase: 'Q6249089',
  },
  'Owen_Kirkwell_(baseball)': { title: 'Owen Kirkwell (baseball)', description: 'American baseball player', extract: 'Owen Kirkwell was an American professional baseball pitcher.' },
  'Owen_Kirkwell_(musician)': { title: 'Owen Kirkwell (musician)', description: 'American jazz bassist', extract: 'Owen Kirkwell was an American jazz bassist who led a sextet in the 1930s.' },
  Bob_Menendez: {
    title: 'Bob Menendez',
    description: 'American politician (born 1954)',
    extract: 'Robert Menendez is an American politician who served as a United States senator from New Jersey from 2006 to 2024.',
    wikibase: 'Q888211',
  },
  Bram_Oyelaran: { title: 'Bram Oyelaran', type: 'disambiguation', description: 'Topics referred to by the same term', extract: 'Bram Oyelaran may refer to:' },
  'Bram_Oyelaran_(footballer)': { title: 'Bram Oyelaran (footballer)', description: 'Nigerian footballer', extract: 'Bram Oyelaran is a Nigerian footballer.' },
  'Bram_Oyelaran_(painter)': { title: 'Bram Oyelaran (painter)', description: 'Dutch painter', extract: 'Bram Oyelaran was a Dutch painter.' },
  Corentin_Lusk: {
    title: 'Corentin Lusk',
    description: `French diplomat <img src=x onerror="document.documentElement.dataset.${HOSTILE_MARKER}='desc'">`,
    extract: HOSTILE_EXTRACT,
    extractHtml: `<p>${HOSTILE_EXTRACT}</p>`,
    // Not Wikimedia's image host: must not be shown.
    thumbnail: { source: 'http://evil.invalid/track.png', width: 320, height: 400 },
  },
};

/** Redirect pages: the REST API answers them with a redirect to the target's summary. */
const REDIRECTS: Record<string, string> = { Robert_Menendez: 'Bob_Menendez' };

const SEARCH: Record<string, { key: string; title: string; description: string | null }[]> = {
  'owen kirkwell': [
    { key: 'Owen_Kirkwell', title: 'Owen Kirkwell', description: 'Topics referred to by the same term' },
    { key: 'Owen_Kirkwell_(baseball)', title: 'Owen Kirkwell (baseball)', description: 'American baseball player' },
    { key: 'Owen_Kirkwell_(admiral)', title: 'Owen Kirkwell (admiral)', description: 'American government official and retired admiral' },
    { key: 'Owen_Kirkwell_(musician)', title: 'Owen Kirkwell (musician)', description: 'American jazz bassist' },
    { key: 'Owen_Kirkwell_Allen', title: 'Owen Kirkwell Allen', description: 'American businessman' },
  ],
  'bram oyelaran': [
    { key: 'Bram_Oyelaran', title: 'Bram Oyelaran', description: 'Topics referred to by the same term' },
    { key: 'Bram_Oyelaran_(footballer)', title: 'Bram Oyelaran (footballer)', description: 'Nigerian footballer' },
    { key: 'Bram_Oyelaran_(painter)', title: 'Bram Oyelaran (painter)', description: 'Dutch painter' },
  ],
};

/** Titles that fail, and how. */
export const FAILING = {
  Ardith_Vellacourt: 'not-found',
  Maren_Oakfield: 'rate-limited (429)',
  Tobias_Grell: 'server error (500)',
  Elspeth_Varga: 'slow',
  Idris_Kamenov: 'malformed JSON',
  Halvard_Pryce: 'huge extract',
  Wren_Halloway: 'empty body',
} as const;

const NOT_FOUND = (title: string) => ({
  type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found',
  title: 'Not found.',
  method: 'get',
  detail: 'Page or revision not found.',
  uri: `/en.wikipedia.org/v1/page/summary/${enc(title)}`,
});

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, {
    'access-control-allow-origin': '*',
    'cache-control': 's-maxage=1209600, max-age=300',
    'content-type': PROFILE,
    ...headers,
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => send(res, status, JSON.stringify(body), headers);

function answerSummary(title: string, res: ServerResponse): void {
  if (REDIRECTS[title]) {
    send(res, 302, '', { location: enc(REDIRECTS[title]), 'content-type': 'text/plain' });
    return;
  }
  const page = PAGES[title];
  if (page) return json(res, 200, summaryBody(page));
  switch (title) {
    case 'Maren_Oakfield':
      return json(res, 429, { type: 'https://mediawiki.org/wiki/HyperSwitch/errors/too_many_requests', title: 'Too many requests' }, { 'retry-after': '1' });
    case 'Tobias_Grell':
      return send(res, 500, '<!DOCTYPE html><html><head><title>Wikimedia Error</title></head><body><h1>Error</h1><p>Our servers are currently under maintenance or experiencing a technical problem.</p></body></html>', {
        'content-type': 'text/html; charset=utf-8',
      });
    case 'Elspeth_Varga': {
      const timer = setTimeout(() => json(res, 200, summaryBody({ title: 'Elspeth Varga', description: 'Too late', extract: 'This answer came too late.' })), SLOW_ANSWER_MS);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'Idris_Kamenov':
      return send(res, 200, '{"type":"standard","title":"Idris Kamenov","extract":"Idris Kamenov is a histor');
    case 'Halvard_Pryce':
      return json(res, 200, summaryBody({ title: 'Halvard Pryce', description: 'Norwegian economist', extract: 'Halvard Pryce is an economist. '.repeat(70_000) }));
    case 'Wren_Halloway':
      return send(res, 200, '');
    default:
      return json(res, 404, NOT_FOUND(title));
  }
}

export async function startWikipediaMock(port = LOOKUP_TEST_PORT): Promise<WikipediaMock> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const record: RecordedRequest = {
        method: req.method ?? '',
        rawPath: url.pathname,
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        aborted: false,
        at: Date.now(),
      };
      requests.push(record);
      res.on('close', () => {
        if (!res.writableFinished) record.aborted = true;
      });
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'accept, api-user-agent', 'access-control-allow-methods': 'GET' });
        res.end();
        return;
      }
      if (req.method !== 'GET') return json(res, 405, { title: 'Method not allowed' });
      const summary = /^\/api\/rest_v1\/page\/summary\/([^/]+)$/.exec(url.pathname);
      if (summary) return answerSummary(decodeURIComponent(summary[1]).replace(/ /g, '_'), res);
      if (url.pathname === '/w/rest.php/v1/search/title') {
        const q = (url.searchParams.get('q') ?? '').trim().toLowerCase();
        const limit = Math.max(1, Math.min(Number(url.searchParams.get('limit') ?? '10') || 10, 100));
        const pages = (SEARCH[q] ?? []).slice(0, limit).map((p, i) => ({ id: 2000 + i, key: p.key, title: p.title, excerpt: p.title, matched_title: null, description: p.description, thumbnail: null }));
        return json(res, 200, { pages }, { 'content-type': 'application/json' });
      }
      return json(res, 404, NOT_FOUND(url.pathname));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`The Wikipedia mock needs port ${port} (the test build looks names up there), and it is in use.`) : err),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    reset: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
