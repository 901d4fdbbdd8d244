/**
 * The marks' styles (entrypoints/content/highlights.css): every highlight name has one; no two
 * kinds share a line (the marks must not rely on colour alone); and no line reaches further below
 * the text than MAX_DEPTH_PX, or on a tightly set page it runs into the letters of the next line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_NAMES } from '../../adapters/highlighter';

const css = readFileSync(join(import.meta.dirname, '..', '..', 'entrypoints', 'content', 'highlights.css'), 'utf8');
const MAX_DEPTH_PX = 7;

interface Mark {
  lines: string;
  style: string;
  thickness: number;
  offset: number;
}

function markOf(name: string): Mark | null {
  const rule = new RegExp(`::highlight\\(${name}\\)\\s*\\{([^}]*)\\}`).exec(css)?.[1];
  if (!rule) return null;
  const decoration = /text-decoration:\s*([^;]+);/.exec(rule)?.[1] ?? '';
  const lines = decoration.match(/\b(?:underline|overline|line-through)\b/g)?.join(' ') ?? '';
  const style = /\b(solid|double|dotted|dashed|wavy)\b/.exec(decoration)?.[1] ?? 'solid';
  const thickness = parseFloat(/([\d.]+)px\s*$/.exec(decoration.trim())?.[1] ?? 'NaN');
  const offset = parseFloat(/text-underline-offset:\s*([\d.]+)px/.exec(rule)?.[1] ?? '0');
  return { lines, style, thickness, offset };
}

describe('the marks’ styles', () => {
  const marks = Object.values(HIGHLIGHT_NAMES).map((name) => ({ name, mark: markOf(name) }));

  it('give every highlight name a line of its own', () => {
    for (const { name, mark } of marks) {
      expect(mark, `no rule for ${name}`).not.toBeNull();
      expect(mark!.lines, `${name} has no line`).toMatch(/underline/);
      // An overline lies just under the line above on a tightly set page, and reads as that line's mark.
      expect(mark!.lines, `${name} has an overline or a strike-through`).toBe('underline');
      expect(mark!.thickness, `${name}'s line has no thickness`).toBeGreaterThan(0);
    }
    const kinds = marks.map(({ mark }) => `${mark!.lines} ${mark!.style} ${mark!.thickness}`);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it(`keep every line within ${MAX_DEPTH_PX} px below the text`, () => {
    for (const { name, mark } of marks) {
      // A double line is two lines and the gap between them; a wavy one swings about three times its thickness.
      const depth = mark!.offset + mark!.thickness * (mark!.style === 'double' || mark!.style === 'wavy' ? 3 : 1);
      expect(depth, name).toBeLessThanOrEqual(MAX_DEPTH_PX);
    }
  });
});
