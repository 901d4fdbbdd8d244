/**
 * Distribution-shift check for the subjectivity model (development aid; writes nothing):
 *  - repeated 5-fold CV on train+dev (as train-classifier.ts), `--reps` shuffles (default 5);
 *  - train -> dev: threshold by 3x5-fold CV inside train, fit on all of train, score dev;
 *  - dev -> train: the same the other way round.
 * Thresholds: "cv" maximises the out-of-fold macro-F1 (train-classifier.ts); "bal" maximises it
 * with the two classes weighted equally (precision from the recalls at a 50/50 prior), so that it
 * does not follow the training split's class balance; "0.5" is fixed.
 * test2024.tsv is never read.
 *
 *   npx tsx scripts/cross-split.ts '[{}, {"conflictWeight": 0}]' [--reps 5]
 */
import { CHOSEN, crossValidate, featurize, fit, predictAt, type CvResult, type TrainOptions } from './train-classifier';
import { scoreBinary } from './eval-passages';
import { loadSplit, type LabeledSentence } from './lib/subjectivity-data';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const reps = Number(arg('--reps') ?? 5);
const grid: Array<Partial<TrainOptions>> = JSON.parse(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '[{}]');
const trainSet = loadSplit('train');
const devSet = loadSplit('dev');
const pool = [...trainSet, ...devSet];
const rowsTrain = featurize(trainSet);
const rowsDev = featurize(devSet);
const rowsPool = [...rowsTrain, ...rowsDev];

/** Macro-F1 with both classes weighted equally, from the per-class recalls. */
const balancedF1 = (rs: number, ro: number): number => {
  const ps = rs / (rs + (1 - ro) || 1);
  const po = ro / (ro + (1 - rs) || 1);
  const f = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
  return (f(ps, rs) + f(po, ro)) / 2;
};
/** The threshold that maximises the balanced macro-F1, averaged over the repetitions (ties: nearest 0.5). */
const balancedThreshold = (cv: CvResult): { t: number; f1: number } => {
  const rows = cv.byThreshold.map((x) => ({
    t: x.threshold,
    bal: x.scores.reduce((s, sc) => s + balancedF1(sc.subj.r, sc.obj.r), 0) / x.scores.length,
    f1: x.macroF1,
  }));
  rows.sort((a, b) => b.bal - a.bal || Math.abs(a.t - 0.5) - Math.abs(b.t - 0.5));
  return { t: rows[0]!.t, f1: rows[0]!.f1 };
};

/** Thresholds 0.40 to 0.56: the mean macro-F1 over them is a threshold-robust measure of the ranking under shift. */
const BAND = [0.4, 0.42, 0.44, 0.46, 0.48, 0.5, 0.52, 0.54, 0.56];

for (const g of grid) {
  const opts: TrainOptions = { ...CHOSEN, ...g, charGrams: g.charGrams === null ? undefined : { ...CHOSEN.charGrams!, ...(g.charGrams ?? {}) } };
  const t0 = performance.now();
  const cv = crossValidate(pool, opts, reps, 5, rowsPool);
  const top = cv.byThreshold.find((x) => x.threshold === cv.best.threshold)!;
  const cvBal = balancedThreshold(cv);
  const dir = (fromData: LabeledSentence[], fromRows: typeof rowsTrain, toData: LabeledSentence[]): string => {
    const inner = crossValidate(fromData, opts, 3, 5, fromRows);
    const tcv = inner.best.threshold;
    const tbal = balancedThreshold(inner).t;
    const model = fit(fromRows, opts);
    const band = BAND;
    const ts = [...new Set([tcv, tbal, 0.5, ...band])].sort((a, b) => a - b);
    const preds = predictAt(toData, model, ts);
    const gold = toData.map((d) => d.label === 'SUBJ');
    const at = (t: number): number => scoreBinary(gold, preds[ts.indexOf(t)]!).macroF1;
    const bandF1 = band.reduce((s, t) => s + at(t), 0) / band.length;
    return `${at(tcv).toFixed(4)}@${tcv.toFixed(2)} bal ${at(tbal).toFixed(4)}@${tbal.toFixed(2)} .5 ${at(0.5).toFixed(4)} band ${bandF1.toFixed(4)}`;
  };
  const td = dir(trainSet, rowsTrain, devSet);
  const dt = dir(devSet, rowsDev, trainSet);
  console.log(
    `${JSON.stringify(g)}\n  CV ${cv.best.macroF1.toFixed(4)} @${cv.best.threshold.toFixed(2)} [${top.scores.map((s) => s.macroF1.toFixed(3)).join(' ')}]` +
      ` (bal-rule ${cvBal.f1.toFixed(4)}@${cvBal.t.toFixed(2)})\n  train->dev ${td}\n  dev->train ${dt}  (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
}
