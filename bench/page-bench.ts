/**
 * Measurements in the page, in Debian Chromium with the built extension (and, for comparison,
 * without it): Backstory's pipeline (first marks, every name, the whole pipeline) beside a bare
 * TreeWalker pass, the longest main-thread task, the page's JS heap, mark.js on the same page,
 * hover-to-card, and the knowledge base's load in the extension's worker.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { PERF_CONTENT_START, PERF_ENTITIES_COMPLETE, PERF_MARKS_COMPLETE, PERF_MARKS_SHOWN } from '../core/constants';

/** After the worker is stopped, a moment before it is asked again (the browser tears it down). */
const WORKER_STOP_SETTLE_MS = 500;

/** The detection request the worker probes send from an extension page. */
const WORKER_PROBE_DETECT = { type: 'detect', text: 'Secretary of State Antony Blinken met Wang Yi in Munich.', blocks: [] };

/** What the init script logs once the whole pipeline's mark is made (see `pipelineRun`). */
const PIPELINE_DONE_LOG = '__backstory_bench_pipeline_done';

/**
 * Installed in every page before its own scripts: records long tasks (Long Tasks API) from the
 * very start of the page, in the page's main world. (Nothing of it reaches the extension, which
 * runs in its own isolated world.)
 */
export const INIT_SCRIPT = `(() => {
  // tsx compiles the functions this script passes to page.evaluate with esbuild's keepNames,
  // which calls a __name helper: give the page a no-op one.
  if (!globalThis.__name) Object.defineProperty(globalThis, '__name', { value: (f) => f, configurable: true });
  const b = (window.__bench = { longtasks: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // The content script's marks share the page's timeline: say when the whole pipeline is done,
    // so that the benchmark need not run script in the page (and compile its own) while it waits.
    new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => e.name === ${JSON.stringify(PERF_MARKS_COMPLETE)})) console.debug(${JSON.stringify(PIPELINE_DONE_LOG)});
    }).observe({ type: 'mark' });
  } catch (err) { b.error = String(err); }
})();`;

interface BenchWindow {
  __bench: { longtasks: { start: number; duration: number }[]; error?: string };
}

export interface PipelineRun {
  /** backstory:content-start -> backstory:marks-shown: the first marks, the names near the screen, painted (ms). */
  firstMarksMs: number;
  /** backstory:content-start -> backstory:entities-complete: every name of the article detected, those near the screen painted (ms). */
  entitiesMs: number;
  /** backstory:content-start -> backstory:marks-complete: the whole pipeline, every name and every passage (ms). */
  pipelineMs: number;
  /** The first bare TreeWalker pass over document.body after the whole pipeline is done (ms). */
  bareFirstMs: number;
  /** Median of five bare passes (ms). */
  bareMedianMs: number;
  /** The longest task that started after the content script did (ms); 0 when none reached 50 ms. */
  longestTaskMs: number;
  /** Long tasks after the content script started. */
  longTasks: number;
  /** Names the first marks cover (marks-shown's detail). */
  firstMentions: number;
  /** Names and passages of the whole article (marks-complete's detail). */
  mentions: number;
  passages: number;
  /** The page's renderer heap after a full GC (bytes). */
  heapBytes: number;
  words: number;
  /** From a trace of the page's main thread: CPU time of its tasks from content-start to marks-complete (ms). */
  mainThreadCpuMs: number;
  /** The longest task after the content script started, in thread CPU time (ms), not waiting for a core. */
  longestTaskCpuMs: number;
  /** The same task's wall time from the trace (ms). */
  longestTaskTraceMs: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { processId?: number; url?: string; frame?: string } };
}

/** Runs `fn` while Chromium traces its tasks (the whole browser) and returns the events. */
async function traced<T>(context: BrowserContext, page: Page, fn: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'blink.user_timing', '__metadata'] },
  });
  try {
    const result = await fn();
    return { result, events };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * The page's main-thread tasks from a trace: CPU time from content-start to marks-complete (the
 * whole pipeline), and the longest task after the content script started (wall and CPU time).
 */
function mainThreadFigures(events: TraceEvent[], url: string): { mainThreadCpuMs: number; longestTaskCpuMs: number; longestTaskTraceMs: number } {
  const committed = events.filter((e) => e.name === 'FrameCommittedInBrowser' && e.args?.data?.url === url);
  const pid = committed.at(-1)?.args?.data?.processId;
  const mark = (name: string) => events.find((e) => e.name === name && e.pid === pid)?.ts;
  const start = mark(PERF_CONTENT_START);
  const end = mark(PERF_MARKS_COMPLETE);
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain')?.tid;
  if (pid === undefined || start === undefined || end === undefined || main === undefined) return { mainThreadCpuMs: NaN, longestTaskCpuMs: NaN, longestTaskTraceMs: NaN };
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === pid && e.tid === main && e.ts + (e.dur ?? 0) > start);
  let cpu = 0;
  for (const t of tasks) {
    const dur = t.dur ?? 0;
    if (!dur) continue;
    const overlap = Math.max(0, Math.min(end, t.ts + dur) - Math.max(start, t.ts));
    cpu += ((t.tdur ?? dur) * overlap) / dur;
  }
  const longest = tasks.reduce<TraceEvent | null>((m, t) => ((t.dur ?? 0) > (m?.dur ?? -1) ? t : m), null);
  const longestCpu = tasks.reduce((m, t) => Math.max(m, t.tdur ?? 0), 0);
  return { mainThreadCpuMs: cpu / 1000, longestTaskCpuMs: longestCpu / 1000, longestTaskTraceMs: (longest?.dur ?? 0) / 1000 };
}

/** Heap used in the page's renderer isolate after a full garbage collection. */
export async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Waits until the page has had `ms` without a long task, or `max` ms. */
async function settle(page: Page, ms = 600, max = 10_000): Promise<void> {
  await page.evaluate(
    ({ ms, max }) =>
      new Promise<void>((resolve) => {
        const b = (window as unknown as BenchWindow).__bench;
        const t0 = performance.now();
        const check = () => {
          const last = b.longtasks.reduce((m, t) => Math.max(m, t.start + t.duration), 0);
          const now = performance.now();
          if (now - Math.max(last, t0) >= ms || now - t0 > max) resolve();
          else setTimeout(check, 100);
        };
        setTimeout(check, 100);
      }),
    { ms, max },
  );
}

/**
 * One load of `url` with Backstory: the times to its three marks (first marks, every name, the
 * whole pipeline), the bare pass, long tasks, heap. Waits for the whole pipeline, then for the page
 * to settle. With `trace`, Chromium traces the load for the main thread's CPU figures. Tracing
 * adds work to the browser's threads and to this process, which receives the events, on the cores
 * the page runs on: the times and long tasks are taken from loads without it, whose CPU figures
 * are NaN.
 */
export async function pipelineRun(context: BrowserContext, url: string, { trace = false, timeoutMs = 180_000 } = {}): Promise<PipelineRun> {
  const page = await context.newPage();
  try {
    const load = async () => {
      // Waits for the init script's word, not by polling with page.evaluate: each evaluation is a
      // task in the page (the first compiles Playwright's own script) that would delay Backstory's.
      const done = page.waitForEvent('console', { predicate: (m) => m.text() === PIPELINE_DONE_LOG, timeout: timeoutMs });
      // Handled here too: when the navigation fails, that error is the one to report.
      done.catch(() => undefined);
      await page.goto(url, { waitUntil: 'load' });
      await done;
      await settle(page);
      return page.evaluate(
        ({ startName, shownName, entitiesName, completeName }) => {
          const first = (name: string) => performance.getEntriesByName(name)[0] as PerformanceMark | undefined;
          const start = first(startName)!;
          const shown = first(shownName);
          const entities = first(entitiesName);
          const complete = first(completeName)!;
          // The bare pass: read every text node's data with a TreeWalker, nothing else.
          const bare = (): number => {
            const t = performance.now();
            const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let n = 0;
            for (let node = w.nextNode(); node; node = w.nextNode()) n += (node as Text).data.length;
            const ms = performance.now() - t;
            if (n < 0) throw new Error('unreachable');
            return ms;
          };
          const passes = [bare(), bare(), bare(), bare(), bare()];
          const sorted = [...passes].sort((a, b) => a - b);
          const tasks = (window as unknown as BenchWindow).__bench.longtasks.filter((t) => t.start + t.duration > start.startTime);
          const detail = (complete.detail ?? {}) as { mentions?: number; passages?: number };
          const shownDetail = (shown?.detail ?? {}) as { mentions?: number };
          // A mark missing while marks-complete is there (a build without it) reads as NaN, not 0.
          const since = (m: PerformanceMark | undefined) => (m ? m.startTime - start.startTime : NaN);
          return {
            firstMarksMs: since(shown),
            entitiesMs: since(entities),
            pipelineMs: since(complete),
            bareFirstMs: passes[0],
            bareMedianMs: sorted[2],
            longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
            longTasks: tasks.length,
            firstMentions: shownDetail.mentions ?? 0,
            mentions: detail.mentions ?? 0,
            passages: detail.passages ?? 0,
            words: (document.body.innerText.match(/\S+/g) ?? []).length,
          };
        },
        { startName: PERF_CONTENT_START, shownName: PERF_MARKS_SHOWN, entitiesName: PERF_ENTITIES_COMPLETE, completeName: PERF_MARKS_COMPLETE },
      );
    };
    if (!trace) return { ...(await load()), mainThreadCpuMs: NaN, longestTaskCpuMs: NaN, longestTaskTraceMs: NaN, heapBytes: await heapAfterGc(context, page) };
    const { result: r, events } = await traced(context, page, load);
    return { ...r, ...mainThreadFigures(events, url), heapBytes: await heapAfterGc(context, page) };
  } finally {
    await page.close();
  }
}

export interface PlainRun {
  /** The longest task of the page's own load (ms; 0 when none reached 50 ms). */
  longestTaskMs: number;
  heapBytes: number;
  bareFirstMs: number;
}

/** The same page in a browser without the extension: its own long tasks and heap. */
export async function plainRun(context: BrowserContext, url: string): Promise<PlainRun> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await settle(page);
    const r = await page.evaluate(() => {
      const t = performance.now();
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let n = 0;
      for (let node = w.nextNode(); node; node = w.nextNode()) n += (node as Text).data.length;
      const bareFirstMs = performance.now() - t + (n < 0 ? 1 : 0);
      return { bareFirstMs, longestTaskMs: (window as unknown as BenchWindow).__bench.longtasks.reduce((m, x) => Math.max(m, x.duration), 0) };
    });
    return { ...r, heapBytes: await heapAfterGc(context, page) };
  } finally {
    await page.close();
  }
}

export interface MarkJsRun {
  terms: number;
  /** Terms marked before the time cap (all of them when it finished). */
  termsDone: number;
  ms: number;
  finished: boolean;
  /** ms, or ms scaled to the whole term list when the cap stopped it. */
  projectedMs: number;
  marks: number;
}

/**
 * mark.js as a reader's extension would use it: `new Mark(root).mark(terms, options)` with the
 * whole term list, whole-phrase and whole-word matching. Run in batches of terms (mark.js walks
 * the page once per term either way) so that it can stop at `capMs`.
 */
export async function markJsRun(context: BrowserContext, url: string, markJsSource: string, terms: string[], capMs: number): Promise<MarkJsRun> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: markJsSource });
    return await page.evaluate(
      ({ terms, capMs }) => {
        const MarkCtor = (window as unknown as { Mark: new (el: Element) => { mark(t: string[], o: object): void } }).Mark;
        const marker = new MarkCtor(document.querySelector('article') ?? document.body);
        const limiters = [',', '.', ';', ':', '!', '?', '"', "'", '’', '“', '”', '(', ')'];
        let marks = 0;
        const options = { separateWordSearch: false, accuracy: { value: 'exactly', limiters }, each: () => void marks++ };
        const t0 = performance.now();
        let done = 0;
        const batch = 25;
        while (done < terms.length && performance.now() - t0 < capMs) {
          marker.mark(terms.slice(done, done + batch), options);
          done = Math.min(terms.length, done + batch);
        }
        const ms = performance.now() - t0;
        const finished = done === terms.length;
        return { terms: terms.length, termsDone: done, ms, finished, projectedMs: finished ? ms : (ms * terms.length) / done, marks };
      },
      { terms, capMs },
    );
  } finally {
    await page.close();
  }
}

/** mark.js with one regular expression: the whole term list as an alternation, longest first. */
export async function markJsRegExpRun(context: BrowserContext, url: string, markJsSource: string, terms: string[]): Promise<{ ms: number; marks: number }> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: markJsSource });
    return await page.evaluate((terms) => {
      const MarkCtor = (window as unknown as { Mark: new (el: Element) => { markRegExp(r: RegExp, o: object): void } }).Mark;
      const marker = new MarkCtor(document.querySelector('article') ?? document.body);
      const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const alternation = [...terms].sort((a, b) => b.length - a.length).map(escape).join('|');
      const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, 'gmiu');
      let marks = 0;
      const t0 = performance.now();
      marker.markRegExp(re, { each: () => void marks++ });
      return { ms: performance.now() - t0, marks };
    }, terms);
  } finally {
    await page.close();
  }
}

export interface HoverRun {
  /** Mouse move -> the card's dialog in the shadow root (ms). */
  toDialogMs: number;
  /** Mouse move -> the first animation frame after the dialog appeared: the card painted (ms). */
  toPaintMs: number;
}

/**
 * Hovers `name` (a marked person) and times the card: from the mouse move to the dialog in
 * Backstory's shadow root, and to the next frame. Returns one run per hover: the first one fetches
 * the entry from the background, the later ones find it cached.
 */
export async function hoverRuns(context: BrowserContext, url: string, name: string, hovers: number): Promise<HoverRun[]> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => CSS.highlights.get('backstory-person')?.size, null, { timeout: 60_000 });
    await settle(page, 300);
    const runs: HoverRun[] = [];
    for (let i = 0; i < hovers; i++) {
      const box = await page.evaluate((name) => {
        const range = [...(CSS.highlights.get('backstory-person') ?? [])].find((r) => r.toString().includes(name)) as Range | undefined;
        if (!range) throw new Error(`no mark for ${name}`);
        range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const rect = range.getClientRects()[0];
        // Probe in the page: the mouse move's time, then the dialog's first frame.
        const probe = ((window as unknown as { __hover: Record<string, number> }).__hover = { move: 0, dialog: 0, paint: 0 });
        document.addEventListener('mousemove', (e) => void (probe.move ||= e.timeStamp), { capture: true, once: true });
        const poll = () => {
          const dialog = document.querySelector('backstory-ui')?.shadowRoot?.querySelector('[role="dialog"]');
          if (dialog && probe.move) {
            probe.dialog = performance.now();
            requestAnimationFrame(() => void (probe.paint = performance.now()));
          } else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }, name);
      await page.mouse.move(box.x, box.y);
      await page.waitForFunction(() => (window as unknown as { __hover: { paint: number } }).__hover.paint > 0, null, { timeout: 10_000, polling: 50 });
      const probe = await page.evaluate(() => (window as unknown as { __hover: { move: number; dialog: number; paint: number } }).__hover);
      runs.push({ toDialogMs: probe.dialog - probe.move, toPaintMs: probe.paint - probe.move });
      // Leave (to the bottom-right corner, where no card opens): the card closes after its grace period.
      await page.mouse.move(1270, 890);
      await page.waitForFunction(() => !document.querySelector('backstory-ui')?.shadowRoot?.querySelector('[role="dialog"]'), null, { timeout: 10_000, polling: 50 });
    }
    return runs;
  } finally {
    await page.close();
  }
}

/**
 * The worker woken from sleep, as after the browser stopped it for being idle (30 s): the worker
 * is stopped through the DevTools protocol, then an extension page asks it to detect (the worker
 * starts, loads its script and builds its index); stopped again, then asked for an entry (it
 * starts and reads the cards). Medians.
 */
export async function workerWakeInExtension(context: BrowserContext, extensionOrigin: string, runs = 5): Promise<{ wakeDetectMs: number; wakeEntryMs: number }> {
  const page = await context.newPage();
  try {
    await page.goto(`${extensionOrigin}/options.html`, { waitUntil: 'load' });
    const cdp = await context.newCDPSession(page);
    const stop = async () => {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
      const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`${extensionOrigin}/`));
      if (!worker) throw new Error('the extension has no service worker to stop');
      await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    };
    const ask = (kind: 'detect' | 'entry') =>
      page.evaluate(
        async ({ kind, detect }) => {
          const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
          const t = performance.now();
          const answer = (await runtime.sendMessage(kind === 'detect' ? detect : { type: 'entry', id: 'person/antony-blinken' })) as { marks?: unknown[]; entry?: unknown } | undefined;
          if (kind === 'detect' ? !answer?.marks?.length : !answer?.entry) throw new Error(`no ${kind} answer from the woken worker`);
          return performance.now() - t;
        },
        { kind, detect: WORKER_PROBE_DETECT },
      );
    await ask('detect');
    const detect: number[] = [];
    const entry: number[] = [];
    // Each request to a worker just stopped: a detection (a page read after a pause), then an entry
    // (a hover after a pause: the worker starts and reads the cards).
    for (let i = 0; i < runs; i++) {
      await stop();
      await page.waitForTimeout(WORKER_STOP_SETTLE_MS);
      detect.push(await ask('detect'));
      await stop();
      await page.waitForTimeout(WORKER_STOP_SETTLE_MS);
      entry.push(await ask('entry'));
    }
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    return { wakeDetectMs: median(detect), wakeEntryMs: median(entry) };
  } finally {
    await page.close();
  }
}

/**
 * The knowledge base's load in the extension: a detect request from an extension page to the
 * fresh worker (which builds its index on first use) against the same request again. Must run
 * before any page has asked the worker to detect.
 */
export async function kbLoadInExtension(context: BrowserContext, extensionOrigin: string): Promise<{ firstDetectMs: number; warmDetectMs: number; indexMs: number }> {
  const page = await context.newPage();
  try {
    await page.goto(`${extensionOrigin}/options.html`, { waitUntil: 'load' });
    return await page.evaluate(async (detect) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      const ask = async () => {
        const t = performance.now();
        await runtime.sendMessage(detect);
        return performance.now() - t;
      };
      const firstDetectMs = await ask();
      const warm = [await ask(), await ask(), await ask()].sort((a, b) => a - b);
      return { firstDetectMs, warmDetectMs: warm[1], indexMs: Math.max(0, firstDetectMs - warm[1]) };
    }, WORKER_PROBE_DETECT);
  } finally {
    await page.close();
  }
}
