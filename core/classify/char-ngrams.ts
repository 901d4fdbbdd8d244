/**
 * The character n-gram half of the subjectivity model: a logistic regression over the presence
 * of word-bounded character n-grams (" goo", "ood ", "n't "), trained NBSVM-style (each n-gram's
 * weight is its learned weight times its Naive-Bayes log-count ratio, folded into one number;
 * scripts/train-classifier.ts). It sees spelling the word features miss: stems and endings
 * ("-ous", "-ism", "shoul"), contractions, rare forms of common words. Its probability is
 * averaged with the feature model's (classify.ts, `scoreSubjectivity`), over the writer's own words
 * (features.ts: no names, nothing quoted). Pure; no DOM.
 */
import { CHAR_GRAM_CACHED_WORDS } from '../constants';

export interface CharGramModel {
  /** Shortest and longest n-gram, in characters (a word is padded with one space each side). */
  nmin: number;
  nmax: number;
  bias: number;
  /** Its share in the average with the feature model's probability (0 to 1). */
  share: number;
  /**
   * N-gram -> weight; n-grams not listed weigh nothing. The generated model gives them as JSON
   * text, read on first use: as an object literal of 2,000 keys they cost about 4 ms of the
   * content script's start on every page, and most pages are never classified.
   */
  weights: Readonly<Record<string, number>> | string;
}

const WORD = /[\p{L}\p{N}']+|[?!]/gu;

/** The words n-grams are taken from: lowercased, curly apostrophes made straight. */
const wordsOf = (text: string): string[] => text.toLowerCase().replace(/[’‘]/g, "'").match(WORD) ?? [];

/**
 * Each character n-gram of `text` (repeats included): lowercased, curly apostrophes made straight,
 * each word (letters, digits, apostrophes; or a lone "?" or "!") padded with a space each side, so
 * that n-grams never cross words and word starts and ends are marked.
 */
function eachGram(text: string, nmin: number, nmax: number, visit: (gram: string) => void): void {
  for (const w of wordsOf(text)) {
    const s = ` ${w} `;
    for (let n = nmin; n <= nmax; n++) for (let i = 0; i + n <= s.length; i++) visit(s.slice(i, i + n));
  }
}

/** The distinct character n-grams of `text` (see `eachGram`). */
export function charGrams(text: string, nmin: number, nmax: number): Set<string> {
  const out = new Set<string>();
  eachGram(text, nmin, nmax, (g) => out.add(g));
  return out;
}

const tables = new WeakMap<CharGramModel, Map<string, number>>();

/** The model's n-gram weights as a map (read once per model). */
export function charGramWeights(model: CharGramModel): ReadonlyMap<string, number> {
  let table = tables.get(model);
  if (!table) {
    const weights = typeof model.weights === 'string' ? (JSON.parse(model.weights) as Record<string, number>) : model.weights;
    table = new Map(Object.entries(weights));
    tables.set(model, table);
  }
  return table;
}

const wordGrams = new WeakMap<CharGramModel, Map<string, readonly string[]>>();

/**
 * The n-grams of `word` the model weighs, in the order `eachGram` visits them (repeats included),
 * kept per word: a page's words come again and again, and slicing each one into its n-grams was an
 * eighth of classifying a long article.
 */
function weighedGrams(word: string, model: CharGramModel, table: ReadonlyMap<string, number>): readonly string[] {
  let words = wordGrams.get(model);
  if (!words) wordGrams.set(model, (words = new Map()));
  let grams = words.get(word);
  if (!grams) {
    const found: string[] = [];
    // (A word as `wordsOf` gives it is its own only word.)
    eachGram(word, model.nmin, model.nmax, (g) => {
      if (table.has(g)) found.push(g);
    });
    if (words.size >= CHAR_GRAM_CACHED_WORDS) words.clear();
    words.set(word, (grams = found));
  }
  return grams;
}

/** The probability, by the n-gram model alone, that `text` is the writer's own opinion. */
export function scoreCharGrams(text: string, model: CharGramModel): number {
  const table = charGramWeights(model);
  // Without collecting every n-gram: only those the model weighs, each once, in the order they come.
  let z = model.bias;
  const seen = new Set<string>();
  for (const w of wordsOf(text))
    for (const g of weighedGrams(w, model, table)) {
      if (seen.has(g)) continue;
      seen.add(g);
      z += table.get(g)!;
    }
  return 1 / (1 + Math.exp(-z));
}
