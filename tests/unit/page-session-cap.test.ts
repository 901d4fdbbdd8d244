// @vitest-environment happy-dom
/**
 * A page with more text than any article (MAX_ARTICLE_CHARS): the blocks within the limit are
 * analysed, the rest is left unmarked, and the page keeps working. The limit is lowered here so
 * that happy-dom builds the page in a moment; the code path is the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PageSession } from '../../adapters/page-session';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { MAX_ARTICLE_CHARS } from '../../core/constants';
import { analysedPart } from '../../core/text/chunks';
import type { Block } from '../../core/types';

vi.mock('../../core/constants', async (original) => ({ ...(await original<typeof import('../../core/constants')>()), MAX_ARTICLE_CHARS: 60_000 }));

const root = join(import.meta.dirname, '..', '..');
const paragraphs = readFileSync(join(root, 'tests', 'fixtures', 'article.txt'), 'utf8').split('\n\n').slice(1);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

describe('a page with more text than any article', () => {
  it('analyses the blocks within the limit, or a longer first block cut at white space (or at the limit, keeping surrogate pairs)', () => {
    const blocks: Block[] = [
      { start: 0, end: 40, kind: 'paragraph' },
      { start: 42, end: 90, kind: 'paragraph' },
      { start: 92, end: 150, kind: 'paragraph' },
    ];
    const text = 'x'.repeat(150);
    expect(analysedPart(text, blocks, 150)).toEqual({ text, blocks });
    expect(analysedPart(text, blocks, 100)).toEqual({ text: text.slice(0, 90), blocks: blocks.slice(0, 2) });
    expect(analysedPart(text, blocks, 30)).toEqual({ text: text.slice(0, 30), blocks: [{ start: 0, end: 30, kind: 'paragraph' }] });
    const words = 'Blinken met Wang Yi in Munich';
    expect(analysedPart(words, [{ start: 0, end: words.length, kind: 'paragraph' }], 17).text).toBe('Blinken met Wang');
    const emoji = '😀'.repeat(20);
    expect(analysedPart(emoji, [], 15).text).toBe('😀'.repeat(7));
  });

  it('sends the background only that part, ending where a paragraph does', async () => {
    expect(MAX_ARTICLE_CHARS).toBe(60_000);
    const html = paragraphs.map((p) => `<p>${escape(p)}</p>`).join('');
    document.head.innerHTML = '<title>News</title>';
    document.body.innerHTML = `<main><article>${html.repeat(Math.ceil((MAX_ARTICLE_CHARS * 1.5) / html.length))}</article></main>`;
    expect(document.body.textContent!.length).toBeGreaterThan(MAX_ARTICLE_CHARS * 1.2);
    const requests: string[] = [];
    // The background never answers: this test is about what it is asked.
    const session = new PageSession(document, structuredClone(DEFAULT_SETTINGS), {
      css: '',
      detect: (text) => {
        requests.push(text);
        return new Promise(() => undefined);
      },
      entry: async () => null,
      saveSettings: async () => undefined,
    });
    void session.start();
    for (let i = 0; i < 400 && requests.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(requests).toHaveLength(2);
    const whole = requests[1];
    expect(whole.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(whole.length).toBeGreaterThan(MAX_ARTICLE_CHARS - Math.max(...paragraphs.map((p) => p.length)) - 2);
    expect(paragraphs.some((p) => whole.endsWith(p.trim()))).toBe(true);
    expect(requests[0].length).toBeLessThan(whole.length);
    session.destroy();
  });
});
