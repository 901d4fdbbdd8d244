/**
 * Names the knowledge base lacks, found from the text itself: runs of capitalised words with a cue
 * that says what they are (a title, "said", "in", an organisation word). Without a cue, a
 * capitalised run is left alone: headlines and sentence starts are full of capitals that name
 * nothing ("What Happens Now?").
 */
import type { Block, EntityType, Mention } from '../types';
import { blockAt, onHeadlineLine } from '../text/blocks';
import { DEMONYMS } from './demonyms';
import { POST_NOMINALS } from '../text/names';
import { STRIP_LINE } from '../text/strip';

/** A title or role just before a name says it is a person ("CIA Director X", "political scientist Y"). */
const TITLE_BEFORE =
  /\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|President|Vice President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|Secretary|Chancellor|Senator|Governor|Mayor|Ambassador|Judge|Justice|General|Admiral|Commander|spokesman|spokeswoman|spokesperson|Pope|King|Queen|Prince|Princess|Sheikh|host|anchor|analyst|professor|economist|director|chief|CEO|chairman|chairwoman|scientist|historian|lawyer|attorney|researcher|journalist|correspondent|editor|adviser|advisor|candidate|challenger|incumbent|Libertarian|Democrat|Republican|Democratic|activist|pastor|Rev|Ald|Alderman|Alderwoman|Supt|Superintendent|Cllr|Councillor|Councilman|Councilwoman|Councilmember|manager|coach|lecturer|aide|prosecutor|envoy|negotiator)\.?\s+$/i;
/** Words for a person's role or office, in the appositions below. */
const ROLES = String.raw`(?:spokes(?:man|woman|person)|chair|adviser|advisor|official|minister|secretary|analyst|professor|economist|director|lawmaker|senator|diplomat|ambassador|general|commander|researcher|fellow|chief|leader|executive|chairman|chairwoman|president|mayor|governor|lawyer|attorney|barrister|solicitor|counsel|judge|journalist|correspondent|editor|scientist|historian|expert|negotiator|envoy|officer|strategist|pastor|activist|candidate|manager|coach|lecturer|superintendent|alderman|alderwoman|councillor|councilman|councilwoman|man|woman|resident|teacher|schoolteacher|organizer|organiser|student|nurse|doctor|farmer|owner|founder|co-founder|cofounder|player|captain|striker|midfielder|defender|goalkeeper|veteran|survivor|witness|defendant|plaintiff|prosecutor|businessman|businesswoman|entrepreneur|author|novelist|actor|actress|singer|priest|bishop|imam|rabbi|engineer|administrator|accountant|fisherman|fisherwoman|head|mechanic|firefighter|paramedic|driver|electrician|plumber|carpenter|shopkeeper|chef|baker|clerk|banker|physician|surgeon|pharmacist|psychologist|sociologist|councilmember|grandmother|grandfather|mother|father|widow|widower|architect|designer|composer|painter|sculptor|poet|playwright|dancer|filmmaker|producer|inventor|explorer|astronaut|astronomer|philosopher|theologian|comedian|critic|reporter|writer|broadcaster|presenter|colleague|friend|neighbou?r|classmate|mentor|referee|umpire|linesman|backbencher|winger|forward|substitute|keeper|full-back|centre-back|center-back|skipper|boss|\p{Ll}{3,}(?:ologist|ographer|ician|ist)|(?:wife|husband|son|daughter|brother|sister|grandson|granddaughter|niece|nephew)(?!\s+(?!of\b)\p{Ll}))`;
const ROLE_HEAD = String.raw`(?:[Aa]|[Aa]n|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?:\p{Lu}[\p{L}.]*\s+){0,2}\p{Lu}[\p{L}.]*['’]s)\s+(?:(?:former|senior|top|deputy|chief|lead|leading|veteran|retired|longtime)\s+)*(?:[\p{L}\p{N}.'’-]+\s+){0,3}`;
/** A role without an article, where a place of work follows: ", chief economist at Alderbrook Capital", ", chief UK economist at ING". */
const ROLE_BARE = String.raw`(?:(?:former|senior|top|deputy|chief|lead|leading|veteran|retired|longtime|managing|associate|assistant)\s+)*(?:(?:\p{Ll}[\p{Ll}-]*|\p{Lu}{2,4})\s+){0,2}${ROLES}\s+(?:at|of)\s`;
/** A former role with no article, closed by its comma: ", former Bundesliga midfielder," (a pundit's label, reader review 17). */
const ROLE_FORMER = String.raw`(?:former|ex-)\s*(?:[\p{L}\p{N}.'’-]+\s+){0,2}${ROLES},`;
/** ", a former national security adviser", ", 64, a retired teacher", ", chief economist at ...": an apposition that says the name before it is a person. */
const ROLE_AFTER = new RegExp(`^,\\s+(?:\\d{1,3},\\s+)?(?:${ROLE_HEAD}${ROLES}\\b|${ROLE_BARE}|${ROLE_FORMER})`, 'u');
/** "India's negotiator, Chandni Raina", "Its chair, Jennifer Homendy": a role, then a comma, before the name. */
const ROLE_BEFORE = new RegExp(`(?:^|[^\\p{L}])${ROLE_HEAD}${ROLES},\\s+$`, 'u');
/**
 * A profession, with its article, right before a name: "the geologist Walter Lowell", "the German
 * oceanographer Klaus Brenner" (reader review 20). Not any "-ist": "the nationalist Alternative for Germany".
 */
const PROFESSION_BEFORE = /(?:^|[^\p{L}])(?:[Tt]he|[Aa]n?)\s+(?:\p{L}[\p{L}-]*\s+)?(?:\p{Ll}{2,}(?:ologist|ographer|ician)|(?:scient|econom|art|pian|violin|cell|novel|journal|column|physic|chem)ist|historian|author|writer|poet|painter|composer|architect|actor|actress|singer|engineer|explorer|inventor|philosopher|backbencher|MP|MEP|senator|congressman|congresswoman)\s+$/u;
/** A place name's first word, never a person's first name: "New Taipei", "Lower Manhattan", "San Jose". */
const PLACE_HEAD = /^(?:New|Old|Lower|Upper|North|South|East|West|Central|Greater|Great|Little|Fort|Port|Mount|Saint|St|San|Santa|Los|Las|El|Lake|Cape|Glen|Grand|Palm)$/;
/** What a player or a manager does in a match report, after the name. */
const PLAYED_AFTER = /^(?:\s+(?:scored|netted|equalised|equalized|headed|volleyed|converted|saved|assisted|curled|slotted|tapped|nodded)\b|['’]s\s+(?:side|team|men|squad)\b)/;
/** A ball or a save "from" a player: "a pass from", "saved well from". */
const PLAYED_FROM_BEFORE = /\b(?:pass|cross|ball|save|saved|header|corner|free[- ]kick|shot|strike|tackle|challenge|foul|assist|cut-back|cutback)\s+(?:\p{Ll}+\s+)?from\s+$/u;
/** The text before a name ends in a comma: ROLE_BEFORE's own end, cheap to check first. */
const ENDS_IN_COMMA = /,\s+$/;
/**
 * A role's apposition right before a name ("the company's chief executive, "). The long pattern is
 * tried only where the text ends as it must: tried at every capitalised run, it was a tenth of detection.
 */
function roleBefore(before: string): boolean {
  return ENDS_IN_COMMA.test(before) && ROLE_BEFORE.test(before);
}
/** A run's last character that is no part of a name: "U.S.", "Reuters'", "ex-". */
const TRAILING_MARK = /[.'-]/;
/** Titles for several people at once: "Councilmembers Ruth Halvorsen and Marcus Bell". */
const PLURAL_TITLES = String.raw`Councilmembers|Council Members|Councillors|Senators|Commissioners|Aldermen`;
const LEADING_TITLE = new RegExp(
  String.raw`^(?:(?:Former|Acting|Deputy|Vice|Foreign|Defen[cs]e|Prime|Interior|Finance|Trade|Chief|Senior|Top)\s+)*(?:President|Minister|Secretary(?:\s+of\s+State)?|Chancellor|Senator|Governor|Mayor|Ambassador|General|Admiral|Spokesman|Spokeswoman|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sen\.|Rep\.|Gov\.|Gen\.|(?:Prof\.|Professor)(?:\s+(?:Sir|Dame))?|Sir|Dame|King|Queen|Prince|Princess|Pope|Sheikh|Judge|Justice|Ald\.|Alderman|Alderwoman|Supt\.|Superintendent|Cllr\.?|Councillor|Councilman|Councilwoman|Councilmember|Council Member|Assemblymember|${PLURAL_TITLES})\s+`,
);
/** A title for several people ("Councilmembers Ruth Halvorsen and Marcus Bell"): the name after its "and" is a person too. */
const PLURAL_TITLE = new RegExp(`(?:${PLURAL_TITLES})\\s+$`);
/**
 * An office inside a capitalised run, before a first and last name: "Maryland Governor Wes Moore",
 * "Transportation Secretary Pete Buttigieg", "Secretary General Antonio Guterres" (the last office),
 * "Assistant U.S. Attorney Nicolas Roos".
 */
const INNER_TITLE = /\b(?:MP|MEP|President|Minister|Secretary|Chancellor|Senator|Governor|Mayor|Ambassador|General|Admiral|Spokesman|Spokeswoman|Judge|Commissioner|Chairman|Chairwoman|Superintendent|Alderman|Alderwoman|Attorney|Prosecutor|Sheriff)\s+/g;
const SAID_AFTER = /^,?\s+(?:said|says|told|added|argued|wrote|stated|tweeted|noted|warned|explained|claimed|asked|replied|insisted)\b/;
/** "..., said Luis Ortega, 58, a retired bus driver": a name right after an inverted "said" that closes its clause. */
const SAID_BEFORE = /(?:^|[,”"]\s*)(?:said|says|added|asked|wrote|replied|insisted|explained)\s+$/;
const CLAUSE_CLOSES = /^(?:[,.;:]|\s+(?:on|in|at)\b)/;
/** Names that end in an office are the office, no place: "Manhattan District Attorney". */
const OFFICE_LAST = /\b(?:Attorney|Prosecutor|Sheriff|Judge|Mayor|Governor|Commissioner|Secretary|Minister|Chancellor|President|Superintendent)$/;
/** An area a city or a state draws ("Lincoln District"), never a person's surname (unlike "Bay" or "Hill"). */
const AREA_LAST = /\b(?:District|County|Province|Oblast|Region|Borough|Ward|Township|Prefecture)$/;
/** A street or square is a place, whatever it is named after: "Centre Street", "Union Square". */
const STREET_LAST = /\b(?:Street|Avenue|Road|Boulevard|Lane|Square|Plaza|Bridge)$/;
/** "Priya Nair, who covers chipmakers": a relative "who" after a comma; a body takes "which". */
const WHO_AFTER = /^,\s+(?:\d{1,3},\s+)?who\s+\p{Ll}/u;
/** "the Global Fund to Fight AIDS", "Campaign to End Hunger": "to", "for" or "from" between capitalised words is inside a name. */
const INSIDE_A_TITLE = /\p{Lu}[\p{L}.'’-]*\s+(?:to|for|from)\s+$/u;
/** A byline's "By" at a line's start, before the writer's name. */
const BYLINE_BEFORE = /(?:^|\n)\s*By\s+(?:[Tt]he\s+)?$/;
/** "from Fort Wayne", "in Doha": where someone is or comes from, never the speaker. */
const WHERE_FROM_BEFORE = /\b(?:from|in|near)\s+$/;
const PLACE_BEFORE = /(?:\b(?:in|from|near|to|across|outside|inside|around|at|visited|visit)|\b(?:ports?|city|town|village|region|province|mayor|governor|outskirts|capital) of)\s+$/;
const ORG_WORD =
  /\b(?:Ministry|Department|Party|Council|Agency|Bank|Inc|Corp|Corporation|Company|Co|Group|Institute|Institution|Academy|Society|School|Hospital|Laboratory|Laboratories|Observatory|Museum|University|College|Committee|Commission|Board|Authority|Administration|Association|Foundation|Fund|Union|Organization|Organisation|Office|Bureau|Court|Parliament|Assembly|Army|Navy|Force|Forces|Guard|Times|Post|News|Press|Herald|Journal|Tribune|Gazette|Network|Media|Reporters|Daily|Weekly|Monitor|Observer|Telegraph|Review|Magazine|Radio|TV|Television|Broadcasting|Channel|Insider|Chronicle|Dispatch|Courier|Inquirer|Examiner|Sentinel|Bulletin|Reuters|Airlines|Industries|Holdings|Motors|Labs|Centre|Center|Club|Federation|Alliance|Front|Movement|Brigade|Church|Temple|Mosque|Cathedral|Insight|Insights|Analytics|Partners|Associates|Consulting|Consultancy|Strategies|Advisors|Advisers|Capital|Securities|Investments|Ventures|Electric|Utilities|Management|Advisory|Research|Technologies|Semiconductor|Systems|Payments|Pharmaceuticals|Therapeutics|Homes|Builders|Developers|Properties|Realty|Construction|Pictures|Studios|Entertainment|Records|Foods|Brewing)\b/;
/** "Danube ports, such as Izmail": a list of places opens after a plural place noun and "such as", "including" or "like". */
const PLACE_LIST_HEAD = /\b(?:ports|cities|towns|villages|regions|provinces|districts|oblasts|islands)(?: [a-z]+)?,? (?:such as|including|like) $/;
const PLACE_WORD = /\b(?:City|Province|Oblast|County|Region|District|Island|Islands|Valley|River|Sea|Bay|Mountains|Strait|Street|Square|Airport|Hotel|Palace|Stadium|Arena)\b|s' (?:Park|Gardens|Green|Cross)$/;
/** A name of capitals alone ("FTX", "NASA"): an organisation's, where the knowledge base has no place of that name. */
const ACRONYM = /^\p{Lu}{2,6}$/u;
/**
 * An acronym the knowledge base lacks, after a preposition: a body after "at", "of" or "from"
 * ("a co-founder of FTX", "at NASA"); after "in" or "near", no mark ("in NSW", a place's
 * abbreviation), unless it owns something ("in FTX's code").
 */
function acronymAfterPreposition(before: string, after: string): [EntityType | null, number] {
  return /\b(?:in|near|to|across|outside|inside|around)\s+$/.test(before) && !/^['’]s\b/.test(after) ? [null, 0] : ['organization', 0.65];
}

/** Letters at the end of a name's run: "Sasha Lindqvist KC", "Ann Ruiz MP". */
const POST_NOMINALS_AFTER = new RegExp(`(?<=\\S)(?:\\s+(?:${POST_NOMINALS.join('|')}))+$`);
/** Capitalised words that are not names on their own. */
const STOP = new Set(
  'A An The This That These Those Several Many Some Most Few Both All Other Dozens Hundreds Thousands It Its He She They We I You His Her Their Our My Your Is Are Was Were Be What Who Why When Where How Which Now Then Here There Despite Though Although However But And Or If As At By For From In Into Of On To With Ever Since After Before Even Still Yet Also Not No Yes Get Sign Subscribe Download Listen Watch Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
    ' ',
  ),
);

/** A capitalised word; a plural's apostrophe inside a name is the name's ("St James' Park", "Regents' Park"). */
const CAP_WORD = "(?:[\\p{Lu}][\\p{L}\\p{M}'.-]*[\\p{L}\\p{M}](?:(?<=s)'(?=[^\\S\\n]+\\p{Lu}\\p{Ll}))?|[\\p{Lu}]\\.)";
/** White space between the words of a name: a line break at most, never a blank line (a block boundary). */
const GAP = '(?:[^\\S\\n]*\\n[^\\S\\n]*|[^\\S\\n]+)';
/** Arabic names' article joined to the word it belongs to, in lower case: "Majed al-Ansari", "Abdel Fattah el-Sisi". */
const ARTICLE_JOINED = '(?:al|el|ad|an|ar|as|ash|at|az)-';
const STARTS_WITH_ARTICLE_JOINED = new RegExp(`^${ARTICLE_JOINED}`);
/** Bodies whose names go on after "for": "Potsdam Institute for Climate Impact Research", "European Centre for Medium-Range Weather Forecasts". */
const BODY_FOR = '(?<=(?:Institute|Centre|Center|Centers|Council|Committee|Fund|Foundation|Commission|Society|Association|Alliance|Coalition|Organi[sz]ation|Office|Agency|Network|Federation|School|Trust|Partnership|Campaign|Secretary|Minister|Ministry|Department)' + GAP + ')for';
const NAME_RUN = new RegExp(`${CAP_WORD}(?:${GAP}(?:(?:de|da|del|der|van|von|al|bin|of|the|la|le|ten|ter|den|op|${BODY_FOR})${GAP})?(?:${ARTICLE_JOINED})?${CAP_WORD}){0,5}`, 'uy');
/** A party that may stand before a person's name like a title. */
const PARTY_BEFORE = /^(?:Democrat|Democratic|Republican|Libertarian|Independent|Labour|Conservative)\s+/;
/** A word of a person's name: "Chase", "O'Brien", "Lloyd-Webber", "J." */
const PERSON_NAME_WORD = /^(?:\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)*|\p{Lu}\.)$/u;
/** A plural role a firm holds, then a comma, before its name: "Rourke's solicitors, ", "its auditors, ". */
const FIRM_ROLE_BEFORE = /\b(?:solicitors|lawyers|attorneys|advisers|advisors|auditors|bankers|brokers|consultants|accountants|publishers|underwriters),\s+$/;
/** A body's name up to an "and" (or "&") inside it: "School of Hygiene and ", "Institute for Health and ". */
const ORG_AND_BEFORE = /\b(?:School|Institute|University|College|Academy|Department|Ministry|Centre|Center|Society|Foundation|Council|Commission|Agency|Office|Museum|Hospital) (?:of|for|on)(?: the)? \p{Lu}[\p{L}'’-]* (?:and|&) $/u;
/** Words that end an organisation's or an event's name, which a person's never has. */
const NOT_PERSON_WORD = /\b(?:Coalition|Conference|Caucus|Convention|Campaign|Initiative|Project|Council|Committee|Club|Action|Leadership|Majority|Minority|Primary|Primaries|Debate|Policy|Review|Regulation|Regulations|Act|Directive|Treaty|Protocol|Accord|Accords|Agreement|Programme|Program)\b/;
/** Two or three words that can make a person's name, and no organisation's ("Wes Moore", "Chase Oliver"). */
/** No place after a preposition: a people's name ("to North Vietnamese forces"), or a person's after "to" ("a marriage to Ann Fleischer"). */
function peopleOrPersonAfterTo(words: readonly string[], name: string, before: string): boolean {
  return DEMONYMS.has(words[words.length - 1]!) || (/\bto\s+$/.test(before) && isFirstAndLastName(name));
}

function isFirstAndLastName(words: string): boolean {
  const parts = words.split(/\s+/);
  // "Anneke de Vries", "Jan van der Berg": the particles between a first and a last name.
  const named = parts.filter((w) => !NAME_PARTICLE.test(w));
  const particlesInside = parts.length === named.length || (!NAME_PARTICLE.test(parts[0]!) && !NAME_PARTICLE.test(parts[parts.length - 1]!));
  return named.length >= 2 && named.length <= 3 && particlesInside && named.every((w) => PERSON_NAME_WORD.test(w) && !DEMONYMS.has(w)) && !ORG_WORD.test(words) && !NOT_PERSON_WORD.test(words);
}

/** Particles of a surname, in lower case. */
const NAME_PARTICLE = /^(?:de|da|del|der|di|du|van|von|ten|ter|den)$/;

/** A capitalised word, for the surnames of names found in the text. */
const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}'-]+/uy;

/**
 * The matches of `sticky` (a /uy regex whose matches start with a capital letter) in text order,
 * as `text.matchAll` with its global form would give them. The regex is tried only where a capital
 * may stand (A-Z, or any character outside ASCII; exported for its property test): Chromium's regex engine otherwise tests the
 * Unicode class at every position of a long page, the largest part of this search.
 */
export function* capitalisedMatches(text: string, sticky: RegExp): Generator<RegExpExecArray> {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || (c > 90 && c < 128)) continue;
    // Never inside a surrogate pair: a global search steps over pairs whole.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) continue;
    sticky.lastIndex = i;
    const m = sticky.exec(text);
    if (m) {
      yield m;
      i += m[0].length - 1;
    }
  }
}

/** "In Kyiv, Smith and Jones met": a place that opens its sentence after a preposition is where, and no list starts there. */
const OPENING_PLACE = /(?:^|[.!?:]["'”’]?\s+|\n\s*)(?:In|At|From|Near|Outside|Inside|Across|Over|Back in)\s+$/;

/**
 * A name in a list of places is a place: "the ports of Odesa, Chornomorsk and Pivdennyi" (a known
 * place, then the list goes on), "Danube ports, such as Izmail and Reni" (a list head). A name after
 * a place and a comma counts only when the list goes on after it with another capitalised name
 * ("in Munich, Adler said" and "in Munich, Adler, who heads the firm" are no lists), and never after
 * a place that opens its sentence ("In Kyiv, Smith and Jones met"); after "and" or "or", only when
 * the item before it was listed itself.
 */
function placeInList(text: string, start: number, end: number, placeStarts: ReadonlyMap<number, number>, listedEnds: ReadonlySet<number>): boolean {
  if (PLACE_LIST_HEAD.test(text.slice(Math.max(0, start - 40), start))) return true;
  const place = placeStarts.get(start - 2);
  const afterPlace = text.startsWith(', ', start - 2) && (listedEnds.has(start - 2) || (place !== undefined && !OPENING_PLACE.test(text.slice(Math.max(0, place - 20), place))));
  if (afterPlace) return /^(?:,|,? and|,? or) \p{Lu}/u.test(text.slice(end, end + 8));
  const joined = /,? (?:and|or) $/.exec(text.slice(Math.max(0, start - 6), start));
  return !!joined && listedEnds.has(start - joined[0].length);
}

function isHeading(text: string, start: number, end: number, blocks?: readonly Block[]): boolean {
  if (blocks) {
    const b = blockAt(blocks, start);
    return !!b && end <= b.end && b.kind !== 'paragraph' && b.kind !== 'quote';
  }
  return onHeadlineLine(text, start, end, 90);
}

/** A strip is at most this long (the pattern's nine parts of 40 characters). */
const STRIP_MAX_CHARS = 400;

/** Whether the line that holds `at` is a strip (core/text/strip.ts): a kicker ("Local News · Housing"), a nav line. */
function inStrip(text: string, at: number): boolean {
  // A strip is short: look no further than that either way (a page of text with no line break is no strip).
  const window = text.slice(Math.max(0, at - STRIP_MAX_CHARS), at + STRIP_MAX_CHARS);
  const here = at - Math.max(0, at - STRIP_MAX_CHARS);
  const from = window.lastIndexOf('\n', here);
  const to = window.indexOf('\n', here);
  if ((from < 0 && at > STRIP_MAX_CHARS) || (to < 0 && at + STRIP_MAX_CHARS < text.length)) return false;
  return STRIP_LINE.test(window.slice(from + 1, to < 0 ? window.length : to).trim());
}

/** The last match of the global pattern `re` in `s` (matchAll copied the pattern on every call). */
function lastMatch(re: RegExp, s: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) last = m;
  return last;
}

function atSentenceStart(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 3), start);
  return start === 0 || /(?:^|[.!?:"]\s+|\n\s*)$/.test(before);
}

/** Unknown names with a type cue, skipping text already covered by `known`. `text` is folded. */
export function findUnknownNames(
  text: string,
  known: readonly Mention[],
  blocks?: readonly Block[],
  unconfirmed: readonly { start: number; end: number }[] = [],
): Mention[] {
  const found: Mention[] = [];
  // Runs come in text order, and so do the known mentions: one moving index answers "covered?".
  let k = 0;
  const covered = (s: number, e: number) => {
    while (k < known.length && known[k].end <= s) k++;
    return k < known.length && known[k].start < e;
  };
  // A word the knowledge base knows but the article did not confirm is not guessed at on its own
  // ("in Congress" as a place would be a wrong card where no mark is right); a longer name that
  // holds it still is ("Central Election Commission").
  const unconfirmedSpans = new Set(unconfirmed.map((u) => `${u.start}:${u.end}`));
  // Where known places and places found in a list end (placeInList).
  const placeStarts = new Map(known.filter((m) => m.type === 'place').map((m) => [m.end, m.start]));
  const listedEnds = new Set<number>();
  /** Where a name that shares a plural title before it starts. */
  const pairedByTitle = new Set<number>();
  for (const m of capitalisedMatches(text, NAME_RUN)) {
    let start = m.index;
    // "Wall Street's": a name of several words ends before its possessive. One word keeps it:
    // brands are named so ("Moody's", "McDonald's"); an acronym does not ("FTX's code").
    let name = m[0];
    if (name.endsWith("'s")) name = name.replace(/(?<=\s\S+|^\p{Lu}{2,})'s$/u, '');
    if (TRAILING_MARK.test(name.charAt(name.length - 1))) name = name.replace(/[.'-]+$/, '');
    // "Atlanta's Ebenezer Baptist Church": the name is what follows the possessive.
    const possessive = name.lastIndexOf("'s ");
    // "Jamaica's Kishane Thompson": a first and last name after a known place's possessive is a person (an athlete, a minister).
    const ofPlace = possessive >= 0 && known.some((k) => k.type === 'place' && k.start <= m.index && k.end === m.index + possessive);
    // (Not where the possessor is no name the article knows and a body's name follows: "Alzheimer's
    // Association International Conference" is one name.)
    const ownName = possessive >= 0 && !covered(m.index, m.index + possessive) && ORG_WORD.test(name.slice(possessive + 3)) && !STOP.has(name.slice(0, possessive));
    if (possessive >= 0 && !ownName) {
      start += possessive + 3;
      name = name.slice(possessive + 3);
    }
    // Drop leading function words ("The", "In") that start the run.
    while (true) {
      const first = /^\S+/.exec(name)?.[0] ?? '';
      // (And a particle left first once a stop word is gone: "Get the Circuit Review".)
      if (!STOP.has(first.replace(/\.$/, '')) && !/^\p{Ll}/u.test(first) && !(OPENING_ADVERB.has(first) && atSentenceStart(text, start))) break;
      const rest = name.slice(first.length).trimStart();
      start += name.length - rest.length;
      name = rest;
      if (!name) break;
    }
    // Titles that open the run ("Foreign Minister Wang Yi") say who follows; they are not the name.
    let titled = false;
    const title = LEADING_TITLE.exec(name);
    if (title) {
      titled = true;
      start += title[0].length;
      name = name.slice(title[0].length);
      // "the President of Bharat": what follows a title's "of" is not a person's name.
      const of = /^(?:of|the)\s+/.exec(name);
      if (of) {
        titled = false;
        start += of[0].length;
        name = name.slice(of[0].length);
      }
    }
    // "Libertarian Chase Oliver", "Democratic Sen. Chris Murphy": a party before a first and last
    // name (and a title) says who follows; a party word opens many organisations' names too
    // ("Democratic National Committee", "Republican Jewish Coalition"), which stay as they are.
    const office = lastMatch(INNER_TITLE, name);
    const officeEnd = office ? office.index + office[0].length : 0;
    if (office && isFirstAndLastName(name.slice(officeEnd))) {
      titled = true;
      start += officeEnd;
      name = name.slice(officeEnd);
    }
    const party = PARTY_BEFORE.exec(name);
    if (party && !titled) {
      const skip = party[0].length + (LEADING_TITLE.exec(name.slice(party[0].length))?.[0].length ?? 0);
      if (isFirstAndLastName(name.slice(skip))) {
        titled = true;
        start += skip;
        name = name.slice(skip);
      }
    }
    // "Sasha Lindqvist KC", "Ann Ruiz MP": letters after the name say who the person is, as a title does.
    const postNominal = POST_NOMINALS_AFTER.exec(name);
    if (postNominal) {
      titled = true;
      name = name.slice(0, postNominal.index);
    }
    if (!name || name.length < 3) continue;
    let end = start + name.length;
    // "Prime Minister Srettha Thavisin of Thailand", "The committee's chair, Luis Vayas Valdivieso of
    // Ecuador,": a titled name, or one a role opens, then "of" and a name the knowledge base knows,
    // is the name before "of" (the known one is marked on its own).
    const before = text.slice(Math.max(0, start - 40), start);
    /** A role's apposition ends right before the name ("The committee's chair, "). */
    const roleOpens = roleBefore(before);
    const ofAt = name.indexOf(' of ');
    const ofKnown = ofAt >= 0 && (titled || roleOpens) ? ofAt : -1;
    /** What follows the whole run, "of Ecuador" included: the apposition closes after it. */
    const runAfter = text.slice(end, end + 80);
    if (ofKnown >= 0 && !covered(start, start + ofKnown) && covered(start + ofKnown + 4, end)) {
      name = name.slice(0, ofKnown);
      end = start + name.length;
    }
    if (covered(start, end) || unconfirmedSpans.has(`${start}:${end}`) || isHeading(text, start, end, blocks) || inStrip(text, start)) continue;
    const words = name.split(/\s+/);
    if (words.every((w) => STOP.has(w.replace(/['’]s$/, ''))) || (words.length === 1 && DEMONYMS.has(name))) continue;
    const after = text.slice(end, end + 80);
    // Mc/Mac/De/Di/La/Le/O' names are people's and places' names, not brands.
    const camel = words.length === 1 && /^\p{Lu}\p{Ll}+\p{Lu}/u.test(name) && !/^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O')/.test(name);
    let type: EntityType | null = null;
    let confidence = 0;
    // A role before the name counts where the name closes its apposition or speaks ("India's
    // negotiator, Chandni Raina, called"), not where it opens a longer phrase ("Harbor Point residents").
    const personCue = titled || TITLE_BEFORE.test(before) || PROFESSION_BEFORE.test(before) || (roleOpens && (/^[,;.]/.test(after) || runAfter.startsWith(',') || SAID_AFTER.test(after))) || pairedByTitle.has(start);
    if (OFFICE_LAST.test(name) && !titled) continue;
    if (camel || (ORG_WORD.test(name) && words.length >= 2 && !titled && !STREET_LAST.test(name))) [type, confidence] = ['organization', camel ? 0.7 : 0.8];
    else if ((personCue || ROLE_AFTER.test(after)) && words.length >= 2 && !NOT_PERSON_WORD.test(name)) [type, confidence] = ['person', 0.85];
    // "Olga, 61, a retired teacher from Sudzha": a first name alone, with an age and a role, as a
    // witness who gives only that is named.
    else if (words.length === 1 && /^,\s+\d{1,3},/.test(after) && ROLE_AFTER.test(after) && PERSON_NAME_WORD.test(name) && !ACRONYM.test(name)) [type, confidence] = ['person', 0.75];
    // (Not after "from", "in" or "near": "a teacher who drove his class from Fort Wayne, said" is the teacher speaking.)
    else if (SAID_AFTER.test(after) && words.length >= 2 && words.length <= 3 && !NOT_PERSON_WORD.test(name) && !AREA_LAST.test(name) && !WHERE_FROM_BEFORE.test(before)) [type, confidence] = ['person', 0.8];
    else if (SAID_BEFORE.test(before) && CLAUSE_CLOSES.test(after) && isFirstAndLastName(name)) [type, confidence] = ['person', 0.8];
    else if (WHO_AFTER.test(after) && isFirstAndLastName(name) && !PLACE_WORD.test(name) && !/\b[Tt]he\s+$/.test(before)) [type, confidence] = ['person', 0.8];
    // A match report's players and managers: "Kieran Doyle scored", "Graham Pell's side", "a pass
    // from James Maddison" (reader review 21).
    else if ((PLAYED_AFTER.test(after) || PLAYED_FROM_BEFORE.test(before)) && isFirstAndLastName(name) && !PLACE_WORD.test(name) && !PLACE_HEAD.test(words[0]!)) [type, confidence] = ['person', 0.75];
    // (Where the surname comes again alone, as a person's does: "Germany's Aleph Alpha", a company, never goes by "Alpha".)
    // "a letter from John Smithers ... Smithers said": after "of" a place's, or after "from" or "inside", a name whose surname comes again alone is a person's.
    else if ((ofPlace || PLACE_BEFORE.test(before)) && words.length === 2 && isFirstAndLastName(name) && !PLACE_WORD.test(name) && !PLACE_HEAD.test(words[0]!) && !known.some((k) => k.text === words[1]) && surnameAlone(text, words[0]!, words[1]!)) [type, confidence] = ['person', 0.75];
    else if (PLACE_WORD.test(name)) [type, confidence] = ['place', 0.7];
    else if (PLACE_BEFORE.test(before) && !INSIDE_A_TITLE.test(before) && words.length <= 2 && !atSentenceStart(text, start) && !peopleOrPersonAfterTo(words, name, before))
      [type, confidence] = ACRONYM.test(name) ? acronymAfterPreposition(before, text.slice(end, end + 3)) : ['place', 0.65];
    else if (words.length <= 2 && placeInList(text, start, end, placeStarts, listedEnds)) {
      [type, confidence] = ['place', 0.65];
      listedEnds.add(end);
    }
    // "National Institute for Health and Care Excellence": a run stops at a body's "and", where its
    // name goes on. What follows joins the body found just before it, unless it is a body or an
    // acronym of its own ("University of Oxford and Cambridge University"); either way it is no
    // person ("London School of Hygiene and Tropical Medicine, said"; reader review 19).
    if (ORG_AND_BEFORE.test(before)) {
      const body = found[found.length - 1];
      if (body?.type === 'organization' && /^\s+(?:and|&)\s+$/.test(text.slice(body.end, start)) && words.length <= 3 && !ORG_WORD.test(name) && !words.some((w) => ACRONYM.test(w))) {
        body.end = end;
        body.text = body.entity = text.slice(body.start, end);
        continue;
      }
      if (type === 'person') continue;
    }
    // "Rourke's solicitors, Hartley Vance, said": a name in apposition to a plural role is a firm's.
    if (type === 'person' && FIRM_ROLE_BEFORE.test(before)) [type, confidence] = ['organization', 0.7];
    if (!type) continue;
    // A byline's writer ("By The Editorial Board") is no organisation the article is about.
    if (type === 'organization' && BYLINE_BEFORE.test(before)) continue;
    // "Denmark Groover of Macon", "said Daniel Reeve of Northbridge Insight": a person "of" a place or
    // a body ends before "of", and what follows is a name of its own.
    const of = / of /.exec(name);
    const personOf = of && (type === 'person' || (type === 'organization' && isFirstAndLastName(name.slice(0, of.index)))) ? of : null;
    if (personOf) {
      const rest = { start: start + personOf.index + 4, text: name.slice(personOf.index + 4) };
      const restType: EntityType = type === 'person' ? 'place' : 'organization';
      const restConfidence = type === 'person' ? 0.65 : confidence;
      name = name.slice(0, personOf.index);
      if (name.split(/\s+/).length < 2) continue;
      found.push({ text: name, start, end: start + name.length, type: 'person', entity: name, confidence: type === 'person' ? confidence : 0.75 });
      if (restType === 'organization' || rest.text.split(/\s+/).length <= 3) found.push({ text: rest.text, start: rest.start, end, type: restType, entity: rest.text, confidence: restConfidence });
      continue;
    }
    found.push({ text: name, start, end: start + name.length, type, entity: name, confidence });
    // "Councilmembers Ruth Halvorsen and Marcus Bell": the second name shares the title.
    if (type === 'person' && PLURAL_TITLE.test(text.slice(Math.max(0, start - 30), start))) {
      const and = /^\s+and\s+/.exec(text.slice(start + name.length, start + name.length + 8));
      const next = start + name.length + (and?.[0].length ?? 0);
      if (and && !/^\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*\s+(?!says\b|was\b|has\b|is\b)\p{Ll}+s\b/u.test(text.slice(next, next + 60))) pairedByTitle.add(next);
    }
  }
  const courtesy = namedByCourtesy(text, known, found);
  if (courtesy.length) {
    found.push(...courtesy);
    found.sort((a, b) => a.start - b.start);
  }
  // "a payment to Stormy Daniels" is no place where the article names her as a person elsewhere:
  // a person's cue outweighs a preposition's.
  // ("Lyles turned to Thompson": the surname of Kishane Thompson, named as a person, is his.)
  const people = new Map(found.filter((m) => m.type === 'person').flatMap((m) => [[m.entity, m.entity], [m.entity.split(/\s+/).pop()!, m.entity]] as const));
  // (A surname only after "to": "He drove to Chester" stays the town where Tom Chester is named too.)
  const personAgain = (m: Mention) => people.get(m.entity) === m.entity || (people.has(m.entity) && /\bto\s+$/.test(text.slice(Math.max(0, m.start - 4), m.start)));
  const typed = people.size ? found.map((m) => (m.type === 'place' && m.confidence <= 0.65 && personAgain(m) ? { ...m, type: 'person' as const, entity: people.get(m.entity)!, confidence: 0.75 } : m)) : found;
  return linkSurnames(text, known, linkPlaces(text, known, typed));
}

/** At most this many surnames after a courtesy title are looked for in full (each is one search of the text). */
const COURTESY_SURNAMES_MAX = 40;
/** Words that open a sentence before a name, which are no first name ("Meanwhile Smith said"). */
const OPENING_ADVERB = new Set('Meanwhile Instead Separately Later Earlier Yesterday Today Tomorrow Afterwards Afterward Elsewhere Nevertheless Nonetheless Moreover Furthermore Likewise Similarly Finally Then Next Only Even'.split(' '));
/** An office before a surname ("Attorney Roos", "Commissioner Ruiz"): no first name. */
const OFFICE_FIRST = new RegExp(`^${INNER_TITLE.source}`);
/** A courtesy title and a surname: "Mr. Bankman-Fried", "Ms. Sassoon". */
const COURTESY_SURNAME = /\b(?:Mr|Mrs|Ms|Dr)\.?\s+(\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)*)(?![\p{L}'’-])/gu;

/**
 * People the article names in full once and then by a courtesy title and surname, as news style
 * does ("Sam Bankman-Fried knowingly took ... Mr. Bankman-Fried, 31, has pleaded"): the first full
 * name with that surname ("Sam Bankman-Fried", "Danielle Sassoon") is a person's, where no other
 * cue said so, or where only a preposition made it a place ("heard from Danielle Sassoon"). The
 * later "Mr. Bankman-Fried" is then linked by its surname. Found places are retyped in `found`.
 */
function namedByCourtesy(text: string, known: readonly Mention[], found: Mention[]): Mention[] {
  const surnames = new Set<string>();
  for (const m of text.matchAll(COURTESY_SURNAME)) {
    // "Mr. Smith's": the surname without its possessive.
    const surname = m[1]!.replace(/['’]s$/, '');
    if (!STOP.has(surname) && surnames.size < COURTESY_SURNAMES_MAX) surnames.add(surname);
  }
  if (!surnames.size) return [];
  const isTaken = overlapsAny(known);
  const added: Mention[] = [];
  for (const surname of surnames) {
    if (found.some((m) => m.type === 'person' && m.entity.split(/\s+/).pop() === surname)) continue;
    // (The surname holds letters, hyphens and apostrophes only: COURTESY_SURNAME.)
    const full = new RegExp(`(?<![\\p{L}.'’-])(\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\.)?)\\s+${surname}(?![\\p{L}'’-])`, 'gu');
    // The first full name that stands alone: not a word of a longer name ("Consumer Price Index"),
    // not after a title or an opening adverb ("Meanwhile Smith").
    let m: RegExpExecArray | null = null;
    for (const c of text.matchAll(full)) {
      const first = c[1]!.split(/\s+/)[0]!;
      if (standsApart(text, c.index, c.index + c[0].length) && !STOP.has(first) && !OPENING_ADVERB.has(first) && !LEADING_TITLE.test(c[0]) && !OFFICE_FIRST.test(c[0]) && isFirstAndLastName(c[0]) && !isTaken(c.index, c.index + c[0].length)) {
        m = c;
        break;
      }
    }
    if (!m) continue;
    const start = m.index;
    const end = start + m[0].length;
    const place = found.findIndex((f) => f.start === start && f.end === end);
    if (place >= 0) {
      if (found[place]!.type === 'place' && found[place]!.confidence <= 0.65) found[place] = { ...found[place]!, type: 'person', confidence: 0.75 };
      continue;
    }
    if (found.some((f) => f.start < end && start < f.end)) continue;
    added.push({ text: m[0], start, end, type: 'person', entity: m[0], confidence: 0.75 });
  }
  return added;
}

/**
 * A place of two words or more found only in the text ("from Fort Wayne") is the same place where
 * the article names it again without the cue ("Fort Wayne schools closed"): not inside a longer capitalised name
 * ("the Indianapolis Colts"), nor where it speaks (a person's name, "Lincoln said").
 */
function linkPlaces(text: string, known: readonly Mention[], found: Mention[]): Mention[] {
  const places = new Map<string, Mention>();
  // Names of two words or more: a single capitalised word is too often something else ("Thompson", "Olympic").
  for (const m of found) if (m.type === 'place' && /\s/.test(m.entity) && !places.has(m.entity)) places.set(m.entity, m);
  if (!places.size) return found;
  const isTaken = overlapsAny([...known, ...found]);
  const linked: Mention[] = [];
  for (const [name, first] of places) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const end = at + name.length;
      if (isWordAt(text, at - 1) || isWordAt(text, end) || isTaken(at, end)) continue;
      const after = text.slice(end, end + 40);
      if (/^\s+\p{Lu}/u.test(after) || SAID_AFTER.test(after) || (/\p{Lu}[\p{L}'’-]*\s+$/u.test(text.slice(Math.max(0, at - 30), at)) && insideSentenceAt(text, at))) continue;
      linked.push({ text: name, start: at, end, type: 'place', entity: first.entity, confidence: first.confidence });
    }
  }
  return linked.length ? [...found, ...linked].sort((a, b) => a.start - b.start) : found;
}

/** Whether a capitalised word before `at` stands inside its sentence (not the sentence's first word). */
function insideSentenceAt(text: string, at: number): boolean {
  const before = /(\S+)\s+$/u.exec(text.slice(Math.max(0, at - 30), at));
  return !!before && !sentenceStartsAt(text, at - before[0].length);
}

/** Whether a sentence, a line or a quotation's end comes just before `at` (or `at` is the text's start). */
function sentenceStartsAt(text: string, at: number): boolean {
  return at <= 0 || /[.!?:"”\n]\s*$/u.test(text.slice(Math.max(0, at - 3), at));
}

/** A test of whether a span overlaps any of `mentions`, by binary search over them sorted once. */
function overlapsAny(mentions: readonly Mention[]): (start: number, end: number) => boolean {
  const taken = [...mentions].sort((a, b) => a.start - b.start);
  return (s, e) => {
    let lo = 0;
    let hi = taken.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid].end <= s) lo = mid + 1;
      else if (taken[mid].start >= e) hi = mid - 1;
      else return true;
    }
    return false;
  };
}

/**
 * Later mentions of a person found only in the text, by surname alone ("Dickens said") or by the
 * full name again, refer back to the full name, as the knowledge base's short forms do.
 */
function linkSurnames(text: string, known: readonly Mention[], found: Mention[]): Mention[] {
  const bySurname = new Map<string, Mention>();
  for (const m of found) {
    if (m.type !== 'person') continue;
    const surname = m.entity.split(/\s+/).pop()!;
    // "al-Ansari" is written "Al-Ansari" at a sentence's start, or "Ansari".
    const joined = STARTS_WITH_ARTICLE_JOINED.exec(surname);
    const forms = joined ? [surname[0].toUpperCase() + surname.slice(1), surname.slice(joined[0].length)] : [surname];
    for (const form of forms) if (form.length >= 3 && !STOP.has(form) && !bySurname.has(form)) bySurname.set(form, m);
  }
  if (!bySurname.size) return found;
  const isTaken = overlapsAny([...known, ...found]);
  const linked: Mention[] = [];
  for (const w of capitalisedMatches(text, CAPITALISED_WORD)) {
    // "Mr. Bankman-Fried's bail": the surname without its possessive.
    const word = w[0].endsWith("'s") ? w[0].slice(0, -2) : w[0];
    const first = bySurname.get(word);
    if (!first || w.index < first.end || isWordAt(text, w.index - 1) || isWordAt(text, w.index + w[0].length)) continue;
    const end = w.index + word.length;
    if (isTaken(w.index, end)) continue;
    // "Rosalynn Carter" where "Chip Carter" was found: another first name makes another person.
    if (anotherFirstNameBefore(text, w.index, first)) continue;
    // The full name again ("Maren Lindqvist is ...", where no cue says so) is marked whole.
    const fullStart = end - first.entity.length;
    const whole = fullStart < w.index && fullStart >= 0 && text.startsWith(first.entity, fullStart) && !isWordAt(text, fullStart - 1) && !isTaken(fullStart, w.index);
    const start = whole ? fullStart : w.index;
    linked.push({ text: text.slice(start, end), start, end, type: 'person', entity: first.entity, confidence: 0.75 });
  }
  return linked.length ? [...found, ...linked].sort((a, b) => a.start - b.start) : found;
}

/** Whether a first name other than `person`'s own stands just before the surname at `at` (no title, no sentence opener). */
function anotherFirstNameBefore(text: string, at: number, person: Mention): boolean {
  const word = /(?:^|[^\p{L}\p{N}'’.-])(\p{Lu}\p{Ll}+) $/u.exec(text.slice(Math.max(0, at - 30), at))?.[1];
  if (!word || STOP.has(word) || OPENING_ADVERB.has(word) || TITLE_BEFORE.test(`${word} `) || LEADING_TITLE.test(`${word} `)) return false;
  if (person.entity.split(/\s+/).includes(word)) return false;
  // A name, not a word that opens a sentence or a clause ("Like Lindqvist", "Says Lindqvist"): one the text never writes in lower case.
  return !writtenInLowerCase(text, word);
}

/** Whether the text writes `word` in lower case somewhere, as a word of its own; remembered per text (a page names a surname many times). */
let lowerCaseText = '';
const lowerCaseSeen = new Map<string, boolean>();
function writtenInLowerCase(text: string, word: string): boolean {
  if (text !== lowerCaseText) {
    lowerCaseText = text;
    lowerCaseSeen.clear();
  }
  let seen = lowerCaseSeen.get(word);
  if (seen === undefined) lowerCaseSeen.set(word, (seen = new RegExp(`(?<![\\p{L}])${word.toLowerCase()}(?![\\p{L}])`, 'u').test(text)));
  return seen;
}

/** Whether `last` stands in the text without `first` before it: how an article names a person again. */
function surnameAlone(text: string, first: string, last: string): boolean {
  for (let at = text.indexOf(last); at >= 0; at = text.indexOf(last, at + last.length)) {
    const end = at + last.length;
    if (isWordAt(text, at - 1) || isWordAt(text, end) || text.slice(Math.max(0, at - first.length - 1), at).startsWith(first)) continue;
    // Alone: inside a sentence (not "Steel prices fell."), and not a word of another name ("U.S. Steel", "Steel Dynamics").
    if (!sentenceStartsAt(text, at) && standsApart(text, at, end)) return true;
  }
  return false;
}

/** Whether the words at [at, end) are no part of a longer capitalised name: no capitalised word just before or after them. */
function standsApart(text: string, at: number, end: number): boolean {
  return !/\p{Lu}[\p{L}.'’-]*\s+$/u.test(text.slice(Math.max(0, at - 30), at)) && !/^\s+\p{Lu}/u.test(text.slice(end, end + 3));
}

function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && /[\p{L}\p{N}]/u.test(text[i]);
}
