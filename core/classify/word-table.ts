/**
 * A word list stored as lines of words under each score (a compact form for the generated tables,
 * valence.ts and strength.ts), read into a map on first use: the content script loads these
 * modules on every page, and most pages are never classified.
 *
 * The words under a score are sorted and front-coded: a word that starts with a digit k (2 to
 * FRONT_CODED_MAX) shares its first k letters with the word before it, "abandon 7ed 7s" for
 * "abandon abandoned abandons". It saves a quarter of the tables' gzipped size in the content script.
 */
export const FRONT_CODED_MAX = 9;

export function wordTable(byScore: Readonly<Record<string, string>>): () => ReadonlyMap<string, number> {
  let table: ReadonlyMap<string, number> | null = null;
  return () => (table ??= new Map(Object.entries(byScore).flatMap(([score, words]) => frontDecoded(words).map((w) => [w, Number(score)] as const))));
}

/** A word as the tables store it after `previous` (the generator's side): "abandoned" after "abandon" is "7ed". */
export function frontCoded(word: string, previous: string): string {
  let shared = 0;
  while (shared < Math.min(word.length - 1, previous.length, FRONT_CODED_MAX) && word[shared] === previous[shared]) shared++;
  return shared >= 2 ? `${shared}${word.slice(shared)}` : word;
}

/** The words of a front-coded list, in order. */
export function frontDecoded(list: string): string[] {
  const words: string[] = [];
  let previous = '';
  for (const token of list.split(/\s+/)) {
    if (!token) continue;
    const shared = token.charCodeAt(0) - 48;
    previous = shared >= 2 && shared <= FRONT_CODED_MAX ? previous.slice(0, shared) + token.slice(1) : token;
    words.push(previous);
  }
  return words;
}
