/**
 * Evaluates the passage classifier (core/classify):
 *  (a) on the seed article against the hand labels in tests/fixtures/article.passages.json:
 *      the share of segments labeled right, and the share of reported segments whose source is
 *      right, running the classifier with the mentions the detector (core/detect) finds;
 *  (b) on the CLEF CheckThat! subjectivity sentences (shared/eval/subjectivity): macro-F1 and
 *      per-class precision and recall, each sentence labeled on its own as in `--lines` mode
 *      (opinion = SUBJ; reported, fact and other = OBJ);
 *  (c) the time per sentence.
 *
 *   npx tsx scripts/eval-passages.ts          # prints a table
 *   npx tsx scripts/eval-passages.ts --json   # prints the report as JSON
 *   npx tsx scripts/eval-passages.ts --no-test   # leaves test2024 unscored (while developing)
 *
 * test2024.tsv is only reported here, never used to choose anything.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyPassages, classifySentence, type SubjectivityModel } from '../core/classify/classify';
import type { Mention, Passage, PassageLabel } from '../core/types';
import { loadSplit, type LabeledSentence } from './lib/subjectivity-data';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BinaryScores {
  macroF1: number;
  accuracy: number;
  subj: { p: number; r: number; f1: number };
  obj: { p: number; r: number; f1: number };
  n: number;
}

export interface ArticleRow {
  text: string;
  expected: { label: PassageLabel; source: string | null };
  got: { label: PassageLabel; source: string | null; cues: string[] } | null;
  labelOk: boolean;
  sourceOk: boolean | null;
}

export interface Report {
  article: {
    segments: number;
    labelAccuracy: number;
    reported: number;
    sourceAccuracy: number;
    /** Where the mentions came from: the real detector, or the temporary stub. */
    mentionsFrom: 'detector';
    rows: ArticleRow[];
  };
  subjectivity: { train: BinaryScores; dev: BinaryScores; test2024?: BinaryScores };
  timing: { sentences: number; microsPerSentence: number; articleMillis: number };
}

export function scoreBinary(gold: boolean[], pred: boolean[]): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  gold.forEach((g, i) => {
    const p = pred[i]!;
    if (g && p) tp++;
    else if (!g && p) fp++;
    else if (g && !p) fn++;
    else tn++;
  });
  const prf = (a: number, b: number, c: number) => {
    const p = a + b ? a / (a + b) : 0;
    const r = a + c ? a / (a + c) : 0;
    return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
  };
  const subj = prf(tp, fp, fn);
  const obj = prf(tn, fn, fp);
  return { macroF1: (subj.f1 + obj.f1) / 2, accuracy: gold.length ? (tp + tn) / gold.length : 0, subj, obj, n: gold.length };
}

/** Label each sentence on its own, as `--lines` does; opinion = SUBJ, the rest = OBJ. */
export function evaluateSplit(data: LabeledSentence[], model?: SubjectivityModel): BinaryScores {
  const gold = data.map((d) => d.label === 'SUBJ');
  const pred = data.map((d) => classifySentence(d.sentence, model ? { model } : {}).label === 'opinion');
  return scoreBinary(gold, pred);
}

/** The article's mentions, from the same detector and knowledge base as the extension. */
async function articleMentions(text: string): Promise<{ mentions: Mention[]; from: 'detector' }> {
  const { detectMentions } = await import('../core/detect/mentions');
  const { buildIndex } = await import('../core/kb/index');
  const { loadKbDir } = await import('./lib/kb-files');
  const index = buildIndex(loadKbDir(join(root, 'data', 'kb')));
  return { mentions: detectMentions(text, index), from: 'detector' };
}

interface FixturePassage {
  text: string;
  start: number;
  end: number;
  label: PassageLabel;
  source: string | null;
}

export async function evaluateArticle(): Promise<Report['article']> {
  const text = readFileSync(join(root, 'tests', 'fixtures', 'article.txt'), 'utf8');
  const fixture = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'article.passages.json'), 'utf8')) as { passages: FixturePassage[] };
  const { mentions, from } = await articleMentions(text);
  const passages = classifyPassages(text, mentions);
  const byOffsets = new Map<string, Passage>(passages.map((p) => [`${p.start}:${p.end}`, p]));
  const rows: ArticleRow[] = fixture.passages.map((f) => {
    const p = byOffsets.get(`${f.start}:${f.end}`) ?? passages.find((q) => q.text === f.text) ?? null;
    const labelOk = p !== null && p.label === f.label;
    const sourceOk = f.label === 'reported' ? p !== null && p.label === 'reported' && p.source === f.source : null;
    return {
      text: f.text,
      expected: { label: f.label, source: f.source },
      got: p ? { label: p.label, source: p.source, cues: p.cues } : null,
      labelOk,
      sourceOk,
    };
  });
  const reported = rows.filter((r) => r.sourceOk !== null);
  return {
    segments: rows.length,
    labelAccuracy: rows.filter((r) => r.labelOk).length / rows.length,
    reported: reported.length,
    sourceAccuracy: reported.length ? reported.filter((r) => r.sourceOk).length / reported.length : 1,
    mentionsFrom: from,
    rows,
  };
}

/** Time per sentence: the median of several passes over the sentences, after a warm-up pass. */
function timeSentences(sentences: string[]): { sentences: number; microsPerSentence: number } {
  for (const s of sentences) classifySentence(s); // warm up (JIT)
  const rounds = 7;
  const perPass: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const s of sentences) classifySentence(s);
    perPass.push((performance.now() - t0) / sentences.length);
  }
  perPass.sort((a, b) => a - b);
  return { sentences: sentences.length * rounds, microsPerSentence: perPass[rounds >> 1]! * 1000 };
}

/**
 * `withTest: false` leaves test2024 unscored (while developing: nothing may be chosen by looking
 * at it).
 */
export async function evaluatePassages(options: { withTest?: boolean } = {}): Promise<Report> {
  const article = await evaluateArticle();
  const splits = { train: loadSplit('train'), dev: loadSplit('dev') };
  const subjectivity: Report['subjectivity'] = {
    train: evaluateSplit(splits.train),
    dev: evaluateSplit(splits.dev),
  };
  if (options.withTest !== false) subjectivity.test2024 = evaluateSplit(loadSplit('test2024'));
  const timing = timeSentences(splits.dev.map((d) => d.sentence));
  const text = readFileSync(join(root, 'tests', 'fixtures', 'article.txt'), 'utf8');
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) classifyPassages(text, []);
  const articleMillis = (performance.now() - t0) / 20; // after the sentence timing warmed the code up
  return { article, subjectivity, timing: { ...timing, articleMillis } };
}

function printReport(r: Report): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const a = r.article;
  console.log(`Sample article (mentions from the ${a.mentionsFrom})`);
  for (const row of a.rows) {
    const got = row.got ? `${row.got.label}${row.got.source ? ` (${row.got.source})` : ''}` : '(no segment)';
    const want = `${row.expected.label}${row.expected.source ? ` (${row.expected.source})` : ''}`;
    const mark = row.labelOk && row.sourceOk !== false ? 'ok ' : 'XX ';
    console.log(`  ${mark} ${want.padEnd(36)} got ${got.padEnd(36)} ${row.text.slice(0, 60)}`);
  }
  console.log(`  labeled right: ${a.rows.filter((x) => x.labelOk).length}/${a.segments} = ${pct(a.labelAccuracy)}`);
  console.log(`  reported with the right source: ${a.rows.filter((x) => x.sourceOk).length}/${a.reported} = ${pct(a.sourceAccuracy)}`);
  console.log('');
  console.log('Subjectivity (CLEF CheckThat!, each sentence on its own; opinion = SUBJ, the rest = OBJ)');
  console.log('  split       n    macro-F1  acc    SUBJ P  SUBJ R  OBJ P  OBJ R');
  for (const [name, s] of Object.entries(r.subjectivity)) {
    console.log(
      `  ${name.padEnd(9)} ${String(s.n).padStart(4)}   ${s.macroF1.toFixed(3)}    ${s.accuracy.toFixed(3)}  ${s.subj.p.toFixed(3)}   ${s.subj.r.toFixed(3)}   ${s.obj.p.toFixed(3)}  ${s.obj.r.toFixed(3)}`,
    );
  }
  console.log('  (train, dev: the model is fitted on both, its settings chosen by cross-validation on them; test2024: reported only)');
  console.log('');
  console.log(`Time: ${r.timing.microsPerSentence.toFixed(1)} µs per sentence (classifySentence over dev, median of 7 passes); whole sample article ${r.timing.articleMillis.toFixed(2)} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  evaluatePassages({ withTest: !process.argv.includes('--no-test') })
    .then((r) => {
      if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
      else printReport(r);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
