/**
 * The statements an article reports, each counted once: a pull quote in a box repeats words that a
 * paragraph quotes from the same speaker, and a reader who is told "Reported as saying 3 times"
 * expects three different things said.
 */
import type { Passage } from '../types';

/** A passage's words, lower case, without punctuation: the same words wherever the page repeats them. */
export const quoteWords = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Shorter repeats ("“No,”") may well be said twice. */
const REPEAT_MIN_CHARS = 20;

/**
 * The reported passages with a source, less each one whose words another passage of the same
 * source holds whole (the longer one stays; of two alike, the first), in the article's order.
 */
export function distinctStatements(passages: readonly Passage[]): Passage[] {
  const reported = passages.filter((p) => p.label === 'reported' && p.source);
  const bySource = new Map<string, { p: Passage; words: string }[]>();
  for (const p of reported) {
    const key = p.sourceId ?? p.source!;
    let group = bySource.get(key);
    if (!group) bySource.set(key, (group = []));
    group.push({ p, words: ` ${quoteWords(p.text)} ` });
  }
  const repeats = new Set<Passage>();
  for (const group of bySource.values()) {
    if (group.length < 2) continue;
    for (const [i, a] of group.entries()) {
      if (a.words.length - 2 < REPEAT_MIN_CHARS) continue;
      const heldBy = group.some((b, j) => j !== i && !repeats.has(b.p) && b.words.includes(a.words) && (b.words.length > a.words.length || j < i));
      if (heldBy) repeats.add(a.p);
    }
  }
  return reported.filter((p) => !repeats.has(p));
}

/**
 * Who is quoted and how often, the most quoted first: each distinct statement counts once for its
 * source, and for each of several named sources ("Joe Biden, Antony Blinken") where all of them are
 * entities the article names (`entities`). A source without an entity is a description or a name
 * the text gave: written with a capital at a sentence's start and without one elsewhere ("The
 * commission estimated", "the commission said"), it is one source, under its first spelling.
 */
export function quotedSources(passages: readonly Passage[], entities: ReadonlySet<string>): Array<{ source: string; count: number }> {
  const quoted = new Map<string, { source: string; count: number }>();
  for (const p of distinctStatements(passages)) {
    const parts = p.sourceId ? p.source!.split(', ') : [p.source!];
    const names = parts.every((n) => entities.has(n)) ? parts : [p.source!];
    for (const name of names) {
      const key = p.sourceId || entities.has(name) ? name : name[0]!.toLowerCase() + name.slice(1);
      const row = quoted.get(key) ?? { source: name, count: 0 };
      row.count++;
      quoted.set(key, row);
    }
  }
  return [...quoted.values()].sort((a, b) => b.count - a.count);
}
