/**
 * Every tuning number of Backstory in one place: timings, thresholds and budgets.
 * Timings follow Wikipedia's Page Previews where it has measured them.
 */

/** Hover intent: how long the pointer rests on a mark before its card is prepared. */
export const HOVER_INTENT_MS = 150;
/** When a hovered mark's card is shown. */
export const CARD_SHOW_MS = 500;
/** Keyboard focus opens the card at once; a short pause avoids flicker while stepping. */
export const FOCUS_SHOW_MS = 50;
/** Leaving a mark or its card closes the card after this grace period. */
export const CARD_HIDE_MS = 300;

/** Mentions below this confidence are not marked: no mark beats a wrong card. */
export const MIN_MENTION_CONFIDENCE = 0.6;

/** Page changes are re-read after this quiet period. */
export const MUTATION_DEBOUNCE_MS = 400;
/** On pages that are not articles, the quiet period doubles after each look, up to this. */
export const MUTATION_BACKOFF_MAX_MS = 30_000;
/** Classification runs over chunks of about this many characters, yielding between them. */
export const CLASSIFY_CHUNK_CHARS = 12_000;
/** Work is cut into slices of at most this long before yielding to the page. */
export const WORK_SLICE_MS = 8;
/** Pages with more text than this are marked only in their first part. */
export const MAX_ARTICLE_CHARS = 2_000_000;

/** CI checks this budget: the content script, gzipped, without the knowledge base. */
export const CONTENT_SCRIPT_BUDGET_GZIP_BYTES = 120 * 1024;

/** A reported passage's source label goes in the page's margin when there is this much room. */
export const MARGIN_NOTE_MIN_ROOM_PX = 124;

/** Readability copies the document; beyond this many elements the page's own structure decides. */
export const READABILITY_MAX_ELEMENTS = 20_000;

/** User Timing marks on the page's timeline: the content script started; the marks are shown. */
export const PERF_CONTENT_START = 'backstory:content-start';
export const PERF_MARKS_SHOWN = 'backstory:marks-shown';
