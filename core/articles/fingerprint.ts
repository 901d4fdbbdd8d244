/**
 * A fingerprint of an article's text that survives republication: other markup, straight or
 * curly quotes, another headline, added intro or outro lines, paragraphs split by ads. It is a
 * sample of hashed word shingles; two texts match when most of a known article's sample is found.
 */
import { foldText } from '../text/chars';

const SHINGLE_WORDS = 6;
/** Keep one shingle hash in SAMPLE_MOD: small fingerprints, same sample on every copy. */
const SAMPLE_MOD = 4;

function words(text: string): string[] {
  return foldText(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The sampled shingle hashes of a text, sorted and unique. */
export function fingerprint(text: string): number[] {
  const w = words(text);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) {
    // FNV-1a (32 bits) of the shingle's words joined by spaces, without building the string: a long
    // page has tens of thousands of shingles, and the worker fingerprints every page it is asked about.
    let h = 0x811c9dc5;
    for (let k = i; k < i + SHINGLE_WORDS; k++) {
      if (k > i) h = Math.imul(h ^ 32, 0x01000193);
      const word = w[k];
      for (let c = 0; c < word.length; c++) h = Math.imul(h ^ word.charCodeAt(c), 0x01000193);
    }
    h >>>= 0;
    if (h % SAMPLE_MOD === 0) out.add(h);
  }
  return [...out].sort((a, b) => a - b);
}

/** Share of the known article's fingerprint found in the page's (0..1). */
export function containment(known: readonly number[], page: ReadonlySet<number>): number {
  if (!known.length) return 0;
  let found = 0;
  for (const h of known) if (page.has(h)) found++;
  return found / known.length;
}
