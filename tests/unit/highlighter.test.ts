/**
 * The highlighter registers Backstory's CSS Custom Highlights. A paint that leaves a kind's ranges
 * as they were must leave its registration alone (a new Highlight has the browser recompute all
 * of its ranges); anything else, including a page that took the highlight away, registers anew.
 * Node has no CSS Highlight API: a minimal registry stands in for it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Highlighter, HIGHLIGHT_NAMES } from '../../adapters/highlighter';

class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

const registry = new Map<string, FakeHighlight>();
const range = (n: number) => ({ n }) as unknown as AbstractRange;

beforeEach(() => {
  registry.clear();
  Object.assign(globalThis, { Highlight: FakeHighlight, CSS: { highlights: registry } });
});
afterEach(() => {
  delete (globalThis as { Highlight?: unknown }).Highlight;
  delete (globalThis as { CSS?: unknown }).CSS;
});

describe('Highlighter', () => {
  it('keeps the registered highlight when the same ranges come again, and replaces it when they change', () => {
    const h = new Highlighter();
    const [a, b, c] = [range(1), range(2), range(3)];
    h.set('person', [a, b]);
    const first = registry.get(HIGHLIGHT_NAMES.person)!;
    expect([...first]).toEqual([a, b]);
    h.set('person', [a, b]);
    expect(registry.get(HIGHLIGHT_NAMES.person)).toBe(first);
    h.set('person', [a, c]);
    expect(registry.get(HIGHLIGHT_NAMES.person)).not.toBe(first);
    expect([...registry.get(HIGHLIGHT_NAMES.person)!]).toEqual([a, c]);
    // The same ranges in another order, or one more: a new list.
    const second = registry.get(HIGHLIGHT_NAMES.person)!;
    h.set('person', [c, a]);
    expect(registry.get(HIGHLIGHT_NAMES.person)).not.toBe(second);
    h.set('person', [c, a, b]);
    expect([...registry.get(HIGHLIGHT_NAMES.person)!]).toEqual([c, a, b]);
  });

  it('registers again what the page took away, and clears only its own names', () => {
    const h = new Highlighter();
    const a = range(1);
    h.set('opinion', [a]);
    registry.delete(HIGHLIGHT_NAMES.opinion);
    h.set('opinion', [a]);
    expect([...registry.get(HIGHLIGHT_NAMES.opinion)!]).toEqual([a]);
    expect(registry.get(HIGHLIGHT_NAMES.opinion)!.priority).toBe(0);
    const theirs = new FakeHighlight(range(9));
    registry.set('page-search', theirs);
    h.set('place', [range(2)]);
    h.clear();
    expect([...registry.keys()]).toEqual(['page-search']);
    h.set('opinion', []);
    expect(registry.has(HIGHLIGHT_NAMES.opinion)).toBe(false);
  });
});
