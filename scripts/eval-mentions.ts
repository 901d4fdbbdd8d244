/**
 * Evaluates the mention detector (core/detect) against hand labels: the sample article
 * (tests/fixtures/article.txt with article.mentions.json) and the news pages in tests/fixtures/eval,
 * each read as the browser reads it (htmlToArticleText) and labeled in <slug>.labels.txt.
 *
 *   npx tsx scripts/eval-mentions.ts               table, then every false positive and negative
 *   npx tsx scripts/eval-mentions.ts --json        the report as JSON
 *   npx tsx scripts/eval-mentions.ts --write-gold  (re)writes <slug>.mentions.json from the labels
 *   npx tsx scripts/eval-mentions.ts --show SLUG   the resolved labels in context, and capitalised
 *                                                  words no label covers (a labeller's check)
 *   npx tsx scripts/eval-mentions.ts --check       exits 1 when a .mentions.json is out of date
 *
 * A true positive has the gold mention's start, end and entity. The lenient score pairs mentions
 * whose spans overlap and whose entity is the same. Detections inside boilerplate the extraction let
 * through (related links, comments...) are false positives, counted apart as well.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex, type KbIndex } from '../core/kb/index';
import { detectMentions } from '../core/detect/mentions';
import type { Block, Mention } from '../core/types';
import { loadKbDir } from './lib/kb-files';
import { htmlToArticleText } from './lib/html-text';
import { parseLabels, resolveLabels, uncoveredCapitals, type GoldFile, type GoldMention, type Span } from './lib/mention-labels';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests', 'fixtures');
const evalDir = join(fixtures, 'eval');

export interface Scores {
  gold: number;
  predicted: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** False positives inside boilerplate the extraction let through. */
  fpInBoilerplate: number;
  /** Precision over detections outside boilerplate: the detector's own precision on the article. */
  bodyPrecision: number;
  /** Overlapping spans, same entity. */
  lenient: { precision: number; recall: number };
  /** True positives whose type differs from the gold type. */
  typeErrors: number;
}

export interface ErrorItem {
  text: string;
  start: number;
  end: number;
  type: string;
  entity: string;
  confidence?: number;
  /** Why it is wrong, when a neighbour tells: "boilerplate", "span (gold: ...)", "entity (gold: ...)". */
  note: string;
  context: string;
}

export interface ArticleReport {
  name: string;
  file: string;
  words: number;
  scores: Scores;
  falsePositives: ErrorItem[];
  falseNegatives: ErrorItem[];
  /** True positives with the wrong type (note: the gold type). */
  typeErrors: ErrorItem[];
  /** Problems with the gold itself: stale .mentions.json, snippets the extraction dropped. */
  warnings: string[];
}

export interface MentionReport {
  articles: ArticleReport[];
  overall: Scores;
}

interface Counts {
  gold: number;
  predicted: number;
  tp: number;
  fpInBoilerplate: number;
  lenientPred: number;
  lenientGold: number;
  typeErrors: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function toScores(c: Counts): Scores {
  const precision = ratio(c.tp, c.predicted);
  const recall = ratio(c.tp, c.gold);
  return {
    gold: c.gold,
    predicted: c.predicted,
    tp: c.tp,
    fp: c.predicted - c.tp,
    fn: c.gold - c.tp,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    fpInBoilerplate: c.fpInBoilerplate,
    bodyPrecision: ratio(c.tp, c.predicted - c.fpInBoilerplate),
    lenient: { precision: ratio(c.lenientPred, c.predicted), recall: ratio(c.lenientGold, c.gold) },
    typeErrors: c.typeErrors,
  };
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

function contextOf(text: string, s: Span): string {
  const before = text.slice(Math.max(0, s.start - 40), s.start);
  const after = text.slice(s.end, s.end + 40);
  return `${before}[${text.slice(s.start, s.end)}]${after}`.replace(/\s+/g, ' ');
}

/** Scores one article's detections against its gold. */
export function scoreArticle(
  text: string,
  gold: GoldFile,
  found: readonly Mention[],
): { counts: Counts; falsePositives: ErrorItem[]; falseNegatives: ErrorItem[]; typeErrors: ErrorItem[] } {
  const key = (m: { start: number; end: number; entity: string }) => `${m.start}:${m.end}:${m.entity}`;
  const goldKeys = new Map(gold.mentions.map((g) => [key(g), g]));
  const foundKeys = new Set(found.map(key));
  const boiler = gold.boilerplate ?? [];
  let tp = 0;
  const typeErrors: ErrorItem[] = [];
  const falsePositives: ErrorItem[] = [];
  for (const m of found) {
    const g = goldKeys.get(key(m));
    if (g) {
      tp++;
      if (g.type !== m.type) typeErrors.push({ text: m.text, start: m.start, end: m.end, type: m.type, entity: m.entity, confidence: m.confidence, note: g.type, context: contextOf(text, m) });
      continue;
    }
    let note = '';
    if (boiler.some((b) => overlaps(b, m))) note = 'boilerplate';
    else {
      const near = gold.mentions.find((x) => overlaps(x, m));
      if (near && near.entity === m.entity) note = `span (gold: "${near.text}")`;
      else if (near) note = `entity (gold: "${near.text}" = ${near.entity})`;
    }
    falsePositives.push({ text: m.text, start: m.start, end: m.end, type: m.type, entity: m.entity, confidence: m.confidence, note, context: contextOf(text, m) });
  }
  const falseNegatives: ErrorItem[] = [];
  for (const g of gold.mentions) {
    if (foundKeys.has(key(g))) continue;
    const near = found.find((x) => overlaps(x, g));
    const note = !near ? '' : near.entity === g.entity ? `span (found: "${near.text}")` : `entity (found: "${near.text}" = ${near.entity})`;
    falseNegatives.push({ text: g.text, start: g.start, end: g.end, type: g.type, entity: g.entity, note, context: contextOf(text, g) });
  }
  // Lenient: overlapping spans with the same entity, one to one.
  const used = new Set<number>();
  let lenientGold = 0;
  for (const g of gold.mentions) {
    const i = found.findIndex((m, j) => !used.has(j) && m.entity === g.entity && overlaps(m, g));
    if (i >= 0) {
      used.add(i);
      lenientGold++;
    }
  }
  const lenientPred = found.filter((m) => gold.mentions.some((g) => g.entity === m.entity && overlaps(g, m))).length;
  const fpInBoilerplate = falsePositives.filter((f) => f.note === 'boilerplate').length;
  return {
    counts: { gold: gold.mentions.length, predicted: found.length, tp, fpInBoilerplate, lenientPred, lenientGold, typeErrors: typeErrors.length },
    falsePositives,
    falseNegatives,
    typeErrors,
  };
}

interface Fixture {
  name: string;
  file: string;
  text: string;
  blocks?: Block[];
  gold: GoldFile;
  warnings: string[];
  /** Where the gold is written, and whether the file on disk matches it. */
  goldPath: string;
  stale: boolean;
}

function sameGold(a: GoldFile, b: GoldFile): boolean {
  return JSON.stringify(a.mentions) === JSON.stringify(b.mentions) && JSON.stringify(a.boilerplate ?? []) === JSON.stringify(b.boilerplate ?? []);
}

/** The sample article and every labeled page in tests/fixtures/eval, with their gold. */
export async function loadFixtures(): Promise<Fixture[]> {
  const out: Fixture[] = [];
  const sampleText = readFileSync(join(fixtures, 'article.txt'), 'utf8');
  const sampleGoldPath = join(fixtures, 'article.mentions.json');
  const sampleGold = JSON.parse(readFileSync(sampleGoldPath, 'utf8')) as GoldFile;
  const warnings = sampleGold.mentions.filter((m) => sampleText.slice(m.start, m.end) !== m.text).map((m) => `article.mentions.json: "${m.text}" at ${m.start} does not match the text`);
  out.push({ name: 'sample (article.txt)', file: 'tests/fixtures/article.txt', text: sampleText, gold: sampleGold, warnings, goldPath: sampleGoldPath, stale: warnings.length > 0 });

  for (const name of readdirSync(evalDir).filter((n) => n.endsWith('.html')).sort()) {
    const slug = basename(name, '.html');
    const labelsPath = join(evalDir, `${slug}.labels.txt`);
    if (!existsSync(labelsPath)) continue;
    const { text, blocks } = await htmlToArticleText(readFileSync(join(evalDir, name), 'utf8'));
    const { gold, warnings } = resolveLabels(text, parseLabels(readFileSync(labelsPath, 'utf8'), `${slug}.labels.txt`), `${slug}.labels.txt`);
    const goldPath = join(evalDir, `${slug}.mentions.json`);
    // Snippets the extraction dropped are expected (the same labels serve both extractions): say so only with --show.
    if (!process.argv.includes('--show')) warnings.splice(0, warnings.length, ...warnings.filter((w) => !/is not in the text/.test(w)));
    let stale = true;
    if (existsSync(goldPath)) stale = !sameGold(JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile, gold);
    if (stale) warnings.push(`${slug}.mentions.json is missing or out of date: run npx tsx scripts/eval-mentions.ts --write-gold`);
    out.push({ name: slug, file: `tests/fixtures/eval/${name}`, text, blocks, gold, warnings, goldPath, stale });
  }
  return out;
}

let cachedIndex: KbIndex | null = null;
function kbIndex(): KbIndex {
  return (cachedIndex ??= buildIndex(loadKbDir(join(root, 'data', 'kb'))));
}

/** Runs the detector on every fixture and scores it. */
export async function evaluateMentions(): Promise<MentionReport> {
  const index = kbIndex();
  const articles: ArticleReport[] = [];
  const total: Counts = { gold: 0, predicted: 0, tp: 0, fpInBoilerplate: 0, lenientPred: 0, lenientGold: 0, typeErrors: 0 };
  for (const f of await loadFixtures()) {
    const found = detectMentions(f.text, index, f.blocks);
    const { counts, falsePositives, falseNegatives, typeErrors } = scoreArticle(f.text, f.gold, found);
    for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += counts[k];
    articles.push({ name: f.name, file: f.file, words: f.text.split(/\s+/).filter(Boolean).length, scores: toScores(counts), falsePositives, falseNegatives, typeErrors, warnings: f.warnings });
  }
  return { articles, overall: toScores(total) };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/** The report as a table, then the errors of each article. */
export function formatMentionReport(report: MentionReport): string {
  const lines: string[] = [];
  const head = ['article', 'words', 'gold', 'found', 'TP', 'FP', '(boiler)', 'FN', 'P', 'R', 'F1', 'P body', 'P len', 'R len'];
  const rows = [...report.articles.map((a) => [a.name, a.words, a.scores] as const), ['OVERALL', report.articles.reduce((n, a) => n + a.words, 0), report.overall] as const];
  const cells = rows.map(([name, words, s]) => [name, String(words), String(s.gold), String(s.predicted), String(s.tp), String(s.fp), String(s.fpInBoilerplate), String(s.fn), pct(s.precision), pct(s.recall), pct(s.f1), pct(s.bodyPrecision), pct(s.lenient.precision), pct(s.lenient.recall)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const fmt = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  lines.push('Mention detection: exact span and entity (P, R, F1); P body leaves out detections in boilerplate; "len" = overlapping span, same entity.');
  lines.push(fmt(head), fmt(widths.map((w) => '-'.repeat(w))));
  cells.forEach((c, i) => {
    if (i === cells.length - 1) lines.push(fmt(widths.map((w) => '-'.repeat(w))));
    lines.push(fmt(c));
  });
  if (report.overall.typeErrors) lines.push(`(${report.overall.typeErrors} true positives have the wrong type)`);
  for (const a of report.articles) {
    if (!a.falsePositives.length && !a.falseNegatives.length && !a.typeErrors.length && !a.warnings.length) continue;
    lines.push('', `== ${a.name} (${a.file})`);
    for (const w of a.warnings) lines.push(`  ! ${w}`);
    for (const e of a.falsePositives) lines.push(`  FP ${JSON.stringify(e.text)} ${e.type} = ${e.entity} (${e.confidence})${e.note ? ` [${e.note}]` : ''}  «${e.context}»`);
    for (const e of a.falseNegatives) lines.push(`  FN ${JSON.stringify(e.text)} ${e.type} = ${e.entity}${e.note ? ` [${e.note}]` : ''}  «${e.context}»`);
    for (const e of a.typeErrors) lines.push(`  TYPE ${JSON.stringify(e.text)} found ${e.type}, gold ${e.note} = ${e.entity}  «${e.context}»`);
  }
  return lines.join('\n');
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--write-gold') || args.includes('--check') || args.includes('--show')) {
    const fixturesList = await loadFixtures();
    const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : undefined;
    let stale = 0;
    for (const f of fixturesList) {
      if (f.name.startsWith('sample')) continue;
      if (show && f.name !== show) continue;
      for (const w of f.warnings) if (!/out of date/.test(w)) console.error(`${f.name}: ${w}`);
      if (show) {
        for (const m of f.gold.mentions) console.log(`${String(m.start).padStart(5)}  ${m.type.padEnd(12)} ${m.entity.padEnd(40)} «${contextOf(f.text, m)}»`);
        for (const b of f.gold.boilerplate ?? []) console.log(`  boilerplate ${b.start}-${b.end}: ${JSON.stringify(f.text.slice(b.start, b.end).slice(0, 80))}`);
        console.log('\nCapitalised words no label covers:');
        for (const u of uncoveredCapitals(f.text, f.gold)) console.log(`  ${u}`);
      }
      if (args.includes('--write-gold') && f.stale) {
        writeFileSync(f.goldPath, serializeGold(f.gold));
        console.log(`wrote ${f.goldPath} (${f.gold.mentions.length} mentions)`);
      } else if (f.stale) stale++;
    }
    if (args.includes('--check') && stale) {
      console.error(`${stale} gold file(s) out of date`);
      return 1;
    }
    return 0;
  }
  const report = await evaluateMentions();
  console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : formatMentionReport(report));
  return 0;
}

/** One mention a line, like tests/fixtures/article.mentions.json. */
export function serializeGold(g: GoldFile): string {
  const m = g.mentions.map((x: GoldMention) => `    ${JSON.stringify({ text: x.text, start: x.start, end: x.end, type: x.type, entity: x.entity })}`).join(',\n');
  const b = g.boilerplate?.length ? `,\n  "boilerplate": [\n${g.boilerplate.map((s) => `    ${JSON.stringify({ start: s.start, end: s.end })}`).join(',\n')}\n  ]` : '';
  return `{\n  "about": ${JSON.stringify(g.about)},\n  "mentions": [\n${m}\n  ]${b}\n}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
