/** Looking up the structural block that holds a text offset. */
import type { Block } from '../types';

/** The block whose [start, end) holds `pos`, in blocks sorted by start; binary search. */
export function blockAt(blocks: readonly Block[], pos: number): Block | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Nested blocks: step back while an earlier block still spans pos.
  for (let i = found; i >= 0 && i > found - 4; i--) if (pos < blocks[i].end) return blocks[i];
  return undefined;
}

/**
 * Without block structure: whether the line holding [start, end) reads like a headline (short,
 * no closing punctuation), as in plain-text input where headings are lines of their own.
 */
export function onHeadlineLine(text: string, start: number, end: number, maxChars: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).trim();
  return line.length < maxChars && !/[.!"']$/.test(line);
}
