/** The benchmark's budgets (issue 7), its table, and the figures block of bench/README.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CARD_SHOW_MS, CONTENT_SCRIPT_BUDGET_GZIP_BYTES } from '../core/constants';

/** One number per figure; keys are stable (bench/results.json). */
export type Figures = Record<string, number>;

export interface Budget {
  id: string;
  what: string;
  /** The figure checked. */
  figure: (f: Figures) => number;
  limit: number;
  /** `max`: the figure must stay at or below the limit; `min`: at or above. */
  kind: 'max' | 'min';
  aim?: number;
  unit: string;
}

export const BUDGETS: Budget[] = [
  // The pipeline against a bare text pass: what the reader waits for before names appear, and the whole pipeline.
  { id: 'firstMarksOverBare', what: 'long article: first marks / bare text pass', figure: (f) => f.longFirstMarksOverBare, limit: 10, aim: 3, kind: 'max', unit: 'x' },
  { id: 'pipelineOverBare', what: 'long article: whole pipeline / bare text pass', figure: (f) => f.longPipelineOverBare, limit: 10, aim: 3, kind: 'max', unit: 'x' },
  // mark.js finds and highlights every term: the same work as Backstory's every name (entities complete).
  { id: 'fasterThanMarkJs', what: "long article: mark.js (full term list) / Backstory's time to every name (entities complete)", figure: (f) => f.markJsOverEntities, limit: 300, aim: 1000, kind: 'min', unit: 'x' },
  { id: 'fasterThanMarkJsWhole', what: "long article: mark.js (full term list) / Backstory's whole pipeline", figure: (f) => f.markJsOverPipeline, limit: 300, aim: 1000, kind: 'min', unit: 'x' },
  { id: 'text4xPage', what: '4x the text, in the page: whole pipeline time ratio', figure: (f) => f.page4xOver1x, limit: 4.5, kind: 'max', unit: 'x' },
  { id: 'text4xCore', what: '4x the text, the core in Node: time ratio', figure: (f) => f.nodeCore4xOver1x, limit: 4.5, kind: 'max', unit: 'x' },
  { id: 'aliases100x', what: '100x the aliases: detection time ratio', figure: (f) => f.alias100kOver1k, limit: 1.5, kind: 'max', unit: 'x' },
  { id: 'longestTask', what: 'longest task Backstory causes, any page (100,000 words included)', figure: (f) => Math.max(f.sampleLongestTaskMs, f.longLongestTaskMs, f.hugeLongestTaskMs), limit: 50, kind: 'max', unit: 'ms' },
  { id: 'contentScriptGzip', what: 'content script, gzipped (knowledge base not included)', figure: (f) => f.contentScriptGzipBytes / 1024, limit: CONTENT_SCRIPT_BUDGET_GZIP_BYTES / 1024, kind: 'max', unit: 'KB' },
];

export interface BudgetResult {
  id: string;
  what: string;
  value: number;
  limit: number;
  aim?: number;
  kind: 'max' | 'min';
  unit: string;
  pass: boolean;
}

export function checkBudgets(f: Figures): BudgetResult[] {
  return BUDGETS.map((b) => {
    const value = b.figure(f);
    const pass = Number.isFinite(value) && (b.kind === 'max' ? value <= b.limit : value >= b.limit);
    return { id: b.id, what: b.what, value, limit: b.limit, aim: b.aim, kind: b.kind, unit: b.unit, pass };
  });
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const kb = (v: number) => `${(v / 1024).toFixed(1)} KB`;
const mb = (v: number) => `${(v / 2 ** 20).toFixed(1)} MB`;
const x = (v: number) => (v >= 100 ? `${v.toFixed(0)}x` : `${v.toFixed(2)}x`);
const n = (v: number) => Math.round(v).toLocaleString('en');

/** Rows of the table: [figure, value, beside it]. */
export function rows(f: Figures): [string, string, string][] {
  const r: [string, string, string][] = [];
  for (const [name, label] of [
    ['sample', 'sample article'],
    ['long', 'long article'],
    ['huge', '100,000-word page'],
  ] as const) {
    r.push([`${label}: words / marks / passages`, `${n(f[`${name}Words`])} / ${n(f[`${name}Mentions`])} / ${n(f[`${name}Passages`])}`, `the first marks: ${n(f[`${name}FirstMentions`])} names`]);
    const bare = `bare TreeWalker pass ${ms(f[`${name}BarePassMs`])}, warm ${ms(f[`${name}BarePassWarmMs`])}`;
    r.push([`${label}: first marks (names near the screen)`, ms(f[`${name}FirstMarksMs`]), `${x(f[`${name}FirstMarksOverBare`])} the bare pass (${bare})`]);
    r.push([`${label}: every name (entities complete)`, ms(f[`${name}EntitiesMs`]), `${x(f[`${name}EntitiesOverBare`])} the bare pass`]);
    r.push([`${label}: whole pipeline (every name and passage)`, ms(f[`${name}PipelineMs`]), `${x(f[`${name}PipelineOverBare`])} the bare pass`]);
    r.push([`${label}: page main-thread CPU, whole pipeline`, ms(f[`${name}MainThreadCpuMs`]), `${x(f[`${name}CpuOverBare`])} the bare pass (trace; the worker's detection not included)`]);
    r.push([`${label}: longest task, Backstory`, f[`${name}LongestTaskMs`] ? ms(f[`${name}LongestTaskMs`]) : '< 50 ms', `CPU ${ms(f[`${name}LongestTaskCpuMs`])}; ${n(f[`${name}LongTasks`])} long tasks; the page without the extension: longest ${f[`${name}LongestTaskNoExtMs`] ? ms(f[`${name}LongestTaskNoExtMs`]) : '< 50 ms'}`]);
    r.push([`${label}: JS heap with / without Backstory`, `${mb(f[`${name}HeapBytes`])} / ${mb(f[`${name}HeapNoExtBytes`])}`, `+${mb(f[`${name}HeapBytes`] - f[`${name}HeapNoExtBytes`])}`]);
  }
  const capped = !f.markJsFinished;
  r.push([
    `mark.js, ${n(f.markJsTerms)} terms, long article`,
    capped ? `> ${ms(f.markJsMs)}` : ms(f.markJsMs),
    capped ? `stopped after ${n(f.markJsTermsDone)} terms; whole list projected ${ms(f.markJsProjectedMs)}` : '',
  ]);
  r.push(['mark.js / Backstory every name, long article', x(f.markJsOverEntities), capped ? `at least ${x(f.markJsLowerBoundOverEntities)} (measured part only)` : '']);
  r.push(['mark.js / Backstory whole pipeline, long article', x(f.markJsOverPipeline), capped ? `at least ${x(f.markJsLowerBoundOverPipeline)} (measured part only)` : '']);
  r.push(['mark.js markRegExp, one alternation', ms(f.markJsRegExpMs), `${x(f.markJsRegExpOverEntities)} Backstory's time to every name`]);
  r.push([`text 1x / 4x / 16x in the page, whole pipeline (${n(f.page1xWords)} words at 1x)`, `${ms(f.page1xPipelineMs)} / ${ms(f.page4xPipelineMs)} / ${ms(f.page16xPipelineMs)}`, `${x(f.page4xOver1x)} and ${x(f.page16xOver1x)}`]);
  r.push([`text 1x / 4x / 16x, core in Node, CPU (${n(f.nodeText1xWords)} words at 1x)`, `${ms(f.nodeCore1xMs)} / ${ms(f.nodeCore4xMs)} / ${ms(f.nodeCore16xMs)}`, `${x(f.nodeCore4xOver1x)} and ${x(f.nodeCore16xOver1x)}; detection alone ${ms(f.nodeDetect1xMs)} / ${ms(f.nodeDetect4xMs)} / ${ms(f.nodeDetect16xMs)}`]);
  r.push([`aliases ${n(f.alias1kCount)} / ${n(f.alias100kCount)}: detection in Node, CPU`, `${ms(f.alias1kDetectMs)} / ${ms(f.alias100kDetectMs)}`, `${x(f.alias100kOver1k)}; index built in ${ms(f.alias1kIndexMs)} / ${ms(f.alias100kIndexMs)}`]);
  r.push(['content script (the loader and the session it imports)', `${kb(f.contentScriptGzipBytes)} gzipped`, `${kb(f.contentScriptBytes)} raw; the loader, compiled on the page's main thread: ${kb(f.contentLoaderGzipBytes)} gzipped, ${kb(f.contentLoaderBytes)} raw`]);
  r.push([
    `knowledge base (${n(f.kbEntries)} entries, ${n(f.kbAliases)} aliases)`,
    `${kb(f.kbBytes)} raw, ${kb(f.kbGzipBytes)} gzipped`,
    `in the background worker only: its names (${kb(f.kbNamesBytes)} raw, ${kb(f.kbNamesGzipBytes)} gzipped) in the worker's script, the cards read from the package on first use`,
  ]);
  r.push(['knowledge base load, Node, CPU: JSON.parse + index', `${ms(f.kbParseNodeMs)} + ${ms(f.kbIndexNodeMs)}`, '']);
  r.push(['extension worker, first start after install: first detect request', ms(f.detectFirstWorkerMs), `then ${ms(f.detectWarmWorkerMs)}; the index and first compile ${ms(f.kbIndexWorkerMs)}; JSON.parse of the whole knowledge base there ${ms(f.kbParseWorkerMs)}`]);
  r.push(['extension worker woken from sleep: detect request / entry request', `${ms(f.workerWakeDetectMs)} / ${ms(f.workerWakeEntryMs)}`, 'each to a stopped worker: it starts, loads its script and builds its index / it starts and reads the cards (a page asks for the entry at hover intent, 350 ms before the card opens)']);
  r.push(['hover "Antony Blinken" -> card painted', ms(f.hoverToCardMs), `minus the ${CARD_SHOW_MS} ms delay: ${ms(f.hoverToCardMinusDelayMs)}; dialog in the DOM ${ms(f.hoverToDialogMs)}; first hover ${ms(f.hoverFirstToCardMs)}`]);
  return r;
}

export function formatTable(f: Figures, budgets: BudgetResult[], machine: Record<string, string | number>): string {
  const r = rows(f);
  const w0 = Math.max(...r.map((x) => x[0].length));
  const w1 = Math.max(...r.map((x) => x[1].length));
  const lines = r.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  const budgetLines = budgets.map((b) => {
    const value = b.unit === 'x' ? x(b.value) : b.unit === 'ms' ? ms(b.value) : `${b.value.toFixed(1)} ${b.unit}`;
    const limit = `${b.kind === 'max' ? '<=' : '>='} ${b.limit}${b.unit === 'x' ? 'x' : ` ${b.unit}`}${b.aim ? ` (aim ${b.aim}x)` : ''}`;
    return `${b.pass ? 'PASS' : 'FAIL'}  ${b.what}: ${value}, budget ${limit}`;
  });
  return [
    `Backstory benchmark on ${machine.cpus} x ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.chromium}; load average ${Number(machine.loadAverageAtStart).toFixed(1)} -> ${Number(machine.loadAverageAtEnd).toFixed(1)}; ${machine.benchSeconds} s`,
    '',
    ...lines,
    '',
    ...budgetLines,
  ].join('\n');
}

const START = '<!-- bench:figures -->';
const END = '<!-- /bench:figures -->';

/** Rewrites the figures block of bench/README.md (between its markers) with this run's figures. */
export function updateReadme(path: string, f: Figures, budgets: BudgetResult[], machine: Record<string, string | number>): void {
  const md = [
    START,
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine.cpus} x ${machine.cpu}, ${machine.memoryGiB} GiB RAM, ${machine.os}, Node ${machine.node}, ${machine.chromium} (headless); load average ${Number(machine.loadAverageAtStart).toFixed(1)} at the start, ${Number(machine.loadAverageAtEnd).toFixed(1)} at the end.`,
    '',
    '| figure | value | beside it |',
    '|---|---|---|',
    ...rows(f).map(([a, b, c]) => `| ${a} | ${b} | ${c} |`),
    '',
    '| budget | figure | limit | |',
    '|---|---|---|---|',
    ...budgets.map((b) => `| ${b.what} | ${b.unit === 'x' ? x(b.value) : b.unit === 'ms' ? ms(b.value) : `${b.value.toFixed(1)} ${b.unit}`} | ${b.kind === 'max' ? '<=' : '>='} ${b.limit}${b.unit === 'x' ? 'x' : ` ${b.unit}`}${b.aim ? ` (aim ${b.aim}x)` : ''} | ${b.pass ? 'PASS' : 'FAIL'} |`),
    END,
  ].join('\n');
  const old = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmark\n\n${START}\n${END}\n`;
  const i = old.indexOf(START);
  const j = old.indexOf(END);
  const next = i >= 0 && j > i ? old.slice(0, i) + md + old.slice(j + END.length) : `${old.trimEnd()}\n\n${md}\n`;
  writeFileSync(path, next);
}
