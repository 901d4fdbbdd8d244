/**
 * Curated packs for known articles: who first published it and when, corrected labels and extra
 * context, matched by fingerprint so a pack follows its article to every site that republishes it.
 */
import * as v from 'valibot';
import type { Passage } from '../types';
import { foldChar, foldText } from '../text/chars';
import { containment, fingerprint, fingerprintSet } from './fingerprint';

/** At least this share of a known article's fingerprint must be on the page. */
export const PACK_MATCH_THRESHOLD = 0.5;

const Plain = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max), v.check((s) => !/[<>]/.test(s), 'must be plain text'));

export const PackSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)),
  title: Plain(300),
  publisher: Plain(120),
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  firstPublished: v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)),
  /** Why the date is what it is, when it was inferred. */
  dateNote: v.optional(Plain(300)),
  /** The text file of the article, beside the pack. */
  textFile: v.pipe(v.string(), v.regex(/^[a-z0-9-]+\.txt$/)),
  corrections: v.optional(
    v.array(
      v.strictObject({
        /** The start of the passage, as written (quotes folded when compared). */
        startsWith: Plain(200),
        label: v.picklist(['opinion', 'reported', 'fact', 'other']),
        source: v.optional(v.nullable(Plain(120))),
        sourceId: v.optional(v.string()),
        why: Plain(300),
      }),
    ),
  ),
  /** Extra context a reader of this article needs, each with its source. */
  context: v.optional(
    v.array(
      v.strictObject({
        text: Plain(600),
        source: v.strictObject({ title: Plain(200), url: v.pipe(v.string(), v.url(), v.startsWith('https://')) }),
      }),
    ),
  ),
});
export type PackSource = v.InferOutput<typeof PackSchema>;

/** What ships: the pack and its fingerprint (the article's text stays out of the bundle). */
export type ArticlePack = Omit<PackSource, 'textFile'> & { fingerprint: number[] };

export function compilePack(source: PackSource, text: string): ArticlePack {
  const { textFile: _text, ...rest } = source;
  return { ...rest, fingerprint: fingerprint(text) };
}

/** The pack whose article this text carries, if any. */
export function matchPack(text: string, packs: readonly ArticlePack[]): ArticlePack | null {
  if (!packs.length) return null;
  const page = fingerprintSet(text);
  let best: ArticlePack | null = null;
  let bestScore = PACK_MATCH_THRESHOLD;
  for (const p of packs) {
    const score = containment(p.fingerprint, page);
    if (score >= bestScore) [best, bestScore] = [p, score];
  }
  return best;
}

const key = (s: string) => foldText(s).replace(/\s+/g, ' ').trim();

const isSpace = (c: string) => /\s/.test(c);

/**
 * Whether `key(text)` starts with `start` (itself a key), reading the text from its start only as
 * far as they agree: a long article has thousands of passages, most of which differ from every
 * correction at their first letter, and keying each whole one took 30 ms on a 100,000-word page.
 */
export function keyStartsWith(text: string, start: string): boolean {
  let i = 0;
  while (i < text.length && isSpace(foldChar(text[i]))) i++;
  for (let j = 0; j < start.length; ) {
    if (i >= text.length) return false;
    const c = foldChar(text[i]);
    if (!isSpace(c)) {
      if (c !== start[j]) return false;
      i++;
      j++;
      continue;
    }
    // A run of white space is one space in a key (a key never ends with one).
    while (i < text.length && isSpace(foldChar(text[i]))) i++;
    if (start[j] !== ' ') return false;
    j++;
  }
  return true;
}

/** Applies the pack's curated labels to the passages they name. */
export function applyCorrections(passages: readonly Passage[], pack: Pick<ArticlePack, 'corrections'> | null): Passage[] {
  if (!pack?.corrections?.length) return [...passages];
  const corrections = pack.corrections.map((c) => ({ c, starts: key(c.startsWith) }));
  return passages.map((p) => {
    const c = corrections.find((x) => keyStartsWith(p.text, x.starts))?.c;
    if (!c) return p;
    const { sourceId: _old, ...rest } = p;
    return {
      ...rest,
      label: c.label,
      source: c.label === 'reported' ? (c.source ?? p.source) : null,
      ...(c.label === 'reported' && (c.sourceId ?? p.sourceId) ? { sourceId: c.sourceId ?? p.sourceId } : {}),
      cues: [...p.cues, `curated: ${c.why}`],
    };
  });
}
