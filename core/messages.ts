/**
 * Messages between the extension's parts, with schemas: nothing that crosses a boundary is
 * trusted until it parses.
 */
import * as v from 'valibot';
import { ENTITY_TYPES, PRONOUNS } from './kb/entity-types';
import { DECODE_STEP_MENTIONS, DETECT_PART_CHARS, LOOKUP_MAX_CONTEXT_WORDS } from './constants';
import { runToEnd, type Steps } from './steps';
import { isHighSurrogateAt } from './text/chars';
import { LOOKUP_FAILURES } from './lookup/failures';
import { OnlineSummarySchema } from './lookup/schema';
import { nameAsWritten, type MentionName, type MentionNames } from './cards';
import type { Mention } from './types';

/** The longest text the background detects in: twice the longest article marked. */
const MAX_TEXT_CHARS = 4_000_000;
const Text = v.pipe(v.string(), v.maxLength(MAX_TEXT_CHARS));
const BlockSchema = v.object({
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  kind: v.picklist(['heading', 'paragraph', 'caption', 'list-item', 'entry', 'quote', 'byline']),
  bold: v.optional(v.literal(true)),
});

const LookupId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));

/** What a detection request carries besides its text: the text's blocks, and what the reader asked to have marked. */
const DetectFields = {
  blocks: v.optional(v.array(BlockSchema)),
  /** The reader's `everydayTerms` setting (core/detect/mentions.ts `DetectOptions`). */
  everydayTerms: v.optional(v.boolean()),
};
export type DetectRequest = v.InferOutput<v.ObjectSchema<typeof DetectFields, undefined>>;

/** Content script -> background. */
export const RequestSchema = v.variant('type', [
  v.object({ type: v.literal('detect'), text: Text, ...DetectFields }),
  v.object({ type: v.literal('entry'), id: v.pipe(v.string(), v.maxLength(200)) }),
  /** Background for a name the embedded knowledge lacks, sent at hover intent (see core/lookup). */
  v.object({
    type: v.literal('lookup'),
    /** The content script's id for this request, for `lookup-abort`. */
    id: LookupId,
    name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
    entityType: v.picklist(ENTITY_TYPES),
    /** Words of the article around the name: used in the background to choose a page, never sent online. */
    context: v.pipe(v.array(v.pipe(v.string(), v.maxLength(80))), v.maxLength(LOOKUP_MAX_CONTEXT_WORDS)),
  }),
  /** The reader left before the card showed: abort that look-up. */
  v.object({ type: v.literal('lookup-abort'), id: LookupId }),
]);
export type Request = v.InferOutput<typeof RequestSchema>;

/** The port a long text's detection goes over (see `DETECT_PART_CHARS`). */
export const DETECT_PORT = 'backstory-detect';

/** Content script -> background on a `DETECT_PORT` port: the text's parts in order, then the request. */
export const DetectPortMessageSchema = v.variant('type', [
  v.object({ type: v.literal('part'), text: v.pipe(v.string(), v.minLength(1), v.maxLength(DETECT_PART_CHARS)) }),
  /** The parts are all sent: `length` is the whole text's, which the parts must make up. */
  v.object({ type: v.literal('detect'), length: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_TEXT_CHARS)), ...DetectFields }),
]);
export type DetectPortMessage = v.InferOutput<typeof DetectPortMessageSchema>;

/** Background -> content script on a `DETECT_PORT` port: the answer (a `DetectWire`), or why there is none. */
export type DetectPortAnswer = { answer: DetectWire } | { error: string };

/**
 * `text` in parts of at most `size` characters, in order. A cut never falls between the two
 * halves of a surrogate pair: the channel would replace each lone half with U+FFFD.
 */
export function textParts(text: string, size = DETECT_PART_CHARS): string[] {
  if (size < 2) throw new RangeError(`parts of ${size} characters cannot keep surrogate pairs whole`);
  const parts: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + size);
    if (end < text.length && isHighSurrogateAt(text, end - 1)) end--;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
}

/**
 * The background's side of a `DETECT_PORT` port: collects the parts of one text, refusing more
 * than the longest text detected, and gives the whole text when the request comes.
 */
export class TextAssembly {
  private parts: string[] = [];
  private length = 0;

  /** Adds the next part; false (and nothing kept) when the text grows past the longest allowed. */
  add(part: string): boolean {
    this.length += part.length;
    if (this.length > MAX_TEXT_CHARS) {
      this.parts = [];
      return false;
    }
    this.parts.push(part);
    return true;
  }

  /** The whole text, or null when the parts received do not make up `length` characters. */
  finish(length: number): string | null {
    const text = this.parts.join('');
    this.reset();
    return text.length === length ? text : null;
  }

  /** Drops what was collected (the port closed before the request came). */
  reset(): void {
    this.parts = [];
    this.length = 0;
  }
}

const Offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const Name = v.pipe(v.string(), v.maxLength(300));

export const MentionSchema = v.object({
  text: Name,
  start: Offset,
  end: Offset,
  type: v.picklist(['person', 'place', 'organization', 'event', 'term']),
  entity: Name,
  id: v.optional(v.pipe(v.string(), v.maxLength(200))),
  confidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  pronoun: v.optional(v.picklist(PRONOUNS)),
  shortName: v.optional(v.pipe(Name, v.minLength(1))),
});

/** The known-article pack as the background sends it (without its fingerprint). */
export const PackInfoSchema = v.object({
  id: v.string(),
  title: Name,
  publisher: Name,
  firstPublished: v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)),
  dateNote: v.optional(v.string()),
  corrections: v.optional(
    v.array(
      v.object({
        startsWith: v.string(),
        label: v.picklist(['opinion', 'reported', 'fact', 'other']),
        source: v.optional(v.nullable(v.string())),
        sourceId: v.optional(v.string()),
        why: v.string(),
      }),
    ),
  ),
  context: v.optional(v.array(v.object({ text: v.string(), source: v.object({ title: v.string(), url: v.string() }) }))),
});
export type PackInfo = v.InferOutput<typeof PackInfoSchema>;

/** A detection's answer as the core makes it and the page uses it (it travels as `DetectWire`). */
export const DetectResponseSchema = v.object({
  mentions: v.array(MentionSchema),
  pack: v.nullable(PackInfoSchema),
});
export type DetectResponse = v.InferOutput<typeof DetectResponseSchema>;

const MENTION_TYPES: ReadonlySet<unknown> = new Set(ENTITY_TYPES);
const PRONOUN_SET: ReadonlySet<unknown> = new Set(PRONOUNS);
/** Confidences travel as whole numbers of ten-thousandths. */
const CONFIDENCE_SCALE = 10_000;
/** Numbers per mention in `DetectWire.marks`: start, end, index in `names`, confidence. */
const MARK_FIELDS = 4;

/**
 * The detection answer as it crosses the message channel. A long page's answer holds thousands of
 * mentions; as objects they made the message channel's serialisation (both ways, between two
 * processes) slower than the detection itself. Here each entity named is sent once, each mention
 * is four numbers, and its text is left out: the page has the text it sent.
 */
export const DetectWireSchema = v.object({
  /** The entities named, each once. */
  names: v.array(
    v.object({
      type: v.picklist(ENTITY_TYPES),
      entity: Name,
      id: v.optional(v.pipe(v.string(), v.maxLength(200))),
      pronoun: v.optional(v.picklist(PRONOUNS)),
      shortName: v.optional(v.pipe(Name, v.minLength(1))),
    }),
  ),
  /** MARK_FIELDS numbers a mention: start, end, index in `names`, confidence in ten-thousandths. */
  marks: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
  pack: v.nullable(PackInfoSchema),
});
export type DetectWire = v.InferOutput<typeof DetectWireSchema>;

/** The background's side: a detection answer made ready to send. */
export function encodeDetectResponse(answer: DetectResponse): DetectWire {
  const names: DetectWire['names'] = [];
  const seen = new Map<string, number>();
  const marks = new Array<number>(answer.mentions.length * MARK_FIELDS);
  answer.mentions.forEach((m, i) => {
    const key = JSON.stringify([m.type, m.entity, m.id ?? null, m.pronoun ?? null, m.shortName ?? null]);
    let at = seen.get(key);
    if (at === undefined) {
      seen.set(key, (at = names.length));
      const name: DetectWire['names'][number] = { type: m.type, entity: m.entity };
      if (m.id !== undefined) name.id = m.id;
      if (m.pronoun !== undefined) name.pronoun = m.pronoun;
      if (m.shortName !== undefined) name.shortName = m.shortName;
      names.push(name);
    }
    marks[i * MARK_FIELDS] = m.start;
    marks[i * MARK_FIELDS + 1] = m.end;
    marks[i * MARK_FIELDS + 2] = at;
    marks[i * MARK_FIELDS + 3] = Math.round(m.confidence * CONFIDENCE_SCALE);
  });
  return { names, marks, pack: answer.pack };
}

const isIndex = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isName = (x: unknown): x is string => typeof x === 'string' && x.length <= 300;

function isWireName(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const n = x as Record<string, unknown>;
  return (
    MENTION_TYPES.has(n.type) &&
    isName(n.entity) &&
    (n.id === undefined || (typeof n.id === 'string' && n.id.length <= 200)) &&
    (n.pronoun === undefined || PRONOUN_SET.has(n.pronoun)) &&
    (n.shortName === undefined || (isName(n.shortName) && n.shortName.length > 0))
  );
}

/** A detection's answer as the page reads it: with each entity's type and shortest name (core/cards.ts `mentionNames`). */
export type DecodedDetectResponse = DetectResponse & { names: MentionNames };

/**
 * The content script's side: the answer to a detection of `text`, or null for anything that is
 * not one (a mention outside the text, empty or longer than a name, of an entity not listed, a sparse
 * array...). The numbers are checked by plain loops, not the schema: a long page's answer holds
 * tens of thousands of them. The pack goes through its schema.
 */
export function decodeDetectResponse(data: unknown, text: string): DecodedDetectResponse | null {
  return runToEnd(decodeDetectResponseSteps(data, text));
}

/**
 * `decodeDetectResponse` in steps of DECODE_STEP_MENTIONS mentions: decoding a 100,000-word page's
 * 13,000 mentions, cold, was one task of 15-40 ms on the page's thread.
 */
export function* decodeDetectResponseSteps(data: unknown, text: string): Steps<DecodedDetectResponse | null> {
  if (typeof data !== 'object' || data === null) return null;
  const { names, marks, pack } = data as Record<string, unknown>;
  if (!Array.isArray(names) || !Array.isArray(marks) || marks.length % MARK_FIELDS !== 0) return null;
  // Index loops, not `every`: it would skip the holes of a sparse array.
  for (let i = 0; i < names.length; i++) if (!isWireName(names[i])) return null;
  const listed = names as DetectWire['names'];
  const mentions: Mention[] = [];
  /** By index in `listed`: the shortest name its mentions give, the index of the mention that gave it, and of its first mention. */
  const shortest: (string | undefined)[] = new Array(listed.length);
  const shortestAt: number[] = new Array(listed.length);
  const first: number[] = new Array(listed.length);
  for (let i = 0; i < marks.length; i += MARK_FIELDS) {
    if (i > 0 && i % (DECODE_STEP_MENTIONS * MARK_FIELDS) === 0) yield;
    const start: unknown = marks[i];
    const end: unknown = marks[i + 1];
    const at: unknown = marks[i + 2];
    const confidence: unknown = marks[i + 3];
    if (!isIndex(start) || !isIndex(end) || !isIndex(at) || !isIndex(confidence)) return null;
    if (start >= end || end > text.length || end - start > 300 || at >= listed.length || confidence > CONFIDENCE_SCALE) return null;
    const { type, entity, id, pronoun, shortName } = listed[at];
    const slice = text.slice(start, end);
    const mention: Mention = { text: slice, start, end, type, entity, confidence: confidence / CONFIDENCE_SCALE };
    if (id !== undefined) mention.id = id;
    if (pronoun !== undefined) mention.pronoun = pronoun;
    if (shortName !== undefined) mention.shortName = shortName;
    mentions.push(mention);
    const known = shortest[at];
    if (known === undefined) first[at] = mentions.length - 1;
    if (known === undefined || slice.length < known.length + 2) {
      const name = nameAsWritten(slice);
      if (known === undefined || name.length < known.length) {
        shortest[at] = name;
        shortestAt[at] = mentions.length - 1;
      }
    }
  }
  const decoded = (p: PackInfo | null): DecodedDetectResponse => ({ mentions, pack: p, names: namesFromLists(listed, shortest, shortestAt, first) });
  if (pack === null) return decoded(null);
  const parsed = v.safeParse(PackInfoSchema, pack);
  return parsed.success ? decoded(parsed.output) : null;
}

/**
 * `mentionNames` from the decoded lists: an entity listed more than once (as two types, or with and
 * without an id) takes the type of its first mention and the shortest of its names (the earliest
 * of those as short).
 */
function namesFromLists(listed: DetectWire['names'], shortest: readonly (string | undefined)[], shortestAt: readonly number[], first: readonly number[]): MentionNames {
  const names = new Map<string, MentionName & { at: number; first: number; shortNameFirst: number }>();
  listed.forEach(({ type, entity, shortName }, i) => {
    const name = shortest[i];
    if (name === undefined) return;
    const known = names.get(entity);
    if (!known) names.set(entity, { type, shortest: name, at: shortestAt[i], first: first[i], ...(shortName !== undefined ? { shortName } : {}), shortNameFirst: shortName !== undefined ? first[i] : Infinity });
    else {
      if (name.length < known.shortest.length || (name.length === known.shortest.length && shortestAt[i] < known.at)) Object.assign(known, { shortest: name, at: shortestAt[i] });
      if (first[i] < known.first) Object.assign(known, { type, first: first[i] });
      if (shortName !== undefined && first[i] < known.shortNameFirst) Object.assign(known, { shortName, shortNameFirst: first[i] });
    }
  });
  return new Map([...names].map(([entity, { type, shortest, shortName }]) => [entity, shortName !== undefined ? { type, shortest, shortName } : { type, shortest }]));
}

/** Background -> content script, answering `lookup`. */
export const LookupResultSchema = v.variant('status', [
  v.object({ status: v.literal('found'), summary: OnlineSummarySchema, cached: v.boolean() }),
  v.object({
    status: v.literal('failed'),
    failure: v.picklist(LOOKUP_FAILURES),
    url: v.optional(v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//))),
  }),
  v.object({ status: v.literal('off') }),
  v.object({ status: v.literal('aborted') }),
]);

/** Popup or background -> content script. */
export const TabMessageSchema = v.variant('type', [
  v.object({ type: v.literal('summary') }),
  v.object({ type: v.literal('command'), command: v.picklist(['toggle-opinion-markers', 'next-mark', 'previous-mark']) }),
  // The popup saved a setting: read the settings again (see followSettings in adapters/settings-store.ts).
  v.object({ type: v.literal('settings-changed') }),
]);
export type TabMessage = v.InferOutput<typeof TabMessageSchema>;

/** What the popup shows about the open article. */
export interface ArticleSummary {
  host: string;
  isArticle: boolean;
  counts: { opinion: number; reported: number; fact: number; other: number };
  quoted: { source: string; count: number }[];
  entities: { name: string; type: string; count: number }[];
  firstPublished?: { publisher: string; date: string; title: string };
}

export function parseOr<T>(schema: v.GenericSchema<unknown, T>, data: unknown): T | null {
  const r = v.safeParse(schema, data);
  return r.success ? r.output : null;
}
