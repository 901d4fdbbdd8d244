/**
 * The knowledge base's schema. Every file in data/kb is checked against it at build time
 * (scripts/kb-check.ts, run by `npm run build`) and a broken entry fails the build naming file, entry and field.
 */
import * as v from 'valibot';
import { ENTITY_TYPES, PRONOUNS } from './entity-types';

export { ENTITY_TYPES, PRONOUNS, type EntityType, type Pronoun } from './entity-types';

/**
 * Characters reviewed text never needs and a reviewer cannot see: control characters (C0, DEL,
 * C1), line and paragraph separators, bidirectional embeddings, overrides and isolates (which can
 * make text read differently from how it is stored), zero-width space, word joiner and BOM.
 * Zero-width (non-)joiners and direction marks stay: scripts and names need them.
 */
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/;
/** Half of a surrogate pair without the other half: not text at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** An HTML character reference ("&lt;", "&#60;"): plain text has no use for one. */
const CHAR_REFERENCE = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/** Text shown to readers: plain text only, never markup. */
const PlainText = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check((s) => !/[<>]/.test(s), 'must be plain text (no < or >)'),
    v.check((s) => !CHAR_REFERENCE.test(s), 'must be plain text (no HTML character references)'),
    v.check((s) => !INVISIBLE.test(s), 'must not hold control or invisible formatting characters'),
    v.check((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode'),
  );

/** A public https: address: no credentials, no IP or single-label host, nothing left unencoded. */
const HttpsUrl = v.pipe(
  v.string(),
  v.maxLength(500, 'must be at most 500 characters'),
  v.url('must be a URL'),
  v.startsWith('https://', 'must be an https: link'),
  v.check((s) => !/[\s<>"`\\^{}|\u0000-\u001F\u007F-\u009F]/.test(s), 'must not hold spaces, double quotes, < or > (percent-encode them)'),
  v.check((s) => {
    if (!s.startsWith('https://')) return true; // reported above
    try {
      const u = new URL(s);
      return !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'must not hold a user name or password'),
  v.check((s) => {
    if (!s.startsWith('https://')) return true; // reported above
    try {
      const host = new URL(s).hostname;
      return /^[a-z\d-]+(\.[a-z\d-]+)*\.[a-z][a-z\d-]+$/i.test(host);
    } catch {
      return false;
    }
  }, 'must name a public host (no IP address or local name)'),
);

/** Days in each month; February allows 29 (the year decides, checked below). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Dates are ISO: YYYY, YYYY-MM or YYYY-MM-DD, and real dates. */
const IsoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
  v.check((s) => {
    const [y, m, d] = s.split('-').map(Number);
    if (m === undefined) return true;
    if (m < 1 || m > 12) return false;
    if (d === undefined) return true;
    const leap = (y! % 4 === 0 && y! % 100 !== 0) || y! % 400 === 0;
    return d >= 1 && d <= (m === 2 && !leap ? 28 : MONTH_DAYS[m - 1]!);
  }, 'must be a real date'),
);

/** "person/antony-blinken": type, slash, lowercase slug. */
const EntryId = v.pipe(v.string(), v.regex(/^(person|place|organization|event|term)\/[a-z0-9]+(-[a-z0-9]+)*$/, 'must be type/slug'), v.maxLength(200));

/** Lists are short in reviewed data; a huge one is a mistake (or an attack on the bundle). */
const List = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max, `must have at most ${max} items`));

export const SourceSchema = v.strictObject({
  /** As the source names itself, shown on the card: "Recep Tayyip Erdoğan - Wikipedia", not its URL's "Erdo%C4%9Fan". */
  title: v.pipe(PlainText(200), v.check((s) => !/%[\da-f]{2}/i.test(s), 'must be written out, not percent-encoded like a URL')),
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
  id: EntryId,
  type: v.picklist(ENTITY_TYPES),
  name: PlainText(120),
  /**
   * Other full names that always mean this entity: "Tony Blinken", "U.S.", "NATO".
   * Matched case-sensitively on word boundaries; an alias that starts lowercase also matches
   * with a capital first letter. Possessives ("’s") and hyphen compounds match automatically.
   */
  aliases: v.optional(List(PlainText(120), 50)),
  /**
   * Short forms that only refer back: "Blinken" counts only after the full name or an alias
   * appeared earlier in the same article, or when the article's context makes it unambiguous.
   */
  shortForms: v.optional(List(PlainText(60), 20)),
  /** When this name is used for something else ("Beijing" for China's government): that id. */
  metonymOf: v.optional(EntryId),
  /**
   * Words whose presence in the article makes this sense of an ambiguous name likelier. Each counts
   * where it starts a word ("vaccine" also in "vaccines"), one of up to three letters only as a whole
   * word ("EU", not in "Europe"; core/detect/mentions.ts CONTEXT_WORDS).
   */
  context: v.optional(List(PlainText(60), 50)),
  /**
   * Everyday news vocabulary (ceasefire, drone, sanctions): a reader knows the word, so it is
   * marked only when the reader asks for everyday terms (settings `everydayTerms`). Terms of art
   * (territorial integrity, non-lethal aid) leave this out.
   */
  everyday: v.optional(v.literal(true)),
  /**
   * A person's pronoun, as the entry's background and its cited source use it. It lets "she said"
   * pass over a man named just before it (and "he said" a woman); left out where not stated.
   */
  pronoun: v.optional(v.picklist(PRONOUNS)),
  /** One line: what it is. */
  description: PlainText(200),
  /** Two to four sentences, written for a news reader. */
  background: v.pipe(PlainText(1200), v.minLength(40, 'must be at least a full sentence')),
  facts: v.optional(List(FactSchema, 100)),
  /** Where the background comes from. */
  source: SourceSchema,
  links: v.optional(List(v.strictObject({ label: PlainText(80), url: HttpsUrl }), 20)),
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

/** What detection reads of an entry; the rest (background, facts, sources) is only for its card. */
export type KbNames = Pick<KbEntry, 'id' | 'type' | 'name' | 'aliases' | 'shortForms' | 'metonymOf' | 'context' | 'everyday' | 'pronoun'>;

/** The detection part of an entry (about 15% of the knowledge base by size). */
export function namesOf(e: KbEntry): KbNames {
  const { id, type, name, aliases, shortForms, metonymOf, context, everyday, pronoun } = e;
  return { id, type, name, aliases, shortForms, metonymOf, context, everyday, pronoun };
}
