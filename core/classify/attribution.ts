/**
 * Finds who a sentence attributes its statement to: "X said ...", "..., said X", "according to
 * X", "X called Y “troubling”", "X's accusations that ...", "X put China on notice that ...".
 * Pure: no DOM, no extension or Node APIs. Offsets are relative to the sentence.
 */
import type { Mention } from '../types';
import { lexicon } from './lexicon';
import { norm, type Token } from './features';
import { POST_NOMINALS } from '../text/names';

const POST_NOMINAL_WORDS = new Set(POST_NOMINALS);

export type Subject =
  | { kind: 'mentions'; mentions: Mention[]; start: number; end: number }
  | { kind: 'pronoun'; text: string; start: number; end: number }
  | { kind: 'name'; text: string; start: number; end: number }
  | { kind: 'description'; text: string; start: number; end: number }
  | { kind: 'none' };

export interface Attribution {
  type: 'verb' | 'inverted' | 'according' | 'noun' | 'passive';
  subject: Subject;
  /** The words that mark the attribution ("said", "according to", "accusations"). */
  cues: Array<[number, number]>;
  /** The part of the sentence the source answers for; the rest is the writer's. */
  region: [number, number];
}

/** The word sets, built on first use rather than when the module loads. */
function buildSets() {
  const { SPEECH_NOUNS, SPEECH_VERBS_STRONG, SPEECH_VERBS_WEAK, SPEECH_VERBS_JUDGING } = lexicon();
  const STRONG = new Set(SPEECH_VERBS_STRONG.map(norm));
  const WEAK = new Set(SPEECH_VERBS_WEAK.map(norm));
  const JUDGING = new Set(SPEECH_VERBS_JUDGING.map(norm));
  const NOUNS = new Set(SPEECH_NOUNS.map(norm));

  /** Reporting verbs that have other senses ("added 200 jobs", "a group called X"). */
  const AMBIGUOUS = new Set(
    `add adds added call calls called describe describes described charge charges charged report reports
    reported state states stated estimate estimates estimated promise promises promised threaten threatens
    threatened demand demands demanded ask asks asked dismiss dismisses dismissed recall recalls recalled
    observe observes observed conclude concludes concluded indicate indicates indicated agree agrees agreed
    maintain maintains maintained counter counters countered assure assures assured muse mused note notes
    noted remark remarks remarked stress stresses stressed joke jokes joked calculate calculates calculated`.split(/\s+/),
  );

  /** Nouns that can be the source of a statement: "US officials said", "the ministry said". */
  const SOURCE_NOUNS = new Set(
    `official officials spokesperson spokesman spokeswoman spokespeople expert experts analyst analysts
    critic critics forecasters pollsters strategists trackers traders investors
    ministry department government police report study statement declaration communique
    communiqué source sources diplomat
    diplomats lawmaker lawmakers senator senators prosecutor prosecutors authorities researcher researchers
    scientist scientists administration leader leaders military army president minister secretary
    chairman chairwoman chair ceo executive executives company firm bank lender insurer carrier airline
    automaker carmaker chipmaker drugmaker retailer coach coaches manager captain teammate trainer
    midfielder striker forward defender goalkeeper keeper winger player players pundit
    director directors filmmaker actor actors actress producer author singer composer
    campaign group residents resident
    witness witnesses observers commentators economist economists investigators investigator doctor doctors
    court judge media press newspaper paper agency office party union council committee board commission
    organization organisation embassy aides aide adviser advisers advisor advisors insiders activists
    protesters supporters opponents campaigners advocates league club team city county district school hospital democrats republicans data figures poll survey statistics research
    studies reports document documents text letter resolution treaty filing filings lawsuit complaint
    defenders backers proponents skeptics sceptics staff groups mission missions monitors
    indictment memo order officer officers governor mayor
    ambassador envoy delegate delegates negotiators negotiator general commander spokesmen people allies ally
    chancellor premier treasurer mp mps boss rebels backbenchers backbencher
    kremlin pentagon regulators regulator watchdog agencies governments ministers authority
    countries nations delegation team colleagues family relatives lawyer lawyers attorney attorneys solicitor solicitors
    barrister barristers daughter son wife husband mother father sister brother widow widower
    representative representatives candidate candidates member members citizens voters workers teachers
    students parents author authors writer columnist editor editors journalist journalists reporter
    reporters historian historians scholars professor professors defense defence prosecution jury jurors service`.split(/\s+/),
  );

  /** Words that may sit between the subject and its verb: "Blinken also said", "has repeatedly said". */
  const BETWEEN = new Set(
    `also has have had later previously repeatedly recently again then publicly specifically reportedly
    once already just would will did does do is was were are been being earlier first last now still even
    further separately privately openly explicitly directly bluntly flatly not never can could may might
    should must both all too himself herself themselves itself on monday tuesday wednesday thursday
    friday saturday sunday yesterday today tonight this week immediately quickly angrily firmly
    clearly strongly previously long often frequently consistently continually always usually`.split(/\s+/),
  );

  const DETERMINERS = new Set(`the a an these those this that his her their its our my your such new many some any no these every each`.split(/\s+/));
  const NP_STOP = new Set(
    `that which who whom whose and but or because if when while as than since although though after before
    where whether so to of in on at for with from by about into over under between against during without
    is was were are be been being has have had do does did will would can could may might should must not
    it he she they we i you this there here`.split(/\s+/),
  );
  const NOUN_GOVERNORS = new Set(
    `made make makes making issued issue issues issuing delivered deliver delivers delivering lodged
    lodge lodges lodging leveled levelled levels leveling levelling repeated repeats repeating gave give
    gives giving voiced voice voices voicing echoed echoes reiterated reiterates rejected rejects
    dismissed dismisses renewed renews stepped`.split(/\s+/),
  );
  return {
    STRONG,
    WEAK,
    JUDGING,
    NOUNS,
    AMBIGUOUS,
    SOURCE_NOUNS,
    BETWEEN,
    DETERMINERS,
    NP_STOP,
    NOUN_GOVERNORS,
  };
}
let builtSets: ReturnType<typeof buildSets> | null = null;
const sets = (): ReturnType<typeof buildSets> => (builtSets ??= buildSets());

const PRONOUNS = new Set(['he', 'she', 'they', 'it']);
/** An article or a possessive, where a noun phrase opens. */
const PHRASE_OPENERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your']);
const PREPOSITIONS = new Set(['in', 'on', 'at', 'during', 'after', 'before', 'from', 'with', 'by', 'for', 'into', 'over', 'under', 'throughout', 'since', 'of', 'to']);
/** Words that open a clause, before which a pronoun starts one of its own ("that she said"). */
const CLAUSE_WORDS = new Set(['that', 'and', 'but', 'or', 'as', 'when', 'while', 'because', 'if', 'so', 'since', 'after', 'before', 'what', 'where', 'how', 'why', 'said', 'says']);
/** A count or an estimate whose maker "according to" names after it: "according to a count by prosecutors". */
const TALLY_NOUNS = new Set(['count', 'tally', 'analysis', 'estimate', 'estimates', 'data', 'figures', 'statistics', 'numbers', 'records', 'review', 'calculation', 'calculations', 'compilation', 'tabulation']);
/** What a body publishes, named after it: "the Bureau of Labor Statistics data", "a Pew survey". */
const WORKS_OF = new Set(['data', 'figures', 'statistics', 'report', 'reports', 'study', 'survey', 'poll', 'analysis', 'estimates', 'research', 'statement', 'review']);
/**
 * Works that speak only when named after what they found: "according to a large trial", not "Jurors at
 * the trial said" (the jurors speak).
 */
const SOURCES_AFTER = new Set(['trial', 'trials']);
/** Words that open a count of sources: "two people familiar with ...", "several officials". */
const COUNT_OPENERS = /^(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|other|numerous)$/;
/** Words that say how sources know: "people familiar with the negotiations", "officials close to ...". */
const IN_THE_KNOW = new Set(['familiar', 'close', 'briefed', 'knowledgeable', 'involved']);
/** Relative pronouns: where a source's qualifier ends ("people familiar with the matter who asked ..."). */
const RELATIVES = new Set(['who', 'whom', 'whose', 'which']);
/** What opens the question a source "has not said": "how much", "when", "whether". */
const WH_AFTER = new Set(['how', 'when', 'whether', 'why', 'what', 'where', 'who', 'which', 'if']);

/** What a tally's maker did to it: "estimates compiled by Bloomberg". */
const TALLY_PARTICIPLES = new Set(['compiled', 'collected', 'gathered', 'published', 'released', 'kept', 'maintained', 'conducted', 'carried']);

/** The maker of a count that "according to" names from token `k` on: "a count by prosecutors", "estimates compiled by Bloomberg". */
function tallyMaker(ctx: Ctx, k: number): Subject | null {
  const { tokens } = ctx;
  if (sets().DETERMINERS.has(tokens[k]?.w ?? '')) k++;
  if (!TALLY_NOUNS.has(tokens[k]?.w ?? '')) return null;
  k++;
  if (TALLY_PARTICIPLES.has(tokens[k]?.w ?? '')) k++;
  if (tokens[k]?.w === 'out') k++; // "carried out by"
  return /^(?:by|from|of)$/.test(tokens[k]?.w ?? '') ? subjectStartingAt(ctx, k + 1) : null;
}

const WRITER_PRONOUNS = new Set(['i', 'we']);
const CONTENT_AFTER = new Set(['that', ':', ',', 'as', 'for', 'on', 'him', 'her', 'them', 'reporters', 'whether']);
/** "said by phone": the means, not an agent. */
const BY_MEANS = new Set(['phone', 'telephone', 'video', 'videolink', 'email', 'e-mail', 'text', 'letter', 'satellite', 'radio', 'zoom']);
/** Modals that make a verb of speech something to be done, not something said: "Powell should say so". */
const UNSAID_MODALS = new Set(['should', 'must', 'ought', 'may', 'might']);
const NOT_BEFORE_VERB = new Set(['to', 'by', 'of', 'for', 'without', 'about', 'the', 'a', 'an']);
const SUBORDINATORS = new Set(['although', 'though', 'while', 'whereas', 'if', 'because', 'since', 'unless', 'whether', 'despite', 'as']);
/** The openings of an object after "added": what was added, not said ("added a second", "added another"). */
const ADDED_THING = new Set(['a', 'an', 'another', 'his', 'her', 'their', 'its', 'two', 'three', 'four', 'five', 'more', 'some', 'nearly', 'about', 'almost', 'roughly', 'over']);
/** Verbs that make what follows "wrote" or "added" a clause, not a thing: "wrote the tariffs would take effect". */
const FINITE_VERBS = new Set(['would', 'will', 'was', 'were', 'is', 'are', 'had', 'has', 'have', 'could', 'should', 'must', 'might', 'may', 'can']);
/** What a writer writes, not says: "wrote books", "wrote dozens of ...". */
const WRITTEN_THINGS = new Set(['books', 'novels', 'poems', 'songs', 'plays', 'articles', 'columns', 'essays', 'memoirs', 'several', 'many', 'dozens', 'hundreds', 'thousands']);
/** Words that set what follows as a measure: "above Wall Street estimates", "than analysts expected". */
const COMPARED_WITH = new Set(['above', 'below', 'beyond', 'than', 'beat', 'beats', 'beating', 'topped', 'topping', 'missed', 'missing', 'exceeded', 'exceeding', 'surpassed', 'surpassing']);
/** People a news story quotes for what they expect: "Analysts expect ...", "Economists expect ...". */
const FORECASTERS = new Set(['analysts', 'economists', 'experts', 'forecasters', 'pollsters', 'strategists', 'traders', 'investors', 'officials', 'trackers']);
const PASSIVE_AUX = new Set(['is', 'was', 'were', 'are', 'been', 'be', 'being']);

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const isWordTok = (t: Token | undefined): boolean => t !== undefined && /[\p{L}\p{N}]/u.test(t.w);
const SOURCE_TYPES = new Set(['person', 'organization', 'place']);

interface Ctx {
  text: string;
  tokens: Token[];
  mentions: Mention[];
  /** Token start -> the source-capable mention covering it. */
  byToken: Map<number, Mention>;
  /** Offsets of the semicolons outside quotations. */
  semicolons: number[];
}

function mentionAt(ctx: Ctx, tok: Token): Mention | undefined {
  return ctx.byToken.get(tok.start);
}

/** Index of the last token that ends at or before `pos` (binary search). */
function tokenIndexBefore(ctx: Ctx, pos: number): number {
  let lo = 0;
  let hi = ctx.tokens.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.tokens[mid]!.end <= pos) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

function makeCtx(text: string, tokens: Token[], mentions: Mention[]): Ctx {
  const byToken = new Map<number, Mention>();
  const usable = mentions
    .filter((m) => SOURCE_TYPES.has(m.type) && Number.isFinite(m.start) && Number.isFinite(m.end) && m.end > m.start)
    .sort((a, b) => a.start - b.start);
  let j = 0;
  for (const t of tokens) {
    while (j < usable.length && usable[j]!.end <= t.start) j++;
    // The first mention (in order) that covers the token's first character.
    for (let k = j; k < usable.length && usable[k]!.start <= t.start; k++) {
      if (usable[k]!.end >= t.start + 1) {
        byToken.set(t.start, usable[k]!);
        break;
      }
    }
  }
  const semicolons = tokens.filter((t) => t.w === ';' && !t.q).map((t) => t.start);
  return { text, tokens, mentions: usable, byToken, semicolons };
}

function isCapitalised(ctx: Ctx, t: Token): boolean {
  return /^\p{Lu}/u.test(ctx.text.slice(t.start, t.end));
}

/** Is there a quotation mark in the text between two offsets? */
const quoteBetween = (ctx: Ctx, a: number, b: number): boolean => /["“”]/.test(ctx.text.slice(a, b));

/** The subject that ends at token index j (inclusive), reading leftwards. */
function subjectEndingAt(ctx: Ctx, j0: number): Subject {
  const { tokens } = ctx;
  let j = j0;
  // "Jonathan Pryce KC told jurors": the letters after a name are no part of it.
  if (j > 0 && POST_NOMINAL_WORDS.has(ctx.text.slice(tokens[j]!.start, tokens[j]!.end)) && isCapitalised(ctx, tokens[j - 1]!)) j--;
  // "Blinken, who said": a relative clause, not the sentence's main statement.
  // ("The WHO has announced": the World Health Organization, in capitals, is no relative pronoun.)
  if ((tokens[j]?.w === 'who' && ctx.text.slice(tokens[j]!.start, tokens[j]!.end) !== 'WHO') || tokens[j]?.w === 'which') return { kind: 'none' };
  // "Antony Blinken, the secretary of state, said": step over the apposition.
  if (tokens[j]?.w === ',') {
    let k = j - 1;
    while (k >= 0 && tokens[k]!.w !== ',' && j - k < 16) k--;
    if (k >= 1 && tokens[k]!.w === ',') {
      // "Satya Nadella, the chief executive of Microsoft, which has committed $13 billion, said": a
      // relative clause closing an apposition; the speaker is the name the apposition is about.
      if (tokens[k + 1]?.w === 'which' || tokens[k + 1]?.w === 'who') {
        const about = subjectEndingAt(ctx, k);
        if (about.kind === 'mentions' || about.kind === 'name') return about;
      }
      // "Supporters of the technology, many of them ..., said": a source noun qualified before the apposition.
      const plain = subjectEndingAt(ctx, k - 1);
      const inner = good(plain) ? plain : postModifiedSubject(ctx, k);
      if (inner.kind === 'mentions' || inner.kind === 'name') return inner;
      // "Margaret Hollis, 64, a retired teacher, said": an age before the apposition is one more.
      // (Not a share: "Among Republicans, 62%, a clear majority, said".)
      const age = tokens[k - 1];
      if (inner.kind === 'none' && k >= 3 && age && /^\d{1,3}$/.test(age.w) && ctx.text[age.end] === ',' && tokens[k - 2]!.w === ',') {
        const aged = subjectEndingAt(ctx, k - 3);
        if ((aged.kind === 'mentions' && aged.mentions.every((m) => m.type === 'person')) || aged.kind === 'name') return aged;
      }
      if (inner.kind === 'description') {
        // "Its spokesperson, Oleg Nikolenko, wrote": the name in the apposition is the source.
        const named = subjectEndingAt(ctx, j - 1);
        const whole = named.kind !== 'none' && tokenIndexBefore(ctx, named.start) === k;
        return whole && (named.kind === 'mentions' || named.kind === 'name') ? named : inner;
      }
    }
    // "Biden, who has spoken with Netanyahu and with Qatar’s emir, Sheikh Tamim, said": a relative
    // clause with commas of its own.
    for (let c = j - 1; c >= 1 && j - c < 40; c--) {
      if (tokens[c]!.w !== ',' || tokens[c + 1]?.w !== 'who') continue;
      const inner = subjectEndingAt(ctx, c - 1);
      if (inner.kind === 'mentions' || inner.kind === 'name') return inner;
      break;
    }
    return { kind: 'none' };
  }
  const t = tokens[j];
  if (!isWordTok(t)) return { kind: 'none' };
  // Named entities from the detector, possibly several joined by "and" or commas.
  const found: Mention[] = [];
  let k = j;
  /** An "and" closed the list nearer the verb: a comma before it joins too ("A, B and C said"). */
  let closedByAnd = false;
  while (k >= 0) {
    const tk = tokens[k]!;
    const m = mentionAt(ctx, tk);
    if (!m) break;
    if (!found.includes(m)) found.unshift(m);
    k = tokenIndexBefore(ctx, m.start);
    // "Janet Yellen, Federal Reserve Chair Jerome Powell and FDIC Chairman Martin Gruenberg said":
    // each speaker's office stands between the joins; the speaker before it is then a person too.
    const titleFrom = m.type === 'person' ? beforeTitle(ctx, k) : k;
    const titled = titleFrom !== k;
    k = titleFrom;
    if (k >= 0 && (tokens[k]!.w === 'and' || tokens[k]!.w === ',' || tokens[k]!.w === '&')) {
      const prev = tokens[k - 1];
      const joined = prev && mentionAt(ctx, prev);
      // "In Paris, Margaret Hollis said": where she is, not a second speaker (a person and a place never speak together).
      const together = joined && !((joined.type === 'place' && m.type === 'person') || (joined.type === 'person' && m.type === 'place'));
      // "“... a war with Yemen,” Kirby said": a name inside the quotation is no second speaker.
      // Across an office, only a list an "and" closes: "After meeting Prime Minister Rishi Sunak, President Joe Biden said" is Biden's alone.
      const isAnd = tokens[k]!.w !== ',';
      if (prev && !prev.q && !quoteBetween(ctx, prev.end, m.start) && together && (!titled || (joined.type === 'person' && (isAnd || closedByAnd)))) {
        if (isAnd) closedByAnd = true;
        k--;
        continue;
      }
    }
    break;
  }
  if (found.length > 0) {
    // "Last year’s declaration in Bali, Indonesia, had said": the place is where, the speaker stands before it.
    const prep = tokenIndexBefore(ctx, found[0]!.start);
    const outer = speakersIn(ctx, prep);
    if (outer && found.every((m) => m.type === 'place')) return outer;
    // "Prime Minister Srettha Thavisin of Thailand confirmed": the person of the place speaks.
    const holder = prep >= 1 && ctx.tokens[prep]!.w === 'of' && found.every((m) => m.type === 'place') ? mentionAt(ctx, ctx.tokens[prep - 1]!) : null;
    if (holder?.type === 'person') return { kind: 'mentions', mentions: [holder], start: holder.start, end: holder.end };
    // "The MacArthur Justice Center at Northwestern University has argued": the body or person at the place of work.
    if (outer && ctx.tokens[prep]!.w === 'at' && (outer.kind === 'name' || (outer.kind === 'mentions' && outer.mentions.every((m) => m.type !== 'place')))) return outer;
    // "Some Democrats in Congress have said": the speakers are the ones in the body.
    if (outer?.kind === 'description') return outer;
    return { kind: 'mentions', mentions: found, start: found[0]!.start, end: found[found.length - 1]!.end };
  }
  if (PRONOUNS.has(t!.w)) return { kind: 'pronoun', text: ctx.text.slice(t!.start, t!.end), start: t!.start, end: t!.end };
  // "She's said", "He’s argued": the pronoun, contracted with its auxiliary.
  if (/'s$/.test(t!.w) && PRONOUNS.has(t!.w.slice(0, -2))) return { kind: 'pronoun', text: ctx.text.slice(t!.start, t!.end - 2), start: t!.start, end: t!.end - 2 };
  if (WRITER_PRONOUNS.has(t!.w)) return { kind: 'none' };
  // A description or a name the detector did not know: a short noun phrase.
  let s = j;
  const openPhrase = (): void => {
    while (s - 1 >= 0 && j - (s - 1) < 6) {
      const p = tokens[s - 1]!;
      if (!isWordTok(p) || sets().NP_STOP.has(p.w)) break;
      s--;
    }
  };
  openPhrase();
  // "The Bank of England governor said": a body's "of" between capitals is inside the phrase.
  if (s >= 2 && s < j && tokens[s - 1]!.w === 'of' && isCapitalised(ctx, tokens[s]!) && isCapitalised(ctx, tokens[s - 2]!) && isWordTok(tokens[s - 2])) {
    s -= 2;
    openPhrase();
  }
  // "This time the researchers found": the phrase opens at the article or possessive nearest its head
  // ("The new report" keeps its "The").
  for (let d = j - 1; d > s; d--)
    if (PHRASE_OPENERS.has(tokens[d]!.w)) {
      s = d;
      break;
    }
  // Allow a leading determiner (one: "that the defense" is "the defense").
  if (s - 1 >= 0 && sets().DETERMINERS.has(tokens[s - 1]!.w) && !sets().DETERMINERS.has(tokens[s]!.w)) s--;
  // "Bank records shown to the jury indicated": whom something was shown, given or sent to says nothing.
  if (s >= 2 && tokens[s - 1]!.w === 'to' && /(?:ed|en|wn|nt)$/.test(tokens[s - 2]!.w)) return { kind: 'none' };
  // "cautious language from its governor suggested": what came from someone, not a word or a source of theirs, is what suggests (reader review 21).
  if (s >= 2 && tokens[s - 1]!.w === 'from' && isWordTok(tokens[s - 2]) && !sets().SOURCE_NOUNS.has(tokens[s - 2]!.w) && !sets().NOUNS.has(tokens[s - 2]!.w)) return { kind: 'none' };
  const head = t!;
  const headWord = head.w.replace(/'s$/, '');
  const phrase = ctx.text.slice(tokens[s]!.start, head.end);
  const lastTwo = tokens.slice(Math.max(s, j - 1), j + 1).map((x) => x.w).join(' ');
  if (sets().SOURCE_NOUNS.has(headWord) || sets().SOURCE_NOUNS.has(lastTwo)) {
    // "The Bureau of Labor Statistics data already show": the body's data, the body's word.
    const owner = j > 0 ? mentionAt(ctx, tokens[j - 1]!) : undefined;
    if (owner && owner.type === 'organization' && owner.end === tokens[j - 1]!.end && WORKS_OF.has(headWord)) return { kind: 'mentions', mentions: [owner], start: owner.start, end: owner.end };
    return { kind: 'description', text: phrase, start: tokens[s]!.start, end: head.end };
  }
  if (isCapitalised(ctx, head) && !sets().DETERMINERS.has(head.w) && !sets().NP_STOP.has(head.w)) {
    // A capitalised run: "Zelensky", "Prime Minister Rishi Sunak".
    let c = j;
    while (c - 1 >= 0 && isWordTok(tokens[c - 1]) && isCapitalised(ctx, tokens[c - 1]!) && j - c < 5) c--;
    c = afterTitles(tokens, c, j);
    // "Some Democrats in Congress have said": where the speakers are, not who.
    const outer = speakersIn(ctx, c - 1);
    if (outer) return outer;
    const name = ctx.text.slice(tokens[c]!.start, head.end);
    // Nobody and everyone are no one's name ("Nobody said the plan would work").
    if (c === 0 && c === j && /^(?:The|This|That|It|There|What|But|And|Nobody|Everyone|Everybody|Someone|Somebody|Anyone|Anybody|None)$/.test(name)) return { kind: 'none' };
    return { kind: 'name', text: name, start: tokens[c]!.start, end: head.end };
  }
  return { kind: 'none' };
}

const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'near']);

/** A quotation within a few words after the verb at `i`, opened after a colon or a comma ("wrote on X: “...”"), not a title. */
function quotationAfterColon(tokens: readonly Token[], i: number): boolean {
  for (let k = i + 1; k <= i + 5 && k < tokens.length; k++) if (tokens[k]!.q) return /^[:,]$/.test(tokens[k - 1]!.w);
  return false;
}

/**
 * Where the token at `prep` is a place preposition before a named speaker ("Some Democrats in
 * Congress", "the declaration in Bali"): the subject before it, a description or named entities,
 * else none; null where there is no such preposition.
 */
function speakersIn(ctx: Ctx, prep: number): Subject | null {
  if (prep < 1 || !PLACE_PREPOSITIONS.has(ctx.tokens[prep]!.w)) return null;
  const outer = subjectEndingAt(ctx, prep - 1);
  // "The Budget Lab at Yale estimated": a body the detector does not know, at its seat.
  const seated = outer.kind === 'name' && ctx.tokens[prep]!.w === 'at';
  return outer.kind === 'description' || outer.kind === 'mentions' || seated ? outer : { kind: 'none' };
}

/** Days and months: "said the spokesman Monday" names no one. */
const DATE_WORDS = new Set([...WEEKDAYS, ...'january february march april may june july august september october november december'.split(' ')]);
/** What a side concedes in a match: "conceded twice", "11 goals", "a late penalty". */
const CONCEDED_IN_PLAY = /^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|once|twice|goals?|penalty|penalties|corners?|another|late|early|only|just|first|soft|sloppy|possession|equali[sz]er)$/;
/** Days, parts of a day and spans of time, by name: "yesterday", "last week", "this morning". */
const TIME_NOUNS = ['today', 'yesterday', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night'];
/** Times that own a statement only as its date: "Monday's announcement", "last week's report". */
const TIME_OWNERS = new Set([...DATE_WORDS, ...TIME_NOUNS, 'tonight', 'weekend']);

/** Titles and offices written before a name ("Transportation Secretary Pete Buttigieg", "Rep. Ro Khanna"). */
const TITLES = new Set(
  `president vice prime minister secretary governor gov mayor representative rep sen senator chancellor
  general gen ambassador spokesman spokeswoman spokesperson chief director chair chairman chairwoman
  judge justice mr mrs ms dr king queen prince princess pope commissioner speaker leader envoy attorney
  lt col adm admiral sheriff superintendent councilman councilwoman professor prof premier sheikh
  emir crown deputy foreign defense defence interior finance state officer executive`.split(/\s+/),
);

/** A title before a name is this many words at most ("Federal Reserve Board Vice Chair"). */
const TITLE_RUN_MAX = 6;

/**
 * The index of the token before the title that ends at token `k` and stands before a person's
 * name ("Federal Reserve Chair", "FDIC Chairman": capitalised words and bodies, with an office among
 * them), or `k` when no title ends there.
 */
function beforeTitle(ctx: Ctx, k: number): number {
  let i = k;
  let titled = false;
  for (; i >= 0; i--) {
    const t = ctx.tokens[i]!;
    if (TITLES.has(t.w.replace(/\.$/, ''))) titled = true;
    else if (!/^\p{Lu}/u.test(ctx.text.slice(t.start, t.end)) && mentionAt(ctx, t)?.type !== 'organization') break;
    // A run longer than any title: no title ends here.
    if (k - i >= TITLE_RUN_MAX) return k;
  }
  return titled ? i : k;
}

/**
 * Where the name of a capitalised run from `c` to `j` starts, after the titles and offices before
 * it: "Maryland Governor Wes Moore" -> "Wes Moore". The whole run when no name would be left.
 */
function afterTitles(tokens: readonly Token[], c: number, j: number): number {
  let from = c;
  for (let k = c; k < j; k++) if (TITLES.has(tokens[k]!.w.replace(/\.$/, ''))) from = k + 1;
  return from;
}

/** The subject that starts at token index i, reading rightwards ("said Blinken", "said the minister"). */
function subjectStartingAt(ctx: Ctx, i: number): Subject {
  const { tokens } = ctx;
  const t = tokens[i];
  if (!isWordTok(t)) return { kind: 'none' };
  const m = mentionAt(ctx, t!) ?? (sets().DETERMINERS.has(t!.w) && tokens[i + 1] ? mentionAt(ctx, tokens[i + 1]!) : undefined);
  if (m) return { kind: 'mentions', mentions: [m], start: m.start, end: m.end };
  if (PRONOUNS.has(t!.w)) return { kind: 'pronoun', text: ctx.text.slice(t!.start, t!.end), start: t!.start, end: t!.end };
  // "from Ukrainian President Volodymyr Zelenskyy": titles before a person the detector knows.
  if (isCapitalised(ctx, t!)) {
    for (let k = i + 1; k < tokens.length && k - i <= 4 && isWordTok(tokens[k]) && isCapitalised(ctx, tokens[k]!); k++) {
      const named = mentionAt(ctx, tokens[k]!);
      if (named?.type === 'person') return { kind: 'mentions', mentions: [named], start: named.start, end: named.end };
      if (named) break;
    }
  }
  let e = i;
  while (e + 1 < tokens.length && isWordTok(tokens[e + 1]) && !sets().NP_STOP.has(tokens[e + 1]!.w) && e - i < 5) e++;
  const words = tokens.slice(i, e + 1);
  const firstNoun = words.findIndex((w) => sets().SOURCE_NOUNS.has(w.w) || SOURCES_AFTER.has(w.w));
  let headIdx = firstNoun;
  // "a ministry spokesman", "court filings": the last of the source nouns in a row is the head.
  while (headIdx >= 0 && headIdx + 1 < words.length && sets().SOURCE_NOUNS.has(words[headIdx + 1]!.w)) headIdx++;
  if (headIdx >= 0 && (sets().DETERMINERS.has(t!.w) || isCapitalised(ctx, t!) || firstNoun === 0 || COUNT_OPENERS.test(t!.w))) {
    // "its deputy U.N. ambassador Dmitry Polyanskiy": the person the description names.
    const after = tokens[i + headIdx + 1];
    const named = after && !after.q ? mentionAt(ctx, after) : undefined;
    if (named?.type === 'person') return { kind: 'mentions', mentions: [named], start: named.start, end: named.end };
    // ... or a name the detector does not know ("Transportation Secretary Pete Buttigieg").
    if (after && !after.q && !named && isWordTok(after) && isCapitalised(ctx, after) && !DATE_WORDS.has(after.w)) {
      let c = i + headIdx + 1;
      while (c + 1 < tokens.length && isWordTok(tokens[c + 1]) && isCapitalised(ctx, tokens[c + 1]!) && c - (i + headIdx + 1) < 3) c++;
      return { kind: 'name', text: ctx.text.slice(after.start, tokens[c]!.end), start: after.start, end: tokens[c]!.end };
    }
    // "people familiar with the production": the qualifier says who they are, to the end of what they
    // know of ("the figures", not "the figures released on Friday", nor "the matter who asked not").
    let end = words[headIdx]!.end;
    const q = i + headIdx + 1;
    if (IN_THE_KNOW.has(tokens[q]?.w ?? '') && /^(?:with|to|on|in)$/.test(tokens[q + 1]?.w ?? '')) {
      let k = q + 1;
      let named = false;
      while (k + 1 < tokens.length && k - q < 6) {
        const next = tokens[k + 1]!;
        if (!isWordTok(next) || next.q || CLAUSE_JOINS.has(next.w)) break;
        // (After a possessive a word in -ing is its noun: "Apple's thinking".)
        if (named && (RELATIVES.has(next.w) || PREPOSITIONS.has(next.w) || (/(?:ed|ing)$/.test(next.w) && !/'s$|s'$/.test(tokens[k]!.w)))) break;
        if (!PHRASE_OPENERS.has(next.w)) named = true;
        k++;
      }
      end = tokens[k]!.end;
    }
    return { kind: 'description', text: ctx.text.slice(t!.start, end), start: t!.start, end };
  }
  // "the Maryland Transportation Authority", "the quarterly Summary of Economic Projections": a
  // body or a publication by its name, with the article that introduces it.
  if (sets().DETERMINERS.has(t!.w)) {
    let c = i + 1;
    while (c < tokens.length && c - i <= 2 && isWordTok(tokens[c]) && !isCapitalised(ctx, tokens[c]!) && !sets().NP_STOP.has(tokens[c]!.w)) c++;
    let last = -1;
    for (let k = c; k < tokens.length && k - c < 7 && isWordTok(tokens[k]) && !tokens[k]!.q; k++) {
      if (isCapitalised(ctx, tokens[k]!)) last = k;
      else if (!/^(?:of|for|and|on)$/.test(tokens[k]!.w)) break;
    }
    if (last >= 0) return { kind: 'description', text: ctx.text.slice(t!.start, tokens[last]!.end), start: t!.start, end: tokens[last]!.end };
  }
  if (isCapitalised(ctx, t!)) {
    let c = i;
    while (c + 1 < tokens.length && isWordTok(tokens[c + 1]) && isCapitalised(ctx, tokens[c + 1]!) && c - i < 4) c++;
    const from = tokens[afterTitles(tokens, i, c)]!;
    return { kind: 'name', text: ctx.text.slice(from.start, tokens[c]!.end), start: from.start, end: tokens[c]!.end };
  }
  return { kind: 'none' };
}

/** Where the source's clause ends: the next semicolon after `from`, or the sentence end. */
function clauseEnd(ctx: Ctx, from: number): number {
  for (const s of ctx.semicolons) if (s >= from) return s;
  return ctx.text.length;
}

const good = (s: Subject): boolean => s.kind !== 'none';

/**
 * Find the attribution of a sentence, or null when the sentence speaks in the writer's voice.
 * `mentions` are relative to the sentence.
 */
export function findAttribution(text: string, tokens: Token[], mentions: Mention[]): Attribution | null {
  const ctx = makeCtx(text, tokens, mentions);
  const n = tokens.length;
  const candidates: Attribution[] = [];
  const firstQuoted = tokens.findIndex((x) => x.q);
  const unquotedWordsBefore = new Array<number>(n + 1);
  unquotedWordsBefore[0] = 0;
  for (let k = 0; k < n; k++) unquotedWordsBefore[k + 1] = unquotedWordsBefore[k]! + (!tokens[k]!.q && isWordTok(tokens[k]) ? 1 : 0);
  const anyQuotedAfter = new Array<boolean>(n + 1).fill(false);
  for (let k = n - 1; k >= 0; k--) anyQuotedAfter[k] = anyQuotedAfter[k + 1]! || tokens[k]!.q;

  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t.q || !isWordTok(t)) continue;

    // "according to X"
    if (t.w === 'according' && tokens[i + 1]?.w === 'to') {
      // "according to a count by prosecutors": whose count it is.
      const by = tallyMaker(ctx, i + 2);
      const subj = by && good(by) ? by : subjectStartingAt(ctx, i + 2);
      if (good(subj)) {
        const atStart = unquotedWordsBefore[i]! <= 2;
        const region: [number, number] = atStart ? [0, clauseEnd(ctx, t.start)] : [0, text.length];
        candidates.push({ type: 'according', subject: subj, cues: [[t.start, tokens[i + 1]!.end]], region });
      }
      continue;
    }

    // "X put China on notice that ...", and a barrister's "X put it to the witness that ...".
    if ((t.w === 'put' || t.w === 'puts' || t.w === 'putting') && i > 0) {
      const on = tokens.slice(i + 1, i + 7).findIndex((x, k, arr) => x.w === 'on' && arr[k + 1]?.w === 'notice');
      const putTo = tokens[i + 1]?.w === 'it' && tokens[i + 2]?.w === 'to' && tokens.slice(i + 3, i + 8).some((x) => x.w === 'that');
      // The tokens of the phrase's cue after "put": "on notice", "it to".
      const cue = on >= 0 ? i + 1 + on : putTo ? i + 1 : -1;
      if (cue >= 0) {
        const subj = subjectEndingAt(ctx, skipBetween(ctx, i - 1));
        if (good(subj)) candidates.push({ type: 'verb', subject: subj, cues: [[t.start, t.end], [tokens[cue]!.start, tokens[cue + 1]!.end]], region: [subjStart(subj, t.start), clauseEnd(ctx, t.start)] });
      }
    }

    // Nouns of speech: "Blinken’s warning", "the US is lodging serious accusations against China".
    if (sets().NOUNS.has(t.w) && !isCapitalised(ctx, t)) {
      const a = nounAttribution(ctx, i);
      if (a) {
        candidates.push(a);
        continue;
      }
    }

    const strong = sets().STRONG.has(t.w);
    const weak = !strong && sets().WEAK.has(t.w);
    if (!strong && !weak) continue;
    if (isCapitalised(ctx, t) && i > 0 && !/^[“"‘(]/.test(text.slice(tokens[i - 1]!.end, t.start).trim())) continue; // "United States"
    const prev = tokens[i - 1];
    if (prev && NOT_BEFORE_VERB.has(prev.w)) continue; // "hard to say", "the claims"
    if (prev && /'s$|s'$/.test(prev.w) && !PRONOUNS.has(prev.w.slice(0, -2))) continue; // "the Fed's caution": a noun after its owner (not "She's said")
    const next = tokens[i + 1];
    // "Israel responded with an air campaign", "responded to the attack": an act, not a statement, unless a quote follows.
    if (/^respond/.test(t.w) && /^(?:with|to|by)$/.test(next?.w ?? '') && !anyQuotedAfter[i + 1]) continue;
    // "Arsenal conceded twice", "Spurs have conceded 11 goals": a match's goals, no statement (not "conceded defeat", "conceded that ...").
    if (/^conced/.test(t.w) && (CONCEDED_IN_PLAY.test(next?.w ?? '') || (/^an?$/.test(next?.w ?? '') && CONCEDED_IN_PLAY.test(tokens[i + 2]?.w ?? '')))) continue;
    const contentFollows =
      (next !== undefined && (CONTENT_AFTER.has(next.w) || next.q || quoteBetween(ctx, t.end, next.start))) ||
      thatAfterTime(tokens, i + 1) ||
      tokens.slice(i + 1, i + 4).some((x) => x.q) ||
      (next?.w === 'about' && /^(?:talk|talks|talked|spoke|speak|speaks)$/.test(t.w));
    const weakContent =
      next !== undefined &&
      (next.w === 'that' || next.w === ':' || next.w === 'whether' || next.q || quoteBetween(ctx, t.end, next.start) ||
        (next.w === 'about' && /^(?:talk|talks|talked|spoke|speak|speaks)$/.test(t.w)) ||
        // "condemned the strikes as “a clear violation ...”": what they called it, in their words.
        tokens.slice(i + 1, i + 8).some((x, k, arr) => x.w === 'as' && !x.q && (arr[k + 1]?.q ?? false)));
    // "Biden praised his fierce intellect", "She expects the board to be expanded": a judgement or a
    // forecast someone named made, in the writer's words; checked against its subject below.
    // Not a passive ("Biden is not expected to attend", "Boeing was also criticised"), nor "Apple expected to unveil" (a headline's passive).
    const unsaid = weak && !weakContent;
    const judged = unsaid && sets().JUDGING.has(t.w) && next !== undefined && isWordTok(next) && !/^(?:by|for|as)$/.test(next.w);
    // ("He expects no further cut before September": the present tense forecasts without "to" too.)
    const forecast =
      unsaid &&
      ((/^expects?$|^expected$/.test(t.w) && !(t.w === 'expected' && next?.w === 'to') && tokens.slice(i + 1, i + 8).some((x) => x.w === 'to' && !x.q)) ||
        (t.w === 'expects' && next !== undefined && isWordTok(next) && next.w !== 'to'));
    if (unsaid && !judged && !forecast) continue;

    // Passive hearsay: "is said to", "was reported".
    if (prev && PASSIVE_AUX.has(prev.w) && /(?:said|reported|alleged|claimed|believed|thought)$/.test(t.w)) {
      let subj: Subject = { kind: 'none' };
      if (next?.w === 'by') subj = subjectStartingAt(ctx, i + 2);
      candidates.push({ type: 'passive', subject: subj, cues: [[prev.start, t.end]], region: [0, text.length] });
      continue;
    }
    // "a ceasefire between Israel and Iran announced by Trump": a participle with its agent, no statement.
    // ("said by phone", "told by video link" are still statements.)
    if (next?.w === 'by' && !(prev && PASSIVE_AUX.has(prev.w)) && !BY_MEANS.has(tokens[i + 2]?.w ?? '')) continue;
    // Any other passive ("the text was agreed", "he was warned of"): its subject is not the speaker.
    // With its agent ("declared by the U.S. Census") or its content ("it is estimated that") it still reports.
    if (prev && PASSIVE_AUX.has(prev.w) && !/ing$/.test(t.w) && next?.w !== 'by' && next?.w !== 'that') continue;
    // ... and with an adverb between: "Thwaites is often called the 'Doomsday Glacier'" names it, no one speaks (reader review 22).
    if (/^(?:called|named|dubbed|described|known)$/.test(t.w) && PASSIVE_AUX.has(tokens[i - 2]?.w ?? '') && /ly$|^(?:often|also|still|now|long|sometimes|once)$/.test(prev?.w ?? '') && next?.w !== 'by') continue;

    // Inverted: "“...,” said Blinken." / ", said the minister."
    const before = prev ? text.slice(prev.end, t.start) : text.slice(0, t.start);
    const afterQuoteOrComma = i === 0 || prev?.w === ',' || /["”’]/.test(before) || (prev?.q ?? false);
    if (afterQuoteOrComma && /^(?:said|says|added|asked|wrote|replied|insisted|warned|explained|argued|noted|continued)$/.test(t.w)) {
      const subj = subjectStartingAt(ctx, i + 1);
      if (good(subj) && endsInversion(ctx, subj)) {
        candidates.push({ type: 'inverted', subject: subj, cues: [[t.start, t.end]], region: [0, text.length] });
        continue;
      }
    }

    const subjEnd = skipBetween(ctx, i - 1);
    const between = tokens.slice(subjEnd + 1, i);
    if (between.some((x) => UNSAID_MODALS.has(x.w))) continue;
    // "the defense could not tell jurors that ...": what someone may not tell others, no statement.
    // ("Police could not confirm whether ..." still reports what the police said.)
    const cannot = between.some((x) => /^(?:cannot|can't|can’t|couldn't|couldn’t)$/.test(x.w)) || (between.some((x) => x.w === 'could' || x.w === 'can') && between.some((x) => x.w === 'not'));
    if (cannot && /^(?:tell|tells|told)$/.test(t.w)) continue;
    // "Halvern has not said how much the drug will cost": what someone has not said is no statement (reader review 19).
    const unsaidWh = /^(?:say|says|said|disclose[sd]?|specif(?:y|ies|ied)|reveal(?:s|ed)?)$/.test(t.w) && WH_AFTER.has(next?.w ?? '');
    if (unsaidWh && between.some((x) => x.w === 'not' || x.w === 'never' || /n[’']t$/.test(x.w))) continue;
    if ((judged || forecast) && tokens.slice(subjEnd + 1, i).some((x) => PASSIVE_AUX.has(x.w))) continue;
    // "Trump singled out Spain, saying it was “terrible”": the participle's speaker is the clause's subject.
    if (prev?.w === ',' && /ing$/.test(t.w) && (strong || weakContent)) {
      const speaker = participleSpeaker(ctx, i - 1);
      if (speaker) candidates.push({ type: 'verb', subject: speaker, cues: [[t.start, t.end]], region: [speaker.start, clauseEnd(ctx, t.start)] });
      continue;
    }
    // "Dr. Sutskever, who wrote on X: “I deeply regret ...”": a relative clause that quotes its speaker.
    // (A quotation after a colon or comma, not a title: "who wrote the lyrics of “The Star-Spangled Banner”".)
    // ("WHO said" in capitals is the World Health Organization.)
    const who = tokens[subjEnd];
    const quotingWho = who !== undefined && ctx.text.slice(who.start, who.end) === 'who' && tokens[subjEnd - 1]?.w === ',' && quotationAfterColon(tokens, i);
    const direct = quotingWho ? subjectEndingAt(ctx, subjEnd - 2) : subjectEndingAt(ctx, subjEnd);
    const subj = good(direct) ? direct : tokens[subjEnd]?.w === 'and' || tokens[subjEnd]?.w === 'but' ? coordinatedSubject(ctx, subjEnd) : postModifiedSubject(ctx, i);
    if (!good(subj)) continue;
    // "Neither Takaichi nor Koizumi has said whether ...": what no one said.
    if ('start' in subj && /^(?:nor|neither)$/.test(tokens[tokenIndexBefore(ctx, subj.start)]?.w ?? '')) continue;
    // Only someone can have judged or forecast it: a person or a body named, or "he", "she", "it", "they".
    // ("Analysts expect the company to report record revenue": people whose forecasts are news forecast
    // too; not "Analysts had expected $31.7 billion, according to LSEG data", a consensus the data gives.)
    const forecasters = forecast && t.w !== 'expected' && subj.kind === 'description' && FORECASTERS.has(norm(subj.text.split(/\s+/).at(-1) ?? ''));
    if ((judged || forecast) && !forecasters && !(subj.kind === 'pronoun' || subj.kind === 'name' || (subj.kind === 'mentions' && subj.mentions.some((m) => m.type === 'person' || m.type === 'organization')))) continue;
    // "The fact ... shows that": only studies, polls and reports show or find.
    if (/^(?:show|shows|showed|shown|find|finds|found)$/.test(t.w) && subj.kind !== 'description' && !WORKS_OF.has(tokens[subjEnd]?.w ?? '')) continue;
    // "it tells Moscow exactly where Europe's red lines are": a thing that tells is the writer's figure, no speaker.
    if (/^(?:tell|tells|told)$/.test(t.w) && subj.kind === 'pronoun' && /^it$/i.test(subj.text)) continue;
    // "Vinícius Júnior added a second", "the economy added 200,000 jobs", "He also wrote more than 30
    // books": a thing added or written, not words, unless a quotation follows.
    const wrote = /^(?:write|writes|wrote|writing)$/.test(t.w);
    const thing = next !== undefined && ((ADDED_THING.has(next.w) && !(wrote && next.w === 'about')) || WRITTEN_THINGS.has(next.w) || /^\p{N}/u.test(next.w) || (wrote && next.w === 'the'));
    // (Not where a clause follows: "Trump wrote the tariffs would take effect", "He added a day later that ...".)
    const clause = tokens.slice(i + 1, i + 8).some((x) => x.q || x.w === 'that' || FINITE_VERBS.has(x.w));
    if ((wrote || /^add(?:s|ed|ing)?$/.test(t.w)) && thing && !clause) continue;
    // "the leaders agreed on 1 February to a €50 billion package": a decision, unless what was agreed is said.
    if (/^agree/.test(t.w) && !tokens.slice(i + 1, i + 8).some((x) => x.w === 'that' || x.q)) continue;
    if (sets().AMBIGUOUS.has(t.w)) {
      // A name the detector does not know, with a quotation after the verb, speaks too ("Barbara Woodward ... called the attacks “illegal”").
      // "how much sea level it could add": what something could do, no statement (reader review 22).
      if (!contentFollows && /^(?:could|would|can|will)$/.test(prev?.w ?? '')) continue;
      const personal =
        subj.kind === 'pronoun' || (subj.kind === 'mentions' && subj.mentions.some((m) => m.type === 'person')) || (subj.kind === 'name' && anyQuotedAfter[i + 1]!);
      // "..., Reuters reported." / "..., the ministry stated on Monday.": the source closes the sentence.
      const closes = tokens.slice(i + 1).every((x) => !x.q && TIME_BEFORE_THAT.has(x.w));
      const afterComma = tokens[tokenIndexBefore(ctx, subjStart(subj, t.start))]?.w === ',';
      // "called for", "called on", "called it “illegal”", and a person's "called him an old friend": what they said he was.
      // ("His supporters called it a masterstroke": people a description names, too.)
      const speakers = (subj.kind === 'mentions' && subj.mentions.some((m) => m.type === 'person')) || (subj.kind === 'description' && /s$/.test(subj.text));
      const calledSomeone = speakers && /^(?:him|her|them|it)$/.test(next?.w ?? '') && /^(?:a|an|the)$/.test(tokens[i + 2]?.w ?? '');
      if (!contentFollows && !personal && !(closes && afterComma) && !(calledSomeone && /^call/.test(t.w))) continue;
      if (/^call/.test(t.w) && !anyQuotedAfter[i + 1] && !/^(?:for|on)$/.test(next?.w ?? '') && !calledSomeone) continue;
      if (/^describ/.test(t.w) && !anyQuotedAfter[i + 1] && !tokens.slice(i + 1, i + 12).some((x) => x.w === 'as')) continue;
    }
    // "Although Putin claimed ...": a subordinate clause; the main clause is someone else's.
    const beforeSubj = tokenIndexBefore(ctx, subjStart(subj, t.start));
    if (beforeSubj >= 0 && SUBORDINATORS.has(tokens[beforeSubj]!.w)) continue;
    // "forecast revenue above Wall Street estimates", "higher than analysts expected": a yardstick, not a statement.
    if (beforeSubj >= 0 && COMPARED_WITH.has(tokens[beforeSubj]!.w)) continue;
    if (subj.kind === 'pronoun' && !contentFollows && namesWhatWasSaid(ctx, beforeSubj)) continue;
    // "reports, which he denied, that ...": a relative clause in which someone denies what others say.
    if (beforeSubj >= 0 && tokens[beforeSubj]!.w === 'which' && /^(?:den(?:y|ies|ied)|disputes?d?|rejects?(?:ed)?)$/.test(t.w)) continue;
    const cueEnd = next?.w === 'about' ? next.end : t.end;
    // "..., Ray said." / "..., he said on Tuesday.": the source answers for the whole sentence.
    const wordsAfter = unquotedWordsBefore[n]! - unquotedWordsBefore[i + 1]!;
    const sentenceFinal = wordsAfter <= 3 && beforeSubj >= 0 && (tokens[beforeSubj]!.w === ',' || tokens[beforeSubj]!.q || quoteBetween(ctx, tokens[beforeSubj]!.end, subjStart(subj, t.start)));
    const quoteBefore = firstQuoted >= 0 && firstQuoted < i;
    const region: [number, number] = sentenceFinal || (quoteBefore && subj.kind !== 'none' && subjStart(subj, t.start) > 0 && unquotedWordsBefore[i]! <= 4)
      ? [0, clauseEnd(ctx, t.start)] // “...,” Blinken said.
      : [subjStart(subj, t.start), clauseEnd(ctx, t.start)];
    candidates.push({ type: 'verb', subject: subj, cues: [[t.start, cueEnd]], region });
  }

  if (candidates.length === 0) return null;
  // Prefer the attribution that covers the most of the sentence, then the earliest.
  candidates.sort((a, b) => (b.region[1] - b.region[0]) - (a.region[1] - a.region[0]) || a.region[0] - b.region[0]);
  const best = candidates[0]!;
  // Gather every cue of attributions with the same subject (Harris "called" ... and "said").
  const cues = candidates.filter((c) => sameSubject(c.subject, best.subject)).flatMap((c) => c.cues).sort((a, b) => a[0] - b[0]);
  return { ...best, cues };
}

/**
 * The mention a sentence opens with, as its subject, when only a title or a qualifier stands before
 * it: "Walker, 60, ...", "Democratic Sen. Raphael Warnock won ...", "Secretary of State Antony
 * Blinken congratulated ...". `mentions` are relative to `text` and in text order.
 */
export function openingMention(text: string, mentions: readonly Mention[]): Mention | null {
  const first = mentions[0];
  return first && /^\s*(?:(?:\p{Lu}[\p{L}.'’-]*|of)\s+)*$/u.test(text.slice(0, first.start)) ? first : null;
}

/**
 * The subject of a verb joined to an earlier one by "and" or "but": "Secretary of State Antony Blinken
 * congratulated Lai and said ..." -> the person or organization the sentence opens with; else a
 * pronoun it opens with ("He faced allegations, which he denied, and said ..."), or a source it
 * opens with as a description ("The text refers to ... and says").
 */
/**
 * "the growth she promised.": a pronoun after a noun and its article (`noun` is the noun's token)
 * opens a relative clause that names what was said, not a statement; "In a statement she said"
 * (the noun after a preposition) is one.
 */
function namesWhatWasSaid(ctx: Ctx, noun: number): boolean {
  const t = ctx.tokens[noun];
  if (!t || !isWordTok(t) || t.q || !/^\p{Ll}/u.test(ctx.text.slice(t.start, t.end)) || sets().BETWEEN.has(t.w) || CLAUSE_WORDS.has(t.w)) return false;
  return sets().DETERMINERS.has(ctx.tokens[noun - 1]?.w ?? '') && !PREPOSITIONS.has(ctx.tokens[noun - 2]?.w ?? '');
}

function coordinatedSubject(ctx: Ctx, conj: number): Subject {
  // "X said ..., while the Liberal Democrats welcomed the money but said ...": the subject of the
  // clause the conjunction is in, where a clause of its own opens before it.
  for (let k = conj - 1; k >= 1; k--) {
    const t = ctx.tokens[k]!;
    if (t.q) continue;
    if (!(ctx.tokens[k - 1]!.w === ',' && /^(?:while|whereas)$/.test(t.w))) continue;
    // (Its subject opens it, after "the" at most: "while meeting Toyota executives" has none.)
    const c = ctx.tokens[k + 1]?.w === 'the' ? k + 2 : k + 1;
    const m = c < conj ? mentionAt(ctx, ctx.tokens[c]!) : undefined;
    if (m && (m.type === 'person' || m.type === 'organization')) return { kind: 'mentions', mentions: [m], start: m.start, end: m.end };
    break;
  }
  const first = openingMention(ctx.text, ctx.mentions);
  if (first && (first.type === 'person' || first.type === 'organization')) return { kind: 'mentions', mentions: [first], start: first.start, end: first.end };
  const opener = ctx.tokens[0];
  // Not "it", mostly a placeholder ("It may be that ... and ...").
  if (opener && PRONOUNS.has(opener.w) && opener.w !== 'it' && !opener.q) return { kind: 'pronoun', text: ctx.text.slice(opener.start, opener.end), start: opener.start, end: opener.end };
  return openingDescription(ctx);
}

/**
 * The source a sentence opens with as a description, for its coordinated verb: "The text refers to
 * ... and says", "Officials in Kyiv praised the deal and said", "The minister's spokesman ...". An
 * optional determiner, then a source noun within three words that is not a possessive ("The
 * court's decision" is no source); a noun that opens the sentence bare takes the name after it
 * ("Newspaper Izvestia").
 */
function openingDescription(ctx: Ctx): Subject {
  const { tokens } = ctx;
  const from = tokens[0] && sets().DETERMINERS.has(tokens[0].w) ? 1 : 0;
  for (let j = from; j < Math.min(tokens.length, from + 3); j++) {
    const t = tokens[j]!;
    if (!isWordTok(t) || t.q || sets().NP_STOP.has(t.w)) break;
    if (/'s$/.test(t.w) || !sets().SOURCE_NOUNS.has(t.w)) continue;
    let end = j;
    if (j === 0) while (end + 1 < tokens.length && end < 4 && isWordTok(tokens[end + 1]) && isCapitalised(ctx, tokens[end + 1]!)) end++;
    return { kind: 'description', text: ctx.text.slice(tokens[0]!.start, tokens[end]!.end), start: tokens[0]!.start, end: tokens[end]!.end };
  }
  return { kind: 'none' };
}

const CLAUSE_JOINS = new Set(['and', 'but', 'or', 'while', 'after', 'before', 'when', 'because', 'that']);

/** Words that open where a named body is: "the Health Ministry in Gaza", "the embassy at ...". */
const PLACE_QUALIFIERS = new Set(['in', 'at', 'from']);

/** Words that open what qualifies a source noun: "officials familiar with", "a spokesman for". */
const POST_MODIFIERS = new Set(['familiar', 'close', 'briefed', 'involved', 'knowledgeable', 'aware', 'based', 'with', 'for', 'at', 'in', 'from', 'of', 'on']);

/**
 * A source noun qualified by what follows it, before the verb: "Two officials speaking on
 * condition of anonymity said", "Diplomats familiar with the negotiations said", "NATO leaders
 * meeting in Vilnius declared". Read leftwards from the verb at `v`, within one clause.
 */
function postModifiedSubject(ctx: Ctx, v: number): Subject {
  const { tokens } = ctx;
  // "the Saudi delegate, Abdulrahman Al Gwaiz, told": the person a role opens, set off by commas.
  if (tokens[v - 1]?.w === ',' && v >= 2) {
    const named = subjectEndingAt(ctx, v - 2);
    const person = named.kind === 'name' || (named.kind === 'mentions' && named.mentions.every((m) => m.type === 'person'));
    const comma = person ? tokenIndexBefore(ctx, named.start) : -1;
    if (comma >= 1 && tokens[comma]!.w === ',' && sets().SOURCE_NOUNS.has(tokens[comma - 1]!.w)) return named;
  }
  // "Rahul Iyer, an oceanographer at Scripps in San Diego who was not involved in the research,
  // called ...": a person who opens the sentence, then one long apposition, closed by the comma
  // before the verb (reader review 22).
  if (tokens[v - 1]?.w === ',' && v >= 4) {
    let open = -1;
    for (let k = v - 2; k >= 0 && v - k <= APPOSITION_MAX_TOKENS; k--) {
      if (tokens[k]!.w === ',' && !tokens[k]!.q) {
        open = k;
        break;
      }
    }
    const opener = open >= 1 ? mentionAt(ctx, tokens[open - 1]!) : undefined;
    // (Only a title may stand before the name: "Prof. Rahul Iyer, ...".)
    const opensSentence = (): boolean => tokens.slice(0, tokenIndexBefore(ctx, opener!.start) + 1).every((x) => /^(?:dr|prof|professor|mr|mrs|ms|sir|dame|\.)$/.test(x.w));
    if (opener?.type === 'person' && opener.end === tokens[open - 1]!.end && opensSentence() && /^(?:a|an|the|who|his|her|their)$/.test(tokens[open + 1]?.w ?? ''))
      return { kind: 'mentions', mentions: [opener], start: opener.start, end: opener.end };
  }
  // "..., a spokesman for the ministry, announced": the apposition's closing comma.
  const last = tokens[v - 1]?.w === ',' ? v - 2 : v - 1;
  for (let h = last; h >= 0 && v - h <= 10; h--) {
    const t = tokens[h]!;
    // A word that joins clauses ("congratulated Lai and said") means the source is not this simple.
    if (!isWordTok(t) || t.q || CLAUSE_JOINS.has(t.w)) return { kind: 'none' };
    const after = tokens[h + 1]!;
    // "the Health Ministry in the Hamas-run territory says": a named body qualified by where it is.
    const named = mentionAt(ctx, t);
    if (named && named.type === 'organization' && named.end === t.end && PLACE_QUALIFIERS.has(after.w)) return { kind: 'mentions', mentions: [named], start: named.start, end: named.end };
    if (!sets().SOURCE_NOUNS.has(t.w) || !(POST_MODIFIERS.has(after.w) || /ing$/.test(after.w))) continue;
    const subj = subjectEndingAt(ctx, h);
    if (subj.kind !== 'description') return { kind: 'none' };
    // "Majed al-Ansari, a spokesman for Qatar’s foreign ministry, announced": the name it qualifies.
    const comma = tokenIndexBefore(ctx, subj.start);
    if (comma >= 1 && tokens[comma]!.w === ',') {
      const named = subjectEndingAt(ctx, comma - 1);
      if (named.kind === 'mentions' || named.kind === 'name') return named;
    }
    return subj;
  }
  return { kind: 'none' };
}

/** A person's apposition between the commas before their verb is this many tokens at most. */
const APPOSITION_MAX_TOKENS = 30;

/** Words of a time between a verb and its "that": "reported last week that", "said on Tuesday that". */
const TIME_BEFORE_THAT = new Set([...DATE_WORDS, ...TIME_NOUNS, 'on', 'in', 'last', 'this', 'earlier', 'late']);

/** Whether a "that" follows the token at `from` after at most four words of a time and nothing else. */
function thatAfterTime(tokens: readonly Token[], from: number): boolean {
  for (let k = from; k < from + 5 && k < tokens.length; k++) {
    const x = tokens[k]!;
    if (x.q) return false;
    if (x.w === 'that') return k > from;
    if (!TIME_BEFORE_THAT.has(x.w)) return false;
  }
  return false;
}

/** Words that may follow an inverted source: "..., said Blinken on Tuesday." */
const AFTER_INVERTED = new Set(['on', 'in', 'at', 'of', 'from', 'during', 'after', 'before', 'late', 'earlier', 'yesterday', 'today', 'tonight', 'this', 'last', ...WEEKDAYS]);

/**
 * Does the source after an inverted verb end its clause? "“...,” said Blinken." and "..., said the
 * minister, adding ..." do; in "Erdoğan, who brokered the deal, said he would ..." the pronoun
 * begins what was said, and the source stands before the verb.
 */
function endsInversion(ctx: Ctx, subj: Subject): boolean {
  if (subj.kind === 'none') return false;
  const next = ctx.tokens.find((x) => x.start >= subj.end);
  if (!next || !isWordTok(next) || next.q) return true;
  return subj.kind !== 'pronoun' && AFTER_INVERTED.has(next.w);
}

/**
 * The speaker of a participle after the comma at `comma` ("Trump singled out Spain, saying ..."):
 * the subject of the clause before it, or none.
 */
function participleSpeaker(ctx: Ctx, comma: number): Extract<Subject, { kind: 'mentions' | 'description' }> | null {
  const { tokens } = ctx;
  // The clause before the comma starts after the comma before it (or at the sentence's start);
  // its subject is its first person or body, not one after a preposition, and not its object
  // ("Trump criticized Zelensky, saying ...": Trump).
  let from = comma - 1;
  while (from > 0 && !(tokens[from - 1]!.w === ',' && !tokens[from - 1]!.q)) from--;
  // "The Newcastle manager also praised the crowd, saying ...": a role that opens the clause, whatever names it.
  if (PHRASE_OPENERS.has(tokens[from]?.w ?? '')) {
    for (let k = from + 1; k < Math.min(comma, from + 5); k++) {
      if (!isWordTok(tokens[k])) break;
      if (sets().SOURCE_NOUNS.has(tokens[k]!.w)) {
        if (isWordTok(tokens[k + 1]) && sets().SOURCE_NOUNS.has(tokens[k + 1]!.w)) continue;
        return { kind: 'description', text: ctx.text.slice(tokens[from]!.start, tokens[k]!.end), start: tokens[from]!.start, end: tokens[k]!.end };
      }
    }
  }
  for (let k = from; k < comma; k++) {
    const t = tokens[k]!;
    if (t.q) continue;
    // ("The judge ruled that the defense could not tell jurors that FTX customers ..., saying": not a
    // name inside the clause a "that" opens.)
    if (k > from && (t.w === 'that' || t.w === 'whether') && /^\p{Ll}/u.test(ctx.text.slice(t.start, t.end))) break;
    const m = mentionAt(ctx, t);
    if (!m || m.type === 'place') continue;
    const before = tokens[tokenIndexBefore(ctx, m.start)];
    if (before && /^(?:to|of|with|by|for|at|in|on|from|about|against)$/.test(before.w)) continue;
    return { kind: 'mentions', mentions: [m], start: m.start, end: m.end };
  }
  return null;
}

function sameSubject(a: Subject, b: Subject): boolean {
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  if (a.kind === 'mentions' && b.kind === 'mentions') return a.mentions[0]!.entity === b.mentions[0]!.entity;
  if (a.kind === 'mentions' || b.kind === 'mentions') return a.kind === 'pronoun' || b.kind === 'pronoun';
  return a.text === b.text || a.kind === 'pronoun' || b.kind === 'pronoun';
}

function subjStart(s: Subject, fallback: number): number {
  return s.kind === 'none' ? fallback : s.start;
}

/** Step left over adverbs and auxiliaries between a subject and its verb. */
function skipBetween(ctx: Ctx, j0: number): number {
  let j = j0;
  while (j >= 0 && sets().BETWEEN.has(ctx.tokens[j]!.w) && !mentionAt(ctx, ctx.tokens[j]!)) j--;
  // "Blinken, however, said" / "Blinken, in a statement, said"
  if (j >= 0 && ctx.tokens[j]!.w === ',') {
    let k = j - 1;
    while (k >= 0 && ctx.tokens[k]!.w !== ',' && j - k < 6) k--;
    if (k >= 1 && ctx.tokens[k]!.w === ',' && /^(?:however|though|meanwhile|in|on|for|at|too|also|later)$/.test(ctx.tokens[k + 1]!.w)) return skipBetween(ctx, k - 1);
  }
  return j;
}

function nounAttribution(ctx: Ctx, i: number): Attribution | null {
  const { tokens, text } = ctx;
  const t = tokens[i]!;
  // Possessive owner within two words: "Blinken’s warning", "the minister's stern warning".
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const p = tokens[k]!;
    if (!isWordTok(p)) break;
    if (/'s$|s'$/.test(p.w)) {
      // "after Monday's announcement", "today's statement": a day owns no statement.
      if (TIME_OWNERS.has(p.w.slice(0, -2))) break;
      // Only as the sentence's subject: "Blinken’s warning that ..." opens the sentence.
      let before = 0;
      for (let q = 0; q < k && before <= 3; q++) if (isWordTok(tokens[q]) && !tokens[q]!.q) before++;
      if (before > 3) break;
      const subj = subjectEndingAt(ctx, k);
      if (good(subj)) return { type: 'noun', subject: subj, cues: [[t.start, t.end]], region: [subjStart(subj, p.start), clauseEnd(ctx, t.start)] };
      break;
    }
  }
  // A governing verb within three words: "delivered remarks", "is lodging serious accusations".
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    const p = tokens[k]!;
    if (!isWordTok(p)) break;
    if (sets().NOUN_GOVERNORS.has(p.w)) {
      const subj = subjectEndingAt(ctx, skipBetween(ctx, k - 1));
      if (good(subj)) return { type: 'noun', subject: subj, cues: [[p.start, p.end], [t.start, t.end]], region: [subjStart(subj, p.start), clauseEnd(ctx, t.start)] };
      break;
    }
  }
  // "The words came from British Prime Minister Rishi Sunak, who ...": whose words the last quotation was.
  const nx = tokens[i + 1];
  if (nx && /^(?:came|come|comes)$/.test(nx.w) && tokens[i + 2]?.w === 'from') {
    const subj = subjectStartingAt(ctx, i + 3);
    if (good(subj)) return { type: 'noun', subject: subj, cues: [[t.start, tokens[i + 2]!.end]], region: [0, text.length] };
  }
  // "accusations by X", "claims from X"
  if (nx && (nx.w === 'by' || nx.w === 'from')) {
    const subj = subjectStartingAt(ctx, i + 2);
    // "he declared that “...,” a startling statement from a Southern governor": an apposition that
    // says what the speaker was, not who spoke.
    let opens = i;
    while (opens > 0 && i - opens < 4 && isWordTok(tokens[opens - 1]) && !tokens[opens - 1]!.q) opens--;
    const restated = subj.kind === 'description' && /^an?\s/i.test(subj.text) && tokens[opens - 1]?.w === ',' && /["”’]/.test(text.slice(tokens[opens - 1]!.start - 1, tokens[opens]!.start));
    if (good(subj) && subj.kind !== 'name' && !restated) return { type: 'noun', subject: subj, cues: [[t.start, t.end]], region: [0, text.length] };
  }
  return null;
}
