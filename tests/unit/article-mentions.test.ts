import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../core/kb/index';
import { detectMentions } from '../../core/detect/mentions';
import { loadKbDir } from '../../scripts/lib/kb-files';

const root = join(import.meta.dirname, '..', '..');
const text = readFileSync(join(root, 'tests', 'fixtures', 'article.txt'), 'utf8');
const expected = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'article.mentions.json'), 'utf8')).mentions as {
  text: string;
  start: number;
  end: number;
  type: string;
  entity: string;
}[];
const index = buildIndex(loadKbDir(join(root, 'data', 'kb')));

describe('the sample article', () => {
  const found = detectMentions(text, index).map(({ text, start, end, type, entity }) => ({ text, start, end, type, entity }));

  it('marks every mention a careful reader would mark, with the right type and entity, and nothing else', () => {
    expect(found).toEqual(expected);
  });

  it('has offsets that index the article text', () => {
    for (const m of expected) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('resolves the short forms and the headline as a reader would', () => {
    const at = (s: string, nth = 0) => found.filter((m) => m.text === s)[nth];
    expect(at('Blinken')).toMatchObject({ entity: 'Antony Blinken', type: 'person' });
    expect(at('Harris')).toMatchObject({ entity: 'Kamala Harris', type: 'person' });
    expect(at('US')).toMatchObject({ entity: 'United States', type: 'place' });
    expect(at('non-lethal')).toMatchObject({ type: 'term' });
    expect(found.some((m) => /What|Happens|Now|Specific|Accusations|Creeping/.test(m.text))).toBe(false);
  });
});
