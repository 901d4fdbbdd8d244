import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frontCoded, frontDecoded, wordTable } from '../../core/classify/word-table';
import { strength } from '../../core/classify/strength';
import { valence } from '../../core/classify/valence';

/** A sorted list as the generator writes it: each word front-coded after the one before, wrapped into lines. */
const encode = (words: readonly string[]): string => words.map((w, i) => frontCoded(w, i ? words[i - 1]! : '')).join(' ').replace(/(\S+ \S+ \S+) /g, '$1\n');

describe('word tables (front-coded)', () => {
  it('decodes what the generator encodes: any sorted list of words, prefixes and long shared stems included', () => {
    const word = fc.stringMatching(/^[a-z][a-z'-]{0,14}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 60 }), (list) => {
        const sorted = [...list].sort();
        expect(frontDecoded(encode(sorted))).toEqual(sorted);
      }),
      { numRuns: 300 },
    );
    expect(encode(['abandon', 'abandoned', 'abandons', 'abc', 'b'])).toBe('abandon 7ed 7s\n2c b');
    expect(frontDecoded('cocksucker 9rs')).toEqual(['cocksucker', 'cocksuckers']);
  });

  it('reads each score’s words, and the shipped tables hold whole words', () => {
    expect([...wordTable({ '-2': 'bad 3ly', '3': '\ngood 4ness\n' })()].sort()).toEqual([
      ['bad', -2],
      ['badly', -2],
      ['good', 3],
      ['goodness', 3],
    ]);
    expect(valence().get('abandoned')).toBe(-2);
    expect(strength().get('outrageous')).toBeGreaterThanOrEqual(2);
    // No code left undecoded: every word starts with a letter (AFINN's "gr8" and "naïve" are words).
    for (const table of [valence(), strength()]) expect([...table.keys()].filter((w) => !/^\p{Ll}\S*$/u.test(w))).toEqual([]);
  });
});
