/**
 * Work done in steps: a generator that yields between steps and returns its result. The page drives
 * such work in slices, giving the page its turns (adapters/schedule.ts, `runSliced`); Node, tests
 * and short texts run it at once.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to their end at once. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}
