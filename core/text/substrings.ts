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

/** Code units below this are numbered through an array: most of a text's. */
const TABLE_UNITS = 128;
/**
 * The trie's shallowest nodes, this many at most, step through a table (the Aho-Corasick automaton,
 * failures resolved) instead of Map lookups along failure links: most of a text's steps start at
 * them. 4,096 nodes of a 60-unit alphabet are about 1 MB.
 */
const TABLE_NODES = 4_096;

export function substringMatcher(needles: Iterable<string>, rule: WordRule = {}): SubstringMatcher {
  const bounded = !!rule.wordStart || (rule.wholeWordUpTo ?? 0) > 0;
  const wholeUpTo = rule.wholeWordUpTo ?? 0;
  /** Whether `needle`, ending at `end` (exclusive) in `text`, stands where the rule allows. */
  const allowed = (text: string, needle: string, end: number): boolean => {
    const start = end - needle.length;
    if ((rule.wordStart || needle.length <= wholeUpTo) && start > 0 && isWordCharAt(text, start - 1)) return false;
    return !(needle.length <= wholeUpTo && isWordCharAt(text, end));
  };
  const unique = new Set(needles);
  const empty = unique.delete('');
  // The code units the needles use, numbered from 1; a unit no needle uses is 0 and leads to the
  // root. An edge's key, node * stride + unit number, stays a small integer.
  const unitIds = new Map<number, number>();
  for (const needle of unique) for (let i = 0; i < needle.length; i++) if (!unitIds.has(needle.charCodeAt(i))) unitIds.set(needle.charCodeAt(i), unitIds.size + 1);
  const stride = unitIds.size + 1;
  const tableUnits = new Int32Array(TABLE_UNITS);
  for (const [code, id] of unitIds) if (code < TABLE_UNITS) tableUnits[code] = id;
  const unitOf = (code: number): number => (code < TABLE_UNITS ? tableUnits[code] : (unitIds.get(code) ?? 0));

  // The trie: node 0 is the root; edges in one Map keyed by node * stride + unit.
  const edges = new Map<number, number>();
  const children: number[][] = [[]];
  const ends: (string[] | null)[] = [null];
  for (const needle of unique) {
    let node = 0;
    for (let i = 0; i < needle.length; i++) {
      const unit = unitOf(needle.charCodeAt(i));
      let next = edges.get(node * stride + unit);
      if (next === undefined) {
        next = children.length;
        children.push([]);
        ends.push(null);
        edges.set(node * stride + unit, next);
        children[node].push(unit);
      }
      node = next;
    }
    (ends[node] ??= []).push(needle);
  }
  const count = unique.size;

  // Failure links (longest proper suffix that is a trie node) and output links (the nearest node
  // on the failure chain that ends a needle), breadth first: `order` lists the nodes by depth.
  const fail = new Int32Array(children.length);
  const out = new Int32Array(children.length).fill(-1);
  const order = [0];
  for (let q = 0; q < order.length; q++) {
    const node = order[q];
    for (const unit of children[node]) {
      const child = edges.get(node * stride + unit)!;
      if (node !== 0) {
        let f = fail[node];
        let to = edges.get(f * stride + unit);
        while (to === undefined && f !== 0) {
          f = fail[f];
          to = edges.get(f * stride + unit);
        }
        fail[child] = to ?? 0;
      }
      out[child] = ends[fail[child]] ? fail[child] : out[fail[child]];
      order.push(child);
    }
  }
  // The table's rows, shallowest nodes first: a node's failure is shallower, so its row is filled already.
  const rows = Math.min(order.length, TABLE_NODES);
  const rowOf = new Int32Array(children.length).fill(-1);
  const table = new Int32Array(rows * stride);
  for (let r = 0; r < rows; r++) {
    const node = order[r];
    rowOf[node] = r;
    const failRow = node === 0 ? -1 : rowOf[fail[node]] * stride;
    for (let unit = 1; unit < stride; unit++) table[r * stride + unit] = edges.get(node * stride + unit) ?? (failRow < 0 ? 0 : table[failRow + unit]);
  }

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
        const unit = unitOf(haystack.charCodeAt(i));
        for (;;) {
          const row = rowOf[node];
          if (row >= 0) {
            node = table[row * stride + unit];
            break;
          }
          const to = edges.get(node * stride + unit);
          if (to !== undefined) {
            node = to;
            break;
          }
          node = fail[node];
        }
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
