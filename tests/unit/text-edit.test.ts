import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textEdit } from '../../core/text/edit';

describe('textEdit', () => {
  it('keeps spans before a ticker’s change, moves those after it, and loses the ones it touched', () => {
    const before = 'VERDICT Updated 9 min ago. Trump was found guilty. Bragg spoke.';
    const after = 'VERDICT Updated 10 min ago. Trump was found guilty. Bragg spoke.';
    const edit = textEdit(before, after);
    expect(edit.map(0, 7)).toEqual([0, 7]);
    const trump = before.indexOf('Trump');
    expect(edit.map(trump, trump + 5)).toEqual([trump + 1, trump + 6]);
    expect(after.slice(...edit.map(trump, trump + 5)!)).toBe('Trump');
    expect(edit.map(8, 26)).toBeNull();
    expect([edit.removed, edit.inserted]).toEqual([1, 2]);
  });

  it('maps every span outside the edit to the same characters in the new text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), fc.nat(), fc.nat(), (a, mid, mid2, b, x, y) => {
        const before = a + mid + b;
        const after = a + mid2 + b;
        const edit = textEdit(before, after);
        const start = Math.min(x, y) % (before.length + 1);
        const end = Math.max(start, Math.max(x, y) % (before.length + 1));
        const mapped = edit.map(start, end);
        if (mapped) expect(after.slice(mapped[0], mapped[1])).toBe(before.slice(start, end));
        // A span wholly in the common start always has a place (the end is shared with the edit where the two overlap).
        if (end <= a.length) expect(mapped).not.toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('sees no edit between equal texts', () => {
    const edit = textEdit('same text', 'same text');
    expect([edit.removed, edit.inserted]).toEqual([0, 0]);
    expect(edit.map(0, 9)).toEqual([0, 9]);
  });
});
