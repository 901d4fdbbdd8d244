/**
 * Shared fast-check arbitraries for the fuzz tests: hostile text (every Unicode plane, right to
 * left, emoji, combining marks, curly quotes, runs of white space, lone surrogates) and news-like
 * prose built from the pieces that trip up detectors and sentence splitters.
 */
import fc from 'fast-check';

/**
 * Each run explores new cases; a failure prints its seed, and FUZZ_SEED=<seed> replays it.
 * FUZZ_SCALE=<n> runs n times as many cases (a long hunt on a workstation).
 */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_SCALE) || 1);
export const fuzzParams = (numRuns: number): { numRuns: number; seed?: number } => ({
  numRuns: Math.round(numRuns * FUZZ_SCALE),
  ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}),
});

/** Small pieces of hostile text. */
export const TRICKY = [
  ' ', '  ', '   ', '\t', '\n', '\n\n', '\r\n', '\u00a0', '\u2009', '\u202f', '\u2028', '\u3000', '\u200b', '\ufeff',
  'مرحبا بالعالم', 'שלום עולם', '\u200f', '\u200e', '\u202eevil\u202c', '\u2067ltr\u2069',
  '😀', '👩\u200d👩\u200d👧', '🇺🇦', '🏳️\u200d🌈', '\ud83d', '\udc00',
  'e\u0301', 'Z\u0351\u0352\u0353\u0354', '\u0915\u094d\u0937', 'ﬁ', 'İ', 'ß', 'Σ',
  '“', '”', '‘', '’', '"', "'", '«', '»', '„', '‹', '›',
  '—', '–', '-', '‐', '‑', '…', '.', '. ', '?', '!', ',', ';', ':', '(', ')', '[', ']',
  '<', '>', '&amp;', '<script>', '\u0000', '\u0007', '\u001b', '\ud800\udc00',
];

/** Pieces of news prose: names, abbreviations, attributions, opinion words, structure. */
export const NEWS = [
  'Antony Blinken', 'Blinken', 'Secretary of State Antony Blinken', 'Joe Biden', 'Biden', 'Kamala Harris', 'Harris',
  'Xi Jinping', 'Wang Yi', 'Vladimir Putin', 'Volodymyr Zelenskyy', 'Olaf Scholz', 'Foreign Minister Wang Yi',
  'U.S.', 'US', 'United States', 'America', 'China', 'Beijing', 'Russia', "Russia's", 'Russia’s', 'Russia-China',
  'Ukraine', 'Kyiv', 'Moscow', 'Munich', 'Munich Security Conference', 'NATO', 'the United Nations', 'EU',
  'non-lethal', 'lethal aid', 'Georgia', 'Washington Post', 'New Mexico', 'Latin America',
  'Mr.', 'Mrs.', 'Dr.', 'Sen.', 'Gen.', 'Feb. 24', 'Jan.', 'a.m.', 'p.m.', 'No. 1', 'Inc.', 'Jr.', 'St.', 'e.g.', 'Ph.D.',
  'J. Smith', '3.5', '$1.2 billion', '2023', '17-19 February 2023',
  'said', 'says', 'told reporters', 'alleged', 'according to', 'called', 'claimed', 'warned', 'he said', 'she said',
  'they said', 'officials said', 'a spokesman said', 'in a statement',
  'absurd', 'clearly', 'obviously', 'should', 'must', 'shameful', 'I think', 'we believe', 'perhaps', 'arguably',
  'the', 'a', 'and', 'but', 'of', 'in', 'to', 'that', 'it', 'was', 'is', 'war', 'aid', 'weapons', 'talks',
  '“We are concerned,”', '"It is troubling."', '‘not true’', '(AP)', 'KYIV, Ukraine (AP) —', 'WASHINGTON —',
  'By Jane Smith', 'Photo: Reuters', '- ', '• ', '1. ', 'This article appeared in The Conversation.',
  'What Happens Now?', 'BREAKING:', 'Read more', '...', '?!', '!!',
];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NEWS) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z][a-z]{1,12}$/) },
  // Huge words and white-space runs: what a page's markup or a spammer's text can hold.
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 400 }).map((n) => 'Mega' + 'a'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 400 }).map((n) => 'Antony' + ' '.repeat(n) + 'Blinken') },
);
const glue = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '? ', '! ', '\n', '\n\n', '', '  ', ': ', ' — ', '“', '” ', '\u00a0');

/** News-like text: pieces joined by spaces, punctuation and line breaks. */
export const newsText = (maxPieces = 40): fc.Arbitrary<string> =>
  fc.array(fc.tuple(piece, glue), { maxLength: maxPieces }).map((xs) => xs.map(([p, g]) => p + g).join(''));

/** Every kind of text the core may meet. */
export const anyText = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: maxLength / 4 }) },
    { weight: 5, arbitrary: newsText() },
  );
