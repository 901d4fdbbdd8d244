/**
 * Finds knowledge-base entities in article text: one pass over the words with a Map look-up per
 * word, the longest alias winning, then the rules a careful reader applies to short forms and to
 * names that several entries share.
 */
import type { KbIndex, AliasRule } from '../kb/index';
import type { Block, Mention } from '../types';
import { foldText, isSpaceAt, isWordCharAt, wordCharLength, wordEnd } from '../text/chars';
import { substringMatcher, type SubstringMatcher, type WordRule } from '../text/substrings';
import { MAX_MENTION_CHARS, MIN_MENTION_CONFIDENCE } from '../constants';
import { findUnknownNames } from './unknown-names';
import { DEMONYMS } from './demonyms';
import { candidateRules } from './candidates';
import { blockAt, onHeadlineLine } from '../text/blocks';

interface Match {
  start: number;
  end: number;
  rules: AliasRule[];
}

/**
 * Where the alias's words match the text at `pos` (any run of white space between words, but
 * never a blank line: that is a block boundary): the end, or -1.
 */
export function matchAt(text: string, pos: number, rule: AliasRule): number {
  let p = pos;
  for (let w = 0; w < rule.words.length; w++) {
    const word = rule.words[w];
    if (w > 0) {
      const before = p;
      let newlines = 0;
      while (isSpaceAt(text, p)) if (text[p++] === '\n' && ++newlines > 1) return -1;
      if (p === before) return -1;
    }
    if (w === 0 && rule.capitalisable) {
      if (text[p]?.toLowerCase() !== word[0] || !text.startsWith(word.slice(1), p + 1)) return -1;
    } else if (!text.startsWith(word, p)) return -1;
    p += word.length;
  }
  return isWordCharAt(text, p) ? -1 : p;
}

/** The longest alias matches starting at `pos` (every rule of that length), or null. */
function longestAt(text: string, pos: number, index: KbIndex): Match | null {
  const rules = index.byFirstWord.get(text.slice(pos, wordEnd(text, pos)));
  if (!rules) return null;
  let bestEnd = -1;
  let best: AliasRule[] = [];
  // Only the rules whose words the text holds here (a superset of those that match), in order.
  for (const rule of candidateRules(text, pos, rules)) {
    if (rule.form.length < bestEnd - pos) break;
    const end = matchAt(text, pos, rule);
    if (end < 0 || end < bestEnd) continue;
    if (end > bestEnd) {
      bestEnd = end;
      best = [rule];
    } else best.push(rule);
  }
  return bestEnd > pos ? { start: pos, end: bestEnd, rules: best } : null;
}

/**
 * A longer name of the same entity that starts inside `match` and ends after it: the alias with a
 * title ("Sheikh Tamim") must not hide the full name it runs into ("Sheikh Tamim bin Hamad Al
 * Thani" is "Tamim bin Hamad Al Thani").
 */
function fullerNameInside(text: string, match: Match, index: KbIndex): Match | null {
  for (let pos = wordEnd(text, match.start); pos < match.end; pos++) {
    if (!wordCharLength(text, pos)) continue;
    const inner = longestAt(text, pos, index);
    if (inner && inner.end > match.end && inner.rules.some((r) => match.rules.some((m) => m.entity === r.entity))) return inner;
    pos = wordEnd(text, pos);
  }
  return null;
}

/**
 * A longer name that starts after an alias's opening "the" and ends after it: "the Baltic" (the
 * sea) must not hide "Baltic states" in "the Baltic states".
 */
function longerAfterThe(text: string, match: Match, index: KbIndex): Match | null {
  if (!match.rules.every((r) => r.words[0] === 'the' || r.words[0] === 'The')) return null;
  let pos = wordEnd(text, match.start);
  while (pos < match.end && !wordCharLength(text, pos)) pos++;
  const inner = pos < match.end ? longestAt(text, pos, index) : null;
  return inner && inner.end > match.end ? inner : null;
}

/** All alias matches, longest first at each position, overlaps resolved left to right. */
function scan(text: string, index: KbIndex): Match[] {
  const matches: Match[] = [];
  // The text's words, as /[\p{L}\p{N}\p{M}]+/gu finds them, read by hand (see wordCharLength).
  for (let pos = 0; pos < text.length; ) {
    if (!wordCharLength(text, pos)) {
      pos++;
      continue;
    }
    let match = longestAt(text, pos, index);
    if (match && match.rules[0].words.length > 1) match = fullerNameInside(text, match, index) ?? longerAfterThe(text, match, index) ?? match;
    if (match) {
      matches.push(match);
      pos = match.end;
    } else pos = wordEnd(text, pos);
  }
  return matches;
}

/** A dateline's place in capitals at the start of a line: "VILNIUS, Lithuania (Wire) —", "TAIPEI —". */
const DATELINE = /(?:^|\n)[^\S\n]*(\p{Lu}[\p{Lu}.'-]+(?: \p{Lu}[\p{Lu}.'-]+){0,3})(?=,|[^\S\n]+[—–-]|[^\S\n]+\()/gu;

/** Places named in datelines, written in capitals, as the knowledge base writes them ("VILNIUS" is Vilnius). */
function datelinePlaces(text: string, index: KbIndex): Match[] {
  const found: Match[] = [];
  for (const d of text.matchAll(DATELINE)) {
    const caps = d[1];
    const start = d.index + d[0].length - caps.length;
    const titled = caps.replace(/\p{Lu}+/gu, (w) => w[0] + w.slice(1).toLowerCase());
    const match = longestAt(titled, 0, index);
    if (!match || match.end !== titled.length) continue;
    const rules = match.rules.filter((r) => r.kind === 'name' && index.entities[r.entity].type === 'place');
    if (rules.length) found.push({ start, end: start + caps.length, rules });
  }
  return found;
}

/** `extra` merged into `matches` (both in text order), leaving out any that overlaps a match. */
function mergeMatches(matches: Match[], extra: Match[]): Match[] {
  if (!extra.length) return matches;
  const merged: Match[] = [];
  let i = 0;
  for (const x of extra) {
    while (i < matches.length && matches[i].end <= x.start) merged.push(matches[i++]);
    if (i < matches.length && matches[i].start < x.end) continue;
    merged.push(x);
  }
  while (i < matches.length) merged.push(matches[i++]);
  return merged;
}

const orgEndings = new WeakMap<KbIndex, Map<string, number[]>>();

/**
 * The knowledge base's organizations by a name as a country's own ("Russian Defense Ministry" is
 * filed under "Defense Ministry"; a name or short form is filed whole), built once per index.
 */
function organizationsByOwnName(index: KbIndex): Map<string, number[]> {
  let map = orgEndings.get(index);
  if (map) return map;
  map = new Map();
  const file = (key: string, entity: number) => {
    const list = map!.get(key) ?? [];
    if (!list.includes(entity)) list.push(entity);
    map!.set(key, list);
  };
  for (const rules of index.byFirstWord.values())
    for (const r of rules) {
      if (index.entities[r.entity].type !== 'organization') continue;
      file(r.form, r.entity);
      if (r.words.length >= 3 && DEMONYMS.has(r.words[0])) file(r.words.slice(1).join(' '), r.entity);
    }
  orgEndings.set(index, map);
  return map;
}

/** "Russia's Defense Ministry": the country before an organisation found only in the text. */
const POSSESSOR = /(\p{Lu}[\p{L}.-]*(?: \p{Lu}[\p{L}.-]*)?)['’]s $/u;

/**
 * An organisation found only in the text ("Defense Ministry") is the knowledge base's one when a
 * possessor names its country ("Russia's Defense Ministry" is the Russian Defence Ministry, whose
 * context holds "Russia") and exactly one organisation with that context has that name, alone or
 * after its people's adjective ("Russian Defense Ministry").
 */
function ownedBy(text: string, m: Mention, index: KbIndex): Mention {
  if (m.type !== 'organization') return m;
  const owner = POSSESSOR.exec(text.slice(Math.max(0, m.start - 40), m.start))?.[1].toLowerCase();
  if (!owner) return m;
  const candidates = (organizationsByOwnName(index).get(m.text) ?? []).filter((e) => index.entities[e].context.includes(owner));
  if (candidates.length !== 1) return m;
  const e = index.entities[candidates[0]];
  return { ...m, entity: e.name, id: e.id, confidence: Math.max(m.confidence, 0.8) };
}

/** Titles that, just before a name, say it is a person. */
const PERSON_TITLES = String.raw`President|Vice President|VP|Secretary|Minister|Chancellor|Premier|Senator|Sen\.|Rep\.|Gov\.|Governor|General|Gen\.|Mr\.|Mrs\.|Ms\.|Dr\.|Prince|King|Queen|Pope|Ambassador|Spokesman|Spokeswoman|Leader`;
const PERSON_TITLE = new RegExp(`(?:${PERSON_TITLES})\\s+$`);
const COURTESY_TITLE = /\b(?:Mr|Mrs|Ms|Dr)\.?\s+$/;

/** Titles before a surname that keep it the person's: those, and the bench's, a city's, a board's, a team's, a house's. */
const SURNAME_TITLE = new RegExp(`(?:${PERSON_TITLES}|Justice|Judge|Mayor|Commissioner|Director|Chairman|Chairwoman|Chair|Coach|Speaker)\\.?\\s+$`);

/** Words that open a sentence with a capital and are no first name ("Meanwhile Jackson said"). */
const SENTENCE_OPENER =
  /^(?:Meanwhile|Later|Yesterday|Today|Tonight|Earlier|Then|Now|Still|Also|Instead|Indeed|Afterwards|Afterward|Previously|Recently|Separately|Finally|Initially|Eventually|Here|There|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$|ly$/;

/**
 * Whether another first name stands just before a surname at `start` ("Michael Jackson", "Maria
 * Cruz"): a capitalised word that is no title, no function word and no sentence opener, not ending
 * a known name (which ends at `knownEnd`).
 */
function otherFirstNameBefore(text: string, start: number, knownEnd: number): boolean {
  if (text[start - 1] !== ' ' || (knownEnd >= 0 && /^\s+$/.test(text.slice(knownEnd, start)))) return false;
  const before = text.slice(Math.max(0, start - 30), start);
  const word = /(?:^|[^\p{L}\p{N}'.-])(\p{Lu}\p{Ll}+) $/u.exec(before)?.[1];
  return !!word && !NOT_A_NAME_PART.test(word) && !SENTENCE_OPENER.test(word) && !SURNAME_TITLE.test(before);
}

/** Capitalised words that may stand beside a place name without making a longer name. */
const NOT_A_NAME_PART =
  /^(?:A|An|The|In|On|At|Of|For|From|With|Without|To|Into|And|Or|But|By|As|Is|Are|Was|Were|Be|Has|Have|Had|Will|Would|Could|Should|May|Might|Can|Do|Does|Did|Not|No|Its|His|Her|Their|Our|This|That|These|Those|Who|What|Why|How|When|Where|Which|Says|Said|Over|Under|Against|After|Before|Since|Amid|Between|Than|Up|Down|Out|Off|About|President|Prime|Minister|Foreign|Secretary|State|Department|Government|Embassy|Ambassador|Army|Navy|Forces|Officials|Leaders?|Talks|Summit|War|Sanctions|Troops|Border|Crisis|Conflict|Relations|Ties|Deal|Envoy|Military|Parliament|Congress|Senate|House|Supreme|Court|Ministry|Central|Bank|Army|Air|Force|Coast|Guard|Television|TV|News|Ties|Mr|Mrs|Ms|Dr)$/;

/** "University of Georgia", "Bank of England": a place after an institution's "of" is part of the institution's name. */
const INSTITUTION_OF = /\b(?:University|College|Academy|Institute|School|Bank|Museum|Library|Church|Cathedral|Archdiocese|Diocese) of (?:the )?$/;
/**
 * "Colorado State University", "Georgia Supreme Court", "Ohio National Guard": the place names an
 * institution of its own, which the names the knowledge base lacks then find whole. Only bodies
 * whose name cannot mean the place's share of a national one ("the Georgia Senate race" is the
 * U.S. Senate's).
 */
const PLACE_INSTITUTION =
  /^ (?:State (?:University|College|Legislature|Board of Elections)|Supreme Court|Court of (?:Criminal )?Appeals|High Court|National Guard|General Assembly|Legislature|Board of Elections|Bureau of Investigation)\b/;

/**
 * "Air India", "Radio Canada": words that make a place's name an organisation's, also as a
 * sentence's first word, where a capital says nothing ("Yesterday India ...").
 */
const ORG_OPENER = /(?:^|[^\p{L}\p{N}])(?:Air|Radio) $/u;

/** "Stade de France", "Banco de España", "Universidad de Chile": a name's particle between a capitalised word and the place. */
const PARTICLE_OF_NAME = /(?:^|[^\p{L}\p{N}])\p{Lu}[\p{L}\p{M}'’-]+ (?:de|del|della|di|du|des|da|do|dos)(?: la| las| los| l')? ?$/u;

/**
 * A place alias inside a longer capitalised name the knowledge base lacks ("Latin America",
 * "New Mexico", "Washington Post", "University of Georgia", "Air India", "Stade de France") is not the place: leave it unmarked.
 */
function insideLongerName(text: string, start: number, end: number): boolean {
  if (text[start - 1] === ' ' && INSTITUTION_OF.test(text.slice(Math.max(0, start - 30), start))) return true;
  if (text[start - 1] === ' ' && ORG_OPENER.test(text.slice(Math.max(0, start - 8), start))) return true;
  if ((text[start - 1] === ' ' || text[start - 1] === "'") && PARTICLE_OF_NAME.test(text.slice(Math.max(0, start - 30), start))) return true;
  if (text[end] === ' ' && PLACE_INSTITUTION.test(text.slice(end, end + 40))) return true;
  if (namePartBefore(text, start)) return true;
  const after = capitalAfter(text, end);
  return after !== null && !NOT_A_NAME_PART.test(after);
}

/** The capitalised word right after `end` ("Heavy" after "Samsung"), or null. */
function capitalAfter(text: string, end: number): string | null {
  // The pattern needs a space after the name: most names have none, and skip the regex.
  return text[end] !== ' ' ? null : (/^ ([\p{Lu}][\p{L}\p{M}]*)/u.exec(text.slice(end, end + 30))?.[1] ?? null);
}

/**
 * Whether a capitalised word that can be part of a name stands just before `start` ("Latin" before
 * "America", "Nikola" before "Tesla"); a capital after a sentence end is only the sentence's first word.
 */
function namePartBefore(text: string, start: number): boolean {
  const word = capitalWordBefore(text, start);
  return word !== null && !NOT_A_NAME_PART.test(word) && insideSentence(text, start - 1 - word.length);
}

/** The capitalised word, a whole word, that ends one space before `start`, or null. */
function capitalWordBefore(text: string, start: number): string | null {
  // The pattern needs a space before the name: most names have none, and skip the regex.
  if (text[start - 1] !== ' ') return null;
  return /(?:^|[^\p{L}\p{N}'.-])([\p{Lu}][\p{L}\p{M}]*) $/u.exec(text.slice(Math.max(0, start - 30), start))?.[1] ?? null;
}

/** A capitalised word right before `start` that may name a place, wherever the sentence starts: not "The", "But", a title or a weekday. */
function placeLikeWordBefore(text: string, start: number): boolean {
  const word = capitalWordBefore(text, start);
  return word !== null && /^\p{Lu}\p{Ll}+$/u.test(word) && !NOT_A_NAME_PART.test(word) && !NOT_AN_ORG_NAME_PART.test(word);
}

/** Capitalised words that follow an organisation's name without making a longer one ("Pfizer CEO", "Hamas Monday"). */
const NOT_AN_ORG_NAME_PART =
  /^(?:CEO|Chief|Chairman|Chairwoman|Chair|Director|Founder|Executive|Commander|Spokesman|Spokeswoman|Spokesperson|Commission|Inc|Corp|Ltd|Plc|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** Whether a capitalised word that can be a name's part, and not an acronym, a title or a date, follows `end` ("Samsung Heavy"). */
function nameWordAfter(text: string, end: number): boolean {
  const after = capitalAfter(text, end);
  return after !== null && /^\p{Lu}\p{Ll}/u.test(after) && !NOT_A_NAME_PART.test(after) && !NOT_AN_ORG_NAME_PART.test(after);
}

/** Whether such a word stands before `start` inside a sentence, and does not end a known name (which ends at `knownEnd`). */
function unknownNameBefore(text: string, start: number, knownEnd: number): boolean {
  return namePartBefore(text, start) && !(knownEnd >= 0 && /^\s+$/.test(text.slice(knownEnd, start)));
}

/**
 * "The Atlantic reported": a capitalised "The" inside a sentence opens a title (a magazine, a
 * series), and a short form after it is that title's word, not the entity's.
 */
function afterTitleThe(text: string, start: number): boolean {
  return text.startsWith('The ', start - 4) && insideSentence(text, start - 4);
}

/** Whether a word at `at` stands inside a sentence, where its capital means something, not at its start (nor after a dateline: "TOKYO — The"). */
function insideSentence(text: string, at: number): boolean {
  return at > 0 && !/[.!?:"\n]\s*$/.test(text.slice(Math.max(0, at - 3), at)) && !DATELINE_BEFORE.test(text.slice(Math.max(0, at - 40), at));
}

/** A dateline's city in capitals and its dash at a line's start, before the story's first word. */
const DATELINE_BEFORE = /(?:^|\n)\s*\p{Lu}[\p{Lu}\s.,'’-]*\s[—–]\s*$/u;

/** A U.S. state after a city and a comma: "Paris, Texas". */
const US_STATE_AFTER =
  /^, (Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming)\b/;
const abroad = new WeakMap<KbIndex, Set<number>>();
const DEMONYMS_LOWER = new Set([...DEMONYMS].map((d) => d.toLowerCase()));

/**
 * The places the knowledge base puts in a country other than the United States: those with a
 * country among their context words, a country being a place whose own context words hold its
 * people's adjective ("Canadian"; "American" aside). Built once per index.
 */
function placesAbroad(index: KbIndex): Set<number> {
  let set = abroad.get(index);
  if (set) return set;
  const countries = new Set<string>();
  for (const e of index.entities)
    if (e.type === 'place' && e.context.some((w) => w !== 'american' && DEMONYMS_LOWER.has(w))) countries.add(e.name.toLowerCase());
  set = new Set();
  for (const [i, e] of index.entities.entries()) if (e.type === 'place' && e.context.some((w) => countries.has(w))) set.add(i);
  abroad.set(index, set);
  return set;
}

/**
 * "Vancouver, Washington", "Melbourne, Florida", "Athens, Georgia": a place the knowledge base puts
 * abroad, followed by a U.S. state its context does not name, is a namesake it lacks ("Tbilisi,
 * Georgia" stays: Georgia is in Tbilisi's context).
 */
function usNamesake(text: string, end: number, entity: number, index: KbIndex): boolean {
  if (text[end] !== ',') return false;
  const state = US_STATE_AFTER.exec(text.slice(end, end + 20))?.[1];
  return !!state && placesAbroad(index).has(entity) && !index.entities[entity].context.includes(state.toLowerCase());
}

/**
 * "Air India flight AI 171", "BA 2490": a short capitalised name followed by a number of three or
 * four digits that is not a year is a code (a flight, a route, a model), not the name.
 */
function codeNumberAfter(text: string, start: number, end: number): boolean {
  return end - start <= 3 && /^ \d{3,4}\b/.test(text.slice(end, end + 6)) && !/^ (?:19|20)\d\d\b/.test(text.slice(end, end + 6)) && /^\p{Lu}+$/u.test(text.slice(start, end));
}

/** Words after a person's name that make it the name of a thing named after them. */
const NAMED_AFTER_TAIL = /^\s+(?:Trail|City|Airport|Avenue|Street|Boulevard|Bridge|Square|Memorial|Library|Center|Centre|Foundation|Institute|School|University|Hospital|Station|Stadium|Highway|Doctrine|Prize)\b/;

/** "GPT-4.5", "Windows 10.1": a name that ends in a number goes on with a decimal point; it is another version's name. */
function versionAfter(text: string, start: number, end: number): boolean {
  return /\d$/.test(text.slice(start, end)) && /^\.\d/.test(text.slice(end, end + 2));
}

/**
 * "Barges crowded the Mississippi.", "the Ohio rose": a place's one-word name after "the", ending a
 * clause or before a preposition or a verb of water, is a river's when the knowledge base has the
 * "<name> River" ("the Ohio governor" stays the state). "and" is not among the words: "the Ohio and
 * Pennsylvania delegations" are states.
 */
const RIVER_AFTER = /^(?:\s*(?:[.,;:!?)]|$)|\s+(?:at|near|in|into|from|to|through|between|below|above|along|past|flows?|flowed|runs?|ran|rose|rises|crested|flooded|overflowed|river)\b)/;
const placesBySuffix = new WeakMap<KbIndex, Map<string, Map<string, number>>>();

/** The index's places whose name ends in `suffix` (" River", " (state)"), by name; built once per index and suffix. */
function placesEndingWith(index: KbIndex, suffix: string): Map<string, number> {
  let bySuffix = placesBySuffix.get(index);
  if (!bySuffix) placesBySuffix.set(index, (bySuffix = new Map()));
  let byName = bySuffix.get(suffix);
  if (!byName) {
    byName = new Map();
    for (const [i, e] of index.entities.entries()) if (e.type === 'place' && e.name.endsWith(suffix)) byName.set(e.name, i);
    bySuffix.set(suffix, byName);
  }
  return byName;
}

/** The entity of the river that "the <name>" at `start`..`end` means, or -1. */
function riverReading(text: string, start: number, end: number, index: KbIndex): number {
  const the = text.slice(Math.max(0, start - 4), start);
  if (the !== 'the ' && !(the === 'The ' && !insideSentence(text, start - 4))) return -1;
  if (!RIVER_AFTER.test(text.slice(end, end + 14))) return -1;
  return placesEndingWith(index, ' River').get(`${text.slice(start, end)} River`) ?? -1;
}

/** "upstate New York", "eastern Washington": a part of a state, which names it, not its namesake city. */
const REGION_OF_STATE_BEFORE = /\b(?:upstate|downstate|western|eastern|northern|southern|central|rural)\s+$/i;

/** The entity of the state that "<region> <name>" at `start`..`end` means ("New York (state)"), or -1. */
function stateReading(text: string, start: number, end: number, index: KbIndex): number {
  if (!REGION_OF_STATE_BEFORE.test(text.slice(Math.max(0, start - 11), start))) return -1;
  return placesEndingWith(index, ' (state)').get(`${text.slice(start, end)} (state)`) ?? -1;
}

const contextMatchers = new WeakMap<KbIndex, SubstringMatcher>();

/**
 * Where a context word counts: where it starts a word ("vaccine" in "vaccines"), and a word of up to
 * three letters only whole (the WHO, the EU, Lai: not "who", "Europe" or "claim").
 */
const CONTEXT_WORDS: WordRule = { wordStart: true, wholeWordUpTo: 3 };

/** One automaton over every entity's context words, built on the index's first detection and kept with it. */
function contextMatcher(index: KbIndex): SubstringMatcher {
  let matcher = contextMatchers.get(index);
  if (!matcher) contextMatchers.set(index, (matcher = substringMatcher(index.entities.flatMap((e) => e.context), CONTEXT_WORDS)));
  return matcher;
}

/** How many of an entity's context words the article contains (`present`: those it contains). */
function contextHits(present: ReadonlySet<string>, words: readonly string[]): number {
  let hits = 0;
  for (const w of words) if (present.has(w)) hits++;
  return hits;
}

/** Headlines capitalise every word: adjacency says nothing there. */
function inHeading(text: string, pos: number, blocks?: readonly Block[]): boolean {
  if (blocks) return blockAt(blocks, pos)?.kind === 'heading';
  return onHeadlineLine(text, pos, pos, 100);
}

/** What a detection leaves out unless asked. */
export interface DetectOptions {
  /** Mark the knowledge base's everyday vocabulary too (entries with `everyday`: ceasefire, drone). */
  everydayTerms?: boolean;
}

/**
 * Detects the knowledge base's entities in `text`, then names the knowledge base lacks.
 * Offsets index `text` as given; quotes and spaces are folded only for matching.
 */
export function detectMentions(text: string, index: KbIndex, blocks?: readonly Block[], options: DetectOptions = {}): Mention[] {
  const folded = foldText(text);
  const lower = folded.toLowerCase();
  const matches = mergeMatches(scan(folded, index), datelinePlaces(folded, index));

  // Where each entity is first named in full: short forms refer back to it.
  const firstFull = new Map<number, number>();
  for (const m of matches)
    for (const r of m.rules) if (r.kind === 'name' && !firstFull.has(r.entity)) firstFull.set(r.entity, m.start);

  // Which entities' context words the article holds, in one pass over the text: looking for each
  // entity's words separately read the whole text once per word (slow on long pages).
  const present = contextMatcher(index).present(lower);
  const hitsCache = new Map<number, number>();
  const hitsOf = (entity: number) => {
    let h = hitsCache.get(entity);
    if (h === undefined) hitsCache.set(entity, (h = contextHits(present, index.entities[entity].context)));
    return h;
  };

  const mentions: Mention[] = [];
  /** Mentions of everyday vocabulary not asked for: found like the others (their words are no unknown name), then left out. */
  const unasked = new Set<Mention>();
  /** Single-word names the knowledge base knows that the article did not confirm. */
  const unconfirmed: Match[] = [];
  const matchStarts = new Set(matches.map((x) => x.start));
  /** The previous alias match: a name right before another is a known one. */
  let previous: Match | undefined;
  for (const m of matches) {
    const before = previous;
    const endBefore = before?.end ?? -1;
    previous = m;
    // A title before the name ("Secretary Blinken") only matters to a person's short form: the
    // regex runs at most once a match, and only then.
    let titled: boolean | undefined;
    // Score every candidate sense: named in full here or earlier, supported by the article's context.
    const scored = new Map<number, number>();
    for (const r of m.rules) {
      const e = index.entities[r.entity];
      let score: number;
      if (r.kind === 'name') score = 2;
      else {
        const full = firstFull.get(r.entity);
        score = full === undefined ? 0 : full < m.start ? 2 : 1.2;
        // An office says who ("Secretary Blinken"); a courtesy title ("Mr. Cohen") only that it is a
        // person, which confirms a sense the article already supports and no other.
        if (e.type === 'person' && (titled ??= PERSON_TITLE.test(folded.slice(Math.max(0, m.start - 24), m.start)))) {
          if (full !== undefined || hitsOf(r.entity) > 0 || !COURTESY_TITLE.test(folded.slice(Math.max(0, m.start - 6), m.start))) score += 0.6;
        }
      }
      score += Math.min(hitsOf(r.entity), 4) * 0.5;
      scored.set(r.entity, Math.max(scored.get(r.entity) ?? 0, score));
    }
    let best = -1;
    let bestScore = 0;
    let total = 0;
    for (const [entity, score] of scored) {
      total += score;
      if (score > bestScore) [best, bestScore] = [entity, score];
    }
    // A single word the article does not confirm is left unmarked, and not guessed at below.
    const oneWord = m.rules[0].words.length === 1;
    if (best < 0 || bestScore === 0) {
      if (oneWord) unconfirmed.push(m);
      continue;
    }
    const shortOnly = m.rules.every((r) => r.kind !== 'name');
    if (shortOnly && afterTitleThe(folded, m.start)) continue;
    // A word of a longer capitalised name the knowledge base lacks is that name's: an organisation's
    // short form after such a word ("Nikola Tesla", "Fiona Apple"; after a known name it stands:
    // "Georgia Senate race"), and a one-word organisation or event beside one ("Special Olympics",
    // "Samsung Heavy Industries", "Watergate Hotel").
    const bestType = index.entities[best].type;
    if (
      ((shortOnly && bestType === 'organization') || (oneWord && (bestType === 'organization' || bestType === 'event'))) &&
      (unknownNameBefore(folded, m.start, endBefore) || (oneWord && nameWordAfter(folded, m.end))) &&
      !inHeading(folded, m.start, blocks)
    )
      continue;
    // An organisation's short form that follows a place in its own name ("Manchester United"), right
    // after another place, is that place's namesake: "Newcastle United" and "Leeds United" are not
    // Manchester United. (At a sentence's start too: "Newcastle United won." Not "the Georgia
    // Senate race": the U.S. Senate's name does not put a place before "Senate".)
    if (
      shortOnly &&
      bestType === 'organization' &&
      index.entities[best].name.split(' ')[1] === m.rules[0].form &&
      (before && /^ $/.test(folded.slice(endBefore, m.start)) ? before.rules.some((r) => index.entities[r.entity].type === 'place') : placeLikeWordBefore(folded, m.start))
    )
      continue;
    // A person's surname after another first name is someone else's ("Michael Jackson", "Maria
    // Cruz"); after a title it stands ("Justice Jackson", "Premier Ford").
    if (shortOnly && bestType === 'person' && otherFirstNameBefore(folded, m.start, endBefore) && !inHeading(folded, m.start, blocks)) continue;
    // ... and before another name word it is someone else's first name ("Abbas Kamel" is not Mahmoud
    // Abbas), unless that word starts a name the knowledge base knows ("the Biden White House").
    if (shortOnly && bestType === 'person' && nameWordAfter(folded, m.end) && !matchStarts.has(m.end + 1) && !inHeading(folded, m.start, blocks)) continue;
    // A lone sense needs support in its own right; shared names need a clear winner.
    const confidence =
      scored.size === 1 ? Math.min(1, 0.45 + bestScore * 0.25) : (bestScore / total) * Math.min(1, 0.45 + bestScore * 0.25);
    if (confidence < MIN_MENTION_CONFIDENCE) {
      if (oneWord) unconfirmed.push(m);
      continue;
    }
    if (codeNumberAfter(folded, m.start, m.end) || versionAfter(folded, m.start, m.end)) continue;
    // "USS Harry S. Truman", "the Ho Chi Minh Trail": a ship, a road or a building named after a person is not the person.
    if (index.entities[best].type === 'person' && (/\bUSS\s+$/.test(folded.slice(Math.max(0, m.start - 5), m.start)) || NAMED_AFTER_TAIL.test(folded.slice(m.end, m.end + 16)))) continue;
    let e = index.entities[best];
    if (e.type === 'place' && insideLongerName(folded, m.start, m.end) && !inHeading(folded, m.start, blocks)) continue;
    if (e.type === 'place' && usNamesake(folded, m.end, best, index)) continue;
    if (e.type === 'place' && oneWord) {
      const river = riverReading(folded, m.start, m.end, index);
      if (river >= 0) e = index.entities[river];
    }
    if (e.type === 'place') {
      const state = stateReading(folded, m.start, m.end, index);
      if (state >= 0) e = index.entities[state];
    }
    const mention: Mention = {
      text: text.slice(m.start, m.end),
      start: m.start,
      end: m.end,
      type: e.type,
      entity: e.name,
      id: e.id,
      confidence: Math.round(confidence * 100) / 100,
      ...(e.pronoun ? { pronoun: e.pronoun } : {}),
      ...(e.shortName ? { shortName: e.shortName } : {}),
    };
    mentions.push(mention);
    if (e.everyday && !options.everydayTerms) unasked.add(mention);
  }

  const unknown = findUnknownNames(folded, mentions, blocks, unconfirmed).map((u) => ({ ...ownedBy(folded, u, index), text: text.slice(u.start, u.end) }));
  return [...mentions, ...unknown].filter((m) => m.end - m.start <= MAX_MENTION_CHARS && !unasked.has(m)).sort((a, b) => a.start - b.start);
}
