/**
 * Trains the subjectivity model (logistic regression over the hand-written lexicon features of
 * core/classify/features.ts and a small vocabulary) on the CLEF CheckThat! train split, picks
 * its settings on the dev split, and writes core/classify/subjectivity-model.ts.
 *
 *   npx tsx scripts/train-classifier.ts          # train with the chosen settings, write the model
 *   npx tsx scripts/train-classifier.ts --grid   # search settings on dev (never on test2024)
 *
 * test2024.tsv is never read here.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SubjectivityModel } from '../core/classify/classify';
import { extractFeatures } from '../core/classify/features';
import { evaluateSplit, type BinaryScores as Scores } from './eval-passages';
import { loadSplit, type LabeledSentence } from './lib/subjectivity-data';

export interface TrainOptions {
  /** Vocabulary size: the most class-skewed words seen in at least `minDf` train sentences. */
  vocab: number;
  minDf: number;
  /** L2 penalty on the lexicon features and on the vocabulary. */
  l2: number;
  l2Vocab: number;
  /** Weight the classes equally (true) or as in train (false). */
  balanced: boolean;
  threshold: number;
  epochs: number;
}

export const CHOSEN: TrainOptions = { vocab: 0, minDf: 4, l2: 0.003, l2Vocab: 0.03, balanced: true, threshold: 0.5, epochs: 400 };

type Vec = Map<string, number>;

function featurize(data: LabeledSentence[]): Array<{ x: Vec; y: number }> {
  return data.map((d) => ({ x: extractFeatures(d.sentence).values, y: d.label === 'SUBJ' ? 1 : 0 }));
}

function selectVocab(rows: Array<{ x: Vec; y: number }>, opts: TrainOptions): Set<string> {
  const pos = new Map<string, number>();
  const neg = new Map<string, number>();
  let P = 0;
  let N = 0;
  for (const r of rows) {
    if (r.y) P++;
    else N++;
    for (const k of r.x.keys()) {
      if (!k.startsWith('w:')) continue;
      const m = r.y ? pos : neg;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
  }
  const scored: Array<[string, number]> = [];
  for (const k of new Set([...pos.keys(), ...neg.keys()])) {
    const a = pos.get(k) ?? 0;
    const b = neg.get(k) ?? 0;
    if (a + b < opts.minDf) continue;
    if (/^w:\p{N}/u.test(k)) continue; // numbers are covered by shape features
    const lo = Math.log((a + 0.5) / (P + 1)) - Math.log((b + 0.5) / (N + 1));
    scored.push([k, Math.abs(lo) * Math.sqrt(a + b)]);
  }
  scored.sort((x, y) => y[1] - x[1]);
  return new Set(scored.slice(0, opts.vocab).map(([k]) => k));
}

/** Full-batch Adam on the L2-penalised log loss. */
export function train(data: LabeledSentence[], opts: TrainOptions): SubjectivityModel {
  const rows = featurize(data);
  const vocab = selectVocab(rows, opts);
  const keep = (k: string): boolean => !k.startsWith('w:') || vocab.has(k);
  const names = new Set<string>();
  for (const r of rows) for (const k of r.x.keys()) if (keep(k)) names.add(k);
  const index = new Map([...names].sort().map((k, i) => [k, i] as const));
  const X = rows.map((r) => [...r.x.entries()].filter(([k]) => index.has(k)).map(([k, v]) => [index.get(k)!, v] as const));
  const y = rows.map((r) => r.y);
  const P = y.filter(Boolean).length;
  const N = y.length - P;
  const sw = y.map((v) => (opts.balanced ? (v ? y.length / (2 * P) : y.length / (2 * N)) : 1));
  const d = index.size;
  const w = new Float64Array(d + 1); // last = bias
  const m = new Float64Array(d + 1);
  const v = new Float64Array(d + 1);
  const isVocab = [...index.keys()].map((k) => k.startsWith('w:'));
  const lr = 0.05;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
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
      g[j] = g[j]! / X.length + (j < d ? (isVocab[j] ? opts.l2Vocab : opts.l2) * w[j]! : 0);
      m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * g[j]! * g[j]!;
      const mh = m[j]! / (1 - 0.9 ** epoch);
      const vh = v[j]! / (1 - 0.999 ** epoch);
      w[j] = w[j]! - (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  const weights: Record<string, number> = {};
  for (const [k, j] of index) {
    const val = Math.round(w[j]! * 1000) / 1000;
    if (Math.abs(val) >= 0.005) weights[k] = val;
  }
  return { bias: Math.round(w[d]! * 1000) / 1000, threshold: opts.threshold, weights };
}

function renderModel(model: SubjectivityModel, opts: TrainOptions, dev: Scores): string {
  const entries = Object.entries(model.weights).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = entries.map(([k, v]) => `    ${JSON.stringify(k)}: ${v},`).join('\n');
  return `/**
 * Weights of Backstory's subjectivity model: logistic regression over the hand-written lexicon
 * and shape features of features.ts${opts.vocab > 0 ? ` and a ${opts.vocab}-word vocabulary` : ' (no vocabulary words)'}.
 *
 * DERIVED DATA — LICENCE: these weights${opts.vocab > 0 ? ' and the vocabulary words below' : ''} were learned from the
 * CLEF CheckThat! Lab subjectivity data set (English, train split), which is licensed under
 * Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International (CC BY-NC-SA 4.0,
 * https://creativecommons.org/licenses/by-nc-sa/4.0/). This file therefore carries the same
 * licence, CC BY-NC-SA 4.0, unlike the rest of the code. It holds no sentences of the data set.
 *
 * Generated by scripts/train-classifier.ts — do not edit by hand. Settings: ${JSON.stringify(opts)}.
 * Dev split at generation: macro-F1 ${dev.macroF1.toFixed(3)}.
 */
import type { SubjectivityModel } from './classify';

export const SUBJECTIVITY_MODEL: SubjectivityModel = {
  bias: ${model.bias},
  threshold: ${model.threshold},
  weights: {
${lines}
  },
};
`;
}

const fmt = (s: Scores): string =>
  `F1 ${s.macroF1.toFixed(3)}  acc ${s.accuracy.toFixed(3)}  SUBJ P ${s.subj.p.toFixed(2)} R ${s.subj.r.toFixed(2)}  OBJ P ${s.obj.p.toFixed(2)} R ${s.obj.r.toFixed(2)}`;

async function main(): Promise<void> {
  const trainSet = loadSplit('train');
  const devSet = loadSplit('dev');
  if (process.argv.includes('--grid')) {
    const results: Array<[string, Scores, Scores]> = [];
    for (const vocab of [0, 50, 150, 400]) {
      for (const l2 of [0.003, 0.01, 0.03]) {
        for (const l2Vocab of [0.01, 0.03, 0.1]) {
          for (const balanced of [true, false]) {
            if (vocab === 0 && l2Vocab !== 0.03) continue;
            const opts: TrainOptions = { ...CHOSEN, vocab, l2, l2Vocab, balanced };
            const model = train(trainSet, opts);
            const d = evaluateSplit(devSet, model);
            const t = evaluateSplit(trainSet, model);
            results.push([JSON.stringify({ vocab, l2, l2Vocab, balanced }), d, t]);
          }
        }
      }
    }
    results.sort((a, b) => b[1].macroF1 - a[1].macroF1);
    for (const [k, d, t] of results) console.log(`${k}\n   dev ${fmt(d)}\n   train ${fmt(t)}`);
    return;
  }
  const model = train(trainSet, CHOSEN);
  const dev = evaluateSplit(devSet, model);
  console.log(`train ${fmt(evaluateSplit(trainSet, model))}`);
  console.log(`dev   ${fmt(dev)}`);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'core', 'classify', 'subjectivity-model.ts');
  writeFileSync(out, renderModel(model, CHOSEN, dev));
  console.log(`wrote ${out} (${Object.keys(model.weights).length} weights)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
