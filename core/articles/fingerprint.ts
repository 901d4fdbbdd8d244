/**
 * A fingerprint of an article's text that survives republication: other markup, straight or
 * curly quotes, another headline, added intro or outro lines, paragraphs split by ads. It is a
 * sample of hashed word shingles; two texts match when most of a known article's sample is found.
 */
import { foldText, wordEnd } from '../text/chars';

const SHINGLE_WORDS = 6;
/** Keep one shingle hash in SAMPLE_MOD: small fingerprints, same sample on every copy. */
const SAMPLE_MOD = 4;

/**
 * The sampled shingle hashes of a text: FNV-1a (32 bits) of each run of SHINGLE_WORDS words joined
 * by spaces, computed from the text's characters without building the words or the shingle: a
 * long page has tens of thousands of shingles, and the worker fingerprints every page it is asked
 * about. Words are runs of letters and digits of the folded, lower-cased text.
 */
export function fingerprintSet(text: string): Set<number> {
  const lower = foldText(text).toLowerCase();
  const out = new Set<number>();
  // The last SHINGLE_WORDS words' bounds, in a ring.
  const starts = new Int32Array(SHINGLE_WORDS);
  const ends = new Int32Array(SHINGLE_WORDS);
  let count = 0;
  for (let i = 0; i < lower.length; ) {
    const end = wordEnd(lower, i, false);
    if (end === i) {
      i++;
      continue;
    }
    starts[count % SHINGLE_WORDS] = i;
    ends[count % SHINGLE_WORDS] = end;
    count++;
    i = end;
    if (count < SHINGLE_WORDS) continue;
    let h = 0x811c9dc5;
    for (let k = count - SHINGLE_WORDS; k < count; k++) {
      if (k > count - SHINGLE_WORDS) h = Math.imul(h ^ 32, 0x01000193);
      for (let c = starts[k % SHINGLE_WORDS], e = ends[k % SHINGLE_WORDS]; c < e; c++) h = Math.imul(h ^ lower.charCodeAt(c), 0x01000193);
    }
    h >>>= 0;
    if (h % SAMPLE_MOD === 0) out.add(h);
  }
  return out;
}

/** The sampled shingle hashes of a text, sorted and unique (what a pack ships). */
export function fingerprint(text: string): number[] {
  return [...fingerprintSet(text)].sort((a, b) => a - b);
}

/** Share of the known article's fingerprint found in the page's (0..1). */
export function containment(known: readonly number[], page: ReadonlySet<number>): number {
  if (!known.length) return 0;
  let found = 0;
  for (const h of known) if (page.has(h)) found++;
  return found / known.length;
}
