import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { locateArticle } from '../../adapters/article';
import { buildTextMap } from '../../adapters/text-map';

const article = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'article.txt'), 'utf8');
const paragraphs = (text: string) =>
  text
    .split('\n\n')
    .slice(1)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');
const second =
  'Dockworkers in Hamburg walked out on Tuesday over pay. The union said the strike would last two days. Shipping lines diverted several vessels to Rotterdam and Antwerp while the talks went on. '.repeat(
    4,
  );

function page(): Document {
  const window = new Window({ url: 'https://news.example/' });
  const doc = window.document as unknown as Document;
  doc.write(`<!doctype html><html><head><title>News</title></head><body><header><nav><a href="/">Home</a></nav></header>
    <main><article id="first"><h1>Is China Partnering Up With Russia in Ukraine?</h1>${paragraphs(article)}</article></main>
    <aside><a href="/x">Related</a></aside></body></html>`);
  return doc;
}

describe('a next article added by infinite scroll', () => {
  it('is read after the first, in order, and nothing else is', () => {
    const doc = page();
    const before = locateArticle(doc)!;
    expect(before.more).toBeUndefined();
    // The page appends the next story, as infinite scroll does.
    const next = doc.createElement('article');
    next.id = 'second';
    next.innerHTML = `<h1>Hamburg dockworkers strike</h1><p>${second}</p><p>${second}</p>`;
    doc.querySelector('main')!.appendChild(next);
    const after = locateArticle(doc)!;
    expect(after.more?.map((e) => e.id)).toEqual(['second']);
    const map = buildTextMap([after.root, ...after.more!], after.textNodes);
    expect(map.text).toContain('Munich Security Conference');
    expect(map.text).toContain('Dockworkers in Hamburg walked out');
    expect(map.text.indexOf('Munich Security Conference')).toBeLessThan(map.text.indexOf('Dockworkers in Hamburg'));
    expect(map.text).not.toContain('Related');
  });
});
