/**
 * Online look-ups end to end, one body for every browser, against a local stand-in for
 * Wikipedia (harness/wikipedia-mock.ts) that the test build of the extension is pointed at
 * (`npm run build:lookup-test`, written to .output-lookup-test/). A name outside the embedded
 * knowledge gets a card with Wikipedia's summary; every failure gives its own clear state; off
 * means no request; a second hover is served from the cache; requests carry the name and
 * nothing else; hostile markup in an answer is shown as text and never runs.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { BrowserUnderTest, TestPage } from '../harness/types';
import { startFixtureServer, type FixtureServer } from '../harness/server';
import { ROOT, toggleSwitch, waitUntil } from '../harness/common';
import { HOVER_INTENT_MS } from '../../../core/constants';
import { HOSTILE_MARKER, LOOKUP_TEST_ORIGIN, startWikipediaMock, type RecordedRequest, type WikipediaMock } from '../harness/wikipedia-mock';

export const LOOKUP_BUILD_DIR = path.join(ROOT, '.output-lookup-test');
const ARTICLE = '/lookup-article.html';

/** Newest modification time under `p` (files only), skipping nothing but missing paths. */
function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newest(path.join(p, n))));
}

/**
 * The test build, made (or made again) when it is missing or older than the sources, so that
 * these tests never run an extension that does not match the code.
 */
export function ensureLookupBuild(): void {
  const manifests = ['chrome-mv3', 'firefox-mv3'].map((t) => path.join(LOOKUP_BUILD_DIR, t, 'manifest.json'));
  const built = Math.min(...manifests.map((m) => (existsSync(m) ? statSync(m).mtimeMs : 0)));
  const sources = Math.max(...['core', 'adapters', 'components', 'entrypoints', 'wxt.config.ts', 'data', 'package.json'].map((p) => newest(path.join(ROOT, p))));
  if (built > sources) return;
  execSync('npm run build:lookup-test', { cwd: ROOT, stdio: 'pipe', timeout: 110_000 });
}

interface CardView {
  label: string | null;
  text: string;
  /** loading | found | failed, or null for a card without a look-up. */
  lookup: string | null;
  failure: string | null;
  images: { src: string; className: string; referrerPolicy: string; crossOrigin: string | null }[];
  links: { href: string; text: string }[];
  /** Elements in the card that only parsed markup could have made. */
  injected: number;
}

/** The open card in the page's <backstory-ui>, read from the page's side. */
function readCardView(page: TestPage): Promise<CardView | null> {
  return page.evaluate(() => {
    const dialog = document.querySelector('backstory-ui')?.shadowRoot?.querySelector('[role="dialog"]');
    if (!dialog) return null;
    const state = dialog.querySelector('[data-lookup]');
    return {
      label: dialog.getAttribute('aria-label'),
      text: (dialog.textContent ?? '').replace(/\s+/g, ' ').trim(),
      lookup: state?.getAttribute('data-lookup') ?? null,
      failure: state?.getAttribute('data-failure') ?? null,
      images: Array.from(dialog.querySelectorAll('img'), (img) => ({ src: img.getAttribute('src') ?? '', className: img.className, referrerPolicy: img.referrerPolicy, crossOrigin: img.getAttribute('crossorigin') })),
      links: Array.from(dialog.querySelectorAll('a'), (a) => ({ href: a.href, text: (a.textContent ?? '').trim() })),
      injected: dialog.querySelectorAll('script, iframe, object, embed, [onerror], [onload], [onclick], img:not(.bs-thumb)').length,
    };
  });
}

const summaryPath = (title: string) => `/api/rest_v1/page/summary/${title}`;

export function lookupSuite(launch: () => Promise<BrowserUnderTest>): void {
  let browser: BrowserUnderTest;
  let server: FixtureServer;
  let mock: WikipediaMock;
  const opened: TestPage[] = [];

  beforeAll(async () => {
    ensureLookupBuild();
    mock = await startWikipediaMock();
    server = await startFixtureServer();
    const before = process.env.BACKSTORY_OUTPUT_DIR;
    process.env.BACKSTORY_OUTPUT_DIR = LOOKUP_BUILD_DIR;
    try {
      browser = await launch();
    } finally {
      if (before === undefined) delete process.env.BACKSTORY_OUTPUT_DIR;
      else process.env.BACKSTORY_OUTPUT_DIR = before;
    }
  });

  afterEach(async () => {
    for (const p of opened.splice(0)) await p.close();
    await browser?.resetStorage();
    mock?.reset();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mock?.close();
  });

  /** Opens the fixture article and waits until `name` is marked in it. */
  async function openArticle(name = 'Chuck Todd'): Promise<TestPage> {
    const page = await browser.open(server.url(ARTICLE));
    opened.push(page);
    await waitUntil(async () => Object.values(await browser.highlights(page)).some((texts) => texts.includes(name)), {
      message: `a highlight on "${name}" in ${ARTICLE}`,
    });
    return page;
  }

  /** Hovers `name` and waits for its card to leave the loading state. */
  async function hoverCard(page: TestPage, name: string, timeout = 15_000): Promise<CardView> {
    await browser.hoverText(page, name);
    return waitUntil(
      async () => {
        const card = await readCardView(page);
        return card && card.label === name && card.lookup !== 'loading' ? card : null;
      },
      { timeout, message: `the card for "${name}" with its look-up done` },
    );
  }

  const requestsFor = (title: string) => mock.requests.filter((r) => r.path === summaryPath(title));

  it('asks the manifest for the look-up host and nothing broader', async () => {
    const page = await browser.openExtensionPage('options.html', 'main');
    opened.push(page);
    const hosts = await page.evaluate(() => {
      const g = globalThis as unknown as { browser?: { runtime: { getManifest(): { host_permissions?: string[] } } }; chrome?: { runtime: { getManifest(): { host_permissions?: string[] } } } };
      return (g.browser ?? g.chrome)!.runtime.getManifest().host_permissions ?? [];
    });
    expect(hosts).toEqual([`${new URL(LOOKUP_TEST_ORIGIN).protocol}//${new URL(LOOKUP_TEST_ORIGIN).hostname}/*`]);
  });

  it('gives a name outside the embedded knowledge a card with Wikipedia\u2019s summary', async () => {
    const page = await openArticle();
    const card = await hoverCard(page, 'Chuck Todd');
    expect(card.lookup).toBe('found');
    expect(card.text).toContain('American television journalist (born 1972)');
    expect(card.text).toContain('Charles David Todd is an American television journalist.');
    expect(card.text).toMatch(/Description, background and picture: from Wikipedia, “Chuck Todd” \(CC BY-SA\)\./);
    expect(card.text).toContain("Type: the article's own wording.");
    expect(card.links).toEqual(expect.arrayContaining([{ href: 'https://en.wikipedia.org/wiki/Chuck_Todd', text: '“Chuck Todd”' }]));
    const thumb = card.images.find((i) => i.className === 'bs-thumb');
    expect(thumb?.src).toMatch(/^https:\/\/upload\.wikimedia\.org\//);
    expect(thumb?.referrerPolicy).toBe('no-referrer');
    expect(thumb?.crossOrigin).toBe('anonymous');
    expect(requestsFor('Chuck_Todd')).toHaveLength(1);
    expect(mock.requests).toHaveLength(1);
  });

  it('gives a place its summary, and the type Wikipedia\u2019s description says', async () => {
    const page = await openArticle('Tucson');
    const card = await hoverCard(page, 'Tucson');
    expect(card.lookup).toBe('found');
    expect(card.text).toContain('City in Arizona, United States');
    expect(card.text).toContain('Tucson is a city in and the county seat of Pima County');
  });

  it('follows a redirect to the page it names', async () => {
    const page = await openArticle('Robert Menendez');
    const card = await hoverCard(page, 'Robert Menendez');
    expect(card.lookup).toBe('found');
    expect(card.text).toContain('American politician (born 1954)');
    expect(card.links.map((l) => l.href)).toContain('https://en.wikipedia.org/wiki/Bob_Menendez');
    expect(mock.requests.map((r) => r.path)).toEqual([summaryPath('Robert_Menendez'), summaryPath('Bob_Menendez')]);
  });

  it('resolves a disambiguation page with the article\u2019s context', async () => {
    const page = await openArticle('Owen Kirkwell');
    const card = await hoverCard(page, 'Owen Kirkwell');
    expect(card.lookup).toBe('found');
    expect(card.text).toContain('American government official and retired admiral');
    expect(card.links.map((l) => l.href)).toContain('https://en.wikipedia.org/wiki/Owen_Kirkwell_(admiral)');
    expect(mock.requests.map((r) => `${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''}`)).toEqual([
      summaryPath('Owen_Kirkwell'),
      '/w/rest.php/v1/search/title?q=Owen+Kirkwell&limit=5',
      summaryPath('Owen_Kirkwell_(admiral)'),
    ]);
  });

  const FAILURES: [name: string, failure: string, message: RegExp][] = [
    ['Ardith Vellacourt', 'not-found', /Wikipedia has no page for “Ardith Vellacourt”\./],
    ['Tobias Grell', 'server', /Wikipedia could not answer \(a server error\); try again later\./],
    ['Idris Kamenov', 'malformed', /Wikipedia's answer could not be read\./],
    ['Halvard Pryce', 'too-large', /Wikipedia's answer was too large to show\./],
    ['Wren Halloway', 'empty', /Wikipedia sent an empty answer\./],
    ['Elspeth Varga', 'timeout', /Wikipedia did not answer in time; try again later\./],
    ['Bram Oyelaran', 'ambiguous', /Wikipedia has several pages for “Bram Oyelaran”, and none clearly matches this article\./],
    // Last: the 429 holds every request for its Retry-After (1 s).
    ['Maren Oakfield', 'busy', /Wikipedia is busy; try again later\./],
  ];
  for (const [name, failure, message] of FAILURES) {
    it(`shows a clear state when the look-up fails: ${failure} (${name})`, async () => {
      const page = await openArticle(name);
      const card = await hoverCard(page, name, 20_000);
      expect(card.lookup).toBe('failed');
      expect(card.failure).toBe(failure);
      expect(card.text).toMatch(message);
      // The card still says what the article itself tells.
      expect(card.text).toContain("Found in the article's text; not in Backstory's knowledge base.");
      expect(card.images).toHaveLength(0);
      if (failure === 'busy') await new Promise((r) => setTimeout(r, 1_200));
    });
  }

  it('does not cache failures: a later hover asks again', async () => {
    for (let round = 1; round <= 2; round++) {
      const page = await openArticle('Ardith Vellacourt');
      const card = await hoverCard(page, 'Ardith Vellacourt');
      expect(card.failure).toBe('not-found');
      expect(requestsFor('Ardith_Vellacourt')).toHaveLength(round);
      await page.close();
    }
  });

  it('shows hostile markup in an answer as text, and never runs it', async () => {
    const page = await openArticle('Corentin Lusk');
    const logs: string[] = [];
    (page as unknown as { page: { on(event: 'console', fn: (m: { text(): string }) => void): void } }).page.on('console', (m) => logs.push(m.text()));
    const card = await hoverCard(page, 'Corentin Lusk');
    expect(card.lookup).toBe('found');
    expect(card.text).toContain('<img src=x onerror=');
    expect(card.text).toContain('<script>');
    expect(card.injected).toBe(0);
    // The picture came from another host than Wikimedia's: not shown at all.
    expect(card.images).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 500));
    const marker = await page.evaluate((name) => ({
      attr: document.documentElement.dataset[name] ?? null,
      injected: Array.from(document.querySelectorAll('backstory-ui')).reduce((n, host) => n + (host.shadowRoot?.querySelectorAll('script, [onerror]').length ?? 0), 0),
    }), HOSTILE_MARKER);
    expect(marker).toEqual({ attr: null, injected: 0 });
    expect(logs.filter((l) => l.includes(HOSTILE_MARKER))).toEqual([]);
  });

  it('sends nothing at all when look-ups are switched off', async () => {
    const options = await browser.openExtensionPage('options.html', 'input[type="checkbox"]');
    opened.push(options);
    expect(await toggleSwitch(options, 'Look up names that the built-in')).toBe(false);
    const page = await openArticle();
    await browser.hoverText(page, 'Chuck Todd');
    const card = await waitUntil(async () => {
      const c = await readCardView(page);
      return c?.label === 'Chuck Todd' ? c : null;
    }, { message: 'the text-only card for "Chuck Todd"' });
    expect(card.lookup).toBeNull();
    expect(card.text).toContain("Found in the article's text; not in Backstory's knowledge base.");
    await browser.hoverText(page, 'Tucson');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(mock.requests).toEqual([]);
  });

  it('serves a second hover from the cache, with no request', async () => {
    const first = await openArticle();
    expect((await hoverCard(first, 'Chuck Todd')).text).not.toContain('kept on this device');
    await first.close();
    const second = await openArticle();
    const card = await hoverCard(second, 'Chuck Todd');
    expect(card.lookup).toBe('found');
    expect(card.text).toContain('Charles David Todd is an American television journalist.');
    expect(card.text).toContain('kept on this device');
    expect(requestsFor('Chuck_Todd')).toHaveLength(1);
    expect(mock.requests).toHaveLength(1);
  });

  it('asks only after hover intent, and aborts when the pointer leaves before the card shows', async () => {
    // Passing over a name is no intent: no request. The pass must be shorter than the intent's
    // delay: on a busy machine the two moves can be further apart, and then the pass is made again
    // on a fresh page (the one before may have asked, rightly).
    let page: TestPage | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      page = await openArticle('Elspeth Varga');
      mock.requests.length = 0;
      const t0 = Date.now();
      await browser.hoverText(page, 'Chuck Todd');
      await page.mouseMove(2, 2);
      if (Date.now() - t0 < HOVER_INTENT_MS) break;
    }
    await new Promise((r) => setTimeout(r, 800));
    expect(mock.requests).toEqual([]);
    page = page!;
    // Resting on a name (the slow one) starts a request; leaving before the card shows aborts it.
    await browser.hoverText(page, 'Elspeth Varga');
    await waitUntil(() => mock.requests.length > 0, { timeout: 5_000, message: 'the look-up request' });
    await page.mouseMove(2, 2);
    await waitUntil(() => mock.requests[0]?.aborted, { timeout: 5_000, message: 'the look-up to be aborted' });
    expect(mock.requests.map((r) => r.path)).toEqual([summaryPath('Elspeth_Varga')]);
  });

  it('sends the name and nothing else: no page address, no page text, no cookies', async () => {
    const page = await openArticle();
    for (const name of ['Chuck Todd', 'Owen Kirkwell', 'Robert Menendez']) {
      const card = await hoverCard(page, name);
      expect(card.lookup).toBe('found');
      // Close the card: it may cover the next name.
      await page.press('Escape');
      await waitUntil(async () => !(await readCardView(page)), { timeout: 5_000, message: `the card for "${name}" to close` });
    }
    const articleWords = ['stalled', 'recess', 'delegation', 'Pentagon', 'reporters', 'Senators', 'Ledger', 'lookup-article'];
    const allowedPaths = new Set([summaryPath('Chuck_Todd'), summaryPath('Owen_Kirkwell'), summaryPath('Owen_Kirkwell_(admiral)'), summaryPath('Robert_Menendez'), summaryPath('Bob_Menendez'), '/w/rest.php/v1/search/title']);
    expect(mock.requests.length).toBe(6);
    for (const r of mock.requests as RecordedRequest[]) {
      expect(r.method).toBe('GET');
      expect(r.body).toBe('');
      expect(allowedPaths.has(r.path)).toBe(true);
      if (r.path === '/w/rest.php/v1/search/title') expect(r.query).toEqual({ q: 'Owen Kirkwell', limit: '5' });
      else expect(r.query).toEqual({});
      // Only what every browser request carries: no extra header could smuggle anything out.
      for (const h of Object.keys(r.headers)) expect(h).toMatch(/^(host|connection|pragma|cache-control|user-agent|accept|accept-language|accept-encoding|sec-fetch-(site|mode|dest)|sec-ch-ua(-[a-z-]+)?|priority|origin)$/);
      expect(r.headers.accept).toBe('application/json');
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers.referer).toBeUndefined();
      if (r.headers.origin) expect(r.headers.origin).toMatch(/^(chrome-extension|moz-extension):\/\/|^null$/);
      const all = JSON.stringify({ path: r.rawPath, query: r.query, headers: r.headers });
      expect(all).not.toContain(server.origin);
      for (const w of articleWords) expect(all.toLowerCase()).not.toContain(w.toLowerCase());
    }
  });
}
