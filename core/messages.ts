/**
 * Messages between the extension's parts, with schemas: nothing that crosses a boundary is
 * trusted until it parses.
 */
import * as v from 'valibot';
import { ENTITY_TYPES } from './kb/schema';
import { LOOKUP_MAX_CONTEXT_WORDS } from './constants';
import { LOOKUP_FAILURES } from './lookup/failures';
import { OnlineSummarySchema } from './lookup/schema';
import type { Mention } from './types';

const Text = v.pipe(v.string(), v.maxLength(4_000_000));
const BlockSchema = v.object({
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  kind: v.picklist(['heading', 'paragraph', 'caption', 'list-item', 'quote', 'byline']),
});

const LookupId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));

/** Content script -> background. */
export const RequestSchema = v.variant('type', [
  v.object({ type: v.literal('detect'), text: Text, blocks: v.optional(v.array(BlockSchema)) }),
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

/** Background -> content script, answering `detect`. */
export const DetectResponseSchema = v.object({
  mentions: v.array(MentionSchema),
  pack: v.nullable(PackInfoSchema),
});
export type DetectResponse = v.InferOutput<typeof DetectResponseSchema>;

const MENTION_TYPES: ReadonlySet<unknown> = new Set(['person', 'place', 'organization', 'event', 'term']);
const isOffset = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isName = (x: unknown): x is string => typeof x === 'string' && x.length <= 300;

/** MentionSchema's rules as one plain test (no copy made): see `parseDetectResponse`. */
function isMention(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return (
    isName(m.text) &&
    isOffset(m.start) &&
    isOffset(m.end) &&
    MENTION_TYPES.has(m.type) &&
    isName(m.entity) &&
    (m.id === undefined || (typeof m.id === 'string' && m.id.length <= 200)) &&
    typeof m.confidence === 'number' &&
    m.confidence >= 0 &&
    m.confidence <= 1
  );
}

/**
 * `parseOr(DetectResponseSchema, data)`, accepting and refusing the same answers, but with the
 * mentions checked by one plain loop: a long page's answer holds thousands of them, and checking
 * each with the schema took tens of milliseconds of the page's thread. The mentions are returned
 * as they came (with any extra keys); the pack goes through its schema.
 */
export function parseDetectResponse(data: unknown): DetectResponse | null {
  if (typeof data !== 'object' || data === null) return null;
  const { mentions, pack } = data as Record<string, unknown>;
  if (!Array.isArray(mentions)) return null;
  // An index loop, not `every`: it would skip the holes of a sparse array.
  for (let i = 0; i < mentions.length; i++) if (!isMention(mentions[i])) return null;
  if (pack === null) return { mentions: mentions as Mention[], pack: null };
  const parsed = v.safeParse(PackInfoSchema, pack);
  return parsed.success ? { mentions: mentions as Mention[], pack: parsed.output } : null;
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
