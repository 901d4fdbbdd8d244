/**
 * Where the spans of a text stand after the page changed it: a live "Updated 5 min ago" line, a
 * counter, a paragraph rewritten. The change is taken as one edit between the longest common
 * start and end of the two texts; a span before it keeps its place, a span after it moves by the
 * change in length, and a span the edit touched has no place (null).
 */
export interface TextEdit {
  /** The span `[start, end)` of the old text in the new one, or null where the edit touched it. */
  map(start: number, end: number): [number, number] | null;
  /** How many characters of the old text the edit replaced, and with how many. */
  readonly removed: number;
  readonly inserted: number;
}

export function textEdit(before: string, after: string): TextEdit {
  const shortest = Math.min(before.length, after.length);
  let head = 0;
  while (head < shortest && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shortest - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const editEnd = before.length - tail;
  const shift = after.length - before.length;
  return {
    map: (start, end) => (end <= head ? [start, end] : start >= editEnd ? [start + shift, end + shift] : null),
    removed: editEnd - head,
    inserted: after.length - tail - head,
  };
}
