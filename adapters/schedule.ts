/** Giving the main thread back to the page between slices of work. */
import type { Steps } from '../core/steps';
import { DOCUMENT_IDLE_FRAME_WAIT_MS, DOCUMENT_IDLE_LOAD_WAIT_MS, DOCUMENT_PARSED_POLL_MS } from '../core/constants';

interface SchedulerLike {
  yield?: () => Promise<void>;
  postTask?: (callback: () => void, options?: { priority?: 'user-blocking' | 'user-visible' | 'background' }) => Promise<void>;
}

/** Lets the page handle input and paint before the next slice runs. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A task of its own at `priority` (`setTimeout` where the browser has no `scheduler.postTask`). */
function taskAt(priority: 'user-visible' | 'background'): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined, { priority });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Waits for a task of its own, behind the page's other work: for work done ahead of need. A
 * `scheduler.yield()` continuation runs before other queued tasks (a message's answer among them);
 * a background task runs after them.
 */
export function afterOtherWork(): Promise<void> {
  return taskAt('background');
}

/**
 * Lets the page's queued tasks run first (a message's answer among them), then continues at the
 * page's normal priority: for long work that must not hold anything back. A `scheduler.yield()`
 * continuation would run before those tasks in Chromium.
 */
export function afterQueuedTasks(): Promise<void> {
  return taskAt('user-visible');
}

export interface SliceClock {
  due(): boolean;
  reset(): void;
}

/** A clock for slicing work: `due()` says the slice has run long enough to yield. */
export function sliceClock(sliceMs: number): SliceClock {
  let started = performance.now();
  return {
    due: () => performance.now() - started >= sliceMs,
    reset: () => {
      started = performance.now();
    },
  };
}

/**
 * Runs `steps` to their end, taking `turn` whenever `clock` says the slice has run its time (the
 * turn resets the clock); null when a turn says to stop (a newer read has taken over).
 */
export async function runSliced<T>(steps: Steps<T>, clock: SliceClock, turn: () => Promise<boolean>): Promise<T | null> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (clock.due() && !(await turn())) return null;
  }
}

/** Resolves at `target`'s first `type` event or after `ms`, whichever comes first; the other is then removed. */
function eventOrAfter(target: EventTarget, type: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      target.removeEventListener(type, done);
      resolve();
    }
    target.addEventListener(type, done);
  });
}

/**
 * Resolves once the document is parsed: at DOMContentLoaded, or at once when that has passed. The
 * ready state is also looked at every DOCUMENT_PARSED_POLL_MS: a page can keep the event from our
 * listener (stopping it on its way down from the window) or drop the listener (`document.open()`).
 */
async function documentParsed(doc: Document): Promise<void> {
  while (doc.readyState === 'loading') await eventOrAfter(doc, 'DOMContentLoaded', DOCUMENT_PARSED_POLL_MS);
}

/**
 * Resolves in a task after the page's next frame (its layout and paint); a hidden page has none,
 * so after `maxMs` (which a browser may stretch for a background tab, as it does its timers).
 */
function afterNextFrame(doc: Document, maxMs: number): Promise<void> {
  const win = doc.defaultView;
  if (!win) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    win.requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}

/**
 * The moment the browser's document_idle stands for: the document is parsed, loaded (or
 * DOCUMENT_IDLE_LOAD_WAIT_MS have passed since it was parsed), and its first frame is laid out and
 * painted, so that the page's own first layout is its task, not one of ours.
 */
export async function documentIdle(doc: Document = document): Promise<void> {
  await documentParsed(doc);
  if (doc.readyState !== 'complete' && doc.defaultView) await eventOrAfter(doc.defaultView, 'load', DOCUMENT_IDLE_LOAD_WAIT_MS);
  await afterNextFrame(doc, DOCUMENT_IDLE_FRAME_WAIT_MS);
}

const DOCUMENT_IDLE_KEY = Symbol.for('backstory.documentIdle');

/**
 * One `documentIdle()` wait for the content script and the session module it imports: both run in
 * the content script's world and share its global, so the session starts in the frame the
 * content script marked as the start, not one frame later.
 */
export function sharedDocumentIdle(): Promise<void> {
  const world = globalThis as { [DOCUMENT_IDLE_KEY]?: Promise<void> };
  return (world[DOCUMENT_IDLE_KEY] ??= documentIdle());
}
