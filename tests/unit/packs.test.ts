import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyCorrections, matchPack } from '../../core/articles/packs';
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

  it('fingerprints as FNV-1a of each six-word shingle joined by spaces, the way shipped packs were made (500 texts)', () => {
    const reference = (text: string): number[] => {
      const w = foldText(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const out = new Set<number>();
      for (let i = 0; i + 6 <= w.length; i++) {
        const s = w.slice(i, i + 6).join(' ');
        let h = 0x811c9dc5;
        for (let c = 0; c < s.length; c++) h = Math.imul(h ^ s.charCodeAt(c), 0x01000193);
        if ((h >>> 0) % 4 === 0) out.add(h >>> 0);
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
