/**
 * Whether the page carries an article, and which of its live text nodes are the article's body.
 * Mozilla's Readability decides, on a copy of the document; what it keeps is mapped back to the
 * live nodes, so ads, sidebars and comments inside the article's container stay unmarked.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { FURTHER_ARTICLE_MIN_CHARS, READABILITY_MAX_ELEMENTS, READABILITY_MAX_TEXT_CHARS, READERABLE_SCAN_CHARS } from '../core/constants';
import { BLOCK_TAGS } from './text-map';
import { isoDateFromText } from '../core/text/dates';

export interface ArticleLocation {
  /** The smallest live element holding the article's body. */
  root: Element;
  /**
   * The page's own article container (<article>, <main>) inside `root` that holds nearly all of the
   * body. The legend stands beside it (`root` may be a grid that holds a sidebar too), and so do the
   * margin notes where `root` spans the whole window (a stray line Readability kept, such as a
   * ticker above <main>, widened it to <body> or an app's wrapper).
   */
  column?: Element;
  /** Further articles on the same page, in reading order (a next article added by infinite scroll). */
  more?: Element[];
  /** The body's live text nodes; null when the whole root is the body. */
  textNodes: Set<Text> | null;
  date?: string;
  title?: string;
  /** The page files the article under an opinion section: its label ("Opinion", "Commentary"). */
  opinionSection?: string;
}

// NodeFilter's constants, spelled out: the global is missing where this runs on happy-dom in Node.
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;

const BODY_SELECTORS = ['[itemprop="articleBody"]', 'article', 'main', '[role="main"]', '.article-body', '.post-content', '.entry-content', '.story-body'];

function paragraphChars(root: ParentNode): number {
  let n = 0;
  for (const p of root.querySelectorAll('p')) n += (p.textContent ?? '').trim().length;
  return n;
}

/** Articles rendered inside custom elements' open shadow roots, which Readability cannot see. */
function shadowArticle(doc: Document): Element | null {
  let best: Element | null = null;
  let bestChars = 400;
  const walker = doc.createTreeWalker(doc.body, SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n as Element;
    if (!el.tagName.includes('-') || !el.shadowRoot) continue;
    const chars = paragraphChars(el.shadowRoot);
    if (chars > bestChars) [best, bestChars] = [el, chars];
  }
  return best;
}

function heuristicRoot(doc: Document): Element | null {
  let best: Element | null = null;
  let bestChars = 0;
  for (const sel of BODY_SELECTORS) {
    for (const el of doc.querySelectorAll(sel)) {
      const chars = paragraphChars(el);
      // Prefer the innermost container that still holds most of the text.
      const inner = best !== null && (best as Element).contains(el);
      if (chars > bestChars * 1.2 || (inner && chars > bestChars * 0.8)) {
        best = el;
        bestChars = chars;
      }
    }
  }
  return best;
}

function commonAncestor(nodes: Iterable<Node>): Element | null {
  let anc: Node | null = null;
  for (const n of nodes) {
    if (!anc) {
      anc = n.parentNode;
      continue;
    }
    while (anc && !anc.contains(n)) anc = anc.parentNode;
  }
  return anc && anc.nodeType === 1 ? (anc as Element) : null;
}

/** Text nodes of two structurally identical trees, paired in document order. */
function pairTextNodes(live: Node, copy: Node): Map<Text, Text> {
  const pairs = new Map<Text, Text>();
  const a = live.ownerDocument!.createTreeWalker(live, SHOW_TEXT);
  const b = copy.ownerDocument!.createTreeWalker(copy, SHOW_TEXT);
  for (let x = a.nextNode(), y = b.nextNode(); x && y; x = a.nextNode(), y = b.nextNode()) pairs.set(y as Text, x as Text);
  return pairs;
}

/**
 * Whether the text under `root` is longer than `limit` characters, read only until it is: the
 * whole text as one string (`textContent`) cost a 100,000-word page 5-30 ms of its thread.
 */
function textLongerThan(root: Node, limit: number): boolean {
  const walker = root.ownerDocument!.createTreeWalker(root, SHOW_TEXT);
  let length = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((length += (n as Text).data.length) > limit) return true;
  return false;
}

function readabilityBody(doc: Document): { nodes: Set<Text>; title?: string; date?: string } | null {
  if (doc.getElementsByTagName('*').length > READABILITY_MAX_ELEMENTS) return null;
  if (textLongerThan(doc.body, READABILITY_MAX_TEXT_CHARS)) return null;
  const copy = doc.cloneNode(true) as Document;
  const pairs = pairTextNodes(doc.documentElement, copy.documentElement);
  const parsed = new Readability(copy, { serializer: (el: Node) => el, charThreshold: 300 }).parse();
  const content = parsed?.content as unknown as Element | null | undefined;
  if (!content) return null;
  const nodes = new Set<Text>();
  const walker = copy.createTreeWalker(content, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const live = pairs.get(n as Text);
    if (live?.isConnected && !inAd(live)) nodes.add(live);
  }
  if (![...nodes].some((t) => /\S/.test(t.data))) return null;
  return { nodes, title: parsed?.title ?? undefined, date: /^\d{4}-\d{2}-\d{2}/.exec(parsed?.publishedTime ?? '')?.[0] };
}

/**
 * Other <article> elements after the main one that carry a story of their own (infinite scroll
 * appends the next article this way): read them too, in order.
 */
function furtherArticles(doc: Document, main: Element): Element[] {
  const out: Element[] = [];
  for (const el of doc.querySelectorAll('article')) {
    if (el.contains(main) || main.contains(el) || out.some((o) => o.contains(el))) continue;
    if (!(main.compareDocumentPosition(el) & 4 /* FOLLOWING */)) continue;
    if (paragraphChars(el) >= FURTHER_ARTICLE_MIN_CHARS) out.push(el);
  }
  return out;
}

/** Readability's readerable check, with the settings Backstory uses. */
export const READERABLE_OPTIONS = { minContentLength: 120, minScore: 20 };
/** A candidate with this much text passes the readerable check's bar on its own: sqrt(1,000 - 120) > 20. */
const READERABLE_TEXT_CAP = 1_000;

/**
 * Readability's `isProbablyReaderable`, with the same answer, reading at most about
 * READERABLE_TEXT_CAP characters of each candidate. The library reads the whole `textContent` of
 * each `<article>`, `<p>` and `<pre>` in turn until the page has scored, and an `<article>` holding
 * a 100,000-word page cost 23-29 ms on the page's thread. It is given a view of the document whose
 * elements read their text only as far as the bar needs: below the cap, the whole text (the same
 * score); past it, a candidate that passes the bar in both.
 */
export function probablyReaderable(doc: Document): boolean {
  return readerableOver(doc, (selectors) => doc.querySelectorAll(selectors));
}

/**
 * `isProbablyReaderable` over the candidates `query` gives for its selectors, each seen through a
 * view that reads its text only as far as the bar needs.
 */
function readerableOver(doc: Document, query: (selectors: string) => Iterable<Node>): boolean {
  const views = new Map<Node, Node>();
  const view = (node: Node): Node => {
    let v = views.get(node);
    if (!v)
      views.set(
        node,
        (v = new Proxy(node, {
          get(target, prop) {
            if (prop === 'textContent') return textUpTo(target, READERABLE_TEXT_CAP);
            if (prop === 'parentNode') return target.parentNode && view(target.parentNode);
            const value: unknown = Reflect.get(target, prop, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        })),
      );
    return v;
  };
  const docView = { querySelectorAll: (selectors: string) => Array.from(query(selectors), view) };
  return isProbablyReaderable(docView as unknown as Document, READERABLE_OPTIONS);
}

/** `node.textContent`, or its start once that holds `cap` characters after trimming. */
function textUpTo(node: Node, cap: number): string {
  const walker = (node.ownerDocument ?? (node as Document)).createTreeWalker(node, SHOW_TEXT);
  let text = '';
  // Where the trimmed text starts and ends, kept as the text grows (trimming the whole text at
  // every node made a run of white space quadratic); no more than READERABLE_SCAN_CHARS are read.
  let first = -1;
  let last = -1;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const data = (t as Text).data;
    const at = text.length;
    text += data;
    const lead = data.search(/\S/);
    if (lead >= 0) {
      if (first < 0) first = at + lead;
      let end = data.length;
      while (end > lead && /\s/.test(data[end - 1]!)) end--;
      last = at + end;
    }
    if ((first >= 0 && last - first >= cap) || text.length >= READERABLE_SCAN_CHARS) return text;
  }
  return text;
}

/** The page says it is an article: its Open Graph type, its schema.org type, or its markup. */
function declaresArticle(doc: Document): boolean {
  if (/^article$/i.test(doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim() ?? '')) return true;
  if (doc.querySelector('article, [itemprop="articleBody"], [itemtype*="Article"]')) return true;
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]'))
    if (/"@type"\s*:\s*(?:\[[^\]]*)?"(?:\w*NewsArticle|Article|BlogPosting|ReportageNewsArticle|OpinionNewsArticle)"/.test(s.textContent ?? '')) return true;
  return false;
}

/**
 * The readerable check for a story whose paragraphs are <div>s (`<div class="para">`), which
 * `isProbablyReaderable` does not count: the same check, hidden and unlikely candidates ("comment",
 * "banner", "sidebar") left out as it leaves them, over the <div>s that hold no block of their own.
 */
function divParagraphsReaderable(doc: Document): boolean {
  const paragraphs: Element[] = [];
  let seen = 0;
  for (const div of doc.body.getElementsByTagName('div')) {
    if (++seen > READABILITY_MAX_ELEMENTS) return false;
    if (!Array.prototype.some.call(div.children, (c: Element) => BLOCK_TAGS.has(c.tagName))) paragraphs.push(div);
  }
  return readerableOver(doc, (selectors) => (selectors === 'p, pre, article' ? paragraphs : []));
}

/**
 * Whether Readability should read the page: its check passes, or the page says it is an article
 * and its paragraphs are <div>s (Readability itself reads those as paragraphs).
 */
function readerable(doc: Document): boolean {
  return probablyReaderable(doc) || (declaresArticle(doc) && divParagraphsReaderable(doc));
}

/** Where the article is, or null when the page is not an article. */
export function locateArticle(doc: Document): ArticleLocation | null {
  if (!doc.body) return null;
  const location = locateArticleBody(doc);
  if (!location) return null;
  const opinionSection = opinionSectionOf(doc);
  return opinionSection ? { ...location, opinionSection } : location;
}

/** The section a page files under opinion, as its metadata or its address says: an article's `article:section`, schema.org's `OpinionNewsArticle` or `articleSection`, a path under /opinion/. */
const OPINION_SECTION = /^(?:opinions?|commentary|comment|editorials?|op-?eds?|columns?|columnists?|viewpoints?|perspectives?)\b/i;
const OPINION_PATH = /\/(opinions?|commentary|editorials?|op-?eds?|columnists?)\//i;

/** The label of the opinion section a page files its article under, or undefined for any other (news, "World"). */
export function opinionSectionOf(doc: Document): string | undefined {
  const label = (s: string | null | undefined) => {
    // "Opinion | Columns", "Opinion > Editorials": the first part names the section.
    const first = (s ?? '').split(/[|>/·•,]/)[0]!.trim();
    return OPINION_SECTION.test(first) ? first.slice(0, 40) : undefined;
  };
  const section = label(doc.querySelector('meta[property="article:section"], meta[name="article:section"]')?.getAttribute('content'));
  if (section) return section;
  if (/^true$/i.test(doc.querySelector('meta[property="article:opinion"]')?.getAttribute('content')?.trim() ?? '')) return 'Opinion';
  // The page's own article in its structured data: a top-level object or one of its @graph, not
  // the related stories a list there names.
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    for (const item of topLevelItems(s.textContent ?? '')) {
      const types = ([] as unknown[]).concat(item['@type'] ?? []);
      if (types.includes('OpinionNewsArticle')) return 'Opinion';
      if (!types.some((t) => typeof t === 'string' && /Article|BlogPosting/.test(t))) continue;
      const section = ([] as unknown[]).concat(item['articleSection'] ?? [])[0];
      const articleSection = typeof section === 'string' ? label(section) : undefined;
      if (articleSection) return articleSection;
    }
  }
  const path = OPINION_PATH.exec(doc.location?.pathname ?? '')?.[1];
  return path ? path[0]!.toUpperCase() + path.slice(1).toLowerCase() : undefined;
}

/** The objects a JSON-LD script holds at its top: itself, the items of an array, or of its @graph; none when it does not parse. */
function topLevelItems(json: string): Array<Record<string, unknown>> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  const items = Array.isArray(data) ? data : [data];
  const graph = items.flatMap((i) => (i && typeof i === 'object' && Array.isArray((i as Record<string, unknown>)['@graph']) ? ((i as Record<string, unknown>)['@graph'] as unknown[]) : []));
  return [...items, ...graph].filter((i): i is Record<string, unknown> => !!i && typeof i === 'object' && !Array.isArray(i));
}

/** Where the article's body is, or null when the page is not an article. */
function locateArticleBody(doc: Document): ArticleLocation | null {
  if (!readerable(doc)) {
    const shadowHost = shadowArticle(doc);
    return shadowHost ? { root: shadowHost, textNodes: null, date: findArticleDate(doc) } : null;
  }
  let body: ReturnType<typeof readabilityBody> = null;
  try {
    body = readabilityBody(doc);
  } catch {
    body = null; // Readability failed on this page: fall back to the page's own structure.
  }
  if (body) {
    // Keep the headline: Readability drops the <h1> it reports as the title.
    const root = commonAncestor(body.nodes);
    if (root) {
      const heading = findHeadline(doc, body.title, body.nodes);
      const withHeading = heading ? (commonAncestor([...body.nodes, ...textNodesOf(heading)]) ?? root) : root;
      if (heading) for (const t of textNodesOf(heading)) body.nodes.add(t);
      // ... and the dek under it, where Readability left it out with a header outside the <article> (reader review 21).
      const dek = heading ? dekAfter(heading, body.nodes) : null;
      if (dek) for (const t of textNodesOf(dek)) body.nodes.add(t);
      const more = furtherArticles(doc, withHeading);
      for (const el of more) for (const t of textNodesOf(el)) body.nodes.add(t);
      const column = articleColumn(withHeading, body.nodes);
      return { root: withHeading, ...(column ? { column } : {}), ...(more.length ? { more } : {}), textNodes: body.nodes, title: body.title, date: findArticleDate(doc) ?? body.date };
    }
  }
  const root = heuristicRoot(doc) ?? doc.body;
  return { root, textNodes: null, date: findArticleDate(doc) };
}

/** A byline's or a date line's class, never a dek's. */
const BYLINE_CLASS = /\b(?:byline|meta|date|author|credit|kicker|timestamp)\b/i;
/** A dek's class: "dek", "standfirst", "subtitle", "summary" ... */
const DEK_CLASS = /\b(?:dek|deck|standfirst|sub-?title|sub-?head(?:line)?|summary|strapline|lede|intro)\b/i;

/**
 * The dek right under the headline (a <p> or an element whose class says so, among the next two
 * siblings), where none of its text is in the body yet; null where there is none.
 */
function dekAfter(heading: Element, body: ReadonlySet<Text>): Element | null {
  let el = heading.nextElementSibling;
  for (let k = 0; el && k < 2; k++, el = el.nextElementSibling) {
    if (!(el.tagName === 'P' || DEK_CLASS.test(el.getAttribute('class') ?? '')) || BYLINE_CLASS.test(el.getAttribute('class') ?? '')) continue;
    const nodes = textNodesOf(el);
    const text = nodes.map((t) => t.data).join('').trim();
    if (/^By\s/.test(text)) continue;
    if (text.length < HEADLINE_BEFORE_TEXT_CHARS || nodes.some((t) => body.has(t))) return null;
    return el;
  }
  return null;
}

/** A text of the body this long is past the headline: shorter ones (a kicker, a section label) may stand above it. */
const HEADLINE_BEFORE_TEXT_CHARS = 40;

/** The page's own markers of its article's container. */
const COLUMN_SELECTOR = 'article, main, [role="main"], [itemprop="articleBody"]';
/** The share of the body's text the article's own container must hold to stand for its column. */
const COLUMN_MIN_SHARE = 0.85;

/**
 * The innermost article container under `root` (the page's own markup: <article>, <main>) that
 * holds at least COLUMN_MIN_SHARE of the body's text; null when none does. A root that is such a
 * container itself may hold a narrower one: a <main> laid out as a grid of the <article> and a sidebar.
 */
function articleColumn(root: Element, nodes: ReadonlySet<Text>): Element | null {
  const candidates = [...root.querySelectorAll(COLUMN_SELECTOR)];
  if (!candidates.length) return null;
  let total = 0;
  const held = new Map<Element, number>(candidates.map((c) => [c, 0]));
  for (const t of nodes) {
    const n = t.data.trim().length;
    total += n;
    for (let el = t.parentElement; el && el !== root; el = el.parentElement) if (held.has(el)) held.set(el, held.get(el)! + n);
  }
  let best: Element | null = null;
  for (const c of candidates) if (held.get(c)! >= total * COLUMN_MIN_SHARE && (!best || best.contains(c))) best = c;
  return best;
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The article's headline: an <h1> before the body whose text is the title Readability found, or
 * begins or is contained in the page's <title> or og:title ("Headline – Blog name", whatever the
 * separator). The best match wins (same text, then start, then anywhere); between equals, the
 * last before the body.
 */
function findHeadline(doc: Document, title: string | undefined, body: ReadonlySet<Text>): Element | null {
  // The body's first sentence-long text: a kicker above the headline ("Premier League") may come first.
  let first: Text | undefined;
  for (const t of body) if (t.data.trim().length >= HEADLINE_BEFORE_TEXT_CHARS) {
    first = t;
    break;
  }
  if (!first) return null;
  const titles = [title, doc.title, doc.querySelector('meta[property="og:title"]')?.getAttribute('content')].map(squash).filter((t) => t.length > 0);
  let best: Element | null = null;
  let bestRank = 0;
  for (const h1 of doc.querySelectorAll('h1, [role="heading"][aria-level="1"]')) {
    // Only a heading that comes before the body (DOCUMENT_POSITION_FOLLOWING: the body follows it).
    if (!(h1.compareDocumentPosition(first) & 4)) continue;
    const text = squash(h1.textContent);
    if (text.length < 8) continue;
    const rank = Math.max(0, ...titles.map((t) => (t === text ? 3 : t.startsWith(text) ? 2 : t.includes(text) ? 1 : 0)));
    if (rank > 0 && rank >= bestRank) [best, bestRank] = [h1, rank];
  }
  return best;
}

/**
 * Advertising that Readability may keep inside the article's container (AMP's ad components
 * and the slots of the usual ad networks): never part of the body.
 */
const AD_SELECTOR = [
  'amp-ad',
  'amp-embed',
  'amp-sticky-ad',
  'amp-auto-ads',
  'ins.adsbygoogle',
  '.adsbygoogle',
  '[id^="div-gpt-ad"]',
  '[data-ad-slot]',
  '[data-google-query-id]',
].join(', ');

function inAd(t: Text): boolean {
  return !!t.parentElement?.closest(AD_SELECTOR);
}

function textNodesOf(el: Element): Text[] {
  const out: Text[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** The article's publication date (YYYY-MM-DD) from the page's metadata, JSON-LD or <time>. */
export function findArticleDate(doc: Document): string | undefined {
  const iso = (s: string | null | undefined) => /^\d{4}-\d{2}-\d{2}/.exec(s?.trim() ?? '')?.[0];
  for (const sel of ['meta[property="article:published_time"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]', 'meta[name="pubdate"]', 'meta[property="og:published_time"]']) {
    const d = iso(doc.querySelector(sel)?.getAttribute('content'));
    if (d) return d;
  }
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(s.textContent ?? '');
    const d = iso(m?.[1]);
    if (d) return d;
  }
  const stamped = iso(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
  if (stamped) return stamped;
  // A <time> that only writes its date out ("6 June 2024, updated 15:20 CET").
  for (const t of doc.querySelectorAll('time:not([datetime])')) {
    const d = isoDateFromText(t.textContent ?? '');
    if (d) return d;
  }
  return undefined;
}
