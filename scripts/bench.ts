/**
 * `npm run bench`: Backstory's costs in a real browser (Debian Chromium, headless, the built
 * extension from .output/chrome-mv3; run `npm run build` first) and in Node, against a bare text
 * pass and against mark.js; checks the budgets of issue 7. Each page load is timed from the
 * content script's start to its three marks: the first marks (names near the screen), every name
 * (entities complete), and the whole pipeline (every name and passage). Prints a table, writes
 * bench/results.json (one number per figure). Options:
 *   --quick          fewer runs and pages (a smoke test, about a minute)
 *   --markjs-cap S   stop mark.js after S seconds and project its time (default 30)
 *   --readme         also rewrite the figures in bench/README.md
 *   --strict         exit non-zero when a budget fails
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import type { KbEntry } from '../core/kb/schema';
import { CARD_SHOW_MS } from '../core/constants';
import { CONTENT_SESSION_PATH } from '../entrypoints/content/matches';
import { loadKbDir } from './lib/kb-files';
import { longArticleText, pageFor } from '../bench/pages';
import { launch, servePages, CHROMIUM_PATH, type BenchBrowser } from '../bench/browser';
import { kbLoad, textScaling, aliasScaling } from '../bench/node-bench';
import { INIT_SCRIPT, pipelineRun, plainRun, markJsRun, markJsRegExpRun, hoverRuns, kbLoadInExtension, workerWakeInExtension, type PipelineRun } from '../bench/page-bench';
import { checkBudgets, formatTable, updateReadme, type Figures } from '../bench/report';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const capArg = args.indexOf('--markjs-cap');
const markJsCapMs = (capArg >= 0 ? Number(args[capArg + 1]) : quick ? 5 : 30) * 1000;
const built = join(root, '.output', 'chrome-mv3');
if (!existsSync(join(built, 'manifest.json')) || !existsSync(join(built, 'content-scripts', 'content.js')) || !existsSync(join(built, CONTENT_SESSION_PATH))) {
  console.error(`No built extension at ${built}: run \`npm run build\` first.`);
  process.exit(1);
}
// The whole run measures one snapshot of the build, whatever rebuilds meanwhile.
const snapshotDir = mkdtempSync(join(tmpdir(), 'backstory-bench-build-'));
const extension = join(snapshotDir, 'chrome-mv3');
cpSync(built, extension, { recursive: true });
process.on('exit', () => rmSync(snapshotDir, { recursive: true, force: true }));
const contentScript = join(extension, 'content-scripts', 'content.js');
const contentSession = join(extension, CONTENT_SESSION_PATH);

const started = performance.now();
const log = (msg: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f: Figures = {};

// ---- the machine ----
const cpuModel = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown').trim();
let chromiumVersion = 'unknown';
try {
  chromiumVersion = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  /* reported as unknown */
}
const machine = {
  cpu: cpuModel,
  cpus: cpus().length,
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  os: `${platform()} ${release()}`,
  node: process.version,
  chromium: chromiumVersion,
  loadAverageAtStart: loadavg()[0],
};
log(`${machine.cpus} x ${machine.cpu}, ${machine.memoryGiB} GiB, load ${machine.loadAverageAtStart.toFixed(1)}; ${machine.chromium}`);

// ---- sizes ----
// The content script is a loader and the session module it imports (ADR 0010): their sizes together.
const loader = readFileSync(contentScript);
const session = readFileSync(contentSession);
f.contentLoaderBytes = loader.length;
f.contentLoaderGzipBytes = gzipSync(loader).length;
f.contentScriptBytes = loader.length + session.length;
f.contentScriptGzipBytes = f.contentLoaderGzipBytes + gzipSync(session).length;
const kbPath = join(root, '.generated', 'kb.json');
const kbNames = readFileSync(join(root, '.generated', 'kb-names.json'));
f.kbNamesBytes = kbNames.length;
f.kbNamesGzipBytes = gzipSync(kbNames).length;
const sample = readFileSync(join(root, 'data', 'articles', 'china-russia-ukraine-2023.txt'), 'utf8');
const entries: KbEntry[] = loadKbDir(join(root, 'data', 'kb'));

// ---- the core in Node ----
log('knowledge base: parse and index in Node');
const load = kbLoad(kbPath);
Object.assign(f, {
  kbEntries: load.entries,
  kbAliases: load.aliases,
  kbBytes: load.rawBytes,
  kbGzipBytes: load.gzipBytes,
  kbParseNodeMs: load.parseMs,
  kbIndexNodeMs: load.indexMs,
});
log('detection as the knowledge base grows (1,000 and 100,000 aliases)');
const aliases = aliasScaling(sample, entries, quick ? 5_000 : 20_000);
Object.assign(f, {
  alias1kCount: aliases.aliases[0],
  alias100kCount: aliases.aliases[1],
  alias1kDetectMs: aliases.detectMs[0],
  alias100kDetectMs: aliases.detectMs[1],
  alias100kOver1k: aliases.detectMs[1] / aliases.detectMs[0],
  alias1kIndexMs: aliases.indexMs[0],
  alias100kIndexMs: aliases.indexMs[1],
});
log('the core as the text grows (1x, 4x, 16x)');
const text = textScaling(sample, entries, quick ? 2_500 : 20_000);
Object.assign(f, {
  nodeText1xWords: text.words[0],
  nodeDetect1xMs: text.detectMs[0],
  nodeDetect4xMs: text.detectMs[1],
  nodeDetect16xMs: text.detectMs[2],
  nodeCore1xMs: text.coreMs[0],
  nodeCore4xMs: text.coreMs[1],
  nodeCore16xMs: text.coreMs[2],
  nodeDetect4xOver1x: text.detectMs[1] / text.detectMs[0],
  nodeCore4xOver1x: text.coreMs[1] / text.coreMs[0],
  nodeCore16xOver1x: text.coreMs[2] / text.coreMs[0],
});

// ---- the browser ----
const base = quick ? 1_500 : 6_250;
const pages = {
  sample: pageFor(sample),
  long: pageFor(longArticleText(sample, entries, quick ? 5_000 : 20_000)),
  x1: pageFor(longArticleText(sample, entries, base)),
  x4: pageFor(longArticleText(sample, entries, base * 4)),
  x16: pageFor(longArticleText(sample, entries, base * 16)),
};
const files = new Map<string, { body: string; type: string }>(Object.entries(pages).map(([k, body]) => [`/${k}.html`, { body, type: 'text/html; charset=utf-8' }]));
const server = await servePages(files);
const url = (k: keyof typeof pages) => `${server.origin}/${k}.html`;
const terms = [...new Set(entries.flatMap((e) => [e.name, ...(e.aliases ?? []), ...(e.shortForms ?? [])]).map((t) => t.trim()).filter(Boolean))];
const markJs = readFileSync(join(root, 'node_modules', 'mark.js', 'dist', 'mark.min.js'), 'utf8');

let withExt: BenchBrowser | null = null;
let without: BenchBrowser | null = null;
const cleanup = async () => {
  await withExt?.close();
  await without?.close();
  await server.close();
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
try {
  log('Chromium with Backstory, and without');
  withExt = await launch(extension);
  without = await launch(null);
  await withExt.context.addInitScript({ content: INIT_SCRIPT });
  await without.context.addInitScript({ content: INIT_SCRIPT });
  // One blank tab stays open in each browser through the run, as a reader's browser keeps the tab
  // they came from. In a browser with no tab left between the measured pages (Chromium then keeps
  // no process around for the next one), the long article took 100-250 ms longer to every name and
  // about 350 ms longer to the whole pipeline.
  for (const p of withExt.context.pages()) await p.close();
  for (const p of without.context.pages()) await p.close();
  await withExt.context.newPage();
  await without.context.newPage();

  // Before any page: the worker has not built its index yet.
  const origin = `chrome-extension://${new URL(withExt.worker!.url()).host}`;
  const inExt = await kbLoadInExtension(withExt.context, origin);
  const kbText = readFileSync(kbPath, 'utf8');
  const parseInWorker = await withExt.worker!.evaluate((s: string) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      JSON.parse(s);
      times.push(performance.now() - t);
    }
    return Math.min(...times);
  }, kbText);
  const wake = await workerWakeInExtension(withExt.context, origin);
  Object.assign(f, {
    kbParseWorkerMs: parseInWorker,
    kbIndexWorkerMs: inExt.indexMs,
    detectFirstWorkerMs: inExt.firstDetectMs,
    detectWarmWorkerMs: inExt.warmDetectMs,
    workerWakeDetectMs: wake.wakeDetectMs,
    workerWakeEntryMs: wake.wakeEntryMs,
  });

  /** `runs` loads for the times and long tasks, then `tracedRuns` traced loads for the CPU figures (see `pipelineRun`). */
  const runPage = async (key: keyof typeof pages, runs: number, tracedRuns = 1): Promise<PipelineRun> => {
    const all: PipelineRun[] = [];
    for (let i = 0; i < runs; i++) all.push(await pipelineRun(withExt!.context, url(key)));
    const withTrace: PipelineRun[] = [];
    for (let i = 0; i < tracedRuns; i++) withTrace.push(await pipelineRun(withExt!.context, url(key), { trace: true }));
    const pick = <K extends keyof PipelineRun>(k: K) => median(all.map((r) => r[k] as number));
    const pickTraced = <K extends keyof PipelineRun>(k: K) => (withTrace.length ? median(withTrace.map((r) => r[k] as number)) : NaN);
    return {
      firstMarksMs: pick('firstMarksMs'),
      entitiesMs: pick('entitiesMs'),
      pipelineMs: pick('pipelineMs'),
      bareFirstMs: pick('bareFirstMs'),
      bareMedianMs: pick('bareMedianMs'),
      longestTaskMs: Math.max(...all.map((r) => r.longestTaskMs)),
      longTasks: Math.max(...all.map((r) => r.longTasks)),
      firstMentions: all[0].firstMentions,
      mentions: all[0].mentions,
      passages: all[0].passages,
      heapBytes: pick('heapBytes'),
      words: all[0].words,
      mainThreadCpuMs: pickTraced('mainThreadCpuMs'),
      longestTaskCpuMs: withTrace.length ? Math.max(...withTrace.map((r) => r.longestTaskCpuMs)) : NaN,
      longestTaskTraceMs: withTrace.length ? Math.max(...withTrace.map((r) => r.longestTaskTraceMs)) : NaN,
    };
  };
  for (const [key, name, runs] of [
    ['sample', 'sample', quick ? 2 : 5],
    ['long', 'long', quick ? 1 : 3],
    ['x16', 'huge', quick ? 1 : 2],
  ] as const) {
    log(`pipeline: ${name} page (${runs} runs, then one traced)`);
    const r = await runPage(key, runs);
    const plain = await plainRun(without.context, url(key));
    const bare = Math.max(r.bareFirstMs, 0.1);
    Object.assign(f, {
      [`${name}Words`]: r.words,
      [`${name}FirstMentions`]: r.firstMentions,
      [`${name}Mentions`]: r.mentions,
      [`${name}Passages`]: r.passages,
      [`${name}FirstMarksMs`]: r.firstMarksMs,
      [`${name}EntitiesMs`]: r.entitiesMs,
      [`${name}PipelineMs`]: r.pipelineMs,
      [`${name}BarePassMs`]: r.bareFirstMs,
      [`${name}BarePassWarmMs`]: r.bareMedianMs,
      [`${name}FirstMarksOverBare`]: r.firstMarksMs / bare,
      [`${name}EntitiesOverBare`]: r.entitiesMs / bare,
      [`${name}PipelineOverBare`]: r.pipelineMs / bare,
      [`${name}MainThreadCpuMs`]: r.mainThreadCpuMs,
      [`${name}CpuOverBare`]: r.mainThreadCpuMs / bare,
      [`${name}LongestTaskMs`]: r.longestTaskMs,
      [`${name}LongestTaskCpuMs`]: r.longestTaskCpuMs,
      [`${name}LongTasks`]: r.longTasks,
      [`${name}LongestTaskNoExtMs`]: plain.longestTaskMs,
      [`${name}HeapBytes`]: r.heapBytes,
      [`${name}HeapNoExtBytes`]: plain.heapBytes,
    });
  }
  for (const [key, runs] of [
    ['x1', quick ? 1 : 3],
    ['x4', quick ? 1 : 2],
  ] as const) {
    log(`pipeline: text ${key.slice(1)}x (${runs} runs; the whole pipeline's time)`);
    const r = await runPage(key, runs, 0);
    Object.assign(f, { [`page${key.slice(1)}xWords`]: r.words, [`page${key.slice(1)}xPipelineMs`]: r.pipelineMs });
  }
  f.page16xWords = f.hugeWords;
  f.page16xPipelineMs = f.hugePipelineMs;
  f.page4xOver1x = f.page4xPipelineMs / f.page1xPipelineMs;
  f.page16xOver1x = f.page16xPipelineMs / f.page1xPipelineMs;

  log(`mark.js on the long page: ${terms.length} terms, capped at ${markJsCapMs / 1000} s`);
  const mj = await markJsRun(without.context, url('long'), markJs, terms, markJsCapMs);
  const mjRe = await markJsRegExpRun(without.context, url('long'), markJs, terms);
  Object.assign(f, {
    markJsTerms: mj.terms,
    markJsTermsDone: mj.termsDone,
    markJsMs: mj.ms,
    markJsFinished: mj.finished ? 1 : 0,
    markJsProjectedMs: mj.projectedMs,
    markJsRegExpMs: mjRe.ms,
    // mark.js finds and highlights every term: the same work as Backstory's every name (entities
    // complete); beside it, Backstory's whole pipeline (every name and every passage).
    markJsOverEntities: mj.projectedMs / f.longEntitiesMs,
    markJsLowerBoundOverEntities: mj.ms / f.longEntitiesMs,
    markJsOverPipeline: mj.projectedMs / f.longPipelineMs,
    markJsLowerBoundOverPipeline: mj.ms / f.longPipelineMs,
    markJsRegExpOverEntities: mjRe.ms / f.longEntitiesMs,
  });

  log('hover to card: "Antony Blinken" on the sample page');
  const hovers = await hoverRuns(withExt.context, url('sample'), 'Antony Blinken', quick ? 2 : 4);
  const warm = hovers.slice(1);
  Object.assign(f, {
    hoverFirstToCardMs: hovers[0].toPaintMs,
    hoverToDialogMs: median(warm.map((h) => h.toDialogMs)),
    hoverToCardMs: median(warm.map((h) => h.toPaintMs)),
    hoverToCardMinusDelayMs: median(warm.map((h) => h.toPaintMs)) - CARD_SHOW_MS,
    hoverFirstToCardMinusDelayMs: hovers[0].toPaintMs - CARD_SHOW_MS,
  });
} finally {
  await cleanup();
}

// ---- report ----
const machineEnd = { ...machine, loadAverageAtEnd: loadavg()[0], benchSeconds: Math.round((performance.now() - started) / 1000) };
const budgets = checkBudgets(f);
console.log(formatTable(f, budgets, machineEnd));
mkdirSync(join(root, 'bench'), { recursive: true });
const results = { date: new Date().toISOString(), machine: machineEnd, budgets: Object.fromEntries(budgets.map((b) => [b.id, { value: b.value, limit: b.limit, pass: b.pass }])), figures: roundAll(f) };
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
log(`wrote bench/results.json${args.includes('--readme') ? ' and bench/README.md' : ''}`);
if (args.includes('--readme')) updateReadme(join(root, 'bench', 'README.md'), f, budgets, machineEnd);
// Timings vary with the machine: failing budgets fail the command only when asked (--strict).
if (args.includes('--strict') && budgets.some((b) => !b.pass)) process.exitCode = 1;

function roundAll(x: Figures): Figures {
  const out: Figures = {};
  for (const [k, v] of Object.entries(x)) out[k] = Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
  return out;
}
