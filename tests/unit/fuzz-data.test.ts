/**
 * Fuzzing the data read at run time: settings from storage and messages between the extension's
 * parts. Whatever arrives (any JSON, any JavaScript value, near-valid objects with one field
 * wrong, prototype keys), parsing never throws; settings always come out valid, and a message is
 * either null or passes its schema.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DetectPortMessageSchema, DetectResponseSchema, DetectWireSchema, RequestSchema, TabMessageSchema, decodeDetectResponse, encodeDetectResponse, parseOr, type DetectWire } from '../../core/messages';
import { mentionNames } from '../../core/cards';
import type { Mention } from '../../core/types';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema, isSiteEnabled, markersOn, parseSettings, typeEnabled } from '../../core/settings';
import { ENTITY_TYPES, PRONOUNS } from '../../core/kb/schema';
import { fuzzParams } from './fuzz-arbitraries';

function fail(what: string, x?: unknown): never {
  throw new Error(`property failed: ${what}${x === undefined ? '' : `: ${String(JSON.stringify(x))}`}`);
}

/** Keys that break naive record look-ups. */
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const hostArb = fc.oneof(fc.constantFrom(...PROTO_KEYS, 'example.com', 'news.example.org', '', 'localhost'), fc.domain(), fc.string({ maxLength: 20 }));

/** Any value, including objects without a prototype and with own "__proto__" keys (as JSON.parse makes them). */
const anyValue = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true, maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...PROTO_KEYS, 'version', 'type'), fc.jsonValue({ maxDepth: 2 })).map((d) => JSON.parse(JSON.stringify(d)) as unknown),
);

/** Values a field may hold: valid ones, near misses and garbage. */
const fieldValue = fc.oneof(
  fc.boolean(),
  fc.constantFrom('auto', 'light', 'dark', 'Dark', '', null, undefined, 0, 1, NaN, -1, 'x'.repeat(300)),
  fc.array(fc.oneof(fc.constantFrom(...ENTITY_TYPES, 'alien', 'person/antony-blinken'), fc.string({ maxLength: 260 })), { maxLength: 5 }),
  fc.dictionary(hostArb, fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 }))).map((d) => JSON.parse(JSON.stringify(d)) as unknown),
  anyValue,
);
const storedSettings = fc.oneof(
  anyValue,
  fc
    .record(
      {
        version: fc.oneof(fc.constant(SETTINGS_VERSION), anyValue),
        marks: fieldValue,
        markers: fieldValue,
        lookups: fieldValue,
        types: fieldValue,
        disabledSites: fieldValue,
        siteMarkers: fieldValue,
        muted: fieldValue,
        theme: fieldValue,
        extra: anyValue,
      },
      { requiredKeys: ['version'] },
    )
    .map((r) => r as unknown),
);

describe('fuzz: settings from storage', () => {
  it('parseSettings never throws and always gives valid settings (3,000 values)', () => {
    fc.assert(
      fc.property(storedSettings, hostArb, (stored, host) => {
        const s = parseSettings(stored);
        if (!v.is(SettingsSchema, s)) fail('valid settings', v.safeParse(SettingsSchema, s).issues?.map((i) => i.message));
        // Its own copy: never the frozen defaults, never the stored object's arrays.
        if (s === DEFAULT_SETTINGS || Object.isFrozen(s)) fail('a fresh object');
        // Stable: what is saved and read back is the same settings.
        expect(parseSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
        // Look-ups give booleans for any host, prototype names included.
        if (typeof markersOn(s, host) !== 'boolean') fail('markersOn is a boolean', host);
        if (typeof isSiteEnabled(s, host) !== 'boolean') fail('isSiteEnabled is a boolean', host);
        for (const t of ENTITY_TYPES) if (typeof typeEnabled(s, t) !== 'boolean') fail('typeEnabled is a boolean');
      }),
      fuzzParams(3000),
    );
  }, 60_000);

  it('a host named like an Object.prototype member follows the global switch (found by the fuzzer)', () => {
    const s = parseSettings({ version: SETTINGS_VERSION, markers: false });
    for (const host of PROTO_KEYS) expect(markersOn(s, host)).toBe(false);
    // Such keys in storage are dropped when the settings are read (valibot skips them in records).
    const stored = parseSettings(JSON.parse('{"version":1,"markers":false,"siteMarkers":{"constructor":true,"__proto__":true,"a.example":true}}'));
    expect(stored.siteMarkers).toEqual({ 'a.example': true });
    expect(Object.getPrototypeOf(stored.siteMarkers)).toBe(Object.prototype);
    expect(markersOn(stored, 'constructor')).toBe(false);
    expect(markersOn(stored, 'a.example')).toBe(true);
  });
});

const nearRequest = fc.oneof(
  fc.record({ type: fc.constantFrom('detect', 'entry', 'summary', 'command', 'DETECT', ''), text: anyValue, blocks: anyValue, id: anyValue, command: anyValue }, { requiredKeys: ['type'] }),
  fc.record({
    type: fc.constant('detect'),
    text: fc.string({ maxLength: 50 }),
    blocks: fc.array(fc.record({ start: fc.oneof(fc.nat(), fc.double(), fc.constant(-1)), end: fc.oneof(fc.nat(), fc.constant(Infinity)), kind: fc.constantFrom('paragraph', 'heading', 'aside') }), { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('command'), command: fc.constantFrom('toggle-opinion-markers', 'next-mark', 'previous-mark', 'rm -rf', '__proto__') }),
  // A long text's detection over a port: its parts, then the request.
  fc.record({ type: fc.constantFrom('part', 'PART'), text: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(''), anyValue) }),
  fc.record({ type: fc.constant('detect'), length: fc.oneof(fc.nat(), fc.double(), fc.constant(-1), fc.constant(4_000_001), anyValue), blocks: fc.option(anyValue, { nil: undefined }) }),
);
const nearResponse = fc.record(
  {
    names: fc.oneof(
      anyValue,
      fc.array(
        fc.record(
          {
            type: fc.constantFrom(...ENTITY_TYPES, 'alien'),
            entity: fc.oneof(fc.string({ maxLength: 10 }), fc.string({ minLength: 301, maxLength: 310 })),
            id: fc.option(fc.oneof(fc.string({ maxLength: 10 }), fc.constant(7)), { nil: undefined }),
          },
          { requiredKeys: ['type', 'entity'] },
        ),
        { maxLength: 3 },
      ),
    ),
    marks: fc.oneof(
      anyValue,
      fc.array(fc.oneof(fc.nat({ max: 40 }), fc.constant(-1), fc.constant(10_000), fc.constant(10_001), fc.double(), fc.constant(Number.NaN)), { maxLength: 13 }),
    ),
    pack: fc.oneof(fc.constant(null), anyValue, fc.record({ id: fc.string(), title: fc.string(), publisher: fc.string(), firstPublished: fc.constantFrom('2023-02-21', '2023', 'yesterday') })),
  },
  { requiredKeys: [] },
);
/** The text a detection answer is decoded against. */
const TEXT = 'Antony Blinken met Wang Yi in Munich on Saturday.';

describe('fuzz: messages between the extension parts', () => {
  it('parseOr never throws; the result is null or passes the schema (3,000 values per schema)', () => {
    const schemas = [RequestSchema, TabMessageSchema, DetectPortMessageSchema, DetectResponseSchema, DetectWireSchema] as const;
    fc.assert(
      fc.property(fc.oneof(anyValue, nearRequest, nearResponse), (raw) => {
        for (const schema of schemas) {
          const out = parseOr(schema as v.GenericSchema<unknown, unknown>, raw);
          if (out !== null && !v.is(schema, out)) fail('parsed value passes its schema');
        }
      }),
      fuzzParams(3000),
    );
  }, 60_000);

  it("the detect answer's decoder never throws, and what it accepts is a wire answer and decodes to mentions of the text (3,000 values)", () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, nearResponse), (raw) => {
        const decoded = decodeDetectResponse(raw, TEXT);
        if (!decoded) return;
        if (parseOr(DetectWireSchema, raw) === null) fail('what the decoder accepts passes the wire schema', { raw });
        if (!v.is(DetectResponseSchema, decoded)) fail('what the decoder gives passes the answer schema', { raw });
        for (const m of decoded.mentions) if (m.end > TEXT.length || m.text !== TEXT.slice(m.start, m.end)) fail('mentions lie in the text', { raw });
      }),
      fuzzParams(3000),
    );
    const name = { type: 'place', entity: 'Munich', id: 'place/munich' };
    const at = TEXT.indexOf('Munich');
    expect(decodeDetectResponse({ names: [name], marks: [at, at + 6, 0, 10_000], pack: null }, TEXT)?.mentions).toEqual([
      { text: 'Munich', start: at, end: at + 6, type: 'place', entity: 'Munich', id: 'place/munich', confidence: 1 },
    ]);
    // A sparse array's hole is no name; a mention past the text's end, of a name not listed, or with a
    // fraction of a number, is no mention.
    expect(decodeDetectResponse({ names: [name, , name], marks: [], pack: null }, TEXT)).toBeNull();
    expect(decodeDetectResponse({ names: [name], marks: [at, TEXT.length + 1, 0, 10_000], pack: null }, TEXT)).toBeNull();
    expect(decodeDetectResponse({ names: [name], marks: [at, at + 6, 1, 10_000], pack: null }, TEXT)).toBeNull();
    expect(decodeDetectResponse({ names: [name], marks: [at, at + 6.5, 0, 10_000], pack: null }, TEXT)).toBeNull();
    expect(decodeDetectResponse({ names: [name], marks: [at, at + 6, 0], pack: null }, TEXT)).toBeNull();
    // An empty mention is no mention.
    expect(decodeDetectResponse({ names: [name], marks: [at, at, 0, 10_000], pack: null }, TEXT)).toBeNull();
  }, 60_000);

  it('a detection answer sent and decoded is the answer the background made', () => {
    const mention = fc
      .record({
        start: fc.nat({ max: TEXT.length - 1 }),
        len: fc.integer({ min: 1, max: 20 }),
        type: fc.constantFrom(...ENTITY_TYPES),
        entity: fc.constantFrom('Munich', 'Wang Yi', 'Blinken', 'A\u0000B'),
        // Ids that a naive key could confuse with "no id": '' and control characters.
        id: fc.option(fc.constantFrom('place/munich', 'person/wang-yi', '', '\u0001', '\u0000'), { nil: undefined }),
        hundredths: fc.integer({ min: 0, max: 100 }),
        pronoun: fc.option(fc.constantFrom(...PRONOUNS), { nil: undefined }),
        shortName: fc.option(fc.constantFrom('Wang', 'Le Duc Tho', 'Xi'), { nil: undefined }),
      })
      .map(({ start, len, type, entity, id, hundredths, pronoun, shortName }): Mention => {
        const end = Math.min(TEXT.length, start + len);
        // The detector's confidences are hundredths (tests/unit/fuzz-detect.test.ts).
        const m: Mention = { text: TEXT.slice(start, end), start, end, type, entity, confidence: hundredths / 100 };
        if (id !== undefined) m.id = id;
        if (pronoun !== undefined) m.pronoun = pronoun;
        if (shortName !== undefined) m.shortName = shortName;
        return m;
      });
    fc.assert(
      fc.property(fc.array(mention, { maxLength: 30 }), fc.boolean(), (mentions, reversed) => {
        const wire = JSON.parse(JSON.stringify(encodeDetectResponse({ mentions, pack: null }))) as DetectWire;
        // The names' order is the sender's: any order decodes to the same answer.
        if (reversed) {
          const last = wire.names.length - 1;
          wire.names.reverse();
          for (let i = 2; i < wire.marks.length; i += 4) wire.marks[i] = last - wire.marks[i];
        }
        // With each entity's type and shortest name, as the margin labels read them from the mentions.
        expect(decodeDetectResponse(wire, TEXT)).toEqual({ mentions, pack: null, names: mentionNames(mentions) });
      }),
      { numRuns: 300 },
    );
  });
});

