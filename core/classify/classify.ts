/**
 * Passage classifier: labels each sentence of an article `opinion` (the writer's own
 * evaluation, speculation or loaded characterisation), `reported` (attributed to a named or
 * described source), `fact` (neutral, unattributed) or `other` (headings, captions, bylines,
 * datelines, boilerplate). Pure: no DOM, no extension or Node APIs; some tens of microseconds per
 * sentence.
 *
 * How it decides, in order:
 *  1. Structure: headings, captions, bylines and datelines (from the segmenter) and boilerplate
 *     ("This article appeared in X ...") are `other`.
 *  2. Attribution (attribution.ts): "X said", "..., said X", "according to X", "X called Y
 *     “troubling”", "X's accusations that", a quotation whose speaker is named in the next
 *     sentence. An attributed sentence is `reported`, whatever subjective words the source
 *     used, unless the writer's own part of it (outside the attributed clause and the quotes)
 *     is itself strongly opinionated ("It is absurd that Blinken said ...").
 *  3. Otherwise a logistic-regression score over hand-written lexicon and shape features, word
 *     valence (AFINN-165, valence.ts), word strength (VADER, strength.ts) and a small
 *     vocabulary, averaged with a character n-gram model's (char-ngrams.ts; both in
 *     subjectivity-model.ts, trained by scripts/train-classifier.ts), separates `opinion` from
 *     `fact`.
 * Every passage carries its `cues`: the words, as written, that decided it.
 *
 * Sources: the canonical name of the entity the detector found in the subject ("Blinken says"
 * -> "Antony Blinken", with its `sourceId`); several speakers ("Joe Biden and Blinken said")
 * are joined in order of appearance with ", " ("Joe Biden, Antony Blinken") and `sourceId` is
 * the first one's; a pronoun ("she said") is the last person in view whose pronoun fits (below); otherwise the description
 * as written ("US officials", "the ministry") or the name as written when the detector does
 * not know it.
 */
import type { Block, Mention, Passage, PassageLabel } from '../types';
import type { Pronoun } from '../kb/entity-types';
import { findAttribution, openingMention, type Attribution, type Subject } from './attribution';
import { charGramWeights, scoreCharGrams, type CharGramModel } from './char-ngrams';
import { extractFeatures, norm, quoteSpans, type Features } from './features';
import { BOILERPLATE_PATTERNS, lexicon } from './lexicon';
import { valence } from './valence';
import { strength } from './strength';
import { segmentSentences, type SegmentKind } from './segment';
import { SUBJECTIVITY_MODEL } from './subjectivity-model';
import { MAX_CLASSIFIED_SENTENCE_CHARS, OFFICE_HOLDER_REACH_CHARS, OPINION_SECTION_ODDS } from '../constants';
import { runToEnd, type Steps } from '../steps';
import { quoteWords } from './statements';
import { blockAt } from '../text/blocks';
import type { Reading } from '../text/chunks';

export interface SubjectivityModel {
  bias: number;
  /** Probability at or above which an unattributed sentence is `opinion`. */
  threshold: number;
  weights: Record<string, number>;
  /** A character n-gram model whose probability is averaged with the weights' (char-ngrams.ts). */
  charGrams?: CharGramModel;
}

export interface SentenceContext extends ArticleContext {
  /** Mentions inside the sentence, offsets relative to the sentence. */
  mentions?: Mention[];
  /** What the segmenter made of it; headings, captions, bylines and datelines are `other`. */
  kind?: SegmentKind;
  /** The sentence starts inside a quotation opened by an earlier sentence. */
  openQuote?: boolean;
  /** Model to use instead of the shipped one (training and evaluation). */
  model?: SubjectivityModel;
  /** Speaker labels ("Tavita:") that open two or more of the article's paragraphs: an interview's or a transcript's. */
  speakers?: ReadonlySet<string>;
}

/** What the page says of the whole article, beside its text. */
export interface ArticleContext {
  /** The page files it under an opinion section (a column, an editorial): its label, as the page gives it; see `opinionBar`. */
  opinionSection?: string | undefined;
}

/**
 * The model's bar for the writer's own sentence. In a piece the page files under opinion (a column,
 * an editorial), where most of the writer's sentences argue, the odds that one is opinion are taken
 * to be OPINION_SECTION_ODDS times those of the training pool, which mixes news and opinion: "It is
 * a verdict." in a column is the columnist's, the same words in a news report the writer's fact.
 */
export function opinionBar(threshold: number, opinionSection?: string): number {
  if (!opinionSection) return threshold;
  const odds = threshold / (1 - threshold) / OPINION_SECTION_ODDS;
  return odds / (1 + odds);
}

/** Categories whose words can, on their own, show the writer's opinion in a mixed sentence. */
const STRONG_OPINION_FEATURES = new Set(['c:evaluative', 'c:loaded', 'c:certainty', 'c:attitude', 'c:obligation', 'c:hedge']);

/** Function words never shown as cues. */
const CUE_STOPWORDS = new Set(
  `a an the of to in on at by for with from as and or but if so that this these those it its is are was were be
  been being has have had do does did he she they we i you his her their our my your them us me him who whom which
  what when where why how there here not no than then also just about into over after before up down out off
  can could will would may might shall should must all any some one two`.split(/\s+/),
);

/** Subjectivity: the probability that the writer speaks for themself, and the words behind it. */
const vocabularyOf = new WeakMap<SubjectivityModel, ReadonlySet<string> | false>();
/**
 * The vocabulary features ("w:...", "b:...") the model weighs, or false when it has none. Cached
 * per model: feature extraction then computes only those.
 */
export function usesVocabulary(model: SubjectivityModel): ReadonlySet<string> | false {
  let v = vocabularyOf.get(model);
  if (v === undefined) {
    const keys = Object.keys(model.weights).filter((k) => k.startsWith('w:') || k.startsWith('b:'));
    v = keys.length > 0 ? new Set(keys) : false;
    vocabularyOf.set(model, v);
  }
  return v;
}

export function scoreSubjectivity(
  text: string,
  model: SubjectivityModel = SUBJECTIVITY_MODEL,
  openQuote = false,
  features: Features = extractFeatures(text, openQuote, usesVocabulary(model)),
): { p: number; features: Features; positive: string[]; negative: string[] } {
  let z = model.bias;
  for (const [k, v] of features.values) {
    const w = model.weights[k];
    if (w !== undefined) z += w * v;
  }
  let p = 1 / (1 + Math.exp(-z));
  // The character n-gram model, when there is one, has its share. It reads the writer's own
  // words, as the vocabulary does: no names, nothing quoted.
  const cg = model.charGrams;
  if (cg) p = (1 - cg.share) * p + cg.share * scoreCharGrams(features.writer.join(' '), cg);
  // Cues: the words whose features pushed hardest, each once, in text order. A word's push is
  // its feature's weight times the feature's value, shared among the words behind the feature.
  const perFeature = new Map<string, number>();
  for (const h of features.hits) perFeature.set(h.feature, (perFeature.get(h.feature) ?? 0) + 1);
  const scored: Array<{ w: number; start: number; end: number }> = [];
  for (const h of features.hits) {
    const weight = model.weights[h.feature];
    if (weight === undefined || weight === 0) continue;
    const w = (weight * (features.values.get(h.feature) ?? 1)) / perFeature.get(h.feature)!;
    if (h.feature.startsWith('w:') || h.feature.startsWith('b:')) {
      // Vocabulary words explain only when they weigh and mean something on their own.
      if (Math.abs(w) < 0.25 || h.feature.slice(2).split(' ').every((x) => CUE_STOPWORDS.has(x))) continue;
    }
    scored.push({ w, start: h.start, end: h.end });
  }
  const pick = (sign: 1 | -1, min: number): string[] => {
    const best = new Map<string, { w: number; start: number }>();
    for (const s of scored) {
      if (s.w * sign < min) continue;
      const key = `${s.start}:${s.end}`;
      const prev = best.get(key);
      if (!prev || prev.w * sign < s.w * sign) best.set(key, { w: s.w, start: s.start });
    }
    const chosen = [...best.entries()]
      .sort((a, b) => b[1].w * sign - a[1].w * sign)
      .slice(0, 5)
      .sort((a, b) => a[1].start - b[1].start)
      .map(([key]) => {
        const [a, b] = key.split(':').map(Number) as [number, number];
        return text.slice(a, b);
      });
    // A phrase and a word inside it: keep the phrase.
    return chosen.filter((c, i) => !chosen.some((o, j) => j !== i && o.length > c.length && o.includes(c)));
  };
  // An opinion always names words: when none weighs much, the ones that weigh most.
  let positive = pick(1, 0.15);
  if (positive.length === 0) positive = pick(1, 0.01);
  if (features.values.has('question') && (model.weights['question'] ?? 0) > 0) positive.push('?');
  if (features.values.has('exclaim') && (model.weights['exclaim'] ?? 0) > 0) positive.push('!');
  return { p, features, positive, negative: pick(-1, 0.15) };
}

/** Details the article pass needs beyond the passage itself. */
interface Analysis {
  passage: Passage;
  attribution: Attribution | null;
  /** Reported only because it is (mostly) a quotation: the speaker may be named nearby. */
  quoteOnly: boolean;
  mentions: Mention[];
  /** Begins inside a quotation opened before it (set by the article pass). */
  openAtStart?: boolean;
  /** The kind of segment it is (set by the article pass): a heading, a caption, a sentence ... */
  kind?: SegmentKind;
}

const uniq = (xs: string[]): string[] => [...new Set(xs.filter((x) => x.trim() !== ''))];

function subjectText(text: string, s: Subject): string | null {
  return s.kind === 'none' ? null : text.slice(s.start, s.end);
}

/** A source by its entity's name, without the words that tell it from a namesake ("UK Finance (trade association)" speaks as "UK Finance"). */
function sourceName(m: Mention): string {
  return m.entity.replace(/ \([^()]+\)$/, '');
}

/** Resolve a subject found in the sentence alone (no article context). */
function localSource(s: Subject): { source: string | null; sourceId?: string } {
  switch (s.kind) {
    case 'mentions': {
      const names = uniq(s.mentions.map(sourceName));
      const id = s.mentions[0]!.id;
      return id ? { source: names.join(', '), sourceId: id } : { source: names.join(', ') };
    }
    case 'name':
    case 'description':
      return { source: s.text.replace(/^[“"‘'(]+|[”"’'),:;]+$/gu, '').trim() || null };
    default:
      return { source: null };
  }
}

/** "Tavita:", "Losa Tavita:", "Mr. Sánchez:" at a sentence's start: who speaks what follows. */
const SPEAKER_LABEL = /^(\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2}):\s+(?=\S)/u;
/** Labels that introduce a kind of text, not a speaker ("Update:", "Photo:", "Q:"). */
const NOT_SPEAKERS = new Set(
  `update updated note editor correction clarification watch read related source sources photo photos video listen analysis
  opinion explainer breaking live warning disclaimer background context summary q a question answer key why what how who
  when where also plus more latest timeline fact verdict tip caption credit credits transcript episode chapter part step
  lesson example pictured above below top left right inside exclusive developing`.split(/\s+/),
);

/** A speaker label's name at the start of `sentence` ("Tavita" in "Tavita: “We ..."), or null. */
function labelName(sentence: string): string | null {
  const name = SPEAKER_LABEL.exec(sentence)?.[1];
  if (!name || name.split(/\s/).some((w) => NOT_SPEAKERS.has(w.toLowerCase().replace(/[.'’]+$/, '')))) return null;
  return name;
}

/**
 * The speaker a label at the sentence's start names, and where the label ends: a person the
 * detector found, or a label that opens two or more of the article's paragraphs (`speakers`); none
 * for an organisation (the publication asking), and none for a lone "Results:".
 */
function speakerLabel(sentence: string, mentions: readonly Mention[], speakers?: ReadonlySet<string>): { subject: Subject; end: number } | null {
  const name = labelName(sentence);
  if (!name) return null;
  const at = mentions.find((x) => x.start === 0 && x.end >= name.length - 1);
  if (at ? at.type !== 'person' : !speakers?.has(name)) return null;
  const subject: Subject = at ? { kind: 'mentions', mentions: [at], start: 0, end: at.end } : { kind: 'name', text: name, start: 0, end: name.length };
  return { subject, end: name.length + 1 };
}

function analyse(sentence: string, ctx: SentenceContext): Analysis {
  // A "sentence" longer than any real one (a list without punctuation, a hostile page): decide on
  // its beginning, so the work per sentence stays bounded.
  if (sentence.length > MAX_CLASSIFIED_SENTENCE_CHARS) {
    const head = sentence.slice(0, MAX_CLASSIFIED_SENTENCE_CHARS);
    const a = analyse(head, { ...ctx, mentions: (ctx.mentions ?? []).filter((m) => m.end <= head.length) });
    a.passage = { ...a.passage, text: sentence, end: sentence.length };
    return a;
  }
  const model = ctx.model ?? SUBJECTIVITY_MODEL;
  const mentions = ctx.mentions ?? [];
  const base = { text: sentence, start: 0, end: sentence.length };
  const make = (label: PassageLabel, cues: string[], source: string | null = null, sourceId?: string): Passage =>
    sourceId ? { ...base, label, source, sourceId, cues: uniq(cues) } : { ...base, label, source, cues: uniq(cues) };

  const kind = ctx.kind ?? 'sentence';
  if (kind === 'heading' || kind === 'caption' || kind === 'label' || kind === 'byline' || kind === 'dateline') {
    return { passage: make('other', []), attribution: null, quoteOnly: false, mentions };
  }
  if (!/[\p{L}\p{N}]/u.test(sentence)) return { passage: make('other', []), attribution: null, quoteOnly: false, mentions };
  for (const re of BOILERPLATE_PATTERNS) {
    const m = re.exec(sentence);
    if (m) return { passage: make('other', [m[0]]), attribution: null, quoteOnly: false, mentions };
  }

  // A kicker or a label of a word or two without a sentence's end ("Explainer", "Key event"): no statement.
  if (sentence.trim().split(/\s+/).length <= 2 && !/[.!?:]["”’)]?$/u.test(sentence.trim()) && !/["“”]/.test(sentence)) return { passage: make('other', []), attribution: null, quoteOnly: false, mentions };

  // An interview's or a transcript's speaker label ("Tavita: “We had been waiting ..."): the answer is the speaker's.
  const speaker = speakerLabel(sentence, mentions, ctx.speakers);
  if (speaker) {
    const { source, sourceId } = localSource(speaker.subject);
    return { passage: make('reported', [sentence.slice(0, speaker.end)], source, sourceId), attribution: { type: 'verb', subject: speaker.subject, cues: [[0, speaker.end]], region: [0, sentence.length] }, quoteOnly: false, mentions };
  }

  const features = extractFeatures(sentence, ctx.openQuote ?? false, usesVocabulary(model));
  const attribution = findAttribution(sentence, features.tokens, mentions);
  const score = scoreSubjectivity(sentence, model, ctx.openQuote ?? false, features);

  if (attribution) {
    const cueWords = attribution.cues.map(([a, b]) => sentence.slice(a, b));
    const subj = subjectText(sentence, attribution.subject);
    // The writer's own words: outside the attributed clause and outside quotations.
    const [ra, rb] = attribution.region;
    const quotes = features.quotes;
    const chars = sentence.split('');
    const blank = (a: number, b: number): void => {
      for (let i = Math.max(0, a); i < Math.min(sentence.length, b); i++) chars[i] = ' ';
    };
    blank(ra, rb);
    for (const [a, b] of quotes) blank(a - 1, b + 1);
    const writer = chars.join('');
    const writerWords = writer.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    if (writerWords >= 3) {
      // The feature model alone: its bar (0.75) was set for its own probabilities, and the
      // character n-grams were fitted on whole sentences, not on fragments like this one.
      const ws = scoreSubjectivity(writer, featureModel(model));
      const strongHits = ws.features.hits.filter((h) => STRONG_OPINION_FEATURES.has(h.feature));
      if (ws.p >= Math.max(0.75, model.threshold + 0.25) && strongHits.length > 0) {
        const cues = strongHits.map((h) => sentence.slice(h.start, h.end));
        return { passage: make('opinion', cues.concat(ws.positive)), attribution: null, quoteOnly: false, mentions };
      }
    }
    const { source, sourceId } = localSource(attribution.subject);
    const cues = subj ? [subj, ...cueWords] : cueWords;
    return { passage: make('reported', cues, source, sourceId), attribution, quoteOnly: false, mentions };
  }

  // Mostly a quotation, or inside one: someone else's words, speaker possibly named nearby.
  const words = features.tokens.filter((t) => /[\p{L}\p{N}]/u.test(t.w));
  const quoted = words.filter((t) => t.q).length;
  // A short quotation standing as a sentence of its own ("“ShotSpotter does.”") is one too, also
  // where the quotation goes on into the next sentence ("“No. This is exactly how I wanted it to end,” he said.").
  const wholeQuote = quoted === words.length && /^\s*["“]/.test(sentence);
  if (words.length > 0 && (ctx.openQuote || (quoted >= 4 && quoted / words.length >= 0.6) || wholeQuote)) {
    const firstQuote = features.quotes[0];
    const cue = firstQuote ? quoteOpening(sentence, Math.max(0, firstQuote[0] - 1), firstQuote[1] + 1) : '';
    return { passage: make('reported', cue ? [cue] : []), attribution: null, quoteOnly: true, mentions };
  }

  // A court's record ("has pleaded not guilty to seven counts of fraud and conspiracy", "was
  // sentenced to 25 years"): the charges' words are the record's, not the writer's verdict.
  // (Unless the writer judges too: "the disgraced mogul was convicted, a shameful end"; the charges'
  // own words, "fraud" and "conspiracy", are loaded but no judgement.)
  // So is a law's duty ("providers must publish a summary", "deepfakes must be labelled"): its
  // "must" is the law's, not the writer's call.
  const court = COURT_RECORD.exec(sentence);
  const record = (court && !MODAL_BEFORE.test(sentence.slice(Math.max(0, court.index - 20), court.index)) ? court : null) ?? (LAW_CONTEXT.test(sentence) ? LEGAL_DUTY.exec(sentence) : null);
  const judged = record && score.features.hits.some((h) => h.feature !== 'c:loaded' && h.feature !== 'c:obligation' && STRONG_OPINION_FEATURES.has(h.feature));
  const bar = opinionBar(model.threshold, ctx.opinionSection);
  if (record && !judged && score.p >= bar) return { passage: make('fact', [record[0]]), attribution: null, quoteOnly: false, mentions };
  // A superlative a figure settles ("overtook Microsoft as the world's most valuable company") is
  // no judgement: without it, the sentence is scored again.
  const measured = score.p >= model.threshold && !/^\s*\p{Lu}\p{Ll}+ly,/u.test(sentence) ? MEASURED_SUPERLATIVE.exec(sentence) : null;
  if (measured && scoreSubjectivity(sentence.replace(measured[0], 'a'), model, ctx.openQuote ?? false).p < model.threshold)
    return { passage: make('fact', [measured[0].trim()]), attribution: null, quoteOnly: false, mentions };
  if (score.p >= model.threshold) return { passage: make('opinion', score.positive), attribution: null, quoteOnly: false, mentions };
  // (The section is a cue the reader can check on the page, as the words are in the sentence.)
  if (ctx.opinionSection && score.p >= bar)
    return { passage: make('opinion', [`section: ${ctx.opinionSection}`, ...score.positive]), attribution: null, quoteOnly: false, mentions };
  // A sentence the writer opens with their stance ("Frankly, the strike was a warning ...").
  const stance = stanceOpener(sentence);
  if (stance) return { passage: make('opinion', [stance, ...score.positive]), attribution: null, quoteOnly: false, mentions };
  // The writer's verdict on a course of action ("Western capitals would be unwise to dismiss them"),
  // or on how much something mattered ("It is hard to overstate how much she changed her field").
  // Or on what matters in the story ("That is the real warning in this result").
  // Or on when something should come ("That guidance cannot come soon enough", "It is high time for ...",
  // "the committee cannot afford to look complacent").
  // Or on a person or a feat ("Kroos deserved this ending", "No modern president did more ...").
  const verdict = VERDICT.exec(sentence)?.[0] ?? WHAT_MATTERS.exec(sentence)?.[0] ?? OVERDUE.exec(sentence)?.[0] ?? JUDGEMENT.exec(sentence)?.[0];
  if (verdict) return { passage: make('opinion', [verdict, ...score.positive]), attribution: null, quoteOnly: false, mentions };
  return { passage: make('fact', score.negative), attribution: null, quoteOnly: false, mentions };
}

/**
 * The stance word an unattributed sentence opens with, before a comma ("Frankly, the strike was a
 * warning ..."): the writer vouching for what follows, whatever the model makes of the rest. Only
 * words of conviction and candour: evaluative openers ("Unfortunately,", "Sadly,", "Ironically,")
 * also open plain reports ("Fortunately, no one was hurt"), and "Indeed," and "Of course," open
 * reports too; the model weighs those with the rest of the sentence.
 */
export function stanceOpener(sentence: string): string | null {
  return STANCE_OPENER.exec(sentence)?.[1] ?? null;
}

const VERDICT =
  /\b(?:would|will|is|was) be (?:unwise|a (?:mistake|blunder|folly|grave error)|foolish|naive|naïve|reckless|short-sighted|shortsighted|wise|prudent)\b(?= to\b)|\b(?:is|was|would be) (?:hard|difficult|impossible) to (?:overstate|exaggerate|overestimate)\b/iu;
const WHAT_MATTERS = /^\s*(?:That|This)(?:'s|’s| is) the (?:real|true|bigger|deeper|underlying|hidden) (?:warning|lesson|story|problem|question|issue|scandal|test|danger|risk|point|reason|message)\b/u;
/** A ranking of size, value or age, which a figure settles: "the world's most valuable company", "the country's largest lender" (not "the biggest problem"). */
const MEASURED_SUPERLATIVE = /\b(?:the )?(?:world|country|nation|region|city|state|continent|industry|sector|market|Europe|America|Asia|Africa|China|Britain|Japan|India|Germany|France)['’]s (?:most valuable|most populous|largest|biggest|richest|wealthiest|tallest|longest|oldest|busiest|deadliest|highest-paid|best-selling)\b/u;
/** The writer's verdict on a person or a feat: "Kroos deserved this ending", "Pell deserves real credit", "a match Tottenham should have put to bed", "got his tactics spot on", "No modern president did more", "His greatest achievement". */
const JUDGEMENT = /(?<!\b(?:whether|if|who|that) [\p{L}.'’ -]{0,30})\bdeserved (?:this|that|the|a|an|to|better|more|his|her|their|its|credit|praise)\b|(?<!\b(?:whether|if|who|that) [\p{L}.'’ -]{0,30})\bdeserves (?:(?:real|great|full|some|more|enormous|huge|all the) )?(?:credit|praise)\b|\bshould have (?:won|scored|put (?:[\p{L} ]{1,20} )?to bed|killed (?:[\p{L} ]{1,20} )?off|been sent off)\b|\b(?:is|was|would be|seems) an? (?:poor|bad|terrible|strange|odd|clumsy|curious|dangerous|reckless|foolish|sorry|better|sensible|smart|wise) way (?:to|of)\b|\bby any (?:[a-z]+ )?standards?\b|\bspot on\b|\bwill (?:rue|regret)\b|^\s*No (?:other |modern |living |previous |recent |single )?[a-z]+ (?:did|has done|had done|does) more\b|\b(?:greatest|finest|proudest|worst) (?:achievement|accomplishment|failure|mistake|blunder|legacy|triumph)\b/u;
const OVERDUE = /\b(?:can(?:not|'t|’t) come (?:soon|quickly|fast) enough|high time (?:for|that)|can(?:not|'t|’t) afford to (?:look|be seen|appear|seem|ignore|wait|delay|relax|get (?:this|it) wrong))\b/iu;
const STANCE_OPENER = /^\s*(Frankly|Honestly|Obviously|Undoubtedly|Admittedly|Arguably|Surely|Make no mistake|Needless to say|Worse still),/u;

/**
 * Label one sentence on its own (the `--lines` mode): sources resolve only from the sentence
 * itself and the mentions passed (offsets relative to the sentence). Offsets of the result
 * index the sentence.
 */
export function classifySentence(sentence: string, context: SentenceContext = {}): Passage {
  if (typeof sentence !== 'string') sentence = String(sentence ?? '');
  // An unresolved pronoun ("he said") stays unnamed: a single line has no earlier speaker.
  return analyse(sentence, context).passage;
}

/** Is the quotation still open at the end of `s` (given whether it was open at its start)? */
function quoteOpenAfter(s: string, openAtStart: boolean): boolean {
  let open = openAtStart;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '“') open = true;
    else if (c === '”') open = false;
    else if (c === '"') {
      // A straight mark opens before a word and closes after one; only where it stands between
      // two words or two spaces does it turn the state over.
      const spaceBefore = i === 0 || /[\s([{—–]/.test(s[i - 1]!);
      const spaceAfter = i === s.length - 1 || /[\s)\]},.;:!?—–]/.test(s[i + 1]!);
      open = spaceBefore && !spaceAfter ? true : spaceAfter && !spaceBefore ? false : !open;
    }
  }
  return open;
}

/**
 * Whether a quotation left open stays open at the start of the segment at `start`: across a
 * paragraph's end only where the next paragraph opens with a quotation mark, as a quotation over
 * several paragraphs is written. (A mark left unclosed by mistake then ends with its paragraph.)
 */
function quoteGoesOn(text: string, start: number): boolean {
  const paragraphStart = start === 0 || /\n[^\S\n]*$/.test(text.slice(Math.max(0, start - 8), start));
  return !paragraphStart || /^["“‘]/.test(text.slice(start, start + 1));
}

const HE_SHE = /^(?:he|she|him|her)$/i;
/** A witness's verb for what they went through ("described leaving the town"), not one of what befell them ("was injured"). */
const WITNESS_RECOUNTS = /\b(?:described|recalled|remembered|recounted|explained|said|told|added)\b/;
/** A duty a law lays on those it regulates, or a thing it requires done. */
const LEGAL_DUTY = /\b(?:(?:providers|deployers|developers|operators|platforms|chatbots|manufacturers|importers|distributors|issuers|controllers|processors)\s+(?:will\s+)?(?:must|shall|are required to)|(?:must|shall) be (?:labelled|labeled|registered|disclosed|notified|logged))\b/i;
/** What says a sentence speaks of a law: the law, its rules, or the date a duty applies from. */
const LAW_CONTEXT = /\b(?:law|laws|act|regulation|regulations|directive|statute|legislation|obligations?|required|from (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2})\b/i;
/** A modal before a court's step: "should have been convicted" is a judgement. */
const MODAL_BEFORE = /\b(?:should|could|would|might|must|may|ought to)(?: not)?\s+$/i;
/** A step of a criminal case, as a court records it. */
const COURT_RECORD = /\b(?:(?:has |had |have )?pleaded (?:not )?guilty|(?:was|were|has been|have been|had been) (?:charged|indicted|convicted|acquitted|sentenced|arraigned)|faces? (?:a maximum (?:sentence|penalty)|up to \d+ years))\b/i;
/** A clause joined on after a comma or a semicolon, up to a name: ", and one that", "; but". */
const JOINED_CLAUSE_BEFORE = /(?:,\s*(?:and|but|while|whereas)|;)\s[^,;“”"]*$/;
/** A verb of answering or saying just after a name (an adverb may stand between). */
const ANSWER_AFTER = /^(?:['’]s)?\s+(?:\p{Ll}+ly\s+)?(?:dismissed|rejected|countered|rebutted|answered|responded|replied|retorted|objected|said|told|argued|insisted)\b/u;

/** Whether the person `m` answers or speaks in a clause joined on after the sentence's first one. */
function answersInOwnClause(sentence: string, m: Mention): boolean {
  return ANSWER_AFTER.test(sentence.slice(m.end, m.end + 40)) && JOINED_CLAUSE_BEFORE.test(sentence.slice(Math.max(0, m.start - 60), m.start));
}
/**
 * "The company said", "the agency estimates": a body named again by what it is. It is the
 * organisation the sentence before opens with (not one it only cites: "..., Reuters reported").
 */
const BODY_AGAIN = /^the (?:company|firm|agency|bank|central bank|carrier|airline|automaker|carmaker|chipmaker|drugmaker|retailer|lender|insurer|regulator|watchdog|ministry|charity|group|club|team)$/i;

/** A description that names one body, which "it" can stand for next ("the board", "the ministry"). */
const BODY_NOUN = /\b(?:board|company|firm|council|committee|court|government|ministry|agency|department|commission|party|union|club|team|bank|group|administration|office|embassy|military|army|police)$/i;

const featureModels = new WeakMap<SubjectivityModel, SubjectivityModel>();

/** The model without its character n-gram half (kept once per model). */
function featureModel(model: SubjectivityModel): SubjectivityModel {
  let m = featureModels.get(model);
  if (!m) {
    const { charGrams: _n, ...rest } = model;
    featureModels.set(model, (m = rest));
  }
  return m;
}

const WARM_UP_REPORTED = 'Officials said on Tuesday that the talks were “troubling”, according to a statement.';
const WARM_UP_OPINION = 'We think it is a disastrous mistake.';
/** Short sentences for the warm-up, each taking a little more of the classifier's paths than the one before. */
const WARM_UP_STEPS = ['Yes.', 'It was a big day.', 'Officials said.'];

/**
 * The classifier's first use, in steps: its tables built, then its code run once on two short
 * sentences. The first call in a fresh script compiles its code and regular expressions and costs
 * several times a chunk's work; done ahead, step by step in tasks of their own, it keeps the first
 * real chunk from being one long task and lets the page handle anything that comes in between.
 * Each step is cheap once done.
 */
export function classifierWarmUp(model: SubjectivityModel = SUBJECTIVITY_MODEL): Array<() => void> {
  return [
    () => void lexicon(),
    () => void valence(),
    () => void strength(),
    () => void extractFeatures(WARM_UP_OPINION, false, usesVocabulary(model)),
    () => void (model.charGrams && charGramWeights(model.charGrams)),
    // The first whole classification compiled most of the classifier at once (40-55 ms cold): its
    // parts first, then sentences that take more of its paths each.
    () => void segmentSentences(`${WARM_UP_REPORTED} ${WARM_UP_OPINION}`),
    () => void findAttribution(WARM_UP_REPORTED, extractFeatures(WARM_UP_REPORTED, false, usesVocabulary(model)).tokens, []),
    () => void scoreSubjectivity(WARM_UP_OPINION, model),
    () => BOILERPLATE_PATTERNS.forEach((re) => re.test(WARM_UP_OPINION)),
    ...WARM_UP_STEPS.map((sentence) => () => void classifyPassages(sentence)),
    () => void classifyPassages(WARM_UP_REPORTED),
    () => void classifyPassages(WARM_UP_OPINION),
    () => void classifyPassages(`${WARM_UP_REPORTED} ${WARM_UP_OPINION}`),
  ];
}

/**
 * Label every segment of an article. `mentions` index `text` (from the detector); `blocks`,
 * when given, say which parts are headings, captions and so on. One passage per segment, in
 * order; offsets index `text`.
 */
export function classifyPassages(text: string, mentions: readonly Mention[] = [], blocks?: readonly Block[], article: ArticleContext = {}): Passage[] {
  return runToEnd(classifyPassagesInSteps(text, mentions, blocks, article));
}

/**
 * One chunk of a long article (core/text/chunks.ts), read with the text before it: its own
 * passages, offsets those of the whole text. The page classifies chunk by chunk, the nearest the
 * screen first; the context makes the chunk's first sentences read as they do in the whole text.
 */
export function* classifyChunkInSteps(text: string, chunk: Reading, article: ArticleContext = {}): Steps<Passage[]> {
  const shift = <T extends { start: number; end: number }>(x: T, by: number): T => ({ ...x, start: x.start + by, end: x.end + by });
  const local = yield* classifyPassagesInSteps(
    text.slice(chunk.start, chunk.end),
    chunk.mentions.map((m) => shift(m, -chunk.start)),
    chunk.blocks.map((b) => shift(b, -chunk.start)),
    article,
  );
  return local.filter((p) => p.start >= chunk.own - chunk.start).map((p) => shift(p, chunk.start));
}

/**
 * `classifyPassages` in steps: it yields after each segment's analysis (the costly part) and
 * returns the passages. A caller that gives the main thread back between slices of work drives it
 * (adapters/page-session.ts), so that no chunk of a long article is one long task.
 */
export function* classifyPassagesInSteps(text: string, mentions: readonly Mention[] = [], blocks?: readonly Block[], article: ArticleContext = {}): Steps<Passage[]> {
  if (typeof text !== 'string' || text.length === 0) return [];
  const segments = segmentSentences(text, blocks);
  const labels = new Map<string, number>();
  for (const seg of segments) {
    const name = labelName(text.slice(seg.start, Math.min(seg.end, seg.start + 60)));
    if (name) labels.set(name, (labels.get(name) ?? 0) + 1);
  }
  const speakers = new Set([...labels].filter(([, n]) => n >= 2).map(([name]) => name));
  const sorted = [...(mentions ?? [])].filter((m) => Number.isFinite(m.start) && Number.isFinite(m.end)).sort((a, b) => a.start - b.start);
  let open = false;
  // Segments and mentions are both in text order: one moving index finds each segment's mentions.
  let first = 0;
  const analyses: Analysis[] = [];
  for (const seg of segments) {
    const sentence = text.slice(seg.start, seg.end);
    const isProse = seg.kind === 'sentence' || seg.kind === 'list-item';
    if (!isProse) open = false;
    const openAtStart: boolean = isProse && open && quoteGoesOn(text, seg.start);
    open = isProse ? quoteOpenAfter(sentence, openAtStart) : false;
    while (first < sorted.length && sorted[first]!.start < seg.start) first++;
    const local: Mention[] = [];
    for (let i = first; i < sorted.length && sorted[i]!.start < seg.end; i++) {
      const m = sorted[i]!;
      if (m.end <= seg.end) local.push({ ...m, start: m.start - seg.start, end: m.end - seg.start });
    }
    const a = analyse(sentence, { mentions: local, kind: seg.kind, openQuote: openAtStart, speakers, opinionSection: article.opinionSection });
    a.passage = { ...a.passage, start: seg.start, end: seg.end };
    a.openAtStart = openAtStart;
    a.kind = seg.kind;
    analyses.push(a);
    yield;
  }

  // Resolve pronouns to the one last in view whose pronoun fits, for "he" and "she" a person, for "it" and "they" a
  // place or organization: the last named speaker, or the subject a sentence opens with ("Walker,
  // 60, ... His campaign was shadowed by reports, which he denied"; "Beijing regards ...; it had
  // described Lai as a separatist"), whichever came last; and names the detector missed to an
  // entity the article names in full ("Blinken" -> "Antony Blinken").
  type Source = { source: string; sourceId?: string };
  type Kind = 'person' | 'group';
  const sourceOf = mentionSource;
  const kindOf = (m: Mention): Kind => (m.type === 'person' ? 'person' : 'group');
  /** The place or body last in view, for "it" and "they", with the sentence that brought it. */
  let groupInView = null as { s: Source; at: number } | null;
  /**
   * The people last brought into view, the latest first, with the sentence that did: "she" passes
   * over a man ("Harris spoke. Blinken nodded. She said ..."), but only to someone named in the last
   * few sentences (the latest a few more, with no heading between).
   */
  const peopleInView: Array<{ s: Source; at: number }> = [];
  let sentence = 0;
  const bringIntoView = (kind: Kind, s: Source): void => {
    if (kind !== 'person') {
      groupInView = { s, at: sentence };
      return;
    }
    const at = peopleInView.findIndex((p) => p.s.source === s.source);
    if (at >= 0) peopleInView.splice(at, 1);
    peopleInView.unshift({ s, at: sentence });
    peopleInView.length = Math.min(peopleInView.length, PEOPLE_IN_VIEW);
  };
  const pronouns = pronounsOf(text, sorted);
  /** Speakers named so far that the detector does not know ("Wes Moore"), for their short names later ("Moore"). */
  const named: Source[] = [];
  const sourceOfPassage = (p: Passage): Source => ({ source: p.source!, ...(p.sourceId ? { sourceId: p.sourceId } : {}) });
  const setSource = (a: Analysis, s: { source: string | null; sourceId?: string }): void => {
    const rest: Passage = { ...a.passage };
    delete rest.sourceId;
    a.passage = s.sourceId ? { ...rest, source: s.source, sourceId: s.sourceId } : { ...rest, source: s.source };
  };
  /** The one person the sentence before names, if it names exactly one ("Trump was asked ... “...,” he replied"). */
  let onlyPersonBefore: Source | null = null;
  /** The organisation the sentence before opens with ("Nvidia reported ... The company said"). */
  let bodyBefore: Source | null = null;
  /** The person the sentence before opens with, whose pronoun a "he" or "she" after it tells. */
  let personOpenerBefore: string | null = null;
  /** The number of the last heading so far (0: none): a pronoun does not reach back over one. */
  let lastHeading = 0;
  /**
   * The people in view before `a`, the latest first: those of the last few sentences, and the latest
   * over a few more where no heading came since ("he" after a subhead is no longer the governor
   * named before it); then the last person named, as far back as that, and not before the last heading.
   */
  const peopleBefore = (a: Analysis): (Source | null)[] => {
    const recent = peopleInView
      .filter((p, n) => sentence - p.at <= PEOPLE_IN_VIEW_SENTENCES || (n === 0 && p.at > lastHeading && sentence - p.at <= PRONOUN_REACH_SENTENCES))
      .map((p) => p.s);
    const reach = analyses[Math.max(sentence - 1 - PRONOUN_REACH_SENTENCES, lastHeading - 1, 0)]!.passage.start;
    const lastPerson = lastMentionBefore(sorted, a.passage.start, (m) => m.type === 'person', reach);
    return [...recent, lastPerson && sourceOf(lastPerson)];
  };
  for (const a of analyses) {
    sentence++;
    if (a.kind === 'heading') lastHeading = sentence;
    const subj = a.attribution?.subject;
    const first = a.passage.label === 'other' ? null : openingMention(a.passage.text, a.mentions);
    const opener = first && (first.type === 'person' || first.type === 'place' || first.type === 'organization') ? first : null;
    // The people the sentence names outside its quotations: names inside one are the speaker's words,
    // not whom the writer brings into view ("... everything Michael Cohen said ...,” she said").
    const quotes = a.passage.label === 'other' ? [] : quoteSpans(a.passage.text, a.openAtStart);
    const people = a.passage.label === 'other' ? [] : a.mentions.filter((m) => m.type === 'person' && !quotes.some(([s, e]) => m.start >= s && m.end <= e));
    if (a.passage.label === 'reported' && subj) {
      if (subj.kind === 'pronoun') {
        const kind: Kind = HE_SHE.test(subj.text) ? 'person' : 'group';
        // The sentence's own opener, when the pronoun comes after it, is the nearest.
        const own = opener && kindOf(opener) === kind && opener.end <= subj.start ? sourceOf(opener) : null;
        // A body reaches as far as the latest person in view does: "they announced", after a subhead
        // and four paragraphs, is not the venture firm named there.
        const group = groupInView && groupInView.at > lastHeading && sentence - groupInView.at <= PRONOUN_REACH_SENTENCES ? groupInView.s : null;
        if (kind === 'group') setSource(a, own ?? group ?? { source: null });
        else {
          // A person whose pronoun is known must be the one the text uses ("she" is never Blinken).
          const want: Pronoun = /^(?:she|her)$/i.test(subj.text) ? 'she' : 'he';
          const fits = (s: Source | null): s is Source => s !== null && (pronouns.get(s.source) ?? want) === want;
          // "Blinken met Harris on Friday, and she said ...": the sentence's own people before the
          // pronoun, the latest first, where their pronoun is known to be this one.
          const ownPeople = people.filter((m) => m.end <= subj.start && pronouns.get(m.entity) === want).reverse().map(sourceOf);
          const candidates: (Source | null)[] = [own, ...ownPeople, onlyPersonBefore, ...peopleBefore(a)];
          const speaker: Source | undefined = candidates.find(fits);
          setSource(a, speaker ?? { source: null });
          // The article's own pronoun for a person whose is not known, where the reading is sure (the
          // sentence's opener, or the person the sentence before opens with): "Herman Andaya defended
          // the decision. He said ..." makes a later "she" someone else.
          if (speaker && (speaker === own || (personOpenerBefore !== null && speaker.source === personOpenerBefore)) && !pronouns.has(speaker.source)) pronouns.set(speaker.source, want);
          // Who speaks stays in view: "he said ... He added ... he went on".
          if (speaker) bringIntoView('person', speaker);
        }
      } else if (onlyPersonBefore && ((subj.kind === 'name' && NATIONALITY_NOUNS.has(subj.text) && /\bthe\s+$/i.test(a.passage.text.slice(Math.max(0, subj.start - 4), subj.start))) || (subj.kind === 'description' && NATIONALITY_NOUNS.has(EPITHET.exec(subj.text)?.[1] ?? '')))) {
        // "“We were not good,” the Italian said.": the one person the sentence before names, by what
        // they are; or by their nationality and what they do ("The Canadian director said"). Only
        // that one: the text does not say whose nationality it is, and no one else is that sure.
        const speaker = onlyPersonBefore;
        if (speaker) {
          setSource(a, speaker);
          bringIntoView('person', speaker);
        }
      } else if (subj.kind === 'description' && /^its\s/i.test(subj.text)) {
        // "Its first report ... found": the body in view, as "it" would be; else no one ("Its" is no name).
        const group = groupInView && groupInView.at > lastHeading && sentence - groupInView.at <= PRONOUN_REACH_SENTENCES ? groupInView.s : null;
        setSource(a, group ?? { source: null });
      } else if (subj.kind === 'description') {
        // "The company said": the body the sentence named first ("... chief executive of OpenAI, the
        // company said"), else the one the sentence before opened with; "the prime minister said":
        // the person the text gave that office.
        const ownBody = a.mentions.find((m) => m.type === 'organization' && m.end <= subj.start);
        // ... else the last body named whose name holds the noun ("the bank": the European Central Bank).
        const again = BODY_AGAIN.test(subj.text);
        const body = again ? (ownBody ? sourceOf(ownBody) : (bodyBefore ?? bodyNamedBefore(sorted, a.passage.start, subj.text))) : null;
        // ... else a source the article described before with the same noun ("Russia's defence
        // ministry said ... The ministry said": one source, not two).
        const holder = body ?? officeHolderBefore(text, sorted, a.passage.start + subj.start, subj.text) ?? (again ? describedBefore(analyses, sentence - 1, subj.text) : null);
        if (holder) setSource(a, holder);
      } else if (subj.kind === 'name') {
        const entity = entityForName(sorted, subj.text, a.passage.start) ?? fullerName(named, subj.text);
        if (entity) setSource(a, entity);
        if (a.passage.source) named.push(sourceOfPassage(a.passage));
      }
    }
    // What this sentence brings into view: its opener, then its speaker.
    if (a.passage.label !== 'other') {
      const entities = new Set(people.map((m) => m.entity));
      // A quotation that names no one ("“This was a disgrace.” ... he said") leaves the person before it in view.
      const quotationOnly = entities.size === 0 && (a.openAtStart || /^["“]/.test(a.passage.text));
      if (!quotationOnly) onlyPersonBefore = entities.size === 1 ? sourceOf(people[0]!) : null;
      bodyBefore = opener?.type === 'organization' ? sourceOf(opener) : null;
      personOpenerBefore = opener?.type === 'person' ? opener.entity : null;
    }
    if (opener) bringIntoView(kindOf(opener), longerNameFrom(a.passage.text, opener, a.mentions) ?? sourceOf(opener));
    if (a.passage.label === 'reported' && subj) {
      if (subj.kind === 'mentions') {
        const persons = subj.mentions.filter((m) => m.type === 'person');
        if (persons.length > 0) bringIntoView('person', sourceOf(persons[persons.length - 1]!));
        const groups = subj.mentions.filter((m) => m.type !== 'person');
        if (groups.length > 0) bringIntoView('group', sourceOf(groups[0]!));
      } else if ((subj.kind === 'description' || subj.kind === 'name') && a.passage.source) {
        // "They" for a group ("US officials said ... They added"), "it" for a body ("the board said ... It added").
        if (subj.kind === 'description' && (/s$/.test(subj.text) || BODY_NOUN.test(subj.text))) bringIntoView('group', { source: a.passage.source });
        if (subj.kind === 'name') bringIntoView('person', sourceOfPassage(a.passage));
      }
    }
    // "... that Mr. Cohen stressed, and one that Mr. Roos dismissed in a single sentence. “This was
    // not a mistake,” he said.": a person who answers in a clause of their own after the speaker's
    // is the latest in view.
    for (const m of people) if (answersInOwnClause(a.passage.text, m)) bringIntoView('person', sourceOf(m));
  }

  // Quotations whose speaker is named in a neighbouring sentence: first a quotation that goes on
  // from the one before (in text order, so that a quotation of several sentences or paragraphs
  // keeps its speaker to the end), then one whose speaker comes after it (in reverse order), then
  // the speaker of the sentence before.
  const goesOn = new Set<Analysis>();
  // A pull quote signed on the line below it ("“...” — Marta Lindqvist, analyst") is the signer's.
  for (let i = 0; i + 1 < analyses.length; i++) {
    const a = analyses[i]!;
    const line = analyses[i + 1]!;
    const signer = a.quoteOnly ? signerOf(line) : null;
    if (!signer) continue;
    setSource(a, signer);
    goesOn.add(a);
    // The signature itself says who, not what happened.
    if (line.passage.label === 'fact') line.passage = { ...line.passage, label: 'other', cues: [] };
  }
  // A live blog's post headed "Davey: 'Not a blank cheque'": the quotations under it, up to the
  // first sentence that is no quotation, are the speaker's the heading names (reader review 22).
  let headedBy: { source: string; sourceId?: string } | null = null;
  for (const a of analyses) {
    if (a.kind === 'heading') {
      const named = HEADED_QUOTE.exec(a.passage.text);
      const person = named ? a.mentions.find((m) => m.type === 'person' && m.start === named[1]!.length - named[1]!.trimStart().length) : undefined;
      headedBy = named ? (person ? mentionSource(person) : { source: named[1]!.trim() }) : null;
      continue;
    }
    if (!headedBy) continue;
    if (!a.quoteOnly) {
      headedBy = null;
      continue;
    }
    if (!a.passage.source) {
      setSource(a, headedBy);
      goesOn.add(a);
    }
  }
  // A pull quote that repeats words the article quotes from a named speaker elsewhere is theirs
  // ("“Realism was the word he used ...”" in a box, and "She added, “Realism was the word ...”").
  for (const [quote, said] of pullQuoteSpeakers(analyses)) {
    setSource(quote, sourceOfPassage(said.passage));
    goesOn.add(quote);
  }
  for (let i = 1; i < analyses.length; i++) {
    const a = analyses[i]!;
    const prev = analyses[i - 1]!;
    // (A signed or matched pull quote keeps its speaker: "“I have one life ...” — Jimmy Carter" after another's quotation.)
    if (!a.quoteOnly || goesOn.has(a) || prev.passage.label !== 'reported' || !prev.passage.source) continue;
    // "“... a war with Yemen,” Kirby said. “... a conflict of any kind.”": the quotation goes on,
    // also over sentences and paragraphs ("Tavita: “We had been waiting ... Nobody had consulted us.").
    // Not a quotation that opens here and goes on into a next sentence that names its own speaker.
    const next = analyses[i + 1];
    const opensForNext = !a.openAtStart && quoteOpenAfter(a.passage.text, false) && !!next?.attribution;
    // "“Did you sign every transfer?” Lindqvist asked. “You must have seen them.”": a tag standing as
    // a sentence of its own between two quotations of the same speaker (the first, standing alone,
    // is given the tag's speaker below); the second goes on.
    const quoted = analyses[i - 2];
    const tagBetween =
      !/["“”]/.test(prev.passage.text) && prev.passage.text.trim().split(/\s+/).length <= TAG_SENTENCE_WORDS && (quoted?.passage.source === prev.passage.source || (!!quoted?.quoteOnly && !quoted.passage.source)) && /["“”]/.test(quoted.passage.text);
    if (a.openAtStart || quoteOpenAfter(prev.passage.text, prev.openAtStart ?? false) || (/["“”]/.test(prev.passage.text) && !opensForNext) || (tagBetween && !opensForNext)) {
      setSource(a, sourceOfPassage(prev.passage));
      goesOn.add(a);
    }
  }
  for (let i = analyses.length - 1; i >= 0; i--) {
    const a = analyses[i]!;
    if (!a.quoteOnly || goesOn.has(a)) continue;
    const prev = analyses[i - 1];
    const next = analyses[i + 1];
    if (next && next.passage.label === 'reported' && next.passage.source && (next.attribution || next.quoteOnly)) {
      setSource(a, sourceOfPassage(next.passage));
    } else if (prev && prev.passage.label === 'reported' && prev.passage.source && !/^\s*["“]/.test(a.passage.text)) {
      setSource(a, sourceOfPassage(prev.passage));
    } else if (next && next.passage.label !== 'other') {
      // "“The smoke was over everything.” Olga, 61, a retired teacher, described leaving ...": the
      // witness the next sentence introduces with an age.
      const witness = openingMention(next.passage.text, next.mentions);
      const rest = witness ? next.passage.text.slice(witness.end) : '';
      if (witness?.type === 'person' && /^,\s+\d{1,3},/.test(rest) && WITNESS_RECOUNTS.test(rest)) setSource(a, mentionSource(witness));
    }
  }
  interviewTurns(text, analyses, blocks);
  contributorParagraphs(text, analyses);
  kickers(text, analyses);
  listsOfIntro(analyses);
  return analyses.map((a) => a.passage);
}

/** A label of any kind at a paragraph's start: a speaker's, a box's ("By the numbers:"). */
const ANY_LABEL = /^[^.!?:\n]{1,40}:\s/u;
/** An introduction that says an interview follows. */
/** An introduction that says a print interview follows, its questions in bold: "We spoke with her in her office". */
const PRINT_INTERVIEW_CUE = /\b(?:interview(?:ed)?|spoke (?:to|with)|we spoke|talked (?:to|with)|in conversation|Q&A|edited (?:and condensed )?for (?:length|clarity))\b/i;
/** An introduction that says an interview follows, its questions labelled ("Q:"): the print cue, or "asked", "questions". */
const INTERVIEW_CUE = new RegExp(`${PRINT_INTERVIEW_CUE.source}|\\b(?:asked|questions)\\b`, 'i');
/** An interview's question and answer labels. */
const QA_LABEL = /^\s*([QA]):\s+(?=\S)/;

type Turn = { kind: 'question'; label: string } | { kind: 'answer'; label: string; source: string | null; sourceId?: string };

/**
 * A person by their nationality ("the Italian said"): the nouns sports and world reports use.
 * (Not the detector's whole list of demonyms, which the content script would then carry.)
 */
const NATIONALITY_NOUNS = new Set(
  `American Argentine Argentinian Australian Austrian Belgian Brazilian Briton Cameroonian Canadian Chilean Chinese
  Colombian Croat Croatian Czech Dane Dutchman Dutchwoman Egyptian Englishman Englishwoman Finn Frenchman Frenchwoman
  German Ghanaian Greek Hungarian Indian Iranian Iraqi Irishman Irishwoman Israeli Italian Ivorian Japanese Kenyan
  Korean Lebanese Mexican Moroccan Nigerian Norwegian Pakistani Palestinian Pole Portuguese Russian Saudi Scot
  Scotsman Scotswoman Senegalese Serb Serbian Spaniard Swede Swiss Syrian Turk Ukrainian Uruguayan Welshman Welshwoman`.split(/\s+/),
);

/**
 * A list whose items complete the sentence before it ("the following practices have been
 * prohibited in the EU:" then "social scoring ...;", "AI that manipulates ...;"): its items say
 * what that sentence says, under its label and source (the law's bans are fact, not the writer's
 * judgement for a loaded word in an item). Only a list of fragments: an item opening in lower
 * case or ending in a semicolon or a comma; a list of whole sentences is read sentence by sentence.
 */
function listsOfIntro(analyses: Analysis[]): void {
  for (let i = 0; i + 1 < analyses.length; i++) {
    const intro = analyses[i]!;
    if (intro.kind !== 'sentence' || !/:\s*$/.test(intro.passage.text) || analyses[i + 1]!.kind !== 'list-item') continue;
    let end = i + 1;
    while (end < analyses.length && analyses[end]!.kind === 'list-item') end++;
    const items = analyses.slice(i + 1, end);
    if (!items.some((a) => /^\s*\p{Ll}/u.test(a.passage.text) || /[;,]\s*$/.test(a.passage.text))) continue;
    for (const a of items) {
      // An item that names its own source keeps it.
      if (a.passage.label === 'reported' && a.passage.source && a.attribution) continue;
      const { sourceId: _id, ...rest } = a.passage;
      const { source, sourceId } = intro.passage;
      a.passage = { ...rest, label: intro.passage.label, source, ...(sourceId ? { sourceId } : {}), cues: intro.passage.cues };
    }
    i = end - 1;
  }
}

/** "the Canadian director": a nationality and a role, an epithet for someone named before. */
const EPITHET = /^[Tt]he (\p{Lu}\p{Ll}+) (?:director|filmmaker|actor|actress|singer|author|novelist|composer|producer|midfielder|striker|forward|defender|goalkeeper|winger|coach|manager|captain|player|veteran|champion|star)$/u;

/** Whether a paragraph ends between two offsets of the text. */
const paragraphBetween = (text: string, from: number, to: number): boolean => text.slice(from, to).includes('\n');

/** Whether analysis `i` is a paragraph of its own: a paragraph ends before it (or it opens the text) and after it. */
function ownParagraph(text: string, analyses: readonly Analysis[], i: number): boolean {
  const next = analyses[i + 1];
  const prev = analyses[i - 1];
  return !!next && paragraphBetween(text, analyses[i]!.passage.end, next.passage.start) && (!prev || paragraphBetween(text, prev.passage.end, analyses[i]!.passage.start));
}

/** A kicker is this many words at most. */
const KICKER_MAX_WORDS = 5;

/**
 * A kicker over a headline ("Champions League final", "Analysis"): a line of a few words without
 * a sentence's end, a paragraph of its own just before a heading or opening the article's text
 * (where the headline is read apart), is page furniture.
 */
function kickers(text: string, analyses: Analysis[]): void {
  for (let i = 0; i + 1 < analyses.length; i++) {
    const a = analyses[i]!;
    const words = a.passage.text.trim().split(/\s+/);
    if (a.kind !== 'sentence' || (i > 0 && analyses[i + 1]!.kind !== 'heading') || words.length > KICKER_MAX_WORDS || /[.!?:"”’)]$/u.test(a.passage.text.trim())) continue;
    if (!ownParagraph(text, analyses, i)) continue;
    const { sourceId: _id, ...rest } = a.passage;
    a.passage = { ...rest, label: 'other', source: null, cues: [] };
  }
}

/** A contributor's label, a paragraph of its own over their words: "Martin Kessler, former Bundesliga midfielder, for The Touchline:". */
const CONTRIBUTOR_LABEL = /^\s*(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3}),\s+(?=[^:]*\b(?:for|former|analyst|professor|economist|columnist|editor|writer|pundit|expert|strategist|correspondent|commentator|author|critic|fellow|director|midfielder|coach|manager)\b)(?![^:]*\b(?:said|says|saw|sees|was|is|were|are|had|has)\b)[^:"“”.!?]{3,80}:\s*$/u;

/**
 * The paragraph under a contributor's label is theirs (a pundit's verdict in a box, a guest's
 * view): each of its sentences is reported with the contributor as its source, unless it names a
 * source of its own; the label itself is page furniture.
 */
function contributorParagraphs(text: string, analyses: Analysis[]): void {
  for (let i = 0; i + 1 < analyses.length; i++) {
    const label = analyses[i]!;
    const named = label.kind === 'sentence' ? CONTRIBUTOR_LABEL.exec(label.passage.text) : null;
    if (!named || !ownParagraph(text, analyses, i)) continue;
    const person = label.mentions.find((m) => m.type === 'person' && m.start <= named[1]!.length);
    const source = person ? mentionSource(person) : { source: named[1]! };
    const { sourceId: _labelId, ...labelRest } = label.passage;
    label.passage = { ...labelRest, label: 'other', source: null, cues: [] };
    for (let j = i + 1; j < analyses.length; j++) {
      const a = analyses[j]!;
      if ((j > i + 1 && paragraphBetween(text, analyses[j - 1]!.passage.end, a.passage.start)) || a.kind !== 'sentence') break;
      if (a.passage.label === 'reported' && a.passage.source) continue;
      const { sourceId: _id, ...rest } = a.passage;
      a.passage = { ...rest, label: 'reported', source: source.source, ...(source.sourceId ? { sourceId: source.sourceId } : {}), cues: [named[1]!] };
    }
  }
}

/**
 * An interview's turns. A labelled answer ("Lindqvist: ...", "A: ...") is the speaker's to the end
 * of its paragraph, and in an interview (two "Q:" or more) over the paragraphs that follow, up to
 * the next label or heading; a sentence that names its own source keeps it. "A:" is the speaker
 * the interview's named labels give most, else the person its introduction names most. A question
 * ("Q: ...") is the interviewer's: no statement, labelled other.
 */
function interviewTurns(text: string, analyses: Analysis[], blocks?: readonly Block[]): void {
  /** A named label's answer, as `analyse` read it ("Lindqvist:" at the sentence's start). */
  const namedAnswer = (a: Analysis): Turn | null => {
    const name = labelName(a.passage.text);
    const label = name && a.passage.text.slice(0, name.length + 1);
    if (!label || a.passage.label !== 'reported' || a.passage.cues[0] !== label) return null;
    return { kind: 'answer', label, source: a.passage.source, ...(a.passage.sourceId ? { sourceId: a.passage.sourceId } : {}) };
  };
  // A print interview sets its questions in bold paragraphs and its answers in plain ones below
  // them, after an introduction that says so ("We spoke in her office"): a bold dek above it is no question.
  const firstBoldQuestion = blocks?.some((b) => b.bold)
    ? analyses.findIndex((a) => a.kind === 'sentence' && !!blockAt(blocks!, a.passage.start)?.bold && /\?["”’]?\s*$/.test(a.passage.text))
    : -1;
  const cue = firstBoldQuestion > 0 ? analyses.slice(0, firstBoldQuestion).findIndex((a) => a.kind === 'sentence' && PRINT_INTERVIEW_CUE.test(a.passage.text)) : -1;
  const boldBlock = (a: Analysis): Block | null => {
    const b = cue >= 0 && blocks && a.kind === 'sentence' && a.passage.start > analyses[cue]!.passage.start ? blockAt(blocks, a.passage.start) : undefined;
    return b?.bold ? b : null;
  };
  const boldQuestions = new Set(analyses.filter((a) => boldBlock(a) !== null && /\?["”’]?\s*$/.test(a.passage.text)).map(boldBlock));
  // Two bold questions at least (a subhead set in bold asks nothing).
  const byBold = boldQuestions.size >= 2;
  const qaOf = (a: Analysis, i: number): string | null => {
    if (a.kind !== 'sentence') return null;
    const label = QA_LABEL.exec(a.passage.text)?.[1];
    if (label || !byBold) return label ?? null;
    if (boldBlock(a)) return 'Q';
    const prev = analyses[i - 1];
    return prev && boldBlock(prev) && paragraphBetween(text, prev.passage.end, a.passage.start) ? 'A' : null;
  };
  const questions = analyses.filter((a, i) => qaOf(a, i) === 'Q');
  const firstQuestion = questions.length ? analyses.indexOf(questions[0]!) : -1;
  // Two questions or more make a Q&A; an interview, where its labels name a speaker or its
  // introduction says so ("We asked Dr Maren Lindqvist ..."): an FAQ's answers are no one's.
  const qaPage = questions.length >= 2;
  const interview =
    qaPage && (analyses.some((a) => namedAnswer(a) !== null) || analyses.slice(0, firstQuestion).some((a) => INTERVIEW_CUE.test(a.passage.text)));
  const interviewee = interview ? intervieweeOf(analyses, firstQuestion, namedAnswer) : null;
  /** An unlabelled answer (under a bold question) names its speaker as its cue. */
  const answerLabel = byBold && interviewee ? interviewee.source : 'A:';
  let turn: Turn | null = null;
  let prevEnd = -1;
  analyses.forEach((a, i) => {
    if (a.kind === 'heading') turn = null;
    if (a.kind !== 'sentence' && a.kind !== 'list-item') return;
    const qa = qaPage ? qaOf(a, i) : null;
    // Past a paragraph's end, only an interview's answer goes on, and not into a box ("By the
    // numbers: ...") or a line about someone ("Maren Lindqvist leads ...", a bio at the end).
    if (turn && !qa && paragraphBetween(text, prevEnd, a.passage.start) && (!interview || ANY_LABEL.test(a.passage.text) || openingMention(a.passage.text, a.mentions)?.type === 'person')) turn = null;
    prevEnd = a.passage.end;
    const named = namedAnswer(a);
    if (qa === 'Q') turn = { kind: 'question', label: 'Q:' };
    else if (qa === 'A') turn = interview ? { kind: 'answer', label: answerLabel, source: interviewee?.source ?? null, ...(interviewee?.sourceId ? { sourceId: interviewee.sourceId } : {}) } : null;
    else if (named) {
      turn = named;
      return;
    } else if (labelName(a.passage.text)) turn = null;
    if (!turn) return;
    const { sourceId: _id, ...rest } = a.passage;
    // A question that quotes someone ("Q: Samantha Burgess said ... Do you agree?") keeps its source.
    if (turn.kind === 'question') {
      if (!(a.passage.label === 'reported' && a.passage.source)) a.passage = { ...rest, label: 'other', source: null, cues: [] };
      return;
    }
    // An answer is the interviewee's, but for a sentence that names its own source ("Larry says ...");
    // a "he said" in it is still the interviewee speaking.
    const ownSource = a.attribution !== null && a.attribution.subject.kind !== 'pronoun' && a.passage.label === 'reported' && !!a.passage.source;
    // (Page furniture stays so: "This interview has been edited and condensed for clarity.")
    if (turn.source && (qa === 'A' || !ownSource) && a.passage.label !== 'other')
      a.passage = { ...rest, label: 'reported', source: turn.source, ...(turn.sourceId ? { sourceId: turn.sourceId } : {}), cues: [turn.label] };
  });
}

/**
 * Who answers an interview's "A:": the speaker its named labels give most, else the person named
 * most before its first question (the introduction: "We asked Dr Maren Lindqvist ...").
 */
function intervieweeOf(analyses: readonly Analysis[], firstQuestion: number, namedAnswer: (a: Analysis) => Turn | null): { source: string; sourceId?: string } | null {
  const tally = new Map<string, { source: string; sourceId?: string; n: number }>();
  const count = (s: { source: string; sourceId?: string }) => {
    const t = tally.get(s.source) ?? { ...s, n: 0 };
    t.n++;
    tally.set(s.source, t);
  };
  for (const a of analyses) {
    const t = namedAnswer(a);
    if (t?.kind === 'answer' && t.source) count({ source: t.source, ...(t.sourceId ? { sourceId: t.sourceId } : {}) });
  }
  if (!tally.size)
    for (const a of analyses.slice(0, firstQuestion)) if (a.kind === 'sentence') for (const m of a.mentions) if (m.type === 'person') count(mentionSource(m));
  let best: { source: string; sourceId?: string; n: number } | null = null;
  for (const t of tally.values()) if (!best || t.n > best.n) best = t;
  if (!best) return null;
  return best.sourceId ? { source: best.source, sourceId: best.sourceId } : { source: best.source };
}

/**
 * The quotation from `from` to `to` when short, else its opening words, about 24 characters, cut
 * between words ("“These strikes were…").
 */
function quoteOpening(sentence: string, from: number, to: number): string {
  const MAX = 24;
  if (to - from <= MAX + 8) return sentence.slice(from, to).trim();
  const piece = sentence.slice(from, from + MAX + 1);
  if (piece.length <= MAX) return piece.trim();
  const space = piece.lastIndexOf(' ', MAX);
  const words = /[\p{L}\p{N}]/u.test(piece[MAX]!) && space > MAX / 2 ? piece.slice(0, space) : piece.slice(0, MAX);
  return `${words.trimEnd().replace(/[\s,;:—–-]+$/u, '')}…`;
}

/**
 * Each quotation without a source that repeats words the article quotes from a named speaker
 * elsewhere ("“Realism was the word he used ...”" in a box, and "She added, “Realism was the word
 * ...”"), with the first passage that quotes them. The quotations are filed by their first words;
 * each attributed quotation is then read once, word by word.
 */
function pullQuoteSpeakers(analyses: readonly Analysis[]): Map<Analysis, Analysis> {
  const speakers = new Map<Analysis, Analysis>();
  const unsigned = new Map<string, Array<{ a: Analysis; words: string[] }>>();
  for (const a of analyses) {
    if (!a.quoteOnly || a.passage.source) continue;
    const text = quoteWords(a.passage.text);
    const words = text.split(' ');
    if (text.length < PULL_QUOTE_MIN_CHARS || words.length < PULL_QUOTE_KEY_WORDS) continue;
    const key = words.slice(0, PULL_QUOTE_KEY_WORDS).join(' ');
    unsigned.set(key, [...(unsigned.get(key) ?? []), { a, words }]);
  }
  for (const said of analyses) {
    if (!unsigned.size) break;
    if (said.passage.label !== 'reported' || !said.passage.source || !said.attribution) continue;
    for (const [qs, qe] of quoteSpans(said.passage.text, said.openAtStart)) {
      const words = quoteWords(said.passage.text.slice(qs, qe)).split(' ');
      for (let i = 0; i + PULL_QUOTE_KEY_WORDS <= words.length; i++) {
        const key = words.slice(i, i + PULL_QUOTE_KEY_WORDS).join(' ');
        const candidates = unsigned.get(key);
        if (!candidates) continue;
        for (const u of candidates) if (u.words.every((w, k) => words[i + k] === w)) speakers.set(u.a, said);
        // A quotation given its speaker is not looked for again.
        const left = candidates.filter((u) => !speakers.has(u.a));
        if (left.length) unsigned.set(key, left);
        else unsigned.delete(key);
      }
    }
  }
  return speakers;
}

/** Shorter quotations ("“No,”") are too common to say who said them. */
const PULL_QUOTE_MIN_CHARS = 20;
/** A heading that gives a speaker and their words: "Davey: 'Not a blank cheque'", "Badenoch: “This is concreting ...”". */
const HEADED_QUOTE = /^(\s*\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,2}):\s*['"‘“]/u;
/** A caption that signs a quote card, name and role, has at most this many words. */
const SIGNATURE_MAX_WORDS = 12;
/** A pull quote is looked for by its first this many words. */
const PULL_QUOTE_KEY_WORDS = 3;

/** A pull quote's signature line: a dash, then a name ("— Marta Lindqvist, European security analyst"). */
const SIGNATURE = /^\s*[—–]\s*(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3})\s*(?:,|$)/u;

/**
 * A quote card's caption or a pull quote's <cite> with no dash: a person's name, then at most who
 * they are ("Angela Rayner, deputy prime minister", "Dr Elena Marsh, British Antarctic Survey").
 */
const NAMED_LINE = /^\s*(?:(?:Dr|Prof|Professor|Sir|Dame|Mr|Mrs|Ms)\.?\s+)?$/;

/** Who signs a pull quote or a quote card on the line `line` (an `other` passage, or a `fact` that is only a name and a role), or null when it is no signature. */
function signerOf(line: { passage: Passage; mentions: readonly Mention[] }): { source: string; sourceId?: string } | null {
  const text = line.passage.text;
  const person = line.mentions.find((x) => x.type === 'person');
  const m = line.passage.label === 'other' ? SIGNATURE.exec(text) : null;
  if (m) return person ? mentionSource(person) : { source: m[1]! };
  // (A line, not a sentence: "Ivan Petrov, 45, a local teacher, was injured." signs nothing.)
  if (!person || (line.passage.label !== 'other' && line.passage.label !== 'fact') || text.trim().split(/\s+/).length > SIGNATURE_MAX_WORDS || /[.!?]["”’]?\s*$/.test(text)) return null;
  return NAMED_LINE.test(text.slice(0, person.start)) && /^\s*(?:,|$)/.test(text.slice(person.end)) ? mentionSource(person) : null;
}

/**
 * "The Hague Summit Declaration has been adopted. It reaffirms ...": where a place or body the
 * sentence opens with is only the start of a longer name, that name is what "it" refers to next
 * (not where another name follows: "Ukraine President Volodymyr Zelensky").
 */
const OFFICE_IN_NAME = /\b(?:President|Prime|Minister|Secretary|Chancellor|Governor|Mayor|Senator|General|King|Queen|Premier|Leader)\b/;
function longerNameFrom(sentence: string, opener: Mention, mentions: readonly Mention[]): { source: string } | null {
  if (opener.type === 'person') return null;
  const rest = /^(?:\s+(?:of\s+)?\p{Lu}[\p{L}\p{N}’'-]*)+/u.exec(sentence.slice(opener.end));
  if (!rest) return null;
  const end = opener.end + rest[0].length;
  if (mentions.some((m) => m !== opener && m.start >= opener.end && m.start < end) || OFFICE_IN_NAME.test(rest[0])) return null;
  return { source: sentence.slice(opener.start, end).replace(/['’]s$/, '') };
}

/** A mention as a passage's source: its entity, with its id where the knowledge base has one. */
function mentionSource(m: Mention): { source: string; sourceId?: string } {
  const source = sourceName(m);
  return m.id ? { source, sourceId: m.id } : { source };
}

/** How many people "he" and "she" may reach back to, the latest first, and within how many sentences (the latest at any distance). */
const PEOPLE_IN_VIEW = 3;
const PEOPLE_IN_VIEW_SENTENCES = 4;
/** How many sentences back a pronoun reaches to the latest person in view, or the last one named, with no heading between. */
const PRONOUN_REACH_SENTENCES = 8;
/** At most this many words make a speaker's tag that stands as a sentence of its own ("Dr. Lisa Moreno said."). */
const TAG_SENTENCE_WORDS = 6;

const COURTESY_BEFORE = /\b(Mrs?|Ms|Miss)\.?\s+$/;
/** Words for a woman or a man, in a role the text gives a name just before it ("his son Chip Carter", "Their daughter, Amy Carter,"). */
const GENDERED_ROLES: Readonly<Record<string, Pronoun>> = {
  son: 'he', daughter: 'she', wife: 'she', husband: 'he', brother: 'he', sister: 'she', mother: 'she', father: 'he',
  grandson: 'he', granddaughter: 'she', grandmother: 'she', grandfather: 'he', widow: 'she', widower: 'he',
  niece: 'she', nephew: 'he', spokesman: 'he', spokeswoman: 'she', businessman: 'he', businesswoman: 'she',
};
const GENDERED_ROLE_WORDS = Object.keys(GENDERED_ROLES).join('|');
const GENDERED_ROLE_BEFORE = new RegExp(`(?<!['’]s )\\b(${GENDERED_ROLE_WORDS}),?\\s+$`);
/** ", his wife of 77 years", ", 61, a retired businesswoman": the apposition after the name. */
const GENDERED_ROLE_AFTER = new RegExp(`^,\\s+(?:\\d{1,3},\\s+)?(?:his|her|their|its|the|a|an)\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(${GENDERED_ROLE_WORDS})\\b(?!['’]s)`, 'u');

/** The pronoun the text gives the person named at [start, end): a courtesy title before, or a gendered role beside it. */
function pronounFromText(text: string, start: number, end: number): Pronoun | null {
  const title = COURTESY_BEFORE.exec(text.slice(Math.max(0, start - 6), start))?.[1];
  if (title) return title === 'Mr' ? 'he' : 'she';
  const role = GENDERED_ROLE_BEFORE.exec(text.slice(Math.max(0, start - 16), start))?.[1] ?? GENDERED_ROLE_AFTER.exec(text.slice(end, end + 60))?.[1];
  return role ? GENDERED_ROLES[role]! : null;
}

/**
 * Each person's pronoun where the article's names tell it: the knowledge base's, else a courtesy
 * title the text gives the name ("Mr. Shapps", "Ms. Hollis") or a role that is a woman's or a man's
 * ("his son Chip Carter", "Rosalynn Carter, his wife"); clues that disagree tell nothing.
 */
function pronounsOf(text: string, mentions: readonly Mention[]): Map<string, Pronoun> {
  const known = new Map<string, Pronoun>();
  const titled = new Map<string, Pronoun | null>();
  for (const m of mentions) {
    if (m.type !== 'person') continue;
    if (m.pronoun) {
      known.set(m.entity, m.pronoun);
      continue;
    }
    const p = pronounFromText(text, m.start, m.end);
    if (!p) continue;
    titled.set(m.entity, titled.has(m.entity) && titled.get(m.entity) !== p ? null : p);
  }
  for (const [entity, p] of titled) if (p && !known.has(entity)) known.set(entity, p);
  return known;
}

/**
 * The last mention that ends before `pos`, starts at `from` or later and passes `test`, or null.
 * `mentions` are sorted by start: the walk begins at `pos`, not at the article's end.
 */
function lastMentionBefore(mentions: readonly Mention[], pos: number, test: (m: Mention) => boolean, from = 0): Mention | null {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && mentions[i]!.start >= from; i--) {
    const m = mentions[i]!;
    if (m.end <= pos && test(m)) return m;
  }
  return null;
}

/** The last organisation named before `pos` whose name ends in the noun of `description` ("the bank": "European Central Bank"), or null. */
function bodyNamedBefore(mentions: readonly Mention[], pos: number, description: string): { source: string; sourceId?: string } | null {
  const noun = description.split(' ').pop()!.toLowerCase();
  const body = lastMentionBefore(mentions, pos, (m) => m.type === 'organization' && (m.entity ?? m.text).toLowerCase().split(/\s+/).pop() === noun);
  return body && mentionSource(body);
}

/**
 * The source a passage before `at` (within PRONOUN_REACH_SENTENCES, no heading between) gave as a
 * description ending in the same noun as `description` ("the ministry": "Russia's defence ministry").
 */
function describedBefore(analyses: readonly Analysis[], at: number, description: string): { source: string } | null {
  const noun = description.split(' ').pop()!.toLowerCase();
  for (let i = at - 1; i >= 0 && at - i <= PRONOUN_REACH_SENTENCES; i--) {
    const a = analyses[i]!;
    if (a.kind === 'heading') break;
    const source = a.passage.label === 'reported' && !a.passage.sourceId ? a.passage.source : null;
    if (source && source.toLowerCase() !== description.toLowerCase() && source.split(' ').pop()!.toLowerCase() === noun && /\s/.test(source)) return { source };
  }
  return null;
}

/** Offices a speaker may be named again by: "the prime minister said". */
const OFFICE = String.raw`prime minister|president|vice president|chancellor|premier|minister|secretary|secretary-general|governor|mayor|senator|judge|justice|ambassador|envoy|spokesman|spokeswoman|spokesperson|chief executive|chairman|chairwoman|commissioner|king|queen|pope|emir|general|manager|head coach|coach`;
/** "the prime minister", "the British prime minister", "the Bank of England governor": the office named. */
const OFFICE_AGAIN = new RegExp(`^the (?:[\\p{L}-]+ ){0,3}?(${OFFICE})$`, 'iu');

/**
 * "The prime minister also announced": the nearest person before `pos` whom the text gives that
 * office, by a title before the name ("Prime Minister Rishi Sunak", "The chancellor, Rachel Reeves,") or an apposition after it
 * ("Rishi Sunak, the British prime minister,"). Only the article's own words count: a page's
 * names carry no offices.
 */
function officeHolderBefore(text: string, mentions: readonly Mention[], pos: number, description: string): { source: string; sourceId?: string } | null {
  const office = OFFICE_AGAIN.exec(description)?.[1];
  if (!office) return null;
  const words = office.replace(/[\s-]+/g, '[\\s-]+');
  // ("Chancellor Rachel Reeves", and "The chancellor, Rachel Reeves,": the office in apposition before the name.)
  const titleBefore = new RegExp(`\\b${words},?\\s+$`, 'i');
  const appositionAfter = new RegExp(`^,\\s+(?:the|an?|[\\p{L}.]+['’]s)\\s+(?:[^,.;:]{0,40}\\s)?${words}\\b`, 'iu');
  // A side's manager or coach is the one of that side: "The Newcastle manager" is not "Spurs manager Ange Postecoglou".
  const side = /^(?:manager|coach|head coach)$/i.test(office) ? /^[Tt]he ((?:\p{Lu}[\p{L}'’-]*\s+)+)/u.exec(description)?.[1]?.trim() : undefined;
  const holder = lastMentionBefore(
    mentions,
    pos,
    (m) => {
      if (m.type !== 'person') return false;
      const before = text.slice(Math.max(0, m.start - 40), m.start);
      const after = text.slice(m.end, m.end + 80);
      const apposition = appositionAfter.exec(after)?.[0];
      if (!titleBefore.test(before) && !apposition) return false;
      return !side || before.includes(side) || !!apposition?.includes(side);
    },
    pos - OFFICE_HOLDER_REACH_CHARS,
  );
  return holder && mentionSource(holder);
}

/** "Moore" -> the one speaker named earlier whose full name ends with it ("Wes Moore"), or null. */
function fullerName(named: readonly { source: string; sourceId?: string }[], name: string): { source: string; sourceId?: string } | null {
  if (/\s/.test(name.trim())) return null;
  const fits = named.filter((n) => n.source.endsWith(` ${name}`));
  return fits.length > 0 && fits.every((n) => n.source === fits[0]!.source) ? fits[0]! : null;
}

/** "Blinken" -> the person the article already named in full, when exactly one fits. */
function entityForName(mentions: Mention[], name: string, pos: number): { source: string; sourceId?: string } | null {
  const key = norm(name).replace(/'s$/, '');
  const last = key.split(/\s+/).pop() ?? key;
  const fits = new Map<string, Mention>();
  for (const m of mentions) {
    if (m.start >= pos) break;
    const e = norm(m.entity);
    if (e === key || e.split(/\s+/).pop() === last) fits.set(m.entity, m);
  }
  if (fits.size !== 1) return null;
  const m = [...fits.values()][0]!;
  return mentionSource(m);
}
