/**
 * Paints marks with CSS Custom Highlights: the page's text nodes are never wrapped or split, and
 * only Backstory's own names in the registry are ever touched.
 */
import type { EntityType, PassageLabel } from '../core/types';

export const HIGHLIGHT_NAMES = {
  person: 'backstory-person',
  place: 'backstory-place',
  organization: 'backstory-organization',
  event: 'backstory-event',
  term: 'backstory-term',
  opinion: 'backstory-opinion',
  reported: 'backstory-reported',
} as const satisfies Record<EntityType | Exclude<PassageLabel, 'fact' | 'other'>, string>;

export type HighlightKey = keyof typeof HIGHLIGHT_NAMES;

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/** Owns Backstory's entries in `CSS.highlights`. */
export class Highlighter {
  /** Each name's registered Highlight, with the ranges it was given (Firefox gives a content script no iteration of a Highlight). */
  private readonly owned = new Map<HighlightKey, { highlight: Highlight; ranges: readonly AbstractRange[] }>();

  /** Replaces the ranges of one highlight name; an empty list removes the name. */
  set(key: HighlightKey, ranges: readonly AbstractRange[]): void {
    if (!highlightsSupported()) return;
    const name = HIGHLIGHT_NAMES[key];
    if (!ranges.length) {
      if (this.owned.delete(key)) CSS.highlights.delete(name);
      return;
    }
    // The same ranges again (a paint that changed only other kinds), still registered: registering
    // them anew would have the browser recompute every one of them for the next frame.
    const held = this.owned.get(key);
    if (held && CSS.highlights.get(name) === held.highlight && held.ranges.length === ranges.length && held.ranges.every((r, i) => r === ranges[i])) return;
    const highlight = new Highlight(...ranges);
    // Passages sit under entity marks.
    highlight.priority = key === 'opinion' || key === 'reported' ? 0 : 1;
    this.owned.set(key, { highlight, ranges: [...ranges] });
    CSS.highlights.set(name, highlight);
  }

  /** Removes every highlight this instance registered, and nothing else. */
  clear(): void {
    if (!highlightsSupported()) return;
    for (const [key, { highlight }] of this.owned) {
      const name = HIGHLIGHT_NAMES[key];
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    }
    this.owned.clear();
  }
}
