/**
 * Fuzzing sentence segmentation and passage classification on arbitrary strings (ASCII, every
 * Unicode plane including lone surrogates, graphemes) and on news-like text (names, quotes,
 * abbreviations, datelines, bylines, list markers, blank lines), with and without blocks, with
 * the detector's mentions and with hostile ones.
 *
 * Properties: nothing throws; segments and passages have integer offsets inside the text, are
 * sorted and never overlap, are trimmed and not empty, and text.slice(start, end) is their text;
 * without blocks they cover the text in order: what lies outside every passage is white space or
 * a list marker; labels and kinds are from the contract, and only `reported` passages name a
 * source; classifySentence gives one passage spanning the sentence; the same input gives the same
 * output, also after other texts were classified in between.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPassages, classifySentence } from '../../core/classify/classify';
import { segmentSentences, type Segment } from '../../core/classify/segment';
import { detectMentions } from '../../core/detect/mentions';
import { buildIndex } from '../../core/kb/index';
import { PASSAGE_LABELS, type Block, type Mention, type Passage } from '../../core/types';
import { loadKbDir } from '../../scripts/lib/kb-files';
import { anyText, fuzzParams } from './fuzz-arbitraries';

const index = buildIndex(loadKbDir('data/kb'));
const KINDS = ['sentence', 'heading', 'caption', 'list-item', 'label', 'byline', 'dateline'];
const LIST_MARKER_CHARS = /^[-*•·▪‣◦–\d.)(a-z]$/u;

function fail(what: string, x?: unknown): never {
  throw new Error(`property failed: ${what}${x === undefined ? '' : `: ${JSON.stringify(x)}`}`);
}

/** Offsets, order, trimming: shared by segments and passages. */
function checkSpans(text: string, spans: readonly { start: number; end: number }[], covers: boolean): void {
  let prev = 0;
  const outside: string[] = [];
  for (const s of spans) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > text.length || s.start >= s.end) fail('offsets inside the text', s);
    if (s.start < prev) fail('sorted and not overlapping', s);
    const slice = text.slice(s.start, s.end);
    if (/^\s|\s$/.test(slice)) fail('trimmed', { s, slice });
    if (covers) outside.push(text.slice(prev, s.start));
    prev = s.end;
  }
  if (!covers) return;
  outside.push(text.slice(prev));
  // What no passage holds is white space, or a list marker at the start of a line.
  for (const gap of outside) {
    for (const tok of gap.split(/\s+/)) if (tok && !(tok.length <= 4 && [...tok].every((c) => LIST_MARKER_CHARS.test(c)))) fail('covers the text', { gap, tok });
  }
}

function checkPassages(text: string, passages: Passage[], covers: boolean): void {
  checkSpans(text, passages, covers);
  for (const p of passages) {
    if (p.text !== text.slice(p.start, p.end)) fail('text is the slice', p);
    if (!(PASSAGE_LABELS as readonly string[]).includes(p.label)) fail('label', p);
    if (p.label !== 'reported' && p.source !== null) fail('only reported passages have a source', p);
    if (p.source !== null && typeof p.source !== 'string') fail('source is a string', p);
    if (!Array.isArray(p.cues) || p.cues.some((c) => typeof c !== 'string' || c === '')) fail('cues are words', p);
  }
}

function checkSegments(text: string, segments: Segment[], covers: boolean): void {
  checkSpans(text, segments, covers);
  for (const s of segments) if (!KINDS.includes(s.kind)) fail('kind', s);
}

const blockArb = fc.record({
  start: fc.integer({ min: -5, max: 500 }),
  end: fc.integer({ min: -5, max: 500 }),
  kind: fc.constantFrom('heading', 'paragraph', 'caption', 'list-item', 'entry', 'quote', 'byline' as const),
});

/** Blocks that tile the text at its blank lines, as the page's text map would give them. */
function blocksOf(text: string, kinds: Block['kind'][]): Block[] {
  const out: Block[] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  let i = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let s = m.index;
    let e = s + m[0].length;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, kind: kinds[i++ % kinds.length] ?? 'paragraph' });
  }
  return out;
}

describe('fuzz: segmentation and classification', () => {
  it('segmentSentences: spans in order, covering the text, deterministic (2,000 texts)', () => {
    fc.assert(
      fc.property(anyText(600), anyText(100), (text, other) => {
        const a = segmentSentences(text);
        checkSegments(text, a, true);
        segmentSentences(other);
        expect(segmentSentences(text)).toEqual(a);
      }),
      fuzzParams(2000),
    );
  }, 60_000);

  it('segmentSentences with blocks, even hostile ones (1,000 texts)', () => {
    fc.assert(
      fc.property(anyText(400), fc.array(blockArb, { maxLength: 8 }), (text, blocks) => {
        checkSegments(text, segmentSentences(text, blocks), false);
      }),
      fuzzParams(1000),
    );
  }, 60_000);

  it('classifyPassages: with the detector, passages in order covering the text, deterministic (1,500 texts)', () => {
    fc.assert(
      fc.property(anyText(600), anyText(100), (text, other) => {
        const mentions = detectMentions(text, index);
        const a = classifyPassages(text, mentions);
        checkPassages(text, a, true);
        classifyPassages(other, detectMentions(other, index));
        expect(classifyPassages(text, mentions)).toEqual(a);
      }),
      fuzzParams(1500),
    );
  }, 60_000);

  it('classifyPassages with page blocks, hostile blocks and hostile mentions (1,500 texts)', () => {
    const mentionArb = fc.record({
      start: fc.integer({ min: -3, max: 400 }),
      end: fc.integer({ min: -3, max: 400 }),
      type: fc.constantFrom('person', 'place', 'organization', 'event', 'term' as const),
      entity: fc.oneof(fc.constantFrom('Antony Blinken', 'Joe Biden', ''), fc.string({ maxLength: 10 })),
      id: fc.option(fc.constantFrom('person/antony-blinken', 'x'), { nil: undefined }),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        anyText(500),
        fc.oneof(
          fc.array(fc.constantFrom('paragraph', 'heading', 'quote', 'caption', 'list-item', 'entry', 'byline' as const), { minLength: 1, maxLength: 4 }).map((k) => ({ tile: k })),
          fc.array(blockArb, { maxLength: 8 }).map((b) => ({ raw: b })),
        ),
        fc.array(mentionArb, { maxLength: 6 }),
        (text, blockSpec, extra) => {
          const blocks = 'tile' in blockSpec ? blocksOf(text, blockSpec.tile) : (blockSpec.raw as Block[]);
          const mentions: Mention[] = [...detectMentions(text, index, blocks), ...(extra as Mention[]).map((m) => ({ ...m, text: text.slice(Math.max(0, m.start), Math.max(0, m.end)) }))];
          const a = classifyPassages(text, mentions, blocks);
          checkPassages(text, a, false);
          expect(classifyPassages(text, mentions, blocks)).toEqual(a);
        },
      ),
      fuzzParams(1500),
    );
  }, 60_000);

  it('classifySentence: one passage spanning the sentence, deterministic (2,000 sentences)', () => {
    fc.assert(
      fc.property(anyText(300), fc.constantFrom(undefined, 'sentence', 'heading', 'list-item', 'dateline' as const), fc.boolean(), (s, kind, openQuote) => {
        const mentions = detectMentions(s, index);
        const ctx = { mentions, openQuote, ...(kind ? { kind } : {}) };
        const p = classifySentence(s, ctx);
        if (p.start !== 0 || p.end !== s.length || p.text !== s) fail('spans the sentence', p);
        checkPassages(s, [], false);
        if (!(PASSAGE_LABELS as readonly string[]).includes(p.label)) fail('label', p);
        if (p.label !== 'reported' && p.source !== null) fail('only reported passages have a source', p);
        classifySentence('He said it was absurd.');
        expect(classifySentence(s, ctx)).toEqual(p);
      }),
      fuzzParams(2000),
    );
  }, 60_000);
});
