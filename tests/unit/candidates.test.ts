/**
 * The detector's candidate rules (core/detect/candidates.ts) and its one-pass substring search
 * (core/text/substrings.ts) and its hand-written word loop (core/text/chars.ts) are speed-ups only: they must give exactly what the plain loops gave.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../core/kb/index';
import { matchAt } from '../../core/detect/mentions';
import { candidateRules, TRIE_MIN_RULES } from '../../core/detect/candidates';
import { substringMatcher } from '../../core/text/substrings';
import { isSpaceAt, wordEnd } from '../../core/text/chars';
import { capitalisedMatches } from '../../core/detect/unknown-names';
import type { KbEntry } from '../../core/kb/schema';

const src = { title: 'Test source', url: 'https://example.org/' };
function entry(i: number, name: string, aliases: string[], shortForms: string[]): KbEntry {
  return { id: `place/e${i}`, type: 'place', name, aliases, shortForms, description: 'x', background: 'A test entry for the candidate rules.', source: src, asOf: '2025-01-31' };
}

// Few distinct words, so that many aliases share first words and texts hit them often.
const WORDS = ['United', 'united', 'States', 'U.S.', 'U.S', 'Republic', 'republic', 'of', 'Korea', 'war', 'War', 'Ukraine’s', "Ukraine's", 'Ukraine', '2024', 'non-lethal', 'aid', 'İstanbul', 'Ο', 'o'];
const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\n\n', '\u00a0', ', ', '. ', "'s ", '-', '', '\t'];
const alias = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const text = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('candidateRules', () => {
  it('holds every rule that matches, in the list order, for long lists', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(alias, fc.array(alias, { maxLength: 3 }), fc.array(alias, { maxLength: 2 })), { minLength: 1, maxLength: 60 }), text, (entries, t) => {
        const index = buildIndex(entries.map(([name, aliases, shorts], i) => entry(i, name, aliases, shorts)));
        const wordRun = /[\p{L}\p{N}\p{M}]+/gu;
        for (let m = wordRun.exec(t); m; m = wordRun.exec(t)) {
          const rules = index.byFirstWord.get(m[0]);
          if (!rules) continue;
          // Through the trie whatever the list's length (0), and as the detector calls it.
          const cands = candidateRules(t, m.index, rules, 0);
          const matching = rules.filter((r) => matchAt(t, m!.index, r) >= 0);
          for (const r of matching) expect(cands).toContain(r);
          // Same order as the list.
          const order = cands.map((r) => rules.indexOf(r));
          expect(order).toEqual([...order].sort((a, b) => a - b));
          expect(new Set(order).size).toBe(order.length);
          if (rules.length <= TRIE_MIN_RULES) expect(candidateRules(t, m.index, rules)).toBe(rules);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('substringMatcher, built for one text', () => {
  it('finds exactly the needles that String.includes finds', () => {
    const unit = fc.constantFrom('a', 'b', 'ab', 'é', '\ud83d\ude00', ' ', 'war', 'w');
    const str = (n: number) => fc.array(unit, { maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(str(40), fc.array(str(4), { maxLength: 15 }), (hay, needles) => {
        expect(substringMatcher(needles).present(hay)).toEqual(new Set(needles.filter((n) => hay.includes(n))));
      }),
      { numRuns: 500 },
    );
  });
});

describe('substringMatcher', () => {
  it('kept for many texts, answers each as String.includes does (the ASCII root table and the rest)', () => {
    const unit = fc.constantFrom('a', 'b', 'ab', 'é', 'É', '\ud83d\ude00', ' ', 'war', 'w', '\u0100a');
    const str = (n: number) => fc.array(unit, { maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(str(4), { maxLength: 15 }), fc.array(str(30), { minLength: 1, maxLength: 4 }), (needles, hays) => {
        const matcher = substringMatcher(needles);
        for (const hay of hays) expect(matcher.present(hay)).toEqual(new Set(needles.filter((n) => hay.includes(n))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('substringMatcher, many needles', () => {
  it('answers as String.includes does past the table of its shallowest nodes (a deeper node steps through its edges and failures)', () => {
    // 1,500 needles of 6 to 12 units over a small alphabet: a trie of several thousand nodes, more
    // than the table holds, whose deep nodes fail to each other often.
    const unit = fc.constantFrom('a', 'b', 'c', 'ab', 'ba', 'é');
    const str = (min: number, max: number) => fc.array(unit, { minLength: min, maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(str(6, 12), { minLength: 1_500, maxLength: 1_500 }), fc.array(str(50, 400), { minLength: 1, maxLength: 3 }), (needles, hays) => {
        const matcher = substringMatcher(needles);
        for (const hay of hays) expect(matcher.present(hay)).toEqual(new Set(needles.filter((n) => hay.includes(n))));
      }),
      { numRuns: 15 },
    );
  });
});

describe('substringMatcher with a word rule', () => {
  it('counts a needle only where it starts a word, and a short one only as a whole word', () => {
    const unit = fc.constantFrom('a', 'b', 'ab', 'é', 'É', '\ud83d\ude00', ' ', '-', 'war', 'w', '\u0100a');
    const str = (n: number) => fc.array(unit, { maxLength: n }).map((a) => a.join(''));
    const word = /[\p{L}\p{N}\p{M}]/u;
    const isWord = (ch: string | undefined) => ch !== undefined && word.test(ch);
    // The plain definition: some occurrence with a non-word unit (or nothing) before it, and, for a
    // needle of up to `upTo` units, after it.
    const reference = (hay: string, needle: string, upTo: number) => {
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
        if (isWord(hay[at - 1])) continue;
        if (needle.length <= upTo && isWord(hay[at + needle.length])) continue;
        return true;
      }
      return false;
    };
    fc.assert(
      fc.property(fc.array(str(4), { maxLength: 15 }), fc.array(str(30), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 4 }), (needles, hays, upTo) => {
        const matcher = substringMatcher(needles, { wordStart: true, wholeWordUpTo: upTo });
        for (const hay of hays)
          expect(matcher.present(hay)).toEqual(new Set(needles.filter((n) => n !== '' && reference(hay, n, upTo)).concat(needles.includes('') ? [''] : [])));
      }),
      { numRuns: 300 },
    );
    const m = substringMatcher(['ai', 'eu', 'vaccine', 'who'], { wordStart: true, wholeWordUpTo: 3 });
    expect(m.present('he said the europe-wide vaccines plan, who knows')).toEqual(new Set(['vaccine', 'who']));
  });
});

describe('wordEnd', () => {
  it('reads the same words as /[\\p{L}\\p{N}\\p{M}]+/gu, with and without marks', () => {
    const unit = fc.constantFrom('a', 'Z', '0', '9', ' ', '-', "'", 'é', 'e\u0301', '\u0301', 'İ', '\ud835\udc00', '\ud83d\ude00', '\ud835', '\udc00', '_', '@', '[', '`', '{', '\u00a0', '٣', '中');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }).map((a) => a.join('')), (t) => {
        for (const [marks, re] of [
          [true, /[\p{L}\p{N}\p{M}]+/gu],
          [false, /[\p{L}\p{N}]+/gu],
        ] as const) {
          const words: string[] = [];
          for (let i = 0; i < t.length; ) {
            const end = wordEnd(t, i, marks);
            if (end > i) words.push(t.slice(i, end));
            i = end > i ? end : i + 1;
          }
          expect(words).toEqual(t.match(re) ?? []);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('capitalisedMatches', () => {
  it('gives the matches a global search gives, in order', () => {
    const unit = fc.constantFrom('a', 'Ab', 'NATO', ' ', '\n', '\n\n', '.', "'s", 'É', 'é', 'İ', '\ud835\udc00', '\ud83d\ude00', '\ud835', '\udc00', 'de', 'of', '-', '中');
    const patterns = [/\p{Lu}[\p{L}\p{M}'-]+/u, /(?:[\p{Lu}][\p{L}\p{M}'.-]*[\p{L}\p{M}]|[\p{Lu}]\.)(?:\s+(?:of\s+)?(?:[\p{Lu}][\p{L}\p{M}'.-]*[\p{L}\p{M}]|[\p{Lu}]\.)){0,4}/u];
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }).map((a) => a.join('')), (t) => {
        for (const p of patterns) {
          const got = [...capitalisedMatches(t, new RegExp(p.source, 'uy'))].map((m) => [m.index, m[0]]);
          expect(got).toEqual([...t.matchAll(new RegExp(p.source, 'gu'))].map((m) => [m.index, m[0]]));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isSpaceAt', () => {
  it('agrees with /\\s/ on every UTF-16 unit, and is false past the end', () => {
    const differ: number[] = [];
    for (let c = 0; c < 65536; c++) if (isSpaceAt(String.fromCharCode(c), 0) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
    expect(isSpaceAt(' ', 1)).toBe(false);
  });
});
