/** Whether the page carries an article, where its body is, and when it was published. */
import { isProbablyReaderable } from '@mozilla/readability';

const BODY_SELECTORS = ['[itemprop="articleBody"]', 'article', '[role="main"] article', 'main', '[role="main"]', '.article-body', '.post-content', '.entry-content'];

function paragraphText(el: Element): number {
  let n = 0;
  for (const p of el.querySelectorAll('p')) n += (p.textContent ?? '').trim().length;
  return n;
}

/** The element that holds the article's body, or null when the page is not an article. */
export function findArticleRoot(doc: Document): Element | null {
  if (!doc.body || !isProbablyReaderable(doc, { minContentLength: 120, minScore: 20 })) return null;
  let best: Element | null = null;
  let bestScore = 0;
  for (const sel of BODY_SELECTORS) {
    for (const el of doc.querySelectorAll(sel)) {
      const score = paragraphText(el);
      if (score > bestScore * 1.2 || (best && best.contains(el) && score > bestScore * 0.7)) [best, bestScore] = [el, score];
    }
  }
  return best ?? doc.body;
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
  return iso(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
}
