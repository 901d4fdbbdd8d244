/**
 * The detector's candidate rules (core/detect/candidates.ts) and its one-pass substring search
 * (core/text/substrings.ts) are speed-ups only: they must give exactly what the plain loops gave.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../core/kb/index';
import { matchAt } from '../../core/detect/mentions';
import { candidateRules, TRIE_MIN_RULES } from '../../core/detect/candidates';
import { presentSubstrings } from '../../core/text/substrings';
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

describe('presentSubstrings', () => {
  it('finds exactly the needles that String.includes finds', () => {
    const unit = fc.constantFrom('a', 'b', 'ab', 'é', '\ud83d\ude00', ' ', 'war', 'w');
    const str = (n: number) => fc.array(unit, { maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(str(40), fc.array(str(4), { maxLength: 15 }), (hay, needles) => {
        expect(presentSubstrings(hay, needles)).toEqual(new Set(needles.filter((n) => hay.includes(n))));
      }),
      { numRuns: 500 },
    );
  });
});
