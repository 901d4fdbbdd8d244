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
/** A page's focused element (a link, a button) opens the card of a name inside it when its text is at most this long. */
export const FOCUS_MAX_TEXT_CHARS = 300;
/** Leaving a mark or its card closes the card after this grace period. */
export const CARD_HIDE_MS = 300;
/** How long the notice that a name was muted from its card offers to undo it. */
export const MUTE_UNDO_MS = 10_000;

/** Mentions below this confidence are not marked: no mark beats a wrong card. */
export const MIN_MENTION_CONFIDENCE = 0.6;
/**
 * A longer "mention" is no name (a run of capitalised words, a name spread over a long run of
 * white space) and would break the message schema (core/messages.ts allows 300): it is dropped.
 */
export const MAX_MENTION_CHARS = 200;

/**
 * The content script loads as the document starts and reads it at the moment document_idle stands
 * for (adapters/schedule.ts): after the load event, or this long after the document is parsed...
 */
export const DOCUMENT_IDLE_LOAD_WAIT_MS = 200;
/** ...and after the page's next frame, or this long at most where there is none (a hidden tab). */
export const DOCUMENT_IDLE_FRAME_WAIT_MS = 100;
/** While the document is parsed, its ready state is also looked at this often (a page can keep DOMContentLoaded from us). */
export const DOCUMENT_PARSED_POLL_MS = 100;

/** Page changes are re-read after this quiet period. */
export const MUTATION_DEBOUNCE_MS = 400;
/** On pages that are not articles, the quiet period doubles after each look, up to this. */
export const MUTATION_BACKOFF_MAX_MS = 30_000;
/**
 * A change of at most this many characters ("Updated 5 min ago" ticking inside the article) is
 * re-read, and then the page's changes are read again no sooner than `SMALL_CHANGE_REREAD_MS`
 * later: a clock in an article costs one analysis every few seconds, not one a second.
 */
export const SMALL_CHANGE_CHARS = 64;
export const SMALL_CHANGE_REREAD_MS = 5_000;
/** Classification runs over chunks of about this many characters, yielding between them. */
export const CLASSIFY_CHUNK_CHARS = 16_000;
/** Each chunk is read with up to this much of the text before it (about as far back as "she said" reaches), its passages left out. */
export const CLASSIFY_CONTEXT_CHARS = 1_000;
/** The classifier keeps, for up to this many words, the weighed character n-grams each holds (classify/char-ngrams.ts); then it starts afresh. */
export const CHAR_GRAM_CACHED_WORDS = 20_000;
/**
 * Long articles are marked viewport first: the first marks cover the text down to this far past
 * the screen's last line (rounded up to a classification chunk), the rest follows in slices.
 */
export const FIRST_MARKS_MARGIN_CHARS = 3_000;
/**
 * Highlights are registered for the text within this many characters of the screen, and moved
 * as the reader scrolls: the browser restyles every registered range, so 12,000 at once is a long
 * task. Articles shorter than twice this are painted whole.
 */
export const PAINT_MARGIN_CHARS = 20_000;
/** Finding the text on screen, a block with no box (hidden by the page) is stood for by the next of up to this many that has one. */
export const SCREEN_SEARCH_HIDDEN_MAX = 50;
/** Work is cut into slices of at most this long before yielding to the page. */
export const WORK_SLICE_MS = 8;
/** The text map is read in steps of this many DOM nodes; the page session checks the slice's time between steps. */
export const TEXT_MAP_STEP_NODES = 256;
/**
 * A text longer than this goes to the background in parts of this size, a task each: the message
 * channel serialises a message in one go on the page's thread (about 40 ms of CPU for 600,000
 * characters in Chromium), and a long task is what readers feel.
 */
export const DETECT_PART_CHARS = 32_768;
/** The page decodes a detection's answer this many mentions a step, giving the page a turn when a slice has run WORK_SLICE_MS. */
export const DECODE_STEP_MENTIONS = 1_000;
/** Pages with more text than this are marked only in their first part. */
export const MAX_ARTICLE_CHARS = 2_000_000;

/** CI checks this budget: the content script (the loader and the session it imports), gzipped, without the knowledge base. */
export const CONTENT_SCRIPT_BUDGET_GZIP_BYTES = 120 * 1024;
/** The loader alone, compiled on the page's main thread as the document starts (docs/adr/0010-content-script-loader.md). */
export const CONTENT_LOADER_BUDGET_GZIP_BYTES = 8 * 1024;

/** A card lists at most this many dated facts: those that held on the article's date first, then the latest before it. */
export const CARD_MAX_FACTS = 5;
/** A source's full name longer than this does not fit the page's margin: the article's shorter name for it stands there. */
export const MARGIN_LABEL_MAX_CHARS = 16;
/** The room a margin note keeps between itself and the window's left edge. */
export const MARGIN_NOTE_WINDOW_GAP_PX = 4;
/** A reported passage's source label goes in the page's margin when there is this much room: the widest note (`.bs-margin`'s max-width in components/ui.css) and the gap. */
export const MARGIN_NOTE_MIN_ROOM_PX = 120 + MARGIN_NOTE_WINDOW_GAP_PX;
/** Where the margin has more room than the narrowest note's, a note may grow up to this width (px) before its label is cut. */
export const MARGIN_NOTE_MAX_WIDTH_PX = 240;
/** In a narrower margin, a note whose whole label fits: its label's width plus this (the note's padding and border, components/ui.css) and the gap. */
export const MARGIN_NOTE_CHROME_PX = 15;
/** The margin's room is measured against at most this many elements the page lays out beside the article's column. */
export const MARGIN_SIDE_ELEMENTS_MAX = 400;
/** Where a margin note is tested for a page bar over it (a sticky header): this far inside its end on the text's side, and this far below its top (px). */
export const MARGIN_NOTE_PROBE_X_PX = 12;
export const MARGIN_NOTE_PROBE_Y_PX = 9;
/** How many of a rail's children and grandchildren are looked at for a sticky one (a share bar's list that follows the reader down). */
export const MARGIN_STICKY_DESCENDANTS_MAX = 12;
/**
 * The legend keeps to the window's margin beside the article: on one line where that fits, else
 * stacked, in at least this much room (px); in less, it stays on one line over the page (it can be closed).
 */
export const LEGEND_STACK_MIN_ROOM_PX = 140;
/** The gap between the legend and a page's fixed widget it stands above. */
export const LEGEND_WIDGET_GAP_PX = 8;
/** How far inside the legend's edges the page's elements under it are looked for. */
export const LEGEND_PROBE_INSET_PX = 2;
/** The legend is raised over a widget only while it stays in this lower part of the window. */
export const LEGEND_RAISE_MAX_FRACTION = 0.5;
/**
 * An article root at least this close to the window's width (px) spans the whole window: its edges
 * say nothing of the text's column, and the page's own article container inside it stands for it.
 */
export const FULL_WIDTH_SLACK_PX = 32;

/** The readerable check reads at most this many characters of a candidate's text (white space included). */
export const READERABLE_SCAN_CHARS = 20_000;

/** Readability copies the document; beyond this many elements the page's own structure decides. */
export const READABILITY_MAX_ELEMENTS = 20_000;
/**
 * Readability runs as one task on the page's thread, growing with the text: above this much text
 * (about 13,000 words, far beyond most articles) the page's own structure decides instead.
 */
export const READABILITY_MAX_TEXT_CHARS = 80_000;

/** User Timing marks on the page's timeline: the content script started; the first marks are shown. */
export const PERF_CONTENT_START = 'backstory:content-start';
export const PERF_MARKS_SHOWN = 'backstory:marks-shown';
/** Every name of the whole article is detected, and the marks near the screen are painted (the work mark.js does). */
export const PERF_ENTITIES_COMPLETE = 'backstory:entities-complete';
/** The whole article is read, detected, classified, and its marks near the screen are painted. */
export const PERF_MARKS_COMPLETE = 'backstory:marks-complete';
/** A change of the settings reached the page and was painted (detail: whether the markers are on, and how many passages there are). */
export const PERF_SETTINGS_APPLIED = 'backstory:settings-applied';

// ---- online look-ups (Wikipedia's REST page summary), see docs/adr/0004-online-lookup-gateway.md ----

/** The one host the product looks names up on. Test builds replace it at build time (WXT_LOOKUP_ORIGIN). */
export const PRODUCT_LOOKUP_ORIGIN = 'https://en.wikipedia.org';
/** A look-up that has not answered after this long fails as "did not answer in time". */
export const LOOKUP_TIMEOUT_MS = 5_000;
/** A response body larger than this is refused ("too large"); real page summaries are a few kB. */
export const LOOKUP_MAX_RESPONSE_BYTES = 128 * 1024;
/** An extract longer than this is refused as too large; shorter ones are cut for the card. */
export const LOOKUP_MAX_EXTRACT_CHARS = 6_000;
/** The card shows at most this much of the extract, cut at a sentence end where possible. */
export const LOOKUP_SHOWN_EXTRACT_CHARS = 600;
/** Rate limit: a bucket of this many requests, refilled at LOOKUP_REFILL_PER_SEC. */
export const LOOKUP_BURST = 8;
export const LOOKUP_REFILL_PER_SEC = 1;
/** A look-up waits at most this long for the rate limit before it fails as "too many look-ups". */
export const LOOKUP_QUEUE_MAX_WAIT_MS = 2_000;
/** After a 429 without Retry-After, no request is made for this long; Retry-After is honoured up to the max. */
export const LOOKUP_BACKOFF_DEFAULT_MS = 10_000;
export const LOOKUP_BACKOFF_MAX_MS = 120_000;
/**
 * In an article the page files under opinion, the odds that a sentence of the writer's is opinion,
 * over those the subjectivity model was trained for (news and opinion mixed): with 2, the model's
 * bar of 0.48 becomes 0.32 (core/classify/classify.ts, opinionBar).
 */
export const OPINION_SECTION_ODDS = 2;

/** Successful look-ups are kept in extension storage this long... */
export const LOOKUP_CACHE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** ...up to this many entries and about this many bytes; the least recently used go first. */
export const LOOKUP_CACHE_MAX_ENTRIES = 400;
export const LOOKUP_CACHE_MAX_BYTES = 1_000_000;
/** Ambiguous names: this many search results are fetched and scored against the article. */
export const LOOKUP_SEARCH_LIMIT = 5;
/** Context words the content script gives the background for choosing between pages (never sent online). */
export const LOOKUP_MAX_CONTEXT_WORDS = 60;

/** One shortcut press seen both by the page's keydown and by the commands API counts once. */
export const SHORTCUT_DEDUPE_MS = 500;

/**
 * Every frame of a tab runs the content script, and the popup takes the first summary that comes.
 * An article in a frame (an embed) answers after this wait, so that the top frame's article is
 * heard first...
 */
export const SUMMARY_FRAME_ARTICLE_DELAY_MS = 100;
/** ...and a top frame that is not an article, with frames in it, answers after this one. */
export const SUMMARY_NOT_ARTICLE_DELAY_MS = 250;

/** The classifier decides on at most this much of one sentence, so its work stays bounded. */
export const MAX_CLASSIFIED_SENTENCE_CHARS = 2_000;

/** A further <article> on the page (infinite scroll) is read when its paragraphs hold this much text. */
export const FURTHER_ARTICLE_MIN_CHARS = 800;

/** How far back, in characters, "the prime minister said" looks for the person the text gave that office. */
export const OFFICE_HOLDER_REACH_CHARS = 3_000;
