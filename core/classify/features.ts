/**
 * Features of one sentence for the subjectivity model, with the words behind each feature so
 * that every decision can name its cues. Pure: no DOM, no extension or Node APIs.
 *
 * Used the same way at training time (scripts/train-classifier.ts) and at run time
 * (classify.ts), so the model sees exactly what it was trained on.
 */
import { lexicon } from './lexicon';
import { strength } from './strength';
import { valence } from './valence';

export interface Token {
  /** Lowercase, apostrophes as "'". */
  w: string;
  start: number;
  end: number;
  /** Inside a quotation. */
  q: boolean;
}

/** Normalise a word for lookup: lowercase, curly apostrophes straight. */
export const norm = (s: string): string => s.toLowerCase().replace(/[’‘`]/g, "'");

const TOKEN_RE = /[\p{L}\p{N}]+(?:[’'.\-][\p{L}\p{N}]+)*|[?!;:,—–]|\.{3}|…/gu;

/** Quoted spans of `text` (inside the quote marks): curly double, straight double, curly single. */
export function quoteSpans(text: string, openAtStart = false): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // A sentence inside a quotation of several sentences starts quoted.
  let open = openAtStart ? 0 : -1;
  let openChar = openAtStart ? '“' : '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (open < 0) {
      if (c === '“' || c === '"' || c === '«') {
        open = i + 1;
        openChar = c;
      } else if (c === '‘' && (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]!))) {
        open = i + 1;
        openChar = c;
      }
    } else {
      const closes =
        (openChar === '“' && (c === '”' || (openAtStart && open === 0 && c === '"'))) ||
        (openChar === '"' && c === '"') ||
        (openChar === '«' && c === '»') ||
        (openChar === '‘' && c === '’' && !/\p{L}/u.test(text[i + 1] ?? ''));
      if (closes) {
        spans.push([open, i]);
        open = -1;
      }
    }
  }
  // An opening quote that never closes: the quotation runs to the end of the sentence.
  if (open >= 0 && text.length - open > 0) spans.push([open, text.length]);
  // A closing curly quote with no opening one: the sentence began inside a quotation.
  if (!openAtStart) {
    const firstClose = text.indexOf('”');
    const firstOpen = text.indexOf('“');
    if (firstClose > 0 && (firstOpen < 0 || firstOpen > firstClose)) {
      spans.unshift([0, firstClose]);
    }
  }
  return spans;
}

export function tokenize(text: string, spans: Array<[number, number]> = quoteSpans(text)): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  // Tokens and quote spans are both in text order: one moving index, so long texts stay linear.
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  let si = 0;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    while (si < sorted.length && sorted[si]![1] < end) si++;
    let q = false;
    for (let j = si; j < sorted.length && sorted[j]![0] <= start; j++) {
      if (end <= sorted[j]![1]) {
        q = true;
        break;
      }
    }
    out.push({ w: norm(m[0]), start, end, q });
  }
  return out;
}

type PhraseTable = Map<string, string[][]>;

function phraseTable(entries: string[]): { single: Set<string>; multi: PhraseTable } {
  const single = new Set<string>();
  const multi: PhraseTable = new Map();
  for (const e of entries) {
    const parts = norm(e).split(/\s+/).filter(Boolean);
    if (parts.length === 1) single.add(parts[0]!);
    else if (parts.length > 1) {
      const arr = multi.get(parts[0]!) ?? [];
      arr.push(parts);
      multi.set(parts[0]!, arr);
    }
  }
  return { single, multi };
}

/** The lexicon categories the model counts, in a fixed order. */
export const CATEGORY_NAMES = [
  'evaluative',
  'loaded',
  'intensifier',
  'certainty',
  'hedge',
  'attitude',
  'obligation',
  'opinionVerb',
  'first',
  'second',
  'general',
  'contrast',
  'comparison',
  'negation',
  'speech',
  'record',
] as const;
export type Category = (typeof CATEGORY_NAMES)[number];

interface Tables {
  /** One look-up per word: word -> the categories it belongs to. */
  single: Map<string, Category[]>;
  /** First word -> the phrases it starts, longest first. */
  multi: Map<string, Array<{ cat: Category; words: string[] }>>;
  imperatives: Set<string>;
}
let tables: Tables | null = null;

/**
 * The look-up tables, built on first use: the content script loads this module on every page,
 * and most pages are never classified.
 */
function getTables(): Tables {
  if (tables) return tables;
  const L = lexicon();
  const entries: Record<Category, string[]> = {
    evaluative: L.EVALUATIVE,
    loaded: L.LOADED,
    intensifier: L.INTENSIFIERS,
    certainty: L.CERTAINTY,
    hedge: L.HEDGES,
    attitude: L.ATTITUDE,
    obligation: L.OBLIGATION,
    opinionVerb: L.OPINION_VERBS,
    first: L.FIRST_PERSON,
    second: L.SECOND_PERSON,
    general: L.GENERALIZATION,
    contrast: L.CONTRAST,
    comparison: L.COMPARISON,
    negation: L.NEGATION,
    speech: [...L.SPEECH_VERBS_STRONG, ...L.SPEECH_PHRASES],
    record: L.RECORD_WORDS,
  };
  const single = new Map<string, Category[]>();
  const multi = new Map<string, Array<{ cat: Category; words: string[] }>>();
  for (const cat of CATEGORY_NAMES) {
    const t = phraseTable(entries[cat]);
    for (const w of t.single) single.set(w, [...(single.get(w) ?? []), cat]);
    for (const [first, phrases] of t.multi) {
      const arr = multi.get(first) ?? [];
      for (const words of phrases) arr.push({ cat, words });
      multi.set(first, arr);
    }
  }
  for (const arr of multi.values()) arr.sort((a, b) => b.words.length - a.words.length);
  tables = { single, multi, imperatives: new Set(L.IMPERATIVE_OPENERS.map(norm)) };
  return tables;
}
const FEATURE_NAME = Object.fromEntries(CATEGORY_NAMES.map((c) => [c, `c:${c}`])) as Record<Category, string>;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** A word or phrase that set off a feature. */
export interface Hit {
  feature: string;
  start: number;
  end: number;
}

export interface Features {
  /** Feature name -> value. Vocabulary features are "w:<word>". */
  values: Map<string, number>;
  /** Where in the text each lexicon or vocabulary feature fired. */
  hits: Hit[];
  tokens: Token[];
  quotes: Array<[number, number]>;
  /**
   * The writer's own words, lowercased, in order: outside quotations, names (capitalised inside
   * the sentence) left out, as for the lexicon and the vocabulary. The character n-gram model
   * reads these.
   */
  writer: string[];
}

const NOT_LY_ADVERBS = new Set([
  // Time, quantity, manner-of-record: -ly words that do not evaluate.
  'currently', 'recently', 'previously', 'formerly', 'initially', 'originally', 'subsequently', 'eventually', 'finally',
  'immediately', 'shortly', 'lately', 'nearly', 'roughly', 'approximately', 'respectively', 'publicly', 'officially',
  'jointly', 'partly', 'directly', 'annually', 'mainly', 'primarily', 'widely', 'fully', 'newly', 'separately',
  'locally', 'nationally', 'internationally', 'globally', 'politically', 'economically', 'legally', 'financially',
  'militarily', 'historically', 'traditionally', 'typically', 'usually', 'generally', 'frequently', 'repeatedly',
  'regularly', 'briefly', 'privately', 'openly', 'formally', 'informally', 'temporarily', 'permanently', 'physically',
  'digitally', 'online', 'daily', 'quarterly', 'monthly', 'weekly', 'yearly', 'largely', 'mostly', 'partially',
  'specifically', 'initially', 'simultaneously', 'accordingly', 'additionally', 'consequently', 'subsequently',
  'supply', 'family', 'ally', 'apply', 'reply', 'rely',
'only', 'early', 'family', 'july', 'italy', 'daily', 'weekly', 'monthly', 'yearly', 'likely', 'rely', 'reply', 'supply', 'apply', 'fly', 'ally', 'rally', 'belly', 'holy', 'lonely', 'elderly', 'friendly', 'jolly', 'bully', 'sally', 'kelly', 'emily', 'lily', 'philly', 'reportedly', 'allegedly', 'ugly', 'silly', 'unlikely', 'assembly', 'anomaly', 'multiply', 'imply', 'comply', 'quarterly', 'nightly', 'hourly']);
const ADJ_SUFFIX = /(?:ous|ful|ive|ible|able|less)$/;
const NOT_ADJ = new Set(['vessel', 'unless', 'table', 'cable', 'bible', 'able', 'several', 'festive', 'archive', 'motive', 'native', 'objective', 'executive', 'representative', 'initiative', 'relative', 'alternative', 'detective', 'explosive', 'offensive', 'incentive', 'perspective', 'directive', 'legislative', 'olive', 'drive', 'arrive', 'five', 'live', 'give', 'receive', 'believe', 'achieve', 'five', 'british', 'english', 'spanish', 'polish', 'turkish', 'finish', 'publish', 'establish', 'wish', 'fish', 'dish', 'jewish', 'danish', 'irish', 'kurdish', 'swedish', 'scottish', 'flemish', 'cornish', 'punish', 'vanish', 'abolish', 'accomplish', 'demolish', 'nourish', 'available', 'political', 'historical', 'medical', 'technical', 'chemical', 'physical', 'musical', 'typical', 'vertical', 'tropical', 'surgical', 'clinical', 'statistical', 'electrical', 'mechanical', 'biological', 'geographical', 'economical', 'logical', 'classical', 'critical', 'identical', 'practical', 'theoretical', 'military', 'variable', 'vegetable', 'capable']);
const PAST = new Set(['was', 'were', 'had', 'did', 'said', 'told', 'went', 'came', 'took', 'made', 'gave', 'began', 'left', 'met', 'won', 'lost', 'got', 'wrote', 'saw', 'found', 'became', 'held', 'sent', 'spent', 'led', 'rose', 'fell', 'ran', 'paid', 'built', 'brought', 'bought', 'sold', 'kept', 'stood', 'set', 'put']);
const NOT_PAST = new Set(['need', 'indeed', 'speed', 'feed', 'seed', 'breed', 'greed', 'proceed', 'succeed', 'exceed', 'embed', 'shed', 'bed', 'red', 'united', 'limited', 'based', 'interested', 'concerned', 'supposed', 'alleged', 'biased', 'educated', 'sophisticated', 'complicated', 'dedicated', 'talented', 'advanced', 'detailed', 'varied', 'related', 'unprecedented', 'so-called', 'hundred', 'kindred', 'sacred', 'wicked', 'naked', 'crooked', 'rugged', 'ragged', 'wretched', 'beloved', 'learned', 'aged', 'armed', 'skilled', 'assed']);
const PRESENT = new Set(['is', 'are', 'am', "it's", "that's", "there's", "what's", "isn't", "aren't", 'does', "doesn't", 'do', "don't", 'seems', 'means', 'remains', 'matters', 'knows', 'wants', 'needs', 'makes', 'has']);
const FUTURE = new Set(['will', 'would', "won't", "wouldn't", "'ll", "it'll", "we'll", "they'll", 'shall', 'going']);
const THEY = new Set(['they', 'them', 'their', 'theirs', 'themselves', "they're", "they've", "they'd", "they'll"]);
const START_CONJ = new Set(['but', 'and', 'yet', 'so', 'or', 'still', 'indeed', 'instead', 'thus', 'hence']);

function addValue(values: Map<string, number>, k: string, v: number): void {
  values.set(k, (values.get(k) ?? 0) + v);
}

/**
 * Extract the features of one sentence. Lexicon counts look at the writer's words only (outside
 * quotations); quotations get features of their own.
 */
/**
 * Which vocabulary features to compute: all words and word pairs (`true`, for training), none
 * (`false`), or only those a model weighs (a set of "w:..." and "b:..." names).
 */
export type Vocabulary = boolean | ReadonlySet<string>;

const HAS_PAIRS = new WeakMap<ReadonlySet<string>, boolean>();
function wantsPairs(vocabulary: Vocabulary): boolean {
  if (typeof vocabulary === 'boolean') return vocabulary;
  let v = HAS_PAIRS.get(vocabulary);
  if (v === undefined) {
    v = [...vocabulary].some((k) => k.startsWith('b:'));
    HAS_PAIRS.set(vocabulary, v);
  }
  return v;
}

export function extractFeatures(text: string, openQuoteAtStart = false, vocabulary: Vocabulary = true): Features {
  const quotes = quoteSpans(text, openQuoteAtStart);
  const tokens = tokenize(text, quotes);
  const values = new Map<string, number>();
  const hits: Hit[] = [];
  const counts = new Map<Category, number>();
  const { single: SINGLE, multi: MULTI, imperatives: IMPERATIVES } = getTables();
  const VALENCE = valence();

  const words = tokens.filter((t) => HAS_WORD.test(t.w));
  const n = words.length;
  const outside = words.filter((t) => !t.q);

  // Lexicon categories, outside quotations. A capitalised word inside the sentence is a name or
  // a title ("The Social Distance Between Us"), not the writer's word.
  const firstWord = tokens.findIndex((t) => HAS_WORD.test(t.w));
  const skipped = tokens.map((t, i) => {
    if (t.q) return true;
    if (i === firstWord || t.w === 'i') return false;
    const c = text[t.start]!;
    if (c === c.toLowerCase()) return false;
    return !/^[“"‘(\[—–:]/u.test(text.slice(Math.max(0, t.start - 2), t.start).trim());
  });
  // Phrases first: their words count once, for the phrase ("to say the least" is not "say").
  const consumed = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    if (skipped[i]) continue;
    const phrases = MULTI.get(tokens[i]!.w);
    if (!phrases) continue;
    for (const { cat, words: p } of phrases) {
      let ok = true;
      for (let k = 0; k < p.length && ok; k++) {
        const tk = tokens[i + k];
        ok = tk !== undefined && tk.w === p[k] && !tk.q && consumed[i + k] === 0;
      }
      if (!ok) continue;
      counts.set(cat, (counts.get(cat) ?? 0) + 1);
      hits.push({ feature: FEATURE_NAME[cat], start: tokens[i]!.start, end: tokens[i + p.length - 1]!.end });
      for (let k = 0; k < p.length; k++) consumed[i + k] = 1;
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    if (skipped[i] || consumed[i]) continue;
    const t = tokens[i]!;
    const cats = SINGLE.get(t.w);
    if (!cats) continue;
    for (const cat of cats) {
      counts.set(cat, (counts.get(cat) ?? 0) + 1);
      hits.push({ feature: FEATURE_NAME[cat], start: t.start, end: t.end });
    }
  }
  for (const [cat, c] of counts) values.set(FEATURE_NAME[cat], Math.min(c, 3));

  // Valence (AFINN-165, valence.ts): how many of the writer's words are rated good or bad, and
  // how strongly. Names and quotations are skipped as for the lexicon categories.
  let pos = 0;
  let neg = 0;
  let strong = 0;
  let maxValence = 0;
  let sumValence = 0;
  let maxHits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (skipped[i]) continue;
    const t = tokens[i]!;
    const v = VALENCE.get(t.w);
    if (v === undefined) continue;
    const a = Math.abs(v);
    if (v > 0) pos++;
    else neg++;
    sumValence += a;
    if (a > maxValence) {
      maxValence = a;
      maxHits = [];
    }
    if (a === maxValence) maxHits.push({ feature: 'v:max', start: t.start, end: t.end });
    if (a >= 3) {
      strong++;
      hits.push({ feature: 'v:strong', start: t.start, end: t.end });
    }
    hits.push({ feature: v > 0 ? 'v:pos' : 'v:neg', start: t.start, end: t.end });
  }
  if (pos) values.set('v:pos', Math.min(pos, 3));
  if (neg) values.set('v:neg', Math.min(neg, 3));
  if (strong) values.set('v:strong', Math.min(strong, 2));
  if (maxValence) {
    values.set('v:max', maxValence / 5);
    hits.push(...maxHits);
  }
  if (sumValence) values.set('v:sum', Math.min(sumValence, 10) / 5);

  // Strength (VADER, strength.ts): how forcefully charged the writer's strongest words are,
  // whatever their sign. VADER rates many more words than AFINN; only its strong ones are kept.
  const STRENGTH = strength();
  let sumStrength = 0;
  let maxStrength = 0;
  let strongest: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (skipped[i]) continue;
    const t = tokens[i]!;
    const a = STRENGTH.get(t.w);
    if (a === undefined) continue;
    sumStrength += a;
    if (a > maxStrength) {
      maxStrength = a;
      strongest = [];
    }
    if (a === maxStrength) strongest.push({ feature: 'vd:max', start: t.start, end: t.end });
    hits.push({ feature: 'vd:sum', start: t.start, end: t.end });
  }
  if (sumStrength) values.set('vd:sum', Math.min(sumStrength, 8) / 4);
  if (maxStrength) {
    values.set('vd:max', maxStrength / 4);
    hits.push(...strongest);
  }

  // The writer's own words: outside quotations, not names, with a letter or digit.
  const isWriterWord = (i: number): boolean => !tokens[i]!.q && !skipped[i] && HAS_WORD.test(tokens[i]!.w);
  const writer: string[] = [];
  for (let i = 0; i < tokens.length; i++) if (isWriterWord(i)) writer.push(tokens[i]!.w);

  // Vocabulary (presence of words and of two-word sequences), the writer's words only, names
  // (capitalised inside the sentence) left out as for the lexicon; skipped when the model has none.
  if (vocabulary !== false) {
    const all = vocabulary === true;
    const pairs = wantsPairs(vocabulary);
    let prev: Token | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const isWord = isWriterWord(i);
      if (isWord) {
        const k = `w:${t.w}`;
        if (all || (vocabulary as ReadonlySet<string>).has(k)) {
          values.set(k, 1);
          hits.push({ feature: k, start: t.start, end: t.end });
        }
        if (prev && pairs) {
          const b = `b:${prev.w} ${t.w}`;
          if (all || (vocabulary as ReadonlySet<string>).has(b)) {
            values.set(b, 1);
            hits.push({ feature: b, start: prev.start, end: t.end });
          }
        }
      }
      prev = isWord ? t : null;
    }
  }

  // Shape of the sentence.
  values.set('len', Math.log1p(n) / 4);
  // Mean word length: the register of the prose (long Latinate words or short plain ones).
  if (n > 0) values.set('word_len', words.reduce((s, t) => s + t.w.length, 0) / n / 6);
  const questionMarks = tokens.filter((t) => t.w === '?' && !t.q);
  const lastToken = tokens[tokens.length - 1];
  if (lastToken && lastToken.w === '?' && !lastToken.q) values.set('question', 1);
  else if (questionMarks.length > 0) values.set('question_inner', 1);
  if (tokens.some((t) => t.w === '!' && !t.q)) values.set('exclaim', 1);
  if (/[—–]|\s-\s/.test(text)) values.set('dash', 1);
  if (/\(/.test(text)) values.set('paren', 1);
  if (tokens.some((t) => t.w === ':' && !t.q)) values.set('colon', 1);
  if (tokens.some((t) => t.w === ';' && !t.q)) values.set('semicolon', 1);
  if (/…|\.\.\./.test(text)) values.set('ellipsis', 1);

  // Quotations.
  let quotedWords = 0;
  let scare = 0;
  let long = 0;
  for (const [a, b] of quotes) {
    const qn = words.filter((t) => t.start >= a && t.end <= b).length;
    quotedWords += qn;
    if (qn > 0 && qn <= 3) scare++;
    else if (qn > 3) long++;
  }
  if (scare) values.set('quote_short', Math.min(scare, 2));
  if (long) values.set('quote_long', 1);
  if (n > 0 && quotedWords > 0) values.set('quote_frac', quotedWords / n);

  // Numbers, capitals, word shapes.
  let numbers = 0;
  let capitals = 0;
  let ly = 0;
  let adj = 0;
  let idx = 0;
  tokens.forEach((t, i) => {
    if (!HAS_WORD.test(t.w)) return;
    const raw = text.slice(t.start, t.end);
    if (/^\p{N}/u.test(raw)) numbers++;
    else if (idx > 0 && /^\p{Lu}/u.test(raw) && t.w !== 'i') capitals++;
    idx++;
    // The shapes of the writer's words only: a name's word ("Democratic Progressive Party") is no adjective of theirs.
    if (skipped[i]) return;
    if (t.w.length > 4 && t.w.endsWith('ly') && !NOT_LY_ADVERBS.has(t.w)) {
      ly++;
      hits.push({ feature: 'ly_adverb', start: t.start, end: t.end });
    }
    if (t.w.length > 5 && ADJ_SUFFIX.test(t.w) && !NOT_ADJ.has(t.w)) {
      adj++;
      hits.push({ feature: 'adj_suffix', start: t.start, end: t.end });
    }
  });
  if (numbers) values.set('numbers', Math.min(numbers, 4) / 2);
  if (/[$£€%]|\bper ?cent\b/i.test(text)) values.set('money_percent', 1);
  if (/\b(?:1[89]|20)\d\d\b/.test(text)) values.set('year', 1);
  if (n > 0) values.set('capital_ratio', capitals / n);
  if (ly) values.set('ly_adverb', Math.min(ly, 3));
  if (adj) values.set('adj_suffix', Math.min(adj, 3));
  // Tense and modality: reports narrate in the past, arguments speak in the present.
  let past = 0;
  let present = 0;
  let future = 0;
  for (const t of outside) {
    if (PAST.has(t.w) || (t.w.length > 4 && t.w.endsWith('ed') && !NOT_PAST.has(t.w))) past++;
    else if (PRESENT.has(t.w)) present++;
    else if (FUTURE.has(t.w)) future++;
  }
  if (past) values.set('past', Math.min(past, 4) / 2);
  if (present) values.set('present', Math.min(present, 4) / 2);
  if (future) values.set('future', Math.min(future, 3));
  // "anti-American", "pro-Russian": labels for camps, typical of argument.
  const camps = outside.filter((t) => /^(?:anti|pro)-\p{L}/u.test(t.w));
  if (camps.length) {
    values.set('anti_pro', Math.min(camps.length, 2));
    for (const t of camps) hits.push({ feature: 'anti_pro', start: t.start, end: t.end });
  }
  const third = outside.filter((t) => THEY.has(t.w)).length;
  if (third) values.set('they', Math.min(third, 3));
  const first = words[0];
  if (first && IMPERATIVES.has(first.w) && !first.q && words[1] && !/^(?:is|was|are|were|has|had|of|at|to|and)$/.test(words[1].w)) {
    values.set('imperative', 1);
    hits.push({ feature: 'imperative', start: first.start, end: first.end });
  }
  if (first && START_CONJ.has(first.w)) {
    values.set('start_conj', 1);
    hits.push({ feature: 'start_conj', start: first.start, end: first.end });
  }
  return { values, hits, tokens, quotes, writer };
}
