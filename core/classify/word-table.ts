/**
 * A word list stored as lines of words under each score (a compact, greppable form for the
 * generated tables, valence.ts and strength.ts), read into a map on first use: the content script
 * loads these modules on every page, and most pages are never classified.
 */
export function wordTable(byScore: Readonly<Record<string, string>>): () => ReadonlyMap<string, number> {
  let table: ReadonlyMap<string, number> | null = null;
  return () =>
    (table ??= new Map(Object.entries(byScore).flatMap(([score, words]) => words.split(/\s+/).filter(Boolean).map((w) => [w, Number(score)] as const))));
}
