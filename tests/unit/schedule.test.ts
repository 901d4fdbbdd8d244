/**
 * How the content script gives the page its turns (adapters/schedule.ts). Classification's turns
 * must let queued tasks in, a detection's answer among them: a `scheduler.yield()` continuation
 * runs before them in Chromium, a `postTask` at the page's normal priority after them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterOtherWork, afterQueuedTasks, yieldToPage } from '../../adapters/schedule';

afterEach(() => {
  vi.unstubAllGlobals();
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
