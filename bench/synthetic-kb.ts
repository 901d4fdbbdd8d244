/**
 * Knowledge bases of a chosen size for the scaling figure: a slice of the real knowledge base
 * (about 1,000 aliases, entities the article names first) and the same slice padded with
 * synthetic entries up to about 100,000 aliases. The synthetic aliases are made to cost what real
 * ones would: multi-word aliases start with first words drawn from the real knowledge base's own
 * first-word distribution ("United ...", "President ...", "war ..."), so the words the detector
 * looks up in an article get 100x more candidates; the rest of each alias is invented, so the
 * padding adds work without adding matches (the detector's answer on the article stays the same).
 */
import type { KbEntry } from '../core/kb/schema';
import { rng } from './pages';

/** Alias rules an entry adds to the index (name, aliases, short forms), as buildIndex counts them. */
export function aliasCount(e: KbEntry): number {
  const names = new Set([e.name, ...(e.aliases ?? [])]);
  return names.size + (e.shortForms ?? []).filter((s) => !names.has(s)).length;
}

/** Real entries, those in `prefer` (the ones an article names) first, until about `aliases` aliases. */
export function realSlice(entries: readonly KbEntry[], aliases: number, prefer: ReadonlySet<string> = new Set()): KbEntry[] {
  const ordered = [...entries.filter((e) => prefer.has(e.id)), ...entries.filter((e) => !prefer.has(e.id))];
  const out: KbEntry[] = [];
  let n = 0;
  for (const e of ordered) {
    if (n >= aliases) break;
    out.push(e);
    n += aliasCount(e);
  }
  return out;
}

const SYLLABLES = ['ka', 'zor', 'vel', 'min', 'dra', 'qui', 'ost', 'lem', 'bar', 'tov', 'ish', 'ulm', 'rek', 'nau', 'pry', 'xan', 'sef', 'gol', 'wyn', 'tza'];

/**
 * Pads `base` with synthetic entries until it holds about `aliases` aliases in all. Invented words
 * have three or four syllables, capitalised like names, and never occur in English prose.
 */
export function syntheticKb(base: readonly KbEntry[], real: readonly KbEntry[], aliases: number, seed = 11): KbEntry[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const invented = () => {
    const n = 3 + Math.floor(r() * 2);
    let w = '';
    for (let i = 0; i < n; i++) w += pick(SYLLABLES);
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  // First words of the real multi-word aliases, with their frequency.
  const firstWords: string[] = [];
  for (const e of real)
    for (const a of [e.name, ...(e.aliases ?? []), ...(e.shortForms ?? [])]) {
      const words = a.trim().split(/\s+/);
      if (words.length > 1) firstWords.push(words[0]);
    }
  const types = ['person', 'place', 'organization', 'event', 'term'] as const;
  const out = [...base];
  let n = base.reduce((s, e) => s + aliasCount(e), 0);
  for (let i = 0; n < aliases; i++) {
    const type = pick(types);
    const multi = () => {
      const first = pick(firstWords);
      const rest = Array.from({ length: 1 + Math.floor(r() * 2) }, invented).join(' ');
      return `${first} ${first === first.toLowerCase() ? rest.toLowerCase() : rest}`;
    };
    const name = r() < 0.7 ? multi() : `${invented()} ${invented()}`;
    const aliasesOf = Array.from({ length: Math.floor(r() * 3) }, () => (r() < 0.6 ? multi() : invented()));
    const short = r() < 0.4 ? [invented()] : [];
    const e: KbEntry = {
      id: `${type}/synthetic-${i}`,
      type,
      name,
      ...(aliasesOf.length ? { aliases: aliasesOf } : {}),
      ...(short.length ? { shortForms: short } : {}),
      description: 'Synthetic entry for the benchmark',
    } as KbEntry;
    out.push(e);
    n += aliasCount(e);
  }
  return out;
}
