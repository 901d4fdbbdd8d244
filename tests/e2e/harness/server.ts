/**
 * A tiny static HTTP server for the end-to-end tests: tests/fixtures/pages/ as they are, plus
 * `/article.html`, the sample article laid out as a news page. A page's `<name>.headers.json`, when
 * there is one, adds response headers to it. Listens on 127.0.0.1, on a free port.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { articlePage } from '../../fixtures/article-page';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const PAGES = path.join(FIXTURES, 'pages');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface FixtureServer {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:41234 */
  origin: string;
  url(pathname: string): string;
  close(): Promise<void>;
}

/**
 * Response headers for a page, from `<page>.headers.json` beside it when there is one (a page
 * served with a Content-Security-Policy header, for example).
 */
async function extraHeaders(file: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(`${file}.headers.json`, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * Chapters in `/long-article.html` (`?chapters=N` for another number, up to 100): the sample
 * article's body, then more copies under "Chapter N: ...?" headings.
 */
export const LONG_ARTICLE_CHAPTERS = 20;

/** The sample article's body twenty times over (about 60,000 characters): long enough to be marked near the screen first. */
function longArticle(text: string, count = LONG_ARTICLE_CHAPTERS): string {
  const [headline, ...body] = text.split(/\r?\n/).filter((l) => l.trim());
  const chapters = [body.join('\n')];
  for (let n = 2; n <= count; n++) chapters.push(`Chapter ${n}: What Happened Next?\n${body.join('\n')}`);
  return [headline, ...chapters].join('\n');
}

/** How long `/slow-image.svg` takes to answer. */
export const SLOW_IMAGE_MS = 3_000;

export async function startFixtureServer(): Promise<FixtureServer> {
  const articleText = await readFile(path.join(FIXTURES, 'article.txt'), 'utf8');
  const generated: Record<string, (query: URLSearchParams) => string> = {
    '/article.html': () => articlePage(articleText),
    '/long-article.html': (q) => articlePage(longArticle(articleText, Math.min(100, Number(q.get('chapters')) || LONG_ARTICLE_CHAPTERS))),
    // The sample article in two sandboxed frames: their documents have opaque origins.
    '/sandboxed-frames.html': () =>
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandboxed frames</title></head><body><p>Two frames.</p>' +
      '<iframe sandbox="allow-scripts" src="/article.html" width="1000" height="700"></iframe><iframe sandbox="" src="/article.html" width="1000" height="700"></iframe></body></html>',
    // The sample article with a picture that takes SLOW_IMAGE_MS to arrive: its load event comes late.
    // The sample article with its first "Antony Blinken" a link, as news sites link names to topic pages.
    '/article-linked.html': () => articlePage(articleText).replace('Antony Blinken', '<a href="/topics/antony-blinken">Antony Blinken</a>'),
    // Two statements of two sources that start on the same line.
    '/article-two-sources.html': () => articlePage(articleText.replace('What Happens Now?', 'Kamala Harris said the alliance would hold. Blinken said China had been warned.\nWhat Happens Now?')),
    // One centred column and no sidebar: the window's margins are all the room beside the text.
    '/article-one-column.html': () =>
      articlePage(articleText).replace('</style>', '  .layout { grid-template-columns: minmax(0, 640px); max-width: 640px; }\n    aside.sidebar { display: none; }\n  </style>'),
    // A page's own widget fixed to the window's bottom right, where the legend stands (a reader review's medal table).
    '/article-fixed-widget.html': () =>
      articlePage(articleText).replace(
        '</body>',
        '<div class="scorebug" style="position: fixed; right: 16px; bottom: 16px; width: 240px; padding: 10px 12px; background: #111; color: #fff; font: 14px/1.4 sans-serif; z-index: 10;"><b>Medal table</b><br>United States 126 · China 91 · Japan 45</div>\n</body>',
      ),
    // A market ticker above the layout, which Readability keeps: the article's root widens to <body>.
    '/article-ticker.html': () =>
      articlePage(articleText).replace(
        '<div class="layout">',
        '<div class="ticker">S&amp;P 500 5,861.57 -1.59% · Nasdaq 18,544.42 -2.78% · NVDA 120.15 -8.48% · 10-yr 4.27% · Brent 74.04 -0.51%</div>\n  <div class="layout">',
      ),
    // The same ticker inside an app's full-width wrapper: the article's root is the wrapper.
    '/article-app-ticker.html': () =>
      articlePage(articleText)
        .replace(
          '<div class="layout">',
          '<div id="app"><div class="ticker">S&amp;P 500 5,861.57 -1.59% · Nasdaq 18,544.42 -2.78% · NVDA 120.15 -8.48% · 10-yr 4.27% · Brent 74.04 -0.51%</div>\n  <div class="layout">',
        )
        .replace('  <footer class="site-footer">', '  </div>\n  <footer class="site-footer">'),
    // A clock inside the article that the page's own script sets every 700 ms, as live news pages
    // do ("Updated 5 min ago"): each tick replaces a text node of the article and changes its length.
    '/article-live-clock.html': () =>
      articlePage(articleText)
        .replace('<h1>', '<p class="live">LIVE <span id="clock">Updated 0 s ago</span></p>\n        <h1>')
        .replace('</body>', '<script>let ticks = 0; setInterval(() => { document.getElementById("clock").textContent = "Updated " + ++ticks + " s ago"; }, 700);</script>\n</body>'),
    // A speaker the knowledge base lacks, named in full once and then by surname.
    '/article-text-only-source.html': () =>
      articlePage(articleText.replace('What Happens Now?', 'Governor Margarethe Lindqvist, who chairs the panel, said the alliance would hold.\nLindqvist added that China had been warned.\nWhat Happens Now?')),
    // A source named only in full, whose family name comes first.
    '/article-full-name-source.html': () =>
      articlePage(articleText.replace('What Happens Now?', 'Wang Yi, China’s top diplomat, said Beijing would keep talking to both sides.\nWhat Happens Now?')),
    // "she said" just after a man is named: the woman named before him said it (the knowledge base's pronouns).
    '/article-she-said.html': () =>
      articlePage(
        articleText.replace(
          'What Happens Now?',
          'Harris met European leaders on the sidelines of the conference.\nBlinken stayed in the hall for a panel on Ukraine. “Our resolve has not changed,” she said.\nWhat Happens Now?',
        ),
      ),
    // Everyday vocabulary (marked only when the reader asks for it) in the sample article; with
    // `chapters`, long enough that the whole text's detection goes over a port.
    '/article-everyday.html': (q) =>
      articlePage(
        (q.get('chapters') ? longArticle(articleText, Math.min(100, Number(q.get('chapters')) || 2)) : articleText).replace(
          'What Happens Now?',
          'Western sanctions followed, and talk of a ceasefire faded as drone strikes went on.\nWhat Happens Now?',
        ),
      ),
    '/article-slow-load.html': () => articlePage(articleText).replace('</article>', '<img src="/slow-image.svg" alt="" width="40" height="40"></article>'),
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const requested = new URL(req.url ?? '/', 'http://localhost');
      const pathname = decodeURIComponent(requested.pathname);
      const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed');
      // No icon: an empty answer, so that a missing favicon is not logged as an error on every page.
      if (pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
      if (pathname === '/slow-image.svg') {
        setTimeout(() => send(200, TYPES['.svg'], '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"/>'), SLOW_IMAGE_MS);
        return;
      }
      const gen = generated[pathname];
      if (gen) return send(200, TYPES['.html'], gen(requested.searchParams));
      const file = path.normalize(path.join(PAGES, pathname === '/' ? 'index.html' : pathname));
      if (!file.startsWith(PAGES + path.sep)) return send(403, 'text/plain', 'forbidden');
      try {
        const body = await readFile(file);
        send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', body, await extraHeaders(file));
      } catch {
        send(404, 'text/html; charset=utf-8', '<!doctype html><title>Not found</title><h1>Not found</h1>');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p) => origin + (p.startsWith('/') ? p : `/${p}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
