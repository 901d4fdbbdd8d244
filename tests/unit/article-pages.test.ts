/**
 * Issue 6's fixture pages without a browser (happy-dom, no page scripts): the generated pages are
 * up to date with article.txt; on every static copy the article body found is the article's text
 * and nothing else (no ads, navigation, comments or related links) with its headline; pages that
 * are not articles are not taken for one; lines split by <br> read as paragraphs and headings.
 * The browsers run the same pages end to end in tests/e2e/suites/article-pages.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { findArticleDate, locateArticle, opinionSectionOf } from '../../adapters/article';
import { articlePage } from '../fixtures/article-page';
import { READABILITY_MAX_TEXT_CHARS } from '../../core/constants';
import { buildTextMap } from '../../adapters/text-map';
import { REPUBLISHED_HEADLINE, REPUBLISHED_INTRO, readArticleText, staleFixtures } from '../fixtures/pages/issue6/make';

const PAGES = fileURLToPath(new URL('../fixtures/pages/issue6/', import.meta.url));
const fold = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

const windows: Window[] = [];
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

function load(html: string): Document {
  const window = new Window({ url: 'http://127.0.0.1/', settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  windows.push(window);
  const doc = window.document as unknown as Document;
  doc.write(html);
  return doc;
}

const page = (name: string) => load(readFileSync(path.join(PAGES, name), 'utf8'));

/** The blocks the text map reads in `#x` of `html`: each one's kind and folded text. */
function blockKinds(html: string): Array<[string, string]> {
  const map = buildTextMap(load(html).getElementById('x')!);
  return map.blocks.map((b) => [b.kind, fold(map.text.slice(b.start, b.end))]);
}

const lines = readArticleText()
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter(Boolean);
const [HEADLINE, ...BODY] = lines;

/** Text that is on the pages but not in the article: ads, navigation, comments, related stories, sidebars. */
const NOISE = ['SkyWays', 'Advertisement', 'Sponsored', 'World Briefing', 'riverside_reader', 'Related stories', 'Most read', 'Share on', 'Skip to content', 'Wang Yi', 'Meridian', 'Comments'];

describe('issue 6 fixture pages', () => {
  it('are up to date with article.txt (npx tsx tests/fixtures/pages/issue6/make.ts)', () => {
    expect(staleFixtures()).toEqual([]);
  });

  const copies: { file: string; headline: string; added?: string[] }[] = [
    { file: 'plain-blog.html', headline: HEADLINE },
    { file: 'news-site.html', headline: HEADLINE },
    { file: 'amp.html', headline: HEADLINE },
    { file: 'embed-article.html', headline: HEADLINE },
    { file: 'br-lines.html', headline: HEADLINE },
    { file: 'div-paragraphs.html', headline: HEADLINE },
    { file: 'republished.html', headline: REPUBLISHED_HEADLINE, added: [REPUBLISHED_INTRO] },
  ];
  for (const c of copies) {
    it(`${c.file}: the article body is the headline and the article's lines, in order, and nothing else`, () => {
      const doc = page(c.file);
      const article = locateArticle(doc);
      expect(article).not.toBeNull();
      const map = buildTextMap(article!.root, article!.textNodes);
      const text = fold(map.text);
      // Every line of the article, in order, after the headline.
      let at = text.indexOf(fold(c.headline));
      expect(at, 'the headline').toBeGreaterThanOrEqual(0);
      for (const line of [...(c.added ?? []), ...BODY]) {
        const next = text.indexOf(fold(line), at);
        expect(next, line).toBeGreaterThanOrEqual(at);
        at = next;
      }
      // And nothing else of substance: the headline, added lines and body make up the text, give or take a byline or date.
      let rest = text;
      for (const l of [c.headline, ...(c.added ?? []), ...BODY]) rest = rest.replace(fold(l), '');
      expect(rest.replace(/\s+/g, ' ').trim().length, `left over: ${rest}`).toBeLessThan(60);
      for (const n of NOISE) expect(text, n).not.toContain(n);
    });
  }

  it('keeps a headline that a kicker stands above (reader review 21: "Premier League" above the match report’s headline)', () => {
    const body = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the match report says what happened at the ground on Sunday, in the writer's words, at length.</p>`).join('');
    const doc = load(
      `<!doctype html><head><title>Newcastle 2-1 Tottenham: Doyle's late header sinks Spurs | The Post</title></head><body><nav><a href="/">Home</a></nav><main><article><div class="kicker">Premier League</div><h1>Newcastle 2-1 Tottenham: Doyle's late header sinks Spurs</h1>${body}</article></main></body>`,
    );
    const article = locateArticle(doc);
    const map = buildTextMap(article!.root, article!.textNodes);
    expect(fold(map.text)).toContain("Newcastle 2-1 Tottenham: Doyle's late header sinks Spurs");
  });

  it('reads the dek under a headline that stands outside the <article>, and not a byline (reader review 21)', () => {
    const body = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the rate story says what the Bank decided on Thursday, in the writer's words, at length.</p>`).join('');
    const doc = load(
      `<!doctype html><head><title>Bank of England cuts rates to 3.75% | Ledger</title></head><body><div class="layout"><header><h1>Bank of England cuts rates to 3.75%</h1><p class="byline">By Priya Raman</p><p class="dek">A narrow 5-4 vote on the Monetary Policy Committee lowers borrowing costs for the sixth time.</p></header><article>${body}</article></div></body>`,
    );
    const article = locateArticle(doc);
    const text = fold(buildTextMap(article!.root, article!.textNodes).text);
    expect(text).toContain('A narrow 5-4 vote on the Monetary Policy Committee lowers borrowing costs');
    expect(text).not.toContain('By Priya Raman');
  });

  // A story of <div>s that does not say it is an article is left alone, as a page of other text would be.
  for (const file of ['search-results.html', 'dashboard.html', 'login.html', 'embed-host.html', 'ad-frame.html', 'div-paragraphs-untyped.html']) {
    it(`${file} is not an article`, () => {
      expect(locateArticle(page(file))).toBeNull();
    });
  }
});

describe('lines split by <br>', () => {
  it('reads each line as a paragraph, and a whole bold short line as a heading', () => {
    const doc = page('br-lines.html');
    const article = locateArticle(doc)!;
    const map = buildTextMap(article.root, article.textNodes);
    const blocks = map.blocks.map((b) => ({ kind: b.kind, text: fold(map.text.slice(b.start, b.end)) }));
    for (const line of BODY) {
      const heading = ['What Are the Specific Accusations?', 'China is ‘Creeping’', 'What Happens Now?'].includes(line);
      expect(blocks, line).toContainEqual({ kind: heading ? 'heading' : 'paragraph', text: fold(line) });
    }
  });

  it('marks a paragraph set wholly in bold, a print interview’s question, and no paragraph with a bold word in it', () => {
    const doc = load('<!doctype html><body><div id="x"><p><strong>And you and Lawrence Katz?</strong></p><p>Constantly. <b>He</b> will tell you.</p><p> <b>Do you argue at home?</b> </p></div></body>');
    const map = buildTextMap(doc.getElementById('x')!);
    expect(map.blocks.map((b) => [fold(map.text.slice(b.start, b.end)), b.bold ?? false])).toEqual([
      ['And you and Lawrence Katz?', true],
      ['Constantly. He will tell you.', false],
      ['Do you argue at home?', true],
    ]);
  });

  it('reads a <p> or <div> of a caption’s class as a caption, and not a wrapper that holds the figure (reader review 18)', () => {
    const html =
      '<!doctype html><body><div id="x"><p class="caption">Residents line up to speak on Tuesday. (Owen Lindqvist / Puget Sound Ledger)</p>' +
        '<div class="wp-caption-text">The council chamber before the vote.</div><p class="article__caption">Mayor Victoria Woodards.</p>' +
        '<div class="media has-caption"><p>The body of the story goes on here.</p></div><div class="caption-block"><p>So does this paragraph.</p></div>' +
        '<p class="captioned">A paragraph whose class only starts with the word.</p></div></body>';
    expect(blockKinds(html)).toEqual([
      ['caption', 'Residents line up to speak on Tuesday. (Owen Lindqvist / Puget Sound Ledger)'],
      ['caption', 'The council chamber before the vote.'],
      ['caption', 'Mayor Victoria Woodards.'],
      ['paragraph', 'The body of the story goes on here.'],
      ['paragraph', 'So does this paragraph.'],
      ['paragraph', 'A paragraph whose class only starts with the word.'],
    ]);
  });

  it('keeps a sentence wrapped by a single <br> in one block, and splits at a double one', () => {
    const doc = load('<!doctype html><body><div id="x">The minister said on Monday that talks<br>would resume next week.<br>A second sentence follows.<br><br>Another paragraph.</div></body>');
    const map = buildTextMap(doc.getElementById('x')!);
    const blocks = map.blocks.map((b) => fold(map.text.slice(b.start, b.end)));
    expect(blocks).toEqual(['The minister said on Monday that talks would resume next week.', 'A second sentence follows.', 'Another paragraph.']);
  });

  it('reads the terms and values of a definition list and a table as entries, list items as list items, and a <div role="heading"> or of a subhead’s class as a heading', () => {
    const html = '<!doctype html><body><div id="x"><div role="heading" aria-level="2">What comes next</div><div class="story__subhead">How the deal was reached</div><div class="subheadline">A longer summary of the story, in a sentence.</div><dl><dt>Born</dt><dd>May 27, 1923, Fürth</dd></dl><table><tr><th>Place</th><td>Eagle Pass, Texas</td></tr></table><ul><li>One point.</li></ul></div></body>';
    expect(blockKinds(html)).toEqual([
      ['heading', 'What comes next'],
      ['heading', 'How the deal was reached'],
      ['paragraph', 'A longer summary of the story, in a sentence.'],
      ['entry', 'Born'],
      ['entry', 'May 27, 1923, Fürth'],
      ['entry', 'Place'],
      ['entry', 'Eagle Pass, Texas'],
      ['list-item', 'One point.'],
    ]);
  });

  it('reads topic tags that the page lays out as boxes of their own apart, though no space is written between them (review 14), and keeps a drop cap and a glued bold syllable in their words', () => {
    const doc = load(
      '<!doctype html><head><style>.tags a { display: inline-block; margin-right: 8px; } .drop { float: left; font-size: 3em; } .cap { display: inline-block; }</style></head><body><div id="x">' +
        '<p class="tags"><a href="/t/council">City Council</a><a href="/t/budget">Budget</a><a href="/t/fire">Crestwater Fire Department</a></p>' +
        '<p><span class="drop">Th</span>e council met. <span class="cap">A</span>BOUT Town. The <b>Mc</b>Donald family and <a href="/p">Jane</a>Doe spoke.</p></div></body>',
    );
    const map = buildTextMap(doc.getElementById('x')!);
    const [tags, prose] = map.blocks.map((b) => map.text.slice(b.start, b.end));
    expect(tags).toBe('City Council\n\nBudget\n\nCrestwater Fire Department');
    // A scoreline whose teams and score the page sets as boxes of their own (flex items; reader review 21).
    const score = load('<!doctype html><head><style>.score span { display: block; }</style></head><body><div id="x"><p class="score"><span>Newcastle United</span><span>2-1</span><span>Tottenham Hotspur</span></p></div></body>');
    const scoreMap = buildTextMap(score.getElementById('x')!);
    expect(scoreMap.blocks.map((b) => scoreMap.text.slice(b.start, b.end))).toEqual(['Newcastle United\n\n2-1\n\nTottenham Hotspur']);
    expect(fold(prose)).toBe('The council met. ABOUT Town. The McDonald family and JaneDoe spoke.');
  });

  it('leaves bold words inside a line alone', () => {
    const html = '<!doctype html><body><div id="x"><b>Note</b> that the talks resumed.<br><br><strong>Bold sentence as a whole.</strong><br><br><b>A heading</b></div></body>';
    expect(blockKinds(html)).toEqual([
      ['paragraph', 'Note that the talks resumed.'],
      ['paragraph', 'Bold sentence as a whole.'],
      ['heading', 'A heading'],
    ]);
  });
});

describe('a page that calls itself an article', () => {
  const typed = (body: string) => load(`<!doctype html><html><head><meta property="og:type" content="article"></head><body>${body}</body></html>`);
  const prose = 'Long enough to count as a paragraph of an article if it were one of its paragraphs, and shown to the reader. ';

  it('is not an article for a cookie banner, hidden text or reader comments in <div>s', () => {
    expect(locateArticle(typed(`<div class="gdpr-banner">${prose.repeat(12)}</div>`))).toBeNull();
    expect(locateArticle(typed(`<div style="display:none">${prose.repeat(12)}</div>`))).toBeNull();
    expect(locateArticle(typed(`<div class="comment">${prose.repeat(2)}</div>`.repeat(4)))).toBeNull();
  });

  it('answers at once for a <div> of thousands of runs of white space', () => {
    // Trimming the growing text at every node took seconds here (the test's timeout fails it).
    expect(locateArticle(typed(`<div>${`<span>${' '.repeat(200)}</span>`.repeat(4000)}</div>`))).toBeNull();
  });
});

describe('a page with more text than Readability is given', () => {
  const pageOf = (paragraphs: number) =>
    load(
      `<!doctype html><body><nav><a href="/">Home</a></nav><article id="story">${Array.from(
        { length: paragraphs },
        (_, i) => `<p>Paragraph ${i}: ${'The delegates met again in Munich to talk about the war and the aid. '.repeat(4)}</p>`,
      ).join('')}</article><aside class="sidebar"><p>Most read</p></aside></body>`,
    );
  const chars = (doc: Document) => doc.body.textContent!.length;

  it('is read by Readability up to READABILITY_MAX_TEXT_CHARS, and by its own structure beyond', () => {
    const short = pageOf(100);
    expect(chars(short)).toBeLessThan(READABILITY_MAX_TEXT_CHARS);
    const read = locateArticle(short)!;
    // Readability keeps the body's own text nodes.
    expect(read.textNodes).not.toBeNull();

    const long = pageOf(400);
    expect(chars(long)).toBeGreaterThan(READABILITY_MAX_TEXT_CHARS);
    const located = locateArticle(long)!;
    expect(located.textNodes).toBeNull();
    expect(located.root.id).toBe('story');
  });
});

describe('a stray line Readability keeps outside the article (a market ticker above <main>)', () => {
  const TICKER = '<div class="ticker">S&amp;P 500 5,861.57 -1.59% · Nasdaq 18,544.42 -2.78% · NVDA 120.15 -8.48% · 10-yr 4.27% · Brent 74.04 -0.51%</div>';

  it('widens the root to the page, and the article’s own container stays its column for the notes and the legend', () => {
    const doc = load(articlePage(readArticleText()).replace('<div class="layout">', `${TICKER}\n  <div class="layout">`));
    const found = locateArticle(doc)!;
    expect(found).not.toBeNull();
    expect(found.root).toBe(doc.body);
    expect(found.column?.tagName).toBe('ARTICLE');
    expect(found.root.contains(found.column!)).toBe(true);
  });

  it('gives no separate column where the root is the article’s own container, and the <article> inside a root that also holds a sidebar', () => {
    // A grid of the article and a sidebar that is itself marked as the page's main part: the column is the <article> in it.
    const grid = locateArticle(load(articlePage(readArticleText()).replace('<div class="layout">', '<div class="layout" role="main">')))!;
    expect(grid.root.matches('[role="main"]')).toBe(true);
    expect(grid.column?.tagName).toBe('ARTICLE');
    // A root that is the article's own container, with no narrower one in it.
    const paragraphs = readArticleText().split('\n').filter((l) => l.trim()).map((l) => `<p>${l}</p>`).join('');
    const bare = locateArticle(load(`<!doctype html><html><head><title>t</title></head><body><article>${paragraphs}</article></body></html>`))!;
    expect(bare.root.tagName).toBe('ARTICLE');
    expect(bare.column).toBeUndefined();
  });
});

describe("the article's date", () => {
  it('is read from a <time> that only writes it out, where no metadata or datetime gives it', () => {
    const html = (time: string) => articlePage(readArticleText()).replace(/<time[^>]*>[^<]*<\/time>/, time).replace(/<meta[^>]*published_time[^>]*>/g, '');
    expect(findArticleDate(load(html('<time>6 June 2024, updated 15:20 CET</time>')))).toBe('2024-06-06');
    expect(findArticleDate(load(html('<time datetime="2023-02-20">Feb. 20</time>')))).toBe('2023-02-20');
    expect(findArticleDate(load(html('<time>Updated an hour ago</time>')))).toBeUndefined();
  });
});

describe('an article the page files under opinion (review 15)', () => {
  const at = (url: string, head: string) => {
    const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
    windows.push(window);
    const doc = window.document as unknown as Document;
    doc.write(articlePage(readArticleText()).replace('<meta property="article:section" content="World">', head));
    return doc;
  };
  it('is known by its section, its schema.org type or section, or its address, and carries the section’s label', () => {
    expect(opinionSectionOf(at('http://127.0.0.1/a.html', '<meta property="article:section" content="Opinion">'))).toBe('Opinion');
    expect(opinionSectionOf(at('http://127.0.0.1/a.html', '<meta property="article:section" content="Opinion | Columns">'))).toBe('Opinion');
    expect(opinionSectionOf(at('http://127.0.0.1/a.html', '<meta property="article:section" content="Commentary">'))).toBe('Commentary');
    expect(opinionSectionOf(at('http://127.0.0.1/a.html', '<script type="application/ld+json">{"@type":"OpinionNewsArticle","headline":"x"}</script>'))).toBe('Opinion');
    expect(opinionSectionOf(at('http://127.0.0.1/a.html', '<script type="application/ld+json">{"@type":"NewsArticle","articleSection":"Editorials"}</script>'))).toBe('Editorials');
    expect(opinionSectionOf(at('http://127.0.0.1/opinion/2025/04/10/tariffs.html', ''))).toBe('Opinion');
    expect(locateArticle(at('http://127.0.0.1/a.html', '<meta property="article:section" content="Opinion">'))?.opinionSection).toBe('Opinion');
  });
  it('is not a news section, nor a section that only starts like one', () => {
    expect(opinionSectionOf(at('http://127.0.0.1/world/a.html', '<meta property="article:section" content="World">'))).toBeUndefined();
    expect(opinionSectionOf(at('http://127.0.0.1/a.html', '<meta property="article:section" content="Comments policy">'))).toBeUndefined();
    expect(locateArticle(at('http://127.0.0.1/a.html', ''))?.opinionSection).toBeUndefined();
  });
});

describe('a pull quote signed with <cite>', () => {
  it('reads the signature as a line of its own, and an inline <cite> in a sentence as part of it', () => {
    const doc = load(
      '<!doctype html><html><body><article><p>As <cite>The Economist</cite> put it, the war goes on.</p><blockquote>“Europe has treated this war as an emergency.”<cite>— Marta Lindqvist, analyst</cite></blockquote></article></body></html>',
    );
    const map = buildTextMap(doc.querySelector('article')!);
    const blocks = map.blocks.map((b) => fold(map.text.slice(b.start, b.end)));
    expect(blocks).toContain('As The Economist put it, the war goes on.');
    expect(blocks).toContain('— Marta Lindqvist, analyst');
    // The quotation and its signature are apart: two lines, never one sentence.
    expect(map.text).toMatch(/emergency\.”\s*\n\s*\n\s*— Marta/);
  });
});
