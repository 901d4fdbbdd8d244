import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { charGramWeights, charGrams, scoreCharGrams, type CharGramModel } from '../../core/classify/char-ngrams';
import { scoreSubjectivity, type SubjectivityModel } from '../../core/classify/classify';
import { extractFeatures } from '../../core/classify/features';
import { SUBJECTIVITY_MODEL } from '../../core/classify/subjectivity-model';
import { CHAR_GRAM_CACHED_WORDS } from '../../core/constants';

describe('character n-grams', () => {
  it('pads each word with spaces, lowercases, straightens apostrophes and never crosses words', () => {
    expect([...charGrams('Good', 3, 5)].sort()).toEqual([' go', ' goo', ' good', 'good', 'good ', 'goo', 'od ', 'ood', 'ood '].sort());
    const g = charGrams('They DON’T, ab cd!', 3, 4);
    expect(g.has("n't ")).toBe(true);
    expect(g.has(' ab ')).toBe(true);
    expect(g.has(' ! ')).toBe(true);
    expect([...g].some((x) => x.includes('b c') || x.includes(','))).toBe(false);
    expect(charGrams('', 3, 5).size).toBe(0);
    expect(charGrams('— …', 3, 5).size).toBe(0);
  });

  it('scores the bias plus the weight of each distinct n-gram present', () => {
    const model: CharGramModel = { nmin: 3, nmax: 4, bias: -0.5, share: 0.5, weights: { ' goo': 1, 'bad ': -2 } };
    const sig = (z: number): number => 1 / (1 + Math.exp(-z));
    expect(scoreCharGrams('Nothing here', model)).toBeCloseTo(sig(-0.5), 12);
    expect(scoreCharGrams('Good', model)).toBeCloseTo(sig(0.5), 12);
    expect(scoreCharGrams('good, good, GOOD', model)).toBeCloseTo(sig(0.5), 12);
    expect(scoreCharGrams('bad good', model)).toBeCloseTo(sig(-1.5), 12);
  });

  it("keeps each word's weighed n-grams per model, and scores as the whole text's distinct n-grams do", () => {
    const a: CharGramModel = { nmin: 3, nmax: 4, bias: 0.1, share: 0.5, weights: { ' goo': 1, 'ood ': 0.25, 'bad ': -2, "n't ": 0.5, 'ana': 0.125 } };
    const b: CharGramModel = { ...a, weights: { ' goo': -3 } };
    const reference = (text: string, m: CharGramModel): number => {
      const weights = charGramWeights(m);
      let z = m.bias;
      for (const g of charGrams(text, m.nmin, m.nmax)) z += weights.get(g) ?? 0;
      return 1 / (1 + Math.exp(-z));
    };
    const words = fc.constantFrom('good', 'Good', 'bad', 'don’t', 'goodbad', 'food', 'banana', 'x', ',', '!');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 12 }).map((ws) => ws.join(' ')), (text) => {
        for (const m of [a, b, a]) expect(scoreCharGrams(text, m), text).toBeCloseTo(reference(text, m), 12);
      }),
      { numRuns: 300 },
    );
    // Past the number of words kept, the classifier starts afresh and scores the same.
    for (let i = 0; i <= CHAR_GRAM_CACHED_WORDS; i++) scoreCharGrams(`w${i}`, a);
    expect(scoreCharGrams('good food banana', a)).toBeCloseTo(reference('good food banana', a), 12);
  });

  it("reads the writer's own words: not names, not quotations", () => {
    expect(extractFeatures('Critics called Biden’s plan “a reckless gamble” on Tuesday.', false, false).writer).toEqual([
      'critics',
      'called',
      'plan',
      'on',
    ]);
  });

  it('is averaged with the feature model in the shipped subjectivity model', () => {
    const cg = SUBJECTIVITY_MODEL.charGrams!;
    expect(cg).toBeDefined();
    expect(cg.share).toBeGreaterThan(0);
    expect(cg.share).toBeLessThan(1);
    // The generated model carries its weights as JSON text, read on first use.
    expect(typeof cg.weights).toBe('string');
    const grams = [...charGramWeights(cg).keys()];
    expect(grams.length).toBeGreaterThan(100);
    for (const g of grams) {
      expect(g.length).toBeGreaterThanOrEqual(cg.nmin);
      expect(g.length).toBeLessThanOrEqual(cg.nmax);
      expect(g).toBe(g.toLowerCase());
    }
    const { charGrams: _, ...featuresOnly } = SUBJECTIVITY_MODEL;
    for (const line of ['This is a disastrous, shameful policy, and we must reject it!', 'The ministry reported 1,200 cases in March 2022.']) {
      const both = scoreSubjectivity(line, SUBJECTIVITY_MODEL).p;
      const lr = scoreSubjectivity(line, featuresOnly as SubjectivityModel).p;
      const writer = extractFeatures(line, false, false).writer.join(' ');
      expect(both, line).toBeCloseTo((1 - cg.share) * lr + cg.share * scoreCharGrams(writer, cg), 12);
    }
    // The n-grams lean the right way on plain cases.
    expect(scoreCharGrams('This is a disastrous, shameful policy, and we must reject it!', cg)).toBeGreaterThan(0.5);
    expect(scoreCharGrams('The ministry reported 1,200 cases in March 2022, up 4 percent from a year earlier.', cg)).toBeLessThan(0.5);
  });
});
