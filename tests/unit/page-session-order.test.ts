// @vitest-environment happy-dom
/**
 * The page session's order of work on a long article (docs/adr/0005-viewport-first-marking.md):
 * the names near the screen first, then every name as soon as the background has detected the
 * whole text (the page classifies nothing while it waits), then the passages; and a failed
 * detection of the whole text paints nothing once the session is taken down. In happy-dom, with
 * the real core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageSession, type SessionDeps } from '../../adapters/page-session';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { buildIndex } from '../../core/kb/index';
import { detectMentions } from '../../core/detect/mentions';
import { PERF_ENTITIES_COMPLETE, PERF_MARKS_COMPLETE, PERF_MARKS_SHOWN } from '../../core/constants';
import { decodeDetectResponse, encodeDetectResponse, type DecodedDetectResponse } from '../../core/messages';
import { loadKbDir } from '../../scripts/lib/kb-files';

const root = join(import.meta.dirname, '..', '..');
const article = readFileSync(join(root, 'tests', 'fixtures', 'article.txt'), 'utf8');
const index = buildIndex(loadKbDir(join(root, 'data', 'kb')));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const body = article.split('\n\n').slice(1).map((p) => `<p>${escape(p)}</p>`).join('');

/** A long article: the sample's paragraphs many times over (well past the first part). */
function longPage(copies = 24): { doc: Document } {
  document.head.innerHTML = '<title>News</title>';
  document.body.innerHTML = `<main><article><h1>Is China Partnering Up With Russia in Ukraine?</h1>${body.repeat(copies)}</article></main>`;
  return { doc: document };
}

/** The detection as the page gets it: encoded by the background, decoded by the content script. */
const detect = (text: string): DecodedDetectResponse => decodeDetectResponse(encodeDetectResponse({ mentions: detectMentions(text, index), pack: null }), text)!;

interface Step {
  mark: string;
  names: number;
  passages: number;
}

function deps(detectImpl: SessionDeps['detect']): SessionDeps {
  return { css: '', detect: detectImpl, entry: async () => null, saveSettings: async () => undefined };
}

/** Records each performance mark the session makes, with what the session holds at that moment. */
function recordSteps(session: () => PageSession | null): Step[] {
  const steps: Step[] = [];
  const real = performance.mark.bind(performance);
  vi.spyOn(performance, 'mark').mockImplementation((name: string, options?: PerformanceMarkOptions) => {
    const s = session()?.summary();
    if (s) steps.push({ mark: name, names: s.entities.reduce((n, e) => n + e.count, 0), passages: s.counts.opinion + s.counts.reported + s.counts.fact + s.counts.other });
    return real(name, options);
  });
  return steps;
}

afterEach(() => vi.restoreAllMocks());

/**
 * Numbers the tasks as they start; returns the number of the current one. happy-dom has no
 * scheduler, so the session's turns are timeouts: a new number is a new task.
 */
function numberTasks(): () => number {
  let task = 0;
  const realTimeout = globalThis.setTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    realTimeout(() => {
      task++;
      fn(...args);
    }, ms)) as typeof setTimeout);
  return () => task;
}

const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};

describe('page session on a long article', () => {
  it('paints the first part’s names, then every name before any passage is classified, then everything', async () => {
    const { doc } = longPage();
    let session: PageSession | null = null;
    const steps = recordSteps(() => session);
    const requests: number[] = [];
    session = new PageSession(doc, structuredClone(DEFAULT_SETTINGS), deps(async (text) => {
      requests.push(text.length);
      return detect(text);
    }));
    await session.start();
    await until(() => steps.some((s) => s.mark === PERF_MARKS_COMPLETE), 'the whole pipeline');
    // Two requests: the first part, then the whole text.
    expect(requests).toHaveLength(2);
    expect(requests[0]).toBeLessThan(requests[1]);
    const at = (mark: string) => steps.find((s) => s.mark === mark)!;
    const shown = at(PERF_MARKS_SHOWN);
    const every = at(PERF_ENTITIES_COMPLETE);
    const complete = at(PERF_MARKS_COMPLETE);
    expect(steps.map((s) => s.mark).filter((m) => m.startsWith('backstory:'))).toEqual([PERF_MARKS_SHOWN, PERF_ENTITIES_COMPLETE, PERF_MARKS_COMPLETE]);
    expect(shown.names).toBeGreaterThan(0);
    expect(every.names).toBeGreaterThan(shown.names);
    // Every name came before any passage was classified.
    expect(every.passages).toBe(0);
    expect(complete.names).toBe(every.names);
    expect(complete.passages).toBeGreaterThan(0);
    session.destroy();
  });

  it('classifies nothing while the whole text’s answer is on its way, then paints every name, then the passages', async () => {
    const { doc } = longPage();
    let session: PageSession | null = null;
    const steps = recordSteps(() => session);
    let release: (() => void) | null = null;
    let calls = 0;
    session = new PageSession(doc, structuredClone(DEFAULT_SETTINGS), deps(async (text) => {
      // The second request, the whole text's, waits for the test.
      if (++calls === 2) await new Promise<void>((r) => (release = r));
      return detect(text);
    }));
    const classify = vi.spyOn(PageSession.prototype as unknown as { classifyChunks: (...a: unknown[]) => unknown }, 'classifyChunks');
    const started = session.start();
    const passagesNow = () => {
      const c = session!.summary().counts;
      return c.opinion + c.reported + c.fact + c.other;
    };
    await until(() => release !== null && steps.length > 0, 'the first part’s names');
    // Long enough for the first part's chunks to be classified, were they classified now.
    await new Promise((r) => setTimeout(r, 400));
    expect(steps.map((s) => s.mark)).toEqual([PERF_MARKS_SHOWN]);
    expect(classify).not.toHaveBeenCalled();
    expect(passagesNow()).toBe(0);
    release!();
    await until(() => steps.some((s) => s.mark === PERF_MARKS_COMPLETE), 'the whole pipeline');
    expect(steps.map((s) => s.mark)).toEqual([PERF_MARKS_SHOWN, PERF_ENTITIES_COMPLETE, PERF_MARKS_COMPLETE]);
    const [shown, every, complete] = steps;
    expect(every.names).toBeGreaterThan(shown.names);
    expect(every.passages).toBe(0);
    expect(complete.passages).toBeGreaterThan(0);
    // The first part's chunks, then every chunk (the first part's kept).
    expect(classify).toHaveBeenCalledTimes(2);
    await started;
    session.destroy();
  });

  it('paints the first passages and the last in tasks of their own, after the tasks that classified them', async () => {
    const { doc } = longPage();
    const task = numberTasks();
    const classified: number[] = [];
    const proto = PageSession.prototype as unknown as { classifyChunks: (...a: unknown[]) => Promise<unknown>; adopt: (...a: unknown[]) => void };
    const classify = proto.classifyChunks;
    vi.spyOn(proto, 'classifyChunks').mockImplementation(function (this: PageSession, ...a: unknown[]) {
      return classify.apply(this, a).then((r) => {
        classified.push(task());
        return r;
      });
    });
    const adopted: number[] = [];
    const adopt = proto.adopt;
    vi.spyOn(proto, 'adopt').mockImplementation(function (this: PageSession, ...a: unknown[]) {
      adopted.push(task());
      return adopt.apply(this, a);
    });
    let session: PageSession | null = null;
    const steps = recordSteps(() => session);
    session = new PageSession(doc, structuredClone(DEFAULT_SETTINGS), deps(async (text) => detect(text)));
    await session.start();
    await until(() => steps.some((s) => s.mark === PERF_MARKS_COMPLETE), 'the whole pipeline');
    expect(classified).toHaveLength(2);
    // The first part's names, every name, the first part's passages, every passage.
    expect(adopted).toHaveLength(4);
    expect(adopted[2]).toBeGreaterThan(classified[0]);
    expect(adopted[3]).toBeGreaterThan(classified[1]);
    session.destroy();
  });

  it('reads a long page’s text in slices, with the page’s turns between them', async () => {
    const { doc } = longPage();
    const task = numberTasks();
    // While the text is read, each look at the clock finds 5 ms gone: a slice's budget runs out every other step.
    const proto = PageSession.prototype as unknown as { readText: (...a: unknown[]) => Promise<unknown> };
    const readText = proto.readText;
    const spans: { first: number; last: number; text: number }[] = [];
    vi.spyOn(proto, 'readText').mockImplementation(async function (this: PageSession, ...a: unknown[]) {
      let now = 0;
      const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 5));
      const first = task();
      try {
        const map = (await readText.apply(this, a)) as { text: string } | null;
        spans.push({ first, last: task(), text: map?.text.length ?? 0 });
        return map;
      } finally {
        clock.mockRestore();
      }
    });
    let session: PageSession | null = null;
    const steps = recordSteps(() => session);
    session = new PageSession(doc, structuredClone(DEFAULT_SETTINGS), deps(async (text) => detect(text)));
    await session.start();
    await until(() => steps.some((s) => s.mark === PERF_MARKS_COMPLETE), 'the whole pipeline');
    expect(spans).toHaveLength(1);
    expect(spans[0].text).toBeGreaterThan(body.length);
    // 24 copies of the article are over 1,280 nodes (five steps of TEXT_MAP_STEP_NODES, 256): a turn after every other step.
    expect(spans[0].last - spans[0].first).toBeGreaterThanOrEqual(2);
    session.destroy();
  });

  it('when the whole text’s detection fails, the read throws and nothing of it paints once the session is taken down', async () => {
    const { doc } = longPage();
    let calls = 0;
    let session: PageSession | null = null;
    const steps = recordSteps(() => session);
    // Every analysis the session adopts (paints), and whether the session was down by then.
    let down = false;
    const adopted: boolean[] = [];
    const adopt = (PageSession.prototype as unknown as { adopt: (...a: unknown[]) => void }).adopt;
    vi.spyOn(PageSession.prototype as unknown as { adopt: (...a: unknown[]) => void }, 'adopt').mockImplementation(function (this: PageSession, ...a: unknown[]) {
      adopted.push(down);
      return adopt.apply(this, a);
    });
    session = new PageSession(doc, structuredClone(DEFAULT_SETTINGS), deps(async (text) => {
      if (++calls === 2) throw new Error('the background sent no valid answer');
      return detect(text);
    }));
    await expect(session.start()).rejects.toThrow('no valid answer');
    // What the content script does on a failed read.
    session.destroy();
    down = true;
    await new Promise((r) => setTimeout(r, 500));
    expect(steps.map((s) => s.mark)).toEqual([PERF_MARKS_SHOWN]);
    // The first part's names only: no passage is classified before every name has come.
    expect(adopted).toEqual([false]);
  });
  it('a read superseded while its text is still on its way ends quietly, and the newer read marks the page', async () => {
    const { doc } = longPage();
    let session: PageSession | null = null;
    const steps = recordSteps(() => session);
    let calls = 0;
    session = new PageSession(doc, structuredClone(DEFAULT_SETTINGS), deps((text, _blocks, isCurrent) => {
      // The first read's two requests stop with an error once it is superseded, as a transfer in parts does.
      if (++calls <= 2)
        return new Promise((_resolve, reject) => {
          const poll = setInterval(() => {
            if (isCurrent && !isCurrent()) {
              clearInterval(poll);
              reject(new Error('the read that asked was superseded'));
            }
          }, 5);
        });
      return Promise.resolve(detect(text));
    }));
    const started = session.start();
    session.scheduleRefresh();
    await expect(started).resolves.toBeUndefined();
    await until(() => steps.some((s) => s.mark === PERF_MARKS_COMPLETE), 'the newer read');
    expect(calls).toBe(4);
    session.destroy();
  });
});
