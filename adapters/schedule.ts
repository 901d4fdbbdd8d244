/** Giving the main thread back to the page between slices of work. */
import type { Steps } from '../core/steps';

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
