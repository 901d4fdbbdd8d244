/** Which text offset is under the pointer, through each browser's caret API. */
import { offsetAt, type TextMap } from './text-map';

interface CaretPoint {
  node: Node;
  offset: number;
}

export function caretAt(doc: Document, x: number, y: number): CaretPoint | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

/** True when (x, y) is inside one of the range's line boxes (the caret API snaps to the nearest text). */
export function rangeContainsPoint(range: Range, x: number, y: number, slop = 1): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - slop && x <= r.right + slop && y >= r.top - slop && y <= r.bottom + slop) return true;
  }
  return false;
}

/** The text offset under the pointer, or -1. */
export function textOffsetAt(doc: Document, map: TextMap, x: number, y: number): number {
  const caret = caretAt(doc, x, y);
  if (!caret) return -1;
  return offsetAt(map, caret.node, caret.offset);
}
