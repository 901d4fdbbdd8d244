/**
 * Which alias rules can match at a position, without trying every rule that shares the first
 * word. A knowledge base of 100,000 aliases files a thousand or more rules under words such as
 * "Republic", "United" or "2024"; trying each at every occurrence made detection grow with the
 * knowledge base. A word trie over each such list finds the few rules whose words the text
 * actually holds.
 *
 * The answer is a superset of the rules that match (the detector still checks each with its own
 * matcher), in the list's own order, so detection gives exactly the same mentions either way.
 */
import type { AliasRule } from '../kb/index';
import { isSpaceAt, isWordCharAt } from '../text/chars';

interface TrieNode {
  /** Ranks (indices in the list) of the rules whose last word ends here. */
  ends: number[];
  /** Next word -> node. */
  next: Map<string, TrieNode> | null;
  /** The distinct lengths of the keys in `next`, shortest first. */
  lengths: number[];
  /** Some key in `next` starts with a lower-case letter (a term that may be capitalised). */
  lowerKeys: boolean;
}

/** Lists at most this long are tried rule by rule, as before: the trie would not pay. */
export const TRIE_MIN_RULES = 8;

const tries = new WeakMap<readonly AliasRule[], TrieNode>();

const newNode = (): TrieNode => ({ ends: [], next: null, lengths: [], lowerKeys: false });

/** The trie of one list, built on first use and kept while the list (the index) lives. */
function trieOf(rules: readonly AliasRule[]): TrieNode {
  let root = tries.get(rules);
  if (root) return root;
  root = newNode();
  for (let rank = 0; rank < rules.length; rank++) {
    let node = root;
    for (const word of rules[rank].words) {
      node.next ??= new Map();
      let child = node.next.get(word);
      if (!child) {
        child = newNode();
        node.next.set(word, child);
        if (!node.lengths.includes(word.length)) node.lengths.push(word.length);
        if (word[0] !== word[0].toUpperCase()) node.lowerKeys = true;
      }
      node = child;
    }
    node.ends.push(rank);
  }
  const sortLengths = (n: TrieNode) => {
    n.lengths.sort((a, b) => a - b);
    if (n.next) for (const c of n.next.values()) sortLengths(c);
  };
  sortLengths(root);
  tries.set(rules, root);
  return root;
}

/** Collects the ranks of the rules under `node` whose next words the text holds at `p`. */
function walk(text: string, node: TrieNode, p: number, first: boolean, ranks: number[]): void {
  const next = node.next!;
  // Words hold no white space: only prefixes of the text's next run of non-space characters,
  // and only those that end a word (a match never ends inside one: the detector checks the
  // character after it).
  let run = p;
  const longest = node.lengths[node.lengths.length - 1];
  while (run < text.length && run - p < longest && !isSpaceAt(text, run)) run++;
  const lower = first && node.lowerKeys ? text[p].toLowerCase() : '';
  for (const len of node.lengths) {
    if (p + len > run) break;
    if (isWordCharAt(text, p + len)) continue;
    const word = text.slice(p, p + len);
    visit(text, next.get(word), p + len, ranks);
    if (lower && lower !== word[0]) visit(text, next.get(lower + word.slice(1)), p + len, ranks);
  }
}

function visit(text: string, node: TrieNode | undefined, end: number, ranks: number[]): void {
  if (!node) return;
  for (const r of node.ends) ranks.push(r);
  // A next word only after white space.
  if (node.next && isSpaceAt(text, end)) {
    let p = end;
    while (isSpaceAt(text, p)) p++;
    walk(text, node, p, false, ranks);
  }
}

/**
 * The rules of `rules` (one list of the index, longest first) that may match `text` at `pos`:
 * every rule whose words the text holds there, words separated by white space, the first word
 * also with its first letter lower-cased (rules for lower-case terms match a capital). Returned in
 * the list's order. Lists of at most `minRules` rules are returned whole.
 */
export function candidateRules(text: string, pos: number, rules: readonly AliasRule[], minRules = TRIE_MIN_RULES): readonly AliasRule[] {
  if (rules.length <= minRules) return rules;
  const root = trieOf(rules);
  if (!root.next) return [];
  const ranks: number[] = [];
  walk(text, root, pos, true, ranks);
  if (ranks.length > 1) ranks.sort((a, b) => a - b);
  return ranks.map((r) => rules[r]);
}
