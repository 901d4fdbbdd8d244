/**
 * Issue 6 end to end: the sample article on many kinds of page (tests/fixtures/pages/issue6/,
 * made by make.ts there), one body for every browser. On each copy: marks only inside the
 * article body (none in navigation, sidebars, ads, comments, related stories); the same mentions
 * and passage labels as on the plain blog; the known-article pack recognized (the popup names
 * StatesmanPost); the page's DOM unchanged apart from <backstory-ui>. Pages that are not
 * articles get no marks and no <backstory-ui>. The single-page app is followed through a
 * re-render and a navigation to a second article.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { BrowserUnderTest, TestPage } from '../harness/types';
import { startFixtureServer, type FixtureServer } from '../harness/server';
import { MAPPED_AD_HOSTS, domReport, pageText, waitUntil, type DomReport } from '../harness/common';

const ENTITY_MARKS = ['backstory-person', 'backstory-place', 'backstory-organization', 'backstory-event', 'backstory-term'];
const PASSAGE_MARKS = ['backstory-opinion', 'backstory-reported'];

/** A page that carries the sample article. */
export interface ArticleFixture {
  name: string;
  path: string;
  /** Selectors to the article element, each step looked up inside the last one's shadow root when it has one. */
  article: string[];
  /** The iframe whose document carries the article (the top page is then not an article). */
  frame?: string;
  /** Parts of this copy that differ from the plain page (another headline, an added intro): left out of the comparison. */
  differs?: string[];
  /** The page has iframes (each with a content script of its own that may answer the popup). */
  frames?: boolean;
}

export const ARTICLE_FIXTURES: ArticleFixture[] = [
  { name: 'plain-blog', path: '/issue6/plain-blog.html', article: ['article'] },
  { name: 'news-site', path: '/issue6/news-site.html', article: ['article'], frames: true },
  { name: 'amp', path: '/issue6/amp.html', article: ['article'] },
  { name: 'shadow-dom', path: '/issue6/shadow-dom.html', article: ['news-story', 'article'] },
  { name: 'iframe-embed', path: '/issue6/embed-host.html', frame: 'iframe#embed', article: ['article'], frames: true },
  { name: 'br-lines', path: '/issue6/br-lines.html', article: ['#content'] },
  { name: 'div-paragraphs', path: '/issue6/div-paragraphs.html', article: ['.story'] },
  { name: 'republished', path: '/issue6/republished.html', article: ['.entry'], differs: ['h1', '.editor-note'] },
];

export const OTHER_FIXTURES = [
  { name: 'search-results', path: '/issue6/search-results.html' },
  { name: 'dashboard', path: '/issue6/dashboard.html' },
  { name: 'login', path: '/issue6/login.html' },
];

export interface ArticlePagesOptions {
  /** Names of the article fixtures to run ('spa' is the single-page app); all when absent. */
  articles?: string[];
  /** Names of the pages that are not articles to run; all when absent. */
  others?: string[];
}

interface Mark {
  name: string;
  text: string;
  /** The range's common ancestor is inside the article element. */
  inArticle: boolean;
  /** The data-noise of the part of the page (ad, sidebar...) the range is in, if any. */
  noise: string | null;
  /** Inside a part of this copy that differs from the plain page. */
  differs: boolean;
  /** Inside the headline (<h1>). */
  headline: boolean;
  /** Not collapsed, and both ends in text nodes that are in the document. */
  live: boolean;
}

interface MarkReport {
  articleFound: boolean;
  marks: Mark[];
  /** Every backstory-* highlight of the top document, when the marks were read from a frame. */
  topMarks: number;
}

interface CollectArgs {
  article: string[];
  frame: string | null;
  differs: string[];
}

/** Runs in the page: Backstory's highlight ranges in the article's document, and where each lies. */
function collectMarks(arg: CollectArgs): MarkReport {
  const countIn = (win: Window | null) => {
    let n = 0;
    const reg = (win as unknown as { CSS?: { highlights?: Map<string, Set<AbstractRange>> } } | null)?.CSS?.highlights;
    reg?.forEach((h, name) => {
      if (name.startsWith('backstory-')) n += h.size;
    });
    return n;
  };
  let doc: Document | null = document;
  if (arg.frame) doc = (document.querySelector(arg.frame) as HTMLIFrameElement | null)?.contentDocument ?? null;
  if (!doc) return { articleFound: false, marks: [], topMarks: countIn(window) };
  let scope: ParentNode = doc;
  let article: Element | null = null;
  for (const sel of arg.article) {
    article = scope.querySelector(sel);
    if (!article) break;
    scope = article.shadowRoot ?? article;
  }
  const marks: Mark[] = [];
  const registry = (doc.defaultView as unknown as { CSS?: { highlights?: Map<string, Set<AbstractRange>> } }).CSS?.highlights;
  registry?.forEach((h, name) => {
    if (!name.startsWith('backstory-')) return;
    h.forEach((abstract) => {
      const r = abstract as Range;
      const c = r.commonAncestorContainer;
      const el = c.nodeType === 1 ? (c as Element) : c.parentElement;
      marks.push({
        name,
        text: r.toString(),
        inArticle: !!article && article.contains(c),
        noise: el?.closest('[data-noise]')?.getAttribute('data-noise') ?? null,
        differs: arg.differs.some((s) => !!el?.closest(s)),
        headline: !!el?.closest('h1'),
        live: !r.collapsed && r.startContainer.nodeType === 3 && r.endContainer.nodeType === 3 && r.startContainer.isConnected && r.endContainer.isConnected,
      });
    });
  });
  return { articleFound: !!article, marks, topMarks: arg.frame ? countIn(window) : 0 };
}

/** Curly and straight quotes alike, white space collapsed. */
export function normalise(s: string): string {
  return s
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What is compared between copies: entity marks as (text, highlight name), marked passages as (label, text). */
interface Signature {
  entities: string[];
  passages: string[];
}

function signature(marks: Mark[], withHeadline = true): Signature {
  const compared = marks.filter((m) => !m.differs && (withHeadline || !m.headline));
  return {
    entities: compared.filter((m) => ENTITY_MARKS.includes(m.name)).map((m) => `${m.name.slice(10)}: ${normalise(m.text)}`).sort(),
    passages: compared.filter((m) => PASSAGE_MARKS.includes(m.name)).map((m) => `${m.name.slice(10)}: ${normalise(m.text)}`).sort(),
  };
}

/** The marks that are not where they may be: outside the article, in its noise, or on text no longer in the page. */
function misplaced(marks: Mark[]): string[] {
  return marks.filter((m) => !m.inArticle || m.noise !== null || !m.live).map((m) => `${m.name} "${m.text}"${m.inArticle ? '' : ' outside the article'}${m.noise ? ` in ${m.noise}` : ''}${m.live ? '' : ' (stale range)'}`);
}

/** Marks of the rest of the page that are not Backstory's <backstory-ui> and did not come from the page's own script. */
function foreignMutations(dom: DomReport): DomReport['mutations'] {
  return dom.mutations.filter(
    (m) => !(m.type === 'childList' && m.target === 'HTML' && [...m.added, ...m.removed].every((n) => n === 'BACKSTORY-UI')) && m.target !== 'BACKSTORY-UI',
  );
}

export function articlePagesSuite(launch: () => Promise<BrowserUnderTest>, options: ArticlePagesOptions = {}): void {
  let browser: BrowserUnderTest;
  let server: FixtureServer;
  const opened: TestPage[] = [];
  let reference: Promise<Mark[]> | null = null;
  const runs = (list: string[] | undefined, name: string) => !list || list.includes(name);

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launch();
  });

  afterEach(async () => {
    for (const p of opened.splice(0)) await p.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<TestPage> {
    const page = await browser.open(server.url(path));
    opened.push(page);
    return page;
  }

  /**
   * Waits until the article's marks are there (names and both kinds of passage) and have stayed
   * the same for a moment, then returns them.
   */
  async function settledMarks(page: TestPage, args: CollectArgs, ready: (r: MarkReport) => boolean, what: string): Promise<MarkReport> {
    let last = '';
    let since = 0;
    return waitUntil(
      async () => {
        const r = await page.evaluate(collectMarks, args);
        const key = JSON.stringify(r);
        if (!ready(r)) {
          last = '';
          return null;
        }
        if (key !== last) {
          last = key;
          since = Date.now();
          return null;
        }
        return Date.now() - since >= 600 ? r : null;
      },
      { timeout: 30_000, interval: 150, message: what },
    );
  }

  const hasArticleMarks = (r: MarkReport) =>
    r.marks.some((m) => m.name === 'backstory-person' && /Blinken/.test(m.text)) &&
    PASSAGE_MARKS.every((n) => r.marks.some((m) => m.name === n)) &&
    r.marks.every((m) => m.live);

  /** The plain blog's marks: what every copy must show. */
  function plainMarks(): Promise<Mark[]> {
    reference ??= (async () => {
      const page = await browser.open(server.url('/issue6/plain-blog.html'));
      try {
        const r = await settledMarks(page, { article: ['article'], frame: null, differs: [] }, hasArticleMarks, 'the marks on the plain blog');
        return r.marks;
      } finally {
        await page.close();
      }
    })();
    return reference;
  }

  /** What the popup says about the page; opened again while it says the content script has not answered yet. */
  async function popupSummary(page: TestPage): Promise<string> {
    return waitUntil(
      async () => {
        const popup = await browser.openPopup(page);
        try {
          const t = await waitUntil(
            async () => {
              const s = await pageText(popup);
              return /This article|not look like an article|has not read this page/.test(s) ? s : null;
            },
            { timeout: 5_000, message: 'the popup summary' },
          );
          return t.includes('has not read this page') ? null : t;
        } finally {
          await popup.close();
        }
      },
      { timeout: 20_000, interval: 250, message: 'the content script to answer the popup' },
    );
  }

  const FIRST_PUBLISHED = /Known article: first published by StatesmanPost/;

  for (const fx of ARTICLE_FIXTURES) {
    if (!runs(options.articles, fx.name)) continue;
    it(`article page ${fx.name}: marks only the article body, as on the plain page, and recognizes the known article`, async () => {
      const plain = await plainMarks();
      // A copy with another headline is compared without the headlines.
      const withHeadline = !fx.differs?.includes('h1');
      const expected = signature(plain, withHeadline);
      const page = await open(fx.path);
      const args: CollectArgs = { article: fx.article, frame: fx.frame ?? null, differs: fx.differs ?? [] };
      const report = await settledMarks(page, args, hasArticleMarks, `the marks on ${fx.path}`);

      expect(report.articleFound, 'the fixture has its article element').toBe(true);
      expect(misplaced(report.marks), 'marks outside the article body').toEqual([]);
      const got = signature(report.marks, withHeadline);
      expect(got.entities, 'entity marks: (highlight, text) as on the plain page').toEqual(expected.entities);
      expect(got.passages, 'opinion and reported passages as on the plain page').toEqual(expected.passages);
      if (fx.frame) expect(report.topMarks, 'marks in the page that embeds the article').toBe(0);

      // Asked a few times: on a page with frames, each frame's content script may answer.
      for (let i = 0; i < (fx.frames ? 3 : 1); i++) expect(await popupSummary(page)).toMatch(FIRST_PUBLISHED);

      // The page's DOM is as the page made it, apart from the one <backstory-ui>.
      const dom = await domReport(page);
      expect(dom.before, 'the DOM probe ran at DOMContentLoaded').not.toBeNull();
      expect(dom.after).toBe(dom.before);
      expect(foreignMutations(dom)).toEqual([]);
      if (fx.frame) {
        // The article's own document: as parsed from its source, apart from <backstory-ui> on its <html>.
        const frame = await page.evaluate(async (sel) => {
          const f = document.querySelector(sel) as HTMLIFrameElement;
          const d = f.contentDocument!;
          const source = await (await fetch(f.src)).text();
          const parsed = new DOMParser().parseFromString(source, 'text/html');
          const clone = d.documentElement.cloneNode(true) as Element;
          clone.querySelectorAll('backstory-ui').forEach((n) => n.remove());
          return {
            same: clone.outerHTML === parsed.documentElement.outerHTML,
            hosts: Array.from(d.querySelectorAll('backstory-ui'), (n) => ({ parent: n.parentNode?.nodeName ?? '', openShadow: !!n.shadowRoot })),
          };
        }, fx.frame);
        expect(frame.same, "the embedded article's DOM unchanged").toBe(true);
        expect(frame.hosts).toEqual([{ parent: 'HTML', openShadow: true }]);
        expect(dom.hosts, 'no <backstory-ui> in the page that embeds the article').toEqual([]);
      } else {
        expect(dom.hosts).toEqual([{ parent: 'HTML', openShadow: true }]);
      }
      if (fx.name === 'shadow-dom') {
        // The shadow root is out of the probe's sight: it must still hold exactly what the element rendered.
        const same = await page.evaluate(() => document.querySelector('news-story')!.shadowRoot!.innerHTML === (document.getElementById('news-story-template') as HTMLTemplateElement).innerHTML);
        expect(same, "the custom element's shadow root unchanged").toBe(true);
      }
    });
  }

  if (runs(options.articles, 'spa')) {
    it('article page spa: marks the article rendered after load, keeps the marks through a re-render, and follows navigation to a second article', async () => {
      const expected = signature(await plainMarks());
      // The app re-renders when the test says so (below), after the first marks.
      const page = await open('/issue6/spa.html?rerender=never');
      const first: CollectArgs = { article: ['article[data-story="first"]'], frame: null, differs: [] };
      const spaState = () => page.evaluate(() => {
        const s = (window as unknown as { __spa: { state: { renders: number; route: string } } }).__spa.state;
        return { renders: s.renders, route: s.route };
      });
      /** Every mark on a text node of the app's last render. */
      const onCurrentNodes = () =>
        page.evaluate(() => {
          const spa = (window as unknown as { __spa: { isCurrent(n: Node): boolean } }).__spa;
          let all = true;
          let n = 0;
          (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.forEach((h, name) => {
            if (!name.startsWith('backstory-')) return;
            h.forEach((r) => {
              n++;
              if (!spa.isCurrent(r.startContainer) || !spa.isCurrent(r.endContainer)) all = false;
            });
          });
          return n > 0 && all;
        });
      /** The app's DOM is what its own renders make: no attribute or text edits, and #app holds a render of the route. */
      const checkDom = async () => {
        const dom = await domReport(page);
        expect(dom.before).not.toBeNull();
        expect(dom.hosts).toEqual([{ parent: 'HTML', openShadow: true }]);
        expect(dom.mutations.filter((m) => m.type !== 'childList' && m.target !== 'BACKSTORY-UI')).toEqual([]);
        const app = await page.evaluate(() => ({
          html: document.getElementById('app')!.innerHTML,
          expected: (window as unknown as { __spa: { expectedHtml(): string } }).__spa.expectedHtml(),
        }));
        expect(app.html).toBe(app.expected);
        const shell = (html: string) => html.replace(/<div id="app">[\s\S]*?<\/div>\s*<script>/, '<div id="app"></div><script>').replace(/<title>[^<]*<\/title>/, '<title></title>');
        expect(shell(dom.after)).toBe(shell(dom.before!));
      };

      // 1. Rendered 300 ms after load: marked like the plain page.
      const marked = await settledMarks(page, first, hasArticleMarks, 'the marks on the article the app rendered');
      const atFirstMarks = await spaState();
      expect(misplaced(marked.marks)).toEqual([]);
      expect(signature(marked.marks)).toEqual(expected);
      expect(await popupSummary(page)).toMatch(FIRST_PUBLISHED);

      // 2. The app renders the same text again in new text nodes: the marks move to them.
      expect(atFirstMarks).toEqual({ renders: 1, route: 'first' });
      await page.evaluate(() => (window as unknown as { __spa: { rerender(): void } }).__spa.rerender());
      expect((await spaState()).renders).toBe(2);
      await waitUntil(onCurrentNodes, { timeout: 15_000, message: 'the marks to move onto the re-rendered text nodes' });
      const rerendered = await settledMarks(page, first, hasArticleMarks, 'the marks after the re-render');
      expect(misplaced(rerendered.marks)).toEqual([]);
      expect(signature(rerendered.marks)).toEqual(expected);
      expect(await onCurrentNodes()).toBe(true);
      await checkDom();

      // 3. Single-page navigation to another article: it is marked, and no mark of the first is left.
      const second = await (async () => {
        const ref = await browser.open(server.url('/issue6/second-article.html'));
        try {
          const isReady = (r: MarkReport) => r.marks.some((m) => /Scholz/.test(m.text)) && r.marks.every((m) => m.live);
          return signature((await settledMarks(ref, { article: ['article'], frame: null, differs: [] }, isReady, 'the marks on the second article')).marks);
        } finally {
          await ref.close();
        }
      })();
      await page.evaluate(() => (document.querySelector('a[data-route="second"]') as HTMLAnchorElement).click());
      expect(await page.evaluate(() => location.search)).toBe('?story=second');
      const next: CollectArgs = { article: ['article[data-story="second"]'], frame: null, differs: [] };
      const moved = await settledMarks(
        page,
        next,
        (r) => r.articleFound && r.marks.some((m) => /Scholz/.test(m.text)) && r.marks.every((m) => m.live),
        'the marks on the second article after navigation',
      );
      expect(misplaced(moved.marks), 'marks outside the second article (old marks left behind)').toEqual([]);
      expect(moved.marks.filter((m) => /Blinken|Kamala|StatesmanPost/.test(m.text))).toEqual([]);
      expect(signature(moved.marks)).toEqual(second);
      await checkDom();
    });
  }

  it('frames from ad servers are left alone: the same article in a frame from another host is marked, in theirs nothing runs', async () => {
    // localhost is another origin than the page's 127.0.0.1: a frame from a host Backstory reads.
    const hosts = ['localhost', ...MAPPED_AD_HOSTS];
    const page = await open(`/issue6/frames-host.html?frames=${hosts.join(',')}`);
    type FrameReport = { host: string; marks: number; ui: boolean } | { host: string; noAnswer: true };
    // Each frame says what Backstory did in it (framed-article.html): the page cannot look into another host's frame.
    const reports = () =>
      page.evaluate(() =>
        Promise.all(
          [...document.querySelectorAll('iframe')].map(
            (frame) =>
              new Promise<FrameReport>((resolve) => {
                const done = (report: FrameReport) => {
                  removeEventListener('message', onMessage);
                  resolve(report);
                };
                const onMessage = (event: MessageEvent) => {
                  if (event.source === frame.contentWindow) done(event.data as FrameReport);
                };
                addEventListener('message', onMessage);
                frame.contentWindow?.postMessage('backstory-test-report', '*');
                setTimeout(() => done({ host: frame.title, noAnswer: true }), 2_000);
              }),
          ),
        ),
      );
    const marked = await waitUntil(async () => {
      const r = await reports();
      return 'marks' in r[0] && r[0].marks > 0 && r[0].ui ? r : null;
    }, { timeout: 30_000, interval: 300, message: 'marks in the frame from localhost' });
    expect(marked.map((r) => r.host)).toEqual(hosts);
    // The frames loaded together; a moment more for a content script that would be late in the ad frames.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await reports();
    expect(after[0]).toMatchObject({ host: 'localhost', ui: true });
    expect(after.slice(1)).toEqual(MAPPED_AD_HOSTS.map((host) => ({ host, marks: 0, ui: false })));
  });

  for (const fx of OTHER_FIXTURES) {
    if (!runs(options.others, fx.name)) continue;
    it(`not an article ${fx.name}: no marks, no <backstory-ui>, DOM untouched`, async () => {
      const page = await open(fx.path);
      // The content script answers the popup (so it ran) and says it left the page alone.
      const text = await popupSummary(page);
      expect(text).toContain('does not look like an article');
      expect(await browser.highlights(page)).toEqual({});
      const dom = await domReport(page);
      expect(dom.hosts).toEqual([]);
      expect(dom.after).toBe(dom.before);
      expect(dom.mutations).toEqual([]);
    });
  }
}
