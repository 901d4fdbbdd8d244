import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyCorrections, keyStartsWith, matchPack } from '../../core/articles/packs';
import { fingerprint } from '../../core/articles/fingerprint';
import { foldText } from '../../core/text/chars';
import { loadPacks } from '../../scripts/lib/kb-files';
import type { Passage } from '../../core/types';

const root = join(import.meta.dirname, '..', '..');
const article = readFileSync(join(root, 'tests', 'fixtures', 'article.txt'), 'utf8');
const packs = loadPacks(join(root, 'data', 'articles'));

describe('known-article packs', () => {
  it('recognise the sample article as it is', () => {
    expect(matchPack(article, packs)?.publisher).toBe('StatesmanPost');
  });

  it('recognise a republished copy: straight quotes, another headline, an intro, paragraphs split by ads', () => {
    const paragraphs = article.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').split('\n\n').slice(1);
    const withAds = paragraphs.flatMap((p, i) => (i % 3 === 2 ? [p.slice(0, p.length >> 1), 'ADVERTISEMENT Subscribe now', p.slice(p.length >> 1)] : [p]));
    const copy = ['US says Beijing is helping Moscow', 'Editor’s note: we republish this piece from a partner site.', ...withAds, 'Share this story.'].join('\n\n');
    expect(matchPack(copy, packs)?.id).toBe('china-russia-ukraine-2023');
  });

  it('does not match another article, or a short quote from this one', () => {
    expect(matchPack('The G20 summit in New Delhi ended with a joint declaration on Ukraine and climate finance.', packs)).toBeNull();
    expect(matchPack(article.split('\n\n').slice(4, 6).join('\n\n'), packs)).toBeNull();
    expect(matchPack('', packs)).toBeNull();
  });

  it('apply curated labels to the passages they name', () => {
    const passages: Passage[] = [{ text: 'The fact they now are providing…', start: 0, end: 30, label: 'reported', source: 'Russia', cues: ['shows'] }];
    const pack = { corrections: [{ startsWith: 'The fact they now', label: 'opinion' as const, why: 'the writer’s own inference' }] };
    expect(applyCorrections(passages, pack)[0]).toMatchObject({ label: 'opinion', source: null });
    expect(applyCorrections(passages, null)).toEqual(passages);
  });

  it('compares a passage with a correction as if both were keyed whole: quotes folded, white space collapsed and trimmed (2,000 cases)', () => {
    const key = (t: string) => foldText(t).replace(/\s+/g, ' ').trim();
    const piece = fc.oneof(
      fc.constantFrom('China', 'Blinken', 'says', '“the', 'line”', 'it’s', 'it\'s', '"the', 'a', '—', 'non‑lethal', 'non-lethal'),
      fc.constantFrom(' ', '  ', '\n', '\u00a0', ' \t ', '\u2009', ''),
    );
    const text = fc.array(piece, { maxLength: 24 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(text, text, fc.nat(30), (t, other, cut) => {
        // A start cut from the text itself (so that many match), and one from another text.
        for (const start of [key(t).slice(0, cut).trim(), key(other)]) expect(keyStartsWith(t, start)).toBe(key(t).startsWith(start));
      }),
      { numRuns: 2000 },
    );
  });

  it('fingerprints each six-word shingle as FNV-1a over its words\' FNV-1a hashes, mixed, the way packs are made (500 texts)', () => {
    const fnv = (values: number[]) => values.reduce((h, v) => Math.imul(h ^ v, 0x01000193), 0x811c9dc5);
    const mix = (h: number) => {
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    const reference = (text: string): number[] => {
      const w = foldText(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const wordHashes = w.map((word) => fnv(Array.from({ length: word.length }, (_, k) => word.charCodeAt(k))));
      const out = new Set<number>();
      for (let i = 0; i + 6 <= w.length; i++) {
        const h = mix(fnv(wordHashes.slice(i, i + 6)));
        if (h % 4 === 0) out.add(h);
      }
      return [...out].sort((a, b) => a - b);
    };
    expect(fingerprint(article)).toEqual(reference(article));
    const word = fc.stringMatching(/^[a-zA-Zé’'0-9]{1,9}$/);
    fc.assert(fc.property(fc.array(word, { maxLength: 40 }), (ws) => {
        expect(fingerprint(ws.join(' '))).toEqual(reference(ws.join(' ')));
      }), { numRuns: 500 });
  });
});
