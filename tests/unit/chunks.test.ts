import { describe, expect, it } from 'vitest';
import { classifyChunkInSteps, classifyPassages } from '../../core/classify/classify';
import { CLASSIFY_CHUNK_CHARS, CLASSIFY_CONTEXT_CHARS } from '../../core/constants';
import { runToEnd } from '../../core/steps';
import { cutText, withContext, withMentions } from '../../core/text/chunks';
import type { Block, Mention } from '../../core/types';

/** Paragraphs joined by blank lines, each a block, with a person mention wherever `name` stands. */
function article(paragraphs: string[], name: string): { text: string; blocks: Block[]; mentions: Mention[] } {
  const text = paragraphs.join('\n\n');
  const blocks: Block[] = [];
  for (let start = 0, i = 0; i < paragraphs.length; start += paragraphs[i]!.length + 2, i++) blocks.push({ start, end: start + paragraphs[i]!.length, kind: 'paragraph' });
  const mentions: Mention[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
    mentions.push({ text: name, start: at, end: at + name.length, type: 'person', entity: name, confidence: 0.85, pronoun: 'she' });
  return { text, blocks, mentions };
}

const filler = (n: number) => `The survey ship sailed from port number ${n} in the spring and returned in the autumn with its instruments and its samples intact, as planned.`;

describe('classification chunks', () => {
  it('reads each chunk with the blocks and mentions of the text just before it, and no chunk with anything of its own twice', () => {
    const { text, blocks, mentions } = article([...Array.from({ length: Math.ceil((3 * CLASSIFY_CHUNK_CHARS) / filler(0).length) }, (_, i) => filler(i)), 'Eleanor Vashti said the floats would come home.', '“I like to see them back,” she told a reporter in 2019.'], 'Eleanor Vashti');
    const chunks = cutText(text, blocks, CLASSIFY_CHUNK_CHARS);
    expect(chunks.length).toBeGreaterThan(2);
    const readings = withContext(withMentions(chunks, mentions), CLASSIFY_CONTEXT_CHARS);
    expect(readings[0]).toMatchObject({ start: 0, own: 0 });
    for (const [i, r] of readings.entries()) {
      expect(r.own).toBe(chunks[i]!.start);
      expect(r.end).toBe(chunks[i]!.end);
      if (i) expect(r.own - r.start).toBeGreaterThan(0);
      expect(r.own - r.start).toBeLessThanOrEqual(CLASSIFY_CONTEXT_CHARS);
      expect(r.blocks.every((b) => b.start >= r.start && b.end <= r.end)).toBe(true);
      expect(r.mentions.every((m) => m.start >= r.start && m.end <= r.end)).toBe(true);
    }
  });

  it('gives "she said" after a chunk’s cut the person named before the cut, as the whole text read at once does (reader review 20)', () => {
    // The cut falls between the paragraph that names her and the one that quotes her: a padding paragraph sets her paragraph's start just before it.
    const lead = Array.from({ length: Math.floor((0.9 * CLASSIFY_CHUNK_CHARS) / (filler(0).length + 2)) }, (_, i) => filler(i));
    const padding = CLASSIFY_CHUNK_CHARS - 10 - (lead.join('\n\n').length + 2) - 2;
    lead.push(`${'The crew kept a log of every day at sea. '.repeat(40).slice(0, padding - 1).trimEnd()}.`.padEnd(padding, '.'));
    const { text, blocks, mentions } = article([...lead, 'Eleanor Vashti said the floats would come home.', '“I like to see them back,” she told a reporter in 2019.', '“Every one of them brings home something we did not know.”'], 'Eleanor Vashti');
    const chunks = cutText(text, blocks, CLASSIFY_CHUNK_CHARS);
    const quoted = text.indexOf('“I like');
    expect(chunks.some((c) => c.start === quoted), 'a chunk starts at the quotation').toBe(true);
    const chunked = withContext(withMentions(chunks, mentions), CLASSIFY_CONTEXT_CHARS).flatMap((r) => runToEnd(classifyChunkInSteps(text, r)));
    const whole = classifyPassages(text, mentions, blocks);
    expect(chunked.map((p) => [p.start, p.label, p.source])).toEqual(whole.map((p) => [p.start, p.label, p.source]));
    expect(chunked.filter((p) => p.start >= quoted).map((p) => p.source)).toEqual(['Eleanor Vashti', 'Eleanor Vashti']);
  });
});
