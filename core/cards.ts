/** What a card says: the entry, read as of the article's date, and what this article says of it. */
import type { Fact, KbEntry, Source } from './kb/schema';
import type { EntityType, Mention, Passage, PassageLabel } from './types';
import { CARD_MAX_FACTS, MARGIN_LABEL_MAX_CHARS } from './constants';
import { isWordCharAt } from './text/chars';
import { distinctStatements } from './classify/statements';

export interface DatedFact {
  label: string;
  /** "since 26 Jan 2021" (an office or membership that began), "25 Jan 1978" (an event), "17–19 Feb 2023", "until 20 Jan 2025". */
  when: string;
  /** True when the fact held on the article's date. */
  current: boolean;
  /** True when the fact begins after the article's date: the card lists it under "After <date>". */
  later: boolean;
  place?: string;
  source: Source;
}

export interface EntityCardModel {
  kind: 'entity';
  id?: string;
  name: string;
  type: EntityType;
  description: string;
  background: string;
  /** The article's date the facts are read at, when known. */
  asOf?: string;
  facts: DatedFact[];
  source?: Source;
  /** The date up to which the knowledge base checked the entry (its background may tell of later events than the article). */
  checked?: string;
  /** The entry was checked after the article's date, so its description and background may tell of what came later: the card says so under the description. */
  writtenLater?: boolean;
  links: { label: string; url: string }[];
  /**
   * From the embedded knowledge base, found only in the text, or found in the text and filled in
   * from an online look-up (see core/lookup).
   */
  origin: 'embedded' | 'text' | 'online';
  /** Where each part of the card came from. Embedded knowledge wins; online data only fills gaps. */
  provenance?: CardProvenance;
  /** The online look-up behind this card, when there is one: loading, found, or failed (with why). */
  online?: OnlineState;
  mentions: number;
  /** What the article reports this entity saying. */
  said: { text: string; start: number }[];
  metonymNote?: string;
}

/** Who a part of a card comes from: the embedded knowledge base, Wikipedia, or the article's own text. */
export type PartSource = 'embedded' | 'wikipedia' | 'article';

export interface CardProvenance {
  type: PartSource;
  description: PartSource;
  background: PartSource;
  /** Only Wikipedia supplies pictures. */
  image?: 'wikipedia';
}

/** Failure kinds of an online look-up (messages in core/lookup/failures.ts). */
export type LookupFailure =
  | 'not-found'
  | 'no-summary'
  | 'ambiguous'
  | 'busy'
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'malformed'
  | 'too-large'
  | 'empty'
  | 'network';

export type OnlineState =
  | { state: 'loading'; service: string }
  | {
      state: 'found';
      service: string;
      /** The page's title on Wikipedia ("Bob Menendez" for "Robert Menendez"). */
      title: string;
      url: string;
      thumbnail?: { url: string; width: number; height: number };
      wikidata?: string;
      /** Served from the extension's cache, with no request. */
      cached: boolean;
    }
  | { state: 'failed'; service: string; failure: LookupFailure; message: string; url?: string };

export interface PassageCardModel {
  kind: 'passage';
  label: PassageLabel;
  source: string | null;
  sourceId?: string;
  cues: string[];
  text: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2021-01-26" -> "26 Jan 2021"; "2021-01" -> "Jan 2021"; "2021" -> "2021". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** Whether `date` falls in [start, end]; partial dates cover their whole year or month. */
function holdsOn(date: string, start?: string, end?: string): boolean {
  return (!start || start <= date.slice(0, start.length)) && (!end || date.slice(0, end.length) <= end);
}

export function factAsOf(f: Fact, date?: string): DatedFact {
  // An office or a membership lasts from its start on, and so does any fact given a span ("30 member
  // states", 2020-2023) or no date at all ("Capital of Lithuania"); an event, or another fact with
  // one date, happened then.
  const lasting = f.kind === 'office' || f.kind === 'membership' || (f.kind === 'other' && (!f.start || (!!f.end && f.end !== f.start)));
  const when =
    f.start && f.end
      ? f.start === f.end
        ? formatDate(f.start)
        : `${formatDate(f.start)} – ${formatDate(f.end)}`
      : f.start
        ? lasting
          ? `since ${formatDate(f.start)}`
          : formatDate(f.start)
        : f.end
          ? `until ${formatDate(f.end)}`
          : '';
  // An event of the article's own day (or running through it) is what holds on that date too.
  const day = date?.slice(0, 10);
  const onTheDay = !lasting && !!day && day.length === 10 && f.start?.length === 10 && (f.end ? f.start <= day && day <= f.end : f.start === day);
  const current = (!!date && lasting && holdsOn(date, f.start, f.end)) || onTheDay;
  const later = !!date && !!f.start && date.slice(0, f.start.length) < f.start;
  return { label: f.label, when, current, later, ...(f.place ? { place: f.place } : {}), source: f.source };
}

/** A card's facts under one heading: what held on the article's date, what came before it, what came after it. */
export interface FactGroup {
  when: 'as-of' | 'before' | 'after' | 'undated';
  title: string;
  facts: DatedFact[];
}

/** `facts` under their headings ("As of 21 Feb 2023", "Before ...", "After ..."); one "Facts" list where the article has no date. */
export function factGroups(facts: readonly DatedFact[], asOf: string | null): FactGroup[] {
  if (!asOf) return facts.length ? [{ when: 'undated', title: 'Facts', facts: [...facts] }] : [];
  const groups: FactGroup[] = [
    { when: 'as-of', title: `As of ${asOf}`, facts: facts.filter((f) => f.current) },
    { when: 'before', title: `Before ${asOf}`, facts: facts.filter((f) => !f.current && !f.later) },
    { when: 'after', title: `After ${asOf}`, facts: facts.filter((f) => f.later) },
  ];
  return groups.filter((g) => g.facts.length > 0);
}

/**
 * The order of a card's facts (indices into `facts`): offices and memberships that held on the
 * article's date first, in the entry's order (its writer puts the most telling first: a country's
 * leader before its premier); then what came before it, latest first; then what came after it,
 * in order.
 */
function factOrder(facts: readonly DatedFact[], raw: readonly Fact[]): number[] {
  return facts
    .map((f, i) => ({ f, i, start: raw[i].start ?? '' }))
    .sort(
      (a, b) =>
        Number(b.f.current) - Number(a.f.current) ||
        Number(a.f.later) - Number(b.f.later) ||
        (a.f.current ? 0 : a.f.later ? a.start.localeCompare(b.start) : b.start.localeCompare(a.start)) ||
        a.i - b.i,
    )
    .map((x) => x.i);
}

/**
 * The facts a card lists, at most CARD_MAX_FACTS, in `factOrder`. The earlier events the article
 * does not touch on (`aside`: none of its other names is in their label) are chosen last, so that a
 * Gaza article's Blinken card lists his earlier offices before two China stories of February
 * 2023; those chosen keep their place in time.
 */
function chooseFacts(facts: readonly DatedFact[], raw: readonly Fact[], aside: readonly boolean[]): DatedFact[] {
  const order = factOrder(facts, raw);
  const chosen = new Set([...order.filter((i) => !aside[i]), ...order.filter((i) => aside[i])].slice(0, CARD_MAX_FACTS));
  return order.filter((i) => chosen.has(i)).map((i) => facts[i]);
}

/**
 * The names an article's mentions are written with ("Wang Yi", "China", "US"), each with the ids it
 * names. Read once per list of mentions: a long article has thousands, and a card is built at each
 * hover.
 */
const namesOfMentions = new WeakMap<readonly Mention[], Map<string, Set<string | undefined>>>();
function mentionedNames(mentions: readonly Mention[]): Map<string, Set<string | undefined>> {
  let names = namesOfMentions.get(mentions);
  if (!names) {
    names = new Map();
    for (const m of mentions) {
      const name = nameAsWritten(m.text);
      if (!/[\p{L}\p{N}]/u.test(name)) continue;
      let ids = names.get(name);
      if (!ids) names.set(name, (ids = new Set()));
      ids.add(m.id);
    }
    namesOfMentions.set(mentions, names);
  }
  return names;
}

/**
 * Whether `label` names one of `names` as whole words: in any case, except a name in capitals
 * ("US", "WHO"), which must be in capitals too (not "us", "who").
 */
export function namesAny(label: string, names: Iterable<string>): boolean {
  const lower = label.toLowerCase();
  for (const name of names) {
    if (!name) continue;
    const acronym = /^[\p{Lu}\p{N}.]+$/u.test(name) && /\p{Lu}/u.test(name);
    const [text, needle] = acronym ? [label, name] : [lower, name.toLowerCase()];
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      if (!(at > 0 && isWordCharAt(text, at - 1)) && !isWordCharAt(text, at + needle.length)) return true;
    }
  }
  return false;
}

/** The names of `mentions` that stand for entities other than `id`. */
function otherNames(mentions: readonly Mention[], id: string): string[] {
  const out: string[] = [];
  for (const [name, ids] of mentionedNames(mentions)) if (ids.size > 1 || !ids.has(id)) out.push(name);
  return out;
}

/**
 * What a name that stands for something else stands for: a country's government ("Beijing": "the
 * government of China"), or an organisation itself ("Brussels": "the European Union").
 */
function metonymNote(of: { name: string; type: EntityType }): string {
  if (of.type === 'place') return `Often stands for the government of ${THE_COUNTRY.test(of.name) ? 'the ' : ''}${of.name}.`;
  return `Often stands for ${/^(?:The|the) /.test(of.name) || /^[A-Z]{2,}$/.test(of.name) ? '' : 'the '}${of.name}.`;
}

/** Countries whose English name takes "the". */
const THE_COUNTRY = /^(?:United |Philippines$|Netherlands$|Bahamas$|Gambia$|Maldives$|Comoros$|Seychelles$|(?:Solomon|Marshall|Cook) Islands$|(?:Czech|Central African|Dominican|Democratic) Republic|Republic of )/;

export function entityCard(
  entry: KbEntry,
  article: { date?: string; mentions: readonly Mention[]; passages: readonly Passage[] },
  metonym?: { name: string; type: EntityType },
): EntityCardModel {
  const raw = entry.facts ?? [];
  const dated = raw.map((f) => factAsOf(f, article.date));
  // Only an earlier event (an event never holds on a date) can be aside; most entries have none, and their cards need no names.
  const earlierEvent = raw.map((f, i) => f.kind === 'event' && !dated[i].later);
  const names = earlierEvent.some(Boolean) ? otherNames(article.mentions, entry.id) : [];
  const facts = chooseFacts(dated, raw, raw.map((f, i) => earlierEvent[i] && !namesAny(f.label, names)));
  return {
    kind: 'entity',
    id: entry.id,
    name: entry.name,
    type: entry.type,
    description: entry.description,
    background: entry.background,
    ...(article.date ? { asOf: article.date } : {}),
    facts,
    source: entry.source,
    checked: entry.asOf,
    ...(article.date && entry.asOf.slice(0, article.date.length) > article.date.slice(0, entry.asOf.length) ? { writtenLater: true } : {}),
    links: entry.links ?? [],
    origin: 'embedded',
    provenance: { type: 'embedded', description: 'embedded', background: 'embedded' },
    mentions: article.mentions.filter((m) => m.id === entry.id).length,
    said: distinctStatements(article.passages)
      // A joint statement ("Joe Biden and Blinken said") counts for each person it names.
      .filter((p) => p.sourceId === entry.id || (p.source ?? '').split(', ').includes(entry.name))
      .map((p) => ({ text: p.text, start: p.start })),
    ...(metonym ? { metonymNote: metonymNote(metonym) } : {}),
  };
}

/** Each entity of an article's mentions: the type of its first mention and the shortest text it is named by. */
export interface MentionName {
  type: EntityType;
  shortest: string;
  /** A person's short name from the knowledge base, as the first of its mentions that carries one gives it. */
  shortName?: string;
}
export type MentionNames = ReadonlyMap<string, MentionName>;

/** A mention's text as a name: "Blinken’s" -> "Blinken". */
export function nameAsWritten(text: string): string {
  return text.endsWith('’s') || text.endsWith("'s") ? text.slice(0, -2) : text;
}

/**
 * What `MentionNames` means, over a list of mentions. The page does not call it: it gets the same
 * names from the detection's answer (core/messages.ts `decodeDetectResponse`, property-tested
 * against this), read as each mention is decoded; a second pass over a long page's 13,000 mentions
 * was a task of 15-50 ms on the page's thread, cold.
 */
export function mentionNames(mentions: readonly Mention[]): MentionNames {
  const names = new Map<string, MentionName>();
  for (const m of mentions) {
    const text = nameAsWritten(m.text);
    const known = names.get(m.entity);
    if (!known) names.set(m.entity, m.shortName !== undefined ? { type: m.type, shortest: text, shortName: m.shortName } : { type: m.type, shortest: text });
    else {
      if (text.length < known.shortest.length) known.shortest = text;
      if (known.shortName === undefined && m.shortName !== undefined) known.shortName = m.shortName;
    }
  }
  return names;
}

/**
 * A person's surname, for an article that names them only in full: the last word ("Joe Biden" ->
 * "Biden"), from a particle on ("Mohammed bin Salman" -> "bin Salman", "Abdulrahman Al Gwaiz" -> "Al Gwaiz"), or the full name when its
 * last word is a hyphenated given name that follows the family name ("Lai Ching-te").
 */
export function surnameOf(full: string): string {
  // "Martin Luther King Jr." is King, "Salman of Saudi Arabia" Salman.
  const name = full.replace(/ of .*$/, '').replace(/,? (?:Jr\.?|Sr\.?|[IVX]+)$/, '');
  const words = name.split(' ');
  if (words.length < 2 || words[words.length - 1].includes('-')) return name;
  // Capitalised too ("Abdulrahman Al Gwaiz" -> "Al Gwaiz", "Marine Le Pen" -> "Le Pen"), but not "Do" (a given name).
  const particle = words.findIndex((w, i) => i > 0 && (/^(?:bin|ibn|bint|al|el|da|de|di|van|von|der|la|le)$/i.test(w) || /^(?:do|dos)$/.test(w)));
  return particle > 0 ? words.slice(particle).join(' ') : words[words.length - 1];
}

/**
 * The margin label of a reported passage's source ("Biden, Blinken"): each person by the shortest
 * name the article calls them ("Blinken", "Lai", "Lula"); when it names them only in full, by the
 * knowledge base's short name ("Xi" of "Xi Jinping", "Le Duc Tho" whole) where it fits the margin,
 * else their surname; anyone else by the full name, or, when that is too long for the margin, by
 * the name the passage itself gives it ("Conservatives" beside "The Conservatives said", not the
 * article's "Tories") or the article's shorter name for it ("State Department", "Defense Ministry").
 * `inPassage`: the mentions within the passage.
 */
export function sourceLabel(source: string, names: MentionNames, inPassage: readonly Mention[] = []): string {
  return source
    .split(', ')
    .map((name) => {
      const known = names.get(name);
      if (known?.type !== 'person') {
        if (name.length <= MARGIN_LABEL_MAX_CHARS || !known || known.shortest.length >= name.length) return name;
        const own = inPassage.find((m) => m.entity === name && nameAsWritten(m.text).length <= MARGIN_LABEL_MAX_CHARS);
        return own ? nameAsWritten(own.text) : known.shortest;
      }
      if (known.shortest.length < name.length) return known.shortest;
      return known.shortName !== undefined && known.shortName.length <= MARGIN_LABEL_MAX_CHARS ? known.shortName : surnameOf(name);
    })
    .join(', ');
}

/** A card for a name found only in the text: no background (the card's foot says where the name was found), until a look-up brings one. */
export function textOnlyCard(m: Mention, article: { mentions: readonly Mention[]; passages: readonly Passage[] }): EntityCardModel {
  const kind = m.type === 'person' ? 'a person' : m.type === 'place' ? 'a place' : m.type === 'organization' ? 'an organization' : `a ${m.type}`;
  return {
    kind: 'entity',
    name: m.entity,
    type: m.type,
    description: `Named in this article as ${kind}`,
    background: '',
    facts: [],
    links: [],
    origin: 'text',
    provenance: { type: 'article', description: 'article', background: 'article' },
    mentions: article.mentions.filter((x) => x.entity === m.entity).length,
    said: distinctStatements(article.passages).filter((p) => p.source === m.entity).map((p) => ({ text: p.text, start: p.start })),
  };
}

/**
 * A card for a name the embedded knowledge base holds, when its entry could not be read (the
 * extension's package file, ADR 0006): it says so, and the next hover asks again.
 */
export function unreadEntryCard(m: Mention, article: { mentions: readonly Mention[]; passages: readonly Passage[] }): EntityCardModel {
  return {
    ...textOnlyCard(m, article),
    ...(m.id ? { id: m.id } : {}),
    background: `Backstory knows ${m.entity} but could not read its background just now. Rest on the name again to retry.`,
    origin: 'embedded',
    provenance: undefined,
  };
}

export function passageCard(p: Passage): PassageCardModel {
  return { kind: 'passage', label: p.label, source: p.source, ...(p.sourceId ? { sourceId: p.sourceId } : {}), cues: p.cues, text: p.text };
}
