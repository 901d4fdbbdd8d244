/**
 * The knowledge base compiled for matching: every alias and short form keyed by its first word,
 * longest first, so that detection is one pass over the text with a Map look-up per word.
 */
import type { EntityType, Pronoun } from './entity-types';
import type { KbNames } from './schema';
import { foldText, isUpper } from '../text/chars';

/** What detection needs of an entry; cards fetch the full entry by id. */
export interface IndexedEntity {
  id: string;
  type: EntityType;
  name: string;
  /** Lower-cased context words that make this sense likelier. */
  context: string[];
  metonymOf?: string;
  /** Everyday vocabulary: detected only on request (`DetectOptions.everydayTerms`). */
  everyday?: true;
  /** A person's pronoun, where the knowledge base states it. */
  pronoun?: Pronoun;
  /** A person's short name for the margin (`personShortName`). */
  shortName?: string;
}

export interface AliasRule {
  /** The alias as written, folded (straight quotes). */
  form: string;
  /** Words of the alias, for matching across any run of white space. */
  words: string[];
  entity: number;
  /** `short`: a short form that needs the full name earlier or clear context. */
  kind: 'name' | 'short';
  /** Terms written in lower case may also start with a capital letter. */
  capitalisable: boolean;
}

export interface KbIndex {
  entities: IndexedEntity[];
  /** First word -> rules starting with it, longest first. */
  byFirstWord: Map<string, AliasRule[]>;
  /** Number of alias rules, for benchmarks and the popup. */
  size: number;
}

function splitWords(form: string): string[] {
  return form.split(/\s+/).filter(Boolean);
}

/** The key a rule is filed under: the run of letters and digits its first word starts with. */
export function wordKey(word: string): string {
  return /^[\p{L}\p{N}\p{M}]+/u.exec(word)?.[0] ?? word;
}

/**
 * What a margin calls a person when the article gives no shorter name: the first short form that is
 * part of the name ("Xi" of "Xi Jinping", "Wang" of "Wang Yi", "Le Pen", "bin Salman"), else the
 * name itself ("Le Duc Tho", "Kim Jong Un", "Pope Leo XIV"): the last word is not always the
 * surname, and a name the entry gives no short form of is not shortened.
 */
export function personShortName(e: Pick<KbNames, 'name' | 'shortForms'>): string {
  const words = ` ${e.name} `;
  return e.shortForms?.find((s) => s !== e.name && words.includes(` ${s} `)) ?? e.name;
}

export function buildIndex(entries: readonly KbNames[]): KbIndex {
  const entities: IndexedEntity[] = [];
  const byFirstWord = new Map<string, AliasRule[]>();
  let size = 0;
  const add = (raw: string, entity: number, kind: AliasRule['kind']) => {
    const form = foldText(raw.trim());
    const words = splitWords(form);
    if (!words.length) return;
    const first = words[0];
    const capitalisable = !isUpper(first[0]) && first[0] !== first[0].toUpperCase();
    const rule: AliasRule = { form, words, entity, kind, capitalisable };
    const key = wordKey(first);
    const keys = capitalisable ? [key, key[0].toUpperCase() + key.slice(1)] : [key];
    for (const key of keys) {
      const list = byFirstWord.get(key) ?? [];
      if (list.some((r) => r.form === form && r.entity === entity)) continue;
      list.push(rule);
      byFirstWord.set(key, list);
    }
    size++;
  };
  entries.forEach((e, i) => {
    entities.push({
      id: e.id,
      type: e.type,
      name: e.name,
      context: (e.context ?? []).map((c) => foldText(c.toLowerCase())),
      ...(e.metonymOf ? { metonymOf: e.metonymOf } : {}),
      ...(e.everyday ? { everyday: true as const } : {}),
      ...(e.pronoun ? { pronoun: e.pronoun } : {}),
      ...(e.type === 'person' ? { shortName: personShortName(e) } : {}),
    });
    const names = new Set([e.name, ...(e.aliases ?? [])]);
    for (const n of names) add(n, i, 'name');
    for (const s of e.shortForms ?? []) if (!names.has(s)) add(s, i, 'short');
  });
  for (const list of byFirstWord.values()) list.sort((a, b) => b.form.length - a.form.length);
  return { entities, byFirstWord, size };
}
