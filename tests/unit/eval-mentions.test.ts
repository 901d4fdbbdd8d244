import { describe, expect, it } from 'vitest';
import { parseLabels, resolveLabels } from '../../scripts/lib/mention-labels';
import { loadFixtures, scoreArticle } from '../../scripts/eval-mentions';
import type { Mention } from '../../core/types';

describe('hand labels to offsets', () => {
  const text = 'Blinken met Wang in Georgia. The University of Georgia hosted Blinken’s talk.\n\nRelated: Georgia news';
  const labels = parseLabels(
    [
      'about: test',
      'skip: Related: Georgia news',
      'Blinken | all | person | Antony Blinken',
      'Georgia | all | place | Georgia (U.S. state)',
      'University of Georgia | all | organization | University of Georgia',
      'Wang | ~met Wang | person | Wang Yi',
    ].join('\n'),
  );

  it('places longer labels first, counts occurrences outside them and outside boilerplate', () => {
    const { gold } = resolveLabels(text, labels);
    expect(gold.mentions.map((m) => [m.text, m.entity])).toEqual([
      ['Blinken', 'Antony Blinken'],
      ['Wang', 'Wang Yi'],
      ['Georgia', 'Georgia (U.S. state)'],
      ['University of Georgia', 'University of Georgia'],
      ['Blinken', 'Antony Blinken'],
    ]);
    for (const m of gold.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(gold.boilerplate).toHaveLength(1);
  });

  it('rejects a label that matches nothing and a missing occurrence', () => {
    expect(() => resolveLabels(text, parseLabels('Harris | all | person | Kamala Harris'))).toThrow(/not in the article text/);
    expect(() => resolveLabels(text, parseLabels('Blinken | 3 | person | Antony Blinken'))).toThrow(/not 3/);
  });

  it('skips a label whose snippet the extraction dropped, with a warning', () => {
    const { gold, warnings } = resolveLabels(text, parseLabels('Georgia | ~GEORGIA HEADLINE | place | Georgia (U.S. state)'));
    expect(gold.mentions).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});

describe('scoring', () => {
  const text = 'Sheikh Tamim met Joe Biden in Doha.';
  const m = (text: string, start: number, entity: string, type: Mention['type'] = 'person'): Mention => ({ text, start, end: start + text.length, entity, type, confidence: 1 });
  const gold = { about: '', mentions: [m('Tamim', 7, 'Tamim bin Hamad Al Thani'), m('Joe Biden', 17, 'Joe Biden'), m('Doha', 30, 'Doha', 'place')] };

  it('counts exact matches strictly and overlapping ones leniently', () => {
    const found = [m('Sheikh Tamim', 0, 'Tamim bin Hamad Al Thani'), m('Joe Biden', 17, 'Joe Biden'), m('Doha', 30, 'Doha', 'organization')];
    const { counts, falsePositives, falseNegatives, typeErrors } = scoreArticle(text, gold, found);
    expect(counts.tp).toBe(2);
    expect(falsePositives.map((f) => f.note)).toEqual(['span (gold: "Tamim")']);
    expect(falseNegatives.map((f) => f.text)).toEqual(['Tamim']);
    expect(counts.lenientGold).toBe(3);
    expect(typeErrors.map((t) => t.text)).toEqual(['Doha']);
  });
});

describe('the evaluation fixtures', () => {
  it('have gold files that match their labels and the extracted text (else: npx tsx scripts/eval-mentions.ts --write-gold)', async () => {
    const fixtures = await loadFixtures();
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
    for (const f of fixtures) {
      expect(f.stale, `${f.name}: ${f.warnings.join('; ')}`).toBe(false);
      for (const g of f.gold.mentions) expect(f.text.slice(g.start, g.end)).toBe(g.text);
    }
  }, 60_000);
});
