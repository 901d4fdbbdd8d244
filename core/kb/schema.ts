/**
 * The knowledge base's schema. Every file in data/kb is checked against it at build time
 * (scripts/build-kb.ts) and a broken entry fails the build naming file, entry and field.
 */
import * as v from 'valibot';

export const ENTITY_TYPES = ['person', 'place', 'organization', 'event', 'term'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Text shown to readers: plain text only, never markup. */
const PlainText = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check((s) => !/[<>]/.test(s), 'must be plain text (no < or >)'),
  );

const HttpsUrl = v.pipe(
  v.string(),
  v.url('must be a URL'),
  v.startsWith('https://', 'must be an https: link'),
  v.maxLength(500),
);

/** Dates are ISO: YYYY, YYYY-MM or YYYY-MM-DD. */
const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'));

export const SourceSchema = v.strictObject({
  title: PlainText(200),
  url: HttpsUrl,
});

export const FactSchema = v.strictObject({
  /** office: a post held; event: when/where something happened; membership: belongs to; other. */
  kind: v.picklist(['office', 'event', 'membership', 'other']),
  /** "U.S. Secretary of State", "Held in Munich", "Member of NATO". */
  label: PlainText(200),
  start: v.optional(IsoDate),
  end: v.optional(IsoDate),
  place: v.optional(PlainText(120)),
  /** Where this fact comes from. */
  source: SourceSchema,
});

export const EntrySchema = v.strictObject({
  /** "person/antony-blinken": type, slash, lowercase slug. */
  id: v.pipe(v.string(), v.regex(/^(person|place|organization|event|term)\/[a-z0-9]+(-[a-z0-9]+)*$/, 'must be type/slug')),
  type: v.picklist(ENTITY_TYPES),
  name: PlainText(120),
  /**
   * Other full names that always mean this entity: "Tony Blinken", "U.S.", "NATO".
   * Matched case-sensitively on word boundaries; an alias that starts lowercase also matches
   * with a capital first letter. Possessives ("’s") and hyphen compounds match automatically.
   */
  aliases: v.optional(v.array(PlainText(120))),
  /**
   * Short forms that only refer back: "Blinken" counts only after the full name or an alias
   * appeared earlier in the same article, or when the article's context makes it unambiguous.
   */
  shortForms: v.optional(v.array(PlainText(60))),
  /** When this name is used for something else ("Beijing" for China's government): that id. */
  metonymOf: v.optional(v.string()),
  /** Words whose presence in the article makes this sense of an ambiguous name likelier. */
  context: v.optional(v.array(PlainText(60))),
  /** One line: what it is. */
  description: PlainText(200),
  /** Two to four sentences, written for a news reader. */
  background: v.pipe(PlainText(1200), v.minLength(40, 'must be at least a full sentence')),
  facts: v.optional(v.array(FactSchema)),
  /** Where the background comes from. */
  source: SourceSchema,
  links: v.optional(v.array(v.strictObject({ label: PlainText(80), url: HttpsUrl }))),
  /** The date up to which the entry's facts were checked. */
  asOf: IsoDate,
});

export const KbFileSchema = v.strictObject({
  /** What this file covers and how it was made. */
  about: PlainText(500),
  entries: v.array(EntrySchema),
});

export type Source = v.InferOutput<typeof SourceSchema>;
export type Fact = v.InferOutput<typeof FactSchema>;
export type KbEntry = v.InferOutput<typeof EntrySchema>;
export type KbFile = v.InferOutput<typeof KbFileSchema>;
