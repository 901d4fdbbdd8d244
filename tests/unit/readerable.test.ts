// @vitest-environment happy-dom
/**
 * `probablyReaderable` reads at most about 1,000 characters of each candidate where Readability's
 * `isProbablyReaderable` reads each one's whole text: on random documents (paragraphs, articles,
 * `<pre>`, `<br>`-separated div text, list paragraphs, hidden and unlikely candidates, texts from
 * empty to many thousands of characters with white space at both ends) the two must always agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isProbablyReaderable } from '@mozilla/readability';
import { READERABLE_OPTIONS, probablyReaderable } from '../../adapters/article';
import { fuzzParams } from './fuzz-arbitraries';

interface Block {
  tag: 'p' | 'pre' | 'article' | 'div-br' | 'li-p' | 'section';
  attr: string;
  texts: string[];
  kids: Block[];
}

const ATTRS = ['', '', '', '', 'class="comment"', 'class="sidebar content"', 'id="footer"', 'hidden', 'aria-hidden="true"', 'style="display:none"', 'class="article-body"'];
const text = fc.oneof(
  fc.constantFrom('', ' ', '\n   ', 'Short line.'),
  fc.tuple(fc.constantFrom('', '  ', '\n\n\t'), fc.integer({ min: 1, max: 4_000 }), fc.constantFrom('', ' ', '\n  \n')).map(([a, n, b]) => `${a}${'word '.repeat(Math.ceil(n / 5)).slice(0, n)}${b}`),
);
const blockWith = (kids: fc.Arbitrary<Block[]>): fc.Arbitrary<Block> =>
  fc.record({ tag: fc.constantFrom('p', 'pre', 'article', 'div-br', 'li-p', 'section'), attr: fc.constantFrom(...ATTRS), texts: fc.array(text, { maxLength: 3 }), kids }) as fc.Arbitrary<Block>;
// Three levels deep: an article of sections of paragraphs.
const block = blockWith(fc.array(blockWith(fc.array(blockWith(fc.constant([])), { maxLength: 3 })), { maxLength: 3 }));

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
function html(b: Block): string {
  const inner = b.texts.map(escape).join(b.tag === 'div-br' ? '<br>' : '') + b.kids.map(html).join('');
  switch (b.tag) {
    case 'div-br':
      return `<div ${b.attr}>${inner}<br></div>`;
    case 'li-p':
      return `<ul><li ${b.attr}><p>${inner}</p></li></ul>`;
    default:
      return `<${b.tag} ${b.attr}>${inner}</${b.tag}>`;
  }
}

describe('the readerable check, reading only as far as it needs', () => {
  it('answers as Readability’s isProbablyReaderable does, on random documents', () => {
    let readerable = 0;
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), (blocks) => {
        document.body.innerHTML = blocks.map(html).join('');
        const expected = isProbablyReaderable(document, READERABLE_OPTIONS);
        if (expected) readerable++;
        expect(probablyReaderable(document)).toBe(expected);
      }),
      fuzzParams(400),
    );
    // Both answers were met.
    expect(readerable).toBeGreaterThan(20);
    expect(readerable).toBeLessThan(380);
  });

  it.each([
    ['an <article>', `<article>${'<p>A paragraph of the article, long enough to count on its own for the check.</p>'.repeat(5_000)}</article>`],
    ['a <div> of <br>-separated lines', `<div>${'A line of the article, long enough to count on its own for the check.<br>'.repeat(5_000)}</div>`],
  ])('reads no more than it needs of a long article in %s', (_, body) => {
    document.body.innerHTML = body;
    expect(document.body.textContent!.length).toBeGreaterThan(300_000);
    // Count what is read: text nodes walked, and the text of any element read whole.
    let walked = 0;
    let readWhole = 0;
    let owner: object | null = document.body;
    while (owner && !Object.getOwnPropertyDescriptor(owner, 'textContent')) owner = Object.getPrototypeOf(owner) as object | null;
    const textContent = Object.getOwnPropertyDescriptor(owner!, 'textContent')!;
    Object.defineProperty(owner!, 'textContent', {
      ...textContent,
      get(this: Node) {
        const t = textContent.get!.call(this) as string;
        if (t.length > 10_000) readWhole++;
        return t;
      },
    });
    const walker = document.createTreeWalker.bind(document);
    document.createTreeWalker = ((root: Node, what?: number) => {
      const w = walker(root, what);
      const next = w.nextNode.bind(w);
      w.nextNode = () => {
        const n = next();
        if (n) walked++;
        return n;
      };
      return w;
    }) as typeof document.createTreeWalker;
    try {
      expect(probablyReaderable(document)).toBe(true);
    } finally {
      document.createTreeWalker = walker;
      Object.defineProperty(owner!, 'textContent', textContent);
    }
    expect(readWhole).toBe(0);
    expect(walked).toBeLessThan(20);
  });
});
