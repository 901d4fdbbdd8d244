/**
 * The article's context for choosing between pages of the same name. These words stay in the
 * browser: the content script gives them to the background, which scores Wikipedia's
 * candidates with them; they are never part of a request.
 */
import type { Mention, Passage } from '../types';
import { LOOKUP_MAX_CONTEXT_WORDS } from '../constants';

const STOP = new Set(
  'the a an and or but of in on at to for from by with as is are was were be been being it its this that these those he she they them his her their we our you your not no said says told would could should will can may might also than then there here who whom which what when where why how all any some more most other into over after before about against between during without within under while just only very one two three new last next year years week day time mr mrs ms dr'.split(
    ' ',
  ),
);

/** Lower-case content words of a text, in order, without duplicates or stop words. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const w of text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u)) {
    if (w.length < 3 || STOP.has(w) || /^\d+$/.test(w) || seen.has(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}

/**
 * Context words for a look-up of `m`: the words of its sentence, then the names of the article's
 * best-known entities (those of the embedded knowledge base, most mentioned first), without the
 * name itself. At most LOOKUP_MAX_CONTEXT_WORDS.
 */
export function lookupContext(m: Mention, mentions: readonly Mention[], passages: readonly Passage[]): string[] {
  const own = new Set(contentWords(m.entity));
  const sentence = passages.find((p) => p.start <= m.start && m.end <= p.end)?.text ?? '';
  const counts = new Map<string, number>();
  for (const x of mentions) if (x.id && x.entity !== m.entity) counts.set(x.entity, (counts.get(x.entity) ?? 0) + 1);
  const names = [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const words: string[] = [];
  const seen = new Set<string>();
  for (const w of [...contentWords(sentence), ...names.flatMap(contentWords)]) {
    if (own.has(w) || seen.has(w)) continue;
    seen.add(w);
    words.push(w);
    if (words.length >= LOOKUP_MAX_CONTEXT_WORDS) break;
  }
  return words;
}
