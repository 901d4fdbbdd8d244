/**
 * The hostile pages of the reliability tests (tests/e2e/suites/hostile.ts) are made from the sample
 * article by tests/fixtures/hostile-pages.ts: the files on disk must be what it makes.
 */
import { describe, expect, it } from 'vitest';
import { staleHostilePages } from '../fixtures/hostile-pages';

describe('hostile pages', () => {
  it('are up to date with article.txt and hostile-pages.ts (npx tsx tests/fixtures/hostile-pages.ts)', () => {
    expect(staleHostilePages()).toEqual([]);
  });
});
