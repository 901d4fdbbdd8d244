/**
 * A fingerprint of an article's text that survives republication: other markup, straight or
 * curly quotes, another headline, added intro or outro lines, paragraphs split by ads. It is a
 * sample of hashed word shingles; two texts match when most of a known article's sample is found.
 */
import { foldText, wordEnd } from '../text/chars';

const SHINGLE_WORDS = 6;
/** Keep one shingle hash in SAMPLE_MOD: small fingerprints, same sample on every copy. */
const SAMPLE_MOD = 4;

/** FNV-1a (32 bits): the offset basis and the prime. */
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** MurmurHash3's finalizer: every input bit moves about half the output bits (unsigned result). */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The sampled shingle hashes of a text. Words are runs of letters and digits of the folded,
 * lower-cased text; each word is hashed once (FNV-1a of its characters), and a shingle's hash is
 * FNV-1a over its SHINGLE_WORDS word hashes, finished with MurmurHash3's 32-bit mix (multiplying
 * only carries low bits upwards; the mix lets every bit decide the sample). No shingle is built and
 * no character read twice: a long page has tens of thousands of shingles, and the worker
 * fingerprints every text it is asked about.
 */
export function fingerprintSet(text: string): Set<number> {
  const lower = foldText(text).toLowerCase();
  const out = new Set<number>();
  // The last SHINGLE_WORDS words' hashes, in a ring.
  const ring = new Int32Array(SHINGLE_WORDS);
  let count = 0;
  for (let i = 0; i < lower.length; ) {
    const end = wordEnd(lower, i, false);
    if (end === i) {
      i++;
      continue;
    }
    let w = FNV_BASIS;
    for (let c = i; c < end; c++) w = Math.imul(w ^ lower.charCodeAt(c), FNV_PRIME);
    ring[count % SHINGLE_WORDS] = w;
    count++;
    i = end;
    if (count < SHINGLE_WORDS) continue;
    let h = FNV_BASIS;
    for (let k = count - SHINGLE_WORDS; k < count; k++) h = Math.imul(h ^ ring[k % SHINGLE_WORDS], FNV_PRIME);
    h = mix32(h);
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
