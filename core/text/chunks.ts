/** Cuts article text into chunks at block boundaries, so long pages can be worked through in slices. */
import type { Block, Mention } from '../types';
import { MAX_MENTION_CHARS } from '../constants';
import { isHighSurrogateAt, isSpaceAt } from './chars';

export interface Chunk {
  start: number;
  end: number;
  blocks: Block[];
  mentions: Mention[];
}

/**
 * Chunks of at most about `maxChars` (a block longer than that is its own chunk), each with the
 * blocks and mentions that fall in it, offsets still indexing the whole text.
 */
export function chunkText(text: string, blocks: readonly Block[], mentions: readonly Mention[], maxChars: number): Chunk[] {
  return withMentions(cutText(text, blocks, maxChars), mentions);
}

/**
 * The chunks' bounds and blocks, without mentions: they depend only on the text and its blocks,
 * so a reader of the page cuts once and gives each detection's mentions to the same chunks.
 */
export function cutText(text: string, blocks: readonly Block[], maxChars: number): Chunk[] {
  const cuts: number[] = [];
  let chunkStart = 0;
  if (blocks.length) {
    for (const b of blocks) {
      if (b.start - chunkStart > maxChars && b.start > chunkStart) {
        cuts.push(b.start);
        chunkStart = b.start;
      }
    }
  } else {
    // No block structure: cut at blank lines.
    const re = /\n\s*\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = m.index + m[0].length;
      if (at - chunkStart > maxChars) {
        cuts.push(at);
        chunkStart = at;
      }
    }
  }
  const bounds = [0, ...cuts, text.length];
  const chunks: Chunk[] = [];
  let bi = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    const cb: Block[] = [];
    while (bi < blocks.length && blocks[bi].start < end) cb.push(blocks[bi++]);
    chunks.push({ start, end, blocks: cb, mentions: [] });
  }
  return chunks;
}

/** The same chunks, each with the mentions (sorted by start) that start in it. */
export function withMentions(chunks: readonly Chunk[], mentions: readonly Mention[]): Chunk[] {
  let mi = 0;
  return chunks.map((c) => {
    const cm: Mention[] = [];
    while (mi < mentions.length && mentions[mi].start < c.end) cm.push(mentions[mi++]);
    return { ...c, mentions: cm };
  });
}

/**
 * The part of a text that is analysed: all of it, or, beyond `maxChars`, the blocks that end
 * within it. When the first block alone is longer, it is cut at white space just before
 * `maxChars` (without any there, at `maxChars`, never inside a surrogate pair).
 */
export function analysedPart(text: string, blocks: Block[], maxChars: number): { text: string; blocks: Block[] } {
  if (text.length <= maxChars) return { text, blocks };
  let kept = 0;
  while (kept < blocks.length && blocks[kept].end <= maxChars) kept++;
  if (kept) return { text: text.slice(0, blocks[kept - 1].end), blocks: blocks.slice(0, kept) };
  // Back to white space within a name's length; a text without any is cut at the limit.
  const floor = Math.max(0, maxChars - MAX_MENTION_CHARS);
  let end = maxChars;
  while (end > floor && !isSpaceAt(text, end)) end--;
  if (end === floor) end = maxChars - (isHighSurrogateAt(text, maxChars - 1) ? 1 : 0);
  const first = blocks[0];
  return { text: text.slice(0, end), blocks: first && first.start < end ? [{ ...first, end }] : [] };
}

/** A chunk read with some of the text before it: the reading starts at `start`, the chunk's own passages at `own`. */
export interface Reading extends Chunk {
  own: number;
}

/**
 * Each chunk as it is read: from the first block of the chunk before that starts within
 * `contextChars` of its start, so that "she said" after a cut still finds the person the text
 * before names, as in the whole text read at once. The blocks and mentions of that context come
 * with it; a chunk without blocks before it is read alone.
 */
export function withContext(chunks: readonly Chunk[], contextChars: number): Reading[] {
  return chunks.map((chunk, i) => {
    const before = chunks[i - 1];
    const first = before ? before.blocks.findIndex((b) => b.start >= chunk.start - contextChars && b.start < chunk.start) : -1;
    if (!before || first < 0) return { ...chunk, own: chunk.start };
    const start = before.blocks[first]!.start;
    return {
      start,
      end: chunk.end,
      own: chunk.start,
      blocks: [...before.blocks.slice(first), ...chunk.blocks],
      mentions: [...before.mentions.filter((m) => m.start >= start), ...chunk.mentions],
    };
  });
}
