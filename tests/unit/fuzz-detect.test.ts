/**
 * Fuzzing detection: `detectMentions` with a small hand-built index and with the real knowledge
 * base (data/kb), on arbitrary strings (ASCII, every Unicode plane including lone surrogates,
 * graphemes) and on news-like text made of names, quotes, abbreviations and line breaks.
 *
 * Properties: it never throws; every mention's offsets are integers inside the text, with
 * text.slice(start, end) === mention.text; mentions are sorted and never overlap; each passes the
 * message schema the content script checks (so one odd mention cannot make a page lose all its
 * marks); known ids resolve; no mention runs across a blank line (a block boundary); the same
 * text gives the same mentions, also after other texts were analysed in between.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { detectMentions } from '../../core/detect/mentions';
import { buildIndex, type KbIndex } from '../../core/kb/index';
import { ENTITY_TYPES, type KbEntry } from '../../core/kb/schema';
import { MentionSchema } from '../../core/messages';
import { foldText } from '../../core/text/chars';
import type { Block, Mention } from '../../core/types';
import { loadKbDir } from '../../scripts/lib/kb-files';
import { anyText, fuzzParams, newsText } from './fuzz-arbitraries';

const src = { title: 'Test source', url: 'https://example.org/' };
function entry(id: string, name: string, extra: Partial<KbEntry> = {}): KbEntry {
  const type = id.split('/')[0] as KbEntry['type'];
  return { id, type, name, description: `${name}.`, background: `${name} is a test entry used by the fuzz tests here.`, source: src, asOf: '2025-01-31', ...extra };
}

const small = buildIndex([
  entry('person/antony-blinken', 'Antony Blinken', { shortForms: ['Blinken'], aliases: ['Tony Blinken'] }),
  entry('person/kamala-harris', 'Kamala Harris', { shortForms: ['Harris'], context: ['vice president', 'munich'] }),
  entry('person/kris-harris', 'Kris Harris', { shortForms: ['Harris'], context: ['football', 'goal'] }),
  entry('place/united-states', 'United States', { aliases: ['US', 'U.S.', 'America'] }),
  entry('place/russia', 'Russia'),
  entry('place/china', 'China'),
  entry('place/georgia', 'Georgia', { context: ['tbilisi'] }),
  entry('place/georgia-us-state', 'Georgia', { context: ['atlanta'] }),
  entry('place/beijing', 'Beijing', { metonymOf: 'place/china' }),
  entry('term/non-lethal-aid', 'Non-lethal aid', { aliases: ['non-lethal aid', 'non-lethal'] }),
  entry('event/munich-security-conference-2023', 'Munich Security Conference 2023', { aliases: ['Munich Security Conference'] }),
  entry('place/munich', 'Munich'),
  entry('organization/nato', 'NATO', { aliases: ['North Atlantic Treaty Organization'] }),
]);

const kbEntries = loadKbDir('data/kb');
const real = buildIndex(kbEntries);
const realIds = new Set(kbEntries.map((e) => e.id));
const smallIds = new Set(small.entities.map((e) => e.id));

/** Blocks as a message may carry them: any kinds, any offsets, in any order. */
const blocksArb = fc.option(
  fc.array(
    fc.record({
      start: fc.nat({ max: 400 }),
      end: fc.nat({ max: 400 }),
      kind: fc.constantFrom('heading', 'paragraph', 'caption', 'list-item', 'entry', 'quote', 'byline' as const),
    }),
    { maxLength: 6 },
  ),
  { nil: undefined },
);

function fail(what: string, m?: unknown): never {
  throw new Error(`property failed: ${what}${m === undefined ? '' : `: ${JSON.stringify(m)}`}`);
}

function checkMentions(text: string, mentions: Mention[], ids: Set<string>): void {
  let prevEnd = 0;
  for (const m of mentions) {
    if (!Number.isInteger(m.start) || !Number.isInteger(m.end) || m.start < 0 || m.end > text.length || m.start >= m.end) fail('offsets inside the text', m);
    if (m.start < prevEnd) fail('sorted and not overlapping', m);
    prevEnd = m.end;
    if (text.slice(m.start, m.end) !== m.text) fail('text is the slice', m);
    if (!(ENTITY_TYPES as readonly string[]).includes(m.type)) fail('type', m);
    if (!(m.confidence >= 0 && m.confidence <= 1)) fail('confidence in 0..1', m);
    // Hundredths, so that they cross the message channel exactly (core/messages.ts, ADR 0007).
    if (Math.round(m.confidence * 100) / 100 !== m.confidence) fail('confidence in hundredths', m);
    if (!m.entity) fail('entity named', m);
    if (m.id !== undefined && !ids.has(m.id)) fail('id resolves', m);
    if (!v.is(MentionSchema, m)) fail('passes the message schema', { m, issues: v.safeParse(MentionSchema, m).issues?.map((i) => i.message) });
    if (/\n[ \t\r\u00a0]*\n/.test(m.text)) fail('runs across a blank line', m);
  }
}

function property(index: KbIndex, ids: Set<string>) {
  return fc.property(anyText(400), anyText(200), blocksArb, (text, other, blocks) => {
    const first = detectMentions(text, index, blocks as Block[] | undefined);
    checkMentions(text, first, ids);
    detectMentions(other, index);
    const again = detectMentions(text, index, blocks as Block[] | undefined);
    expect(again).toEqual(first);
  });
}

describe('fuzz: detectMentions', () => {
  it('foldText keeps length and offsets (1,000 texts)', () => {
    fc.assert(
      fc.property(anyText(), (t) => {
        const f = foldText(t);
        if (f.length !== t.length) fail('same length');
        for (let i = 0; i < t.length; i++) if (f[i] !== t[i] && !/['"\- ]/.test(f[i]!)) fail('only folds quotes, spaces and hyphens');
      }),
      fuzzParams(1000),
    );
  }, 60_000);

  it('holds with a small index (2,000 texts)', () => {
    fc.assert(property(small, smallIds), fuzzParams(2000));
  }, 60_000);

  it('holds with the real knowledge base (2,000 texts)', () => {
    fc.assert(property(real, realIds), fuzzParams(2000));
  }, 60_000);

  it('finds the names news-like text carries (sanity: the generator reaches the detector)', () => {
    let withMentions = 0;
    fc.assert(
      fc.property(newsText(), (t) => {
        if (detectMentions(t, real).length > 0) withMentions++;
      }),
      fuzzParams(200),
    );
    expect(withMentions).toBeGreaterThan(40);
  }, 60_000);
});
