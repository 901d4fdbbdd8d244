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
