/** Repeated 5-fold CV on train+dev with `--reps` shuffles (default 10) for each setting (development aid; writes nothing). */
import { CHOSEN, crossValidate, featurize, type TrainOptions } from './train-classifier';
import { loadSplit } from './lib/subjectivity-data';

const i = process.argv.indexOf('--reps');
const reps = i >= 0 ? Number(process.argv[i + 1]) : 10;
const grid: Array<Partial<TrainOptions>> = JSON.parse(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '[{}]');
const pool = [...loadSplit('train'), ...loadSplit('dev')];
const rows = featurize(pool);
for (const g of grid) {
  const cv = crossValidate(pool, { ...CHOSEN, ...g }, reps, 5, rows);
  const top = cv.byThreshold.find((x) => x.threshold === cv.best.threshold)!;
  console.log(`${JSON.stringify(g)}  CV ${cv.best.macroF1.toFixed(4)} ±${cv.sd.toFixed(3)} @${cv.best.threshold.toFixed(2)} [${top.scores.map((s) => s.macroF1.toFixed(3)).join(' ')}]`);
}
