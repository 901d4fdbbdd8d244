/**
 * How the content script gives the page its turns (adapters/schedule.ts). Classification's turns
 * must let queued tasks in, a detection's answer among them: a `scheduler.yield()` continuation
 * runs before them in Chromium, a `postTask` at the page's normal priority after them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterOtherWork, afterQueuedTasks, documentIdle, yieldToPage } from '../../adapters/schedule';
import { DOCUMENT_IDLE_FRAME_WAIT_MS, DOCUMENT_IDLE_LOAD_WAIT_MS, DOCUMENT_PARSED_POLL_MS } from '../../core/constants';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('turns given to the page', () => {
  it('each kind of turn asks the scheduler for its own priority', async () => {
    const calls: string[] = [];
    vi.stubGlobal('scheduler', {
      yield: async () => void calls.push('yield'),
      postTask: async (cb: () => void, options?: { priority?: string }) => {
        calls.push(`postTask ${options?.priority}`);
        cb();
      },
    });
    await yieldToPage();
    await afterQueuedTasks();
    await afterOtherWork();
    expect(calls).toEqual(['yield', 'postTask user-visible', 'postTask background']);
  });

  it('without a scheduler, a task queued before the turn runs first', async () => {
    vi.stubGlobal('scheduler', undefined);
    const order: string[] = [];
    setTimeout(() => order.push('queued task'), 0);
    await afterQueuedTasks();
    order.push('after the turn');
    expect(order).toEqual(['queued task', 'after the turn']);
  });
});

/** A document as documentIdle sees it: its ready state, its events, and its window's frames. */
function fakeDocument(readyState: DocumentReadyState) {
  const docListeners = new Map<string, () => void>();
  const winListeners = new Map<string, () => void>();
  const frames: (() => void)[] = [];
  const win = {
    addEventListener: (type: string, fn: () => void) => void winListeners.set(type, fn),
    removeEventListener: (type: string) => void winListeners.delete(type),
    requestAnimationFrame: (fn: () => void) => frames.push(fn),
  };
  const doc = {
    readyState,
    defaultView: win,
    addEventListener: (type: string, fn: () => void) => void docListeners.set(type, fn),
    removeEventListener: (type: string) => void docListeners.delete(type),
  };
  return {
    doc: doc as unknown as Document,
    parsed: (event = true) => {
      doc.readyState = 'interactive';
      if (event) docListeners.get('DOMContentLoaded')?.();
    },
    loaded: () => {
      doc.readyState = 'complete';
      winListeners.get('load')?.();
    },
    frame: () => frames.splice(0).forEach((fn) => fn()),
    listensForLoad: () => winListeners.has('load'),
  };
}

/** documentIdle started on a fake document in `readyState`, with fake timers: the page, and whether it has resolved. */
function waitForIdle(readyState: DocumentReadyState) {
  vi.useFakeTimers();
  const page = fakeDocument(readyState);
  let resolved = false;
  void documentIdle(page.doc).then(() => (resolved = true));
  return { page, idle: () => resolved };
}

describe('document idle: when the session starts reading a page it was loaded into as the document started', () => {
  it('waits for the document to be parsed, then loaded, then one frame painted', async () => {
    const { page, idle } = waitForIdle('loading');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(idle(), 'idle before the document was parsed').toBe(false);
    page.parsed();
    await vi.advanceTimersByTimeAsync(DOCUMENT_IDLE_LOAD_WAIT_MS / 2);
    expect(idle(), 'idle before the load event and before the wait for it ran out').toBe(false);
    page.loaded();
    await vi.advanceTimersByTimeAsync(0);
    expect(page.listensForLoad(), 'the load listener is left behind').toBe(false);
    expect(idle(), 'idle before a frame').toBe(false);
    page.frame();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle()).toBe(true);
  });

  it('does not wait for a load event that is late, nor for a frame a hidden tab never paints', async () => {
    const { page, idle } = waitForIdle('interactive');
    await vi.advanceTimersByTimeAsync(DOCUMENT_IDLE_LOAD_WAIT_MS - 1);
    expect(idle()).toBe(false);
    await vi.advanceTimersByTimeAsync(DOCUMENT_IDLE_FRAME_WAIT_MS);
    expect(idle()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(idle()).toBe(true);
    expect(page.listensForLoad()).toBe(false);
  });

  it('does not wait for ever when the page keeps DOMContentLoaded from it: it sees the ready state change', async () => {
    const { page, idle } = waitForIdle('loading');
    page.parsed(false);
    page.loaded();
    await vi.advanceTimersByTimeAsync(DOCUMENT_PARSED_POLL_MS);
    page.frame();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle()).toBe(true);
  });

  it('a loaded document is idle after its next frame', async () => {
    const { page, idle } = waitForIdle('complete');
    await vi.advanceTimersByTimeAsync(0);
    expect(idle()).toBe(false);
    page.frame();
    await vi.advanceTimersByTimeAsync(0);
    expect(idle()).toBe(true);
  });
});
