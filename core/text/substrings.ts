/**
 * Which of many strings occur in a long text, in one pass over the text (Aho-Corasick over UTF-16
 * code units). The same answer as `needles.filter((n) => haystack.includes(n))`, without reading
 * the text once per needle; with a `WordRule`, only occurrences at word boundaries count. The
 * automaton is built once (`substringMatcher`) and may be kept for many texts: the detector keeps
 * one per knowledge-base index.
 */
import { isWordCharAt } from './chars';

export interface SubstringMatcher {
  /** The needles `haystack` contains (where the rule allows). */
  present(haystack: string): Set<string>;
}

/** Where an occurrence counts: "vaccine" in "vaccines" does, "ai" in "said" or "eu" in "Europe" does not. */
export interface WordRule {
  /** Only where the needle starts a word: no letter, digit or mark just before it. */
  wordStart?: boolean;
  /** A needle of at most this many characters counts only as a whole word. */
  wholeWordUpTo?: number;
}

/** Root transitions for code units below this are kept in an array: most of a text's steps. */
const DENSE_ROOT = 128;

export function substringMatcher(needles: Iterable<string>, rule: WordRule = {}): SubstringMatcher {
  const bounded = !!rule.wordStart || (rule.wholeWordUpTo ?? 0) > 0;
  const wholeUpTo = rule.wholeWordUpTo ?? 0;
  /** Whether `needle`, ending at `end` (exclusive) in `text`, stands where the rule allows. */
  const allowed = (text: string, needle: string, end: number): boolean => {
    const start = end - needle.length;
    if ((rule.wordStart || needle.length <= wholeUpTo) && start > 0 && isWordCharAt(text, start - 1)) return false;
    return !(needle.length <= wholeUpTo && isWordCharAt(text, end));
  };
  let empty = false;
  // The trie: node 0 is the root; edges in one Map keyed by node * 65536 + code unit.
  const edges = new Map<number, number>();
  const children: number[][] = [[]];
  const ends: (string[] | null)[] = [null];
  let count = 0;
  for (const needle of new Set(needles)) {
    if (needle === '') {
      empty = true;
      continue;
    }
    let node = 0;
    for (let i = 0; i < needle.length; i++) {
      const key = node * 65536 + needle.charCodeAt(i);
      let next = edges.get(key);
      if (next === undefined) {
        next = children.length;
        children.push([]);
        ends.push(null);
        edges.set(key, next);
        children[node].push(needle.charCodeAt(i));
      }
      node = next;
    }
    (ends[node] ??= []).push(needle);
    count++;
  }

  // Failure links (longest proper suffix that is a trie node) and output links (the nearest node
  // on the failure chain that ends a needle), breadth first.
  const fail = new Int32Array(children.length);
  const out = new Int32Array(children.length).fill(-1);
  const queue: number[] = [];
  for (const code of children[0]) queue.push(edges.get(code)!);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    for (const code of children[node]) {
      const child = edges.get(node * 65536 + code)!;
      let f = fail[node];
      let to = edges.get(f * 65536 + code);
      while (to === undefined && f !== 0) {
        f = fail[f];
        to = edges.get(f * 65536 + code);
      }
      fail[child] = to ?? 0;
      out[child] = ends[fail[child]] ? fail[child] : out[fail[child]];
      queue.push(child);
    }
  }
  const root = new Int32Array(DENSE_ROOT);
  for (let code = 0; code < DENSE_ROOT; code++) root[code] = edges.get(code) ?? 0;

  return {
    present(haystack: string): Set<string> {
      const present = new Set<string>();
      if (empty) present.add('');
      if (!count) return present;
      // Each needle-ending node is reported once.
      const reported = new Uint8Array(children.length);
      let found = 0;
      let node = 0;
      for (let i = 0; i < haystack.length && found < count; i++) {
        const code = haystack.charCodeAt(i);
        let to = node === 0 ? undefined : edges.get(node * 65536 + code);
        while (to === undefined && node !== 0) {
          node = fail[node];
          if (node !== 0) to = edges.get(node * 65536 + code);
        }
        node = to ?? (code < DENSE_ROOT ? root[code] : (edges.get(code) ?? 0));
        // Walk the needles ending here. Without a rule, stop at the first node already reported: its
        // own chain was reported with it. With one, a shorter needle may count where a longer one did
        // not, so the whole chain is walked.
        for (let n = ends[node] ? node : out[node]; n > 0; n = out[n]) {
          if (reported[n]) {
            if (bounded) continue;
            break;
          }
          if (bounded && !allowed(haystack, ends[n]![0], i + 1)) continue;
          reported[n] = 1;
          for (const s of ends[n]!) present.add(s);
          found += ends[n]!.length;
        }
      }
      return present;
    },
  };
}
