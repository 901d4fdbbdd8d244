/**
 * Backstory on one page: page -> text map -> core -> highlights and cards. Owns its highlights,
 * its UI host and its listeners, and removes all of them in `destroy()`.
 */
import { h } from 'preact';
import { computePosition, flip, shift, offset, inline, size, autoUpdate } from '@floating-ui/dom';
import type { KbEntry } from '../core/kb/schema';
import type { Block, EntityType, Mention, Passage } from '../core/types';
import type { Settings } from '../core/settings';
import { isSiteEnabled, markersOn, toggleSiteMarkers, typeEnabled } from '../core/settings';
import { ENTITY_TYPES } from '../core/kb/entity-types';
import { classifierWarmUp, classifyChunkInSteps, type ArticleContext } from '../core/classify/classify';
import { quotedSources } from '../core/classify/statements';
import { entityCard, passageCard, sourceLabel, textOnlyCard, unreadEntryCard, type EntityCardModel, type MentionNames } from '../core/cards';
import type { ArticleSummary, DecodedDetectResponse, DetectRequest, PackInfo } from '../core/messages';
import { applyCorrections } from '../core/articles/packs';
import { loadingCard, withLookup, type LookupResult } from '../core/lookup/card';
import { lookupContext } from '../core/lookup/context';
import type { LookupQuery } from '../core/lookup/resolve';
import {
  CARD_HIDE_MS,
  CARD_SHOW_MS,
  CLASSIFY_CHUNK_CHARS,
  CLASSIFY_CONTEXT_CHARS,
  FOCUS_MAX_TEXT_CHARS,
  FOCUS_SHOW_MS,
  HOVER_INTENT_MS,
  MARGIN_NOTE_CHROME_PX,
  MARGIN_SIDE_ELEMENTS_MAX,
  MARGIN_STICKY_DESCENDANTS_MAX,
  MARGIN_NOTE_PROBE_X_PX,
  MARGIN_NOTE_PROBE_Y_PX,
  MARGIN_NOTE_MIN_ROOM_PX,
  MARGIN_NOTE_MAX_WIDTH_PX,
  MARGIN_NOTE_WINDOW_GAP_PX,
  LEGEND_STACK_MIN_ROOM_PX,
  LEGEND_WIDGET_GAP_PX,
  LEGEND_PROBE_INSET_PX,
  LEGEND_RAISE_MAX_FRACTION,
  FULL_WIDTH_SLACK_PX,
  MUTATION_BACKOFF_MAX_MS,
  MUTATION_DEBOUNCE_MS,
  SMALL_CHANGE_CHARS,
  SMALL_CHANGE_REREAD_MS,
  MUTE_UNDO_MS,
  WORK_SLICE_MS,
  MAX_ARTICLE_CHARS,
  PERF_MARKS_SHOWN,
  PERF_MARKS_COMPLETE,
  PERF_ENTITIES_COMPLETE,
  PERF_SETTINGS_APPLIED,
  FIRST_MARKS_MARGIN_CHARS,
  PAINT_MARGIN_CHARS,
  SCREEN_SEARCH_HIDDEN_MAX,
  SHORTCUT_DEDUPE_MS,
} from '../core/constants';
import { analysedPart, cutText, withContext, withMentions, type Chunk, type Reading } from '../core/text/chunks';
import { textEdit, type TextEdit } from '../core/text/edit';
import { afterOtherWork, afterQueuedTasks, runSliced, sliceClock, yieldToPage } from './schedule';
import { App, type UiState, type UiActions, type MarginNote } from '../components/App';
import { offsetAt, rangeFor, textMapSteps, type TextMap } from './text-map';
import { locateArticle, type ArticleLocation } from './article';
import { Highlighter, type HighlightKey } from './highlighter';
import { createUiHost, type UiHost } from './ui-host';
import { rangeContainsPoint, textOffsetAt } from './hit-test';
import { labelWidth } from './label-width';

export interface SessionDeps {
  /**
   * With each entity's type and shortest name, read as the answer is decoded (core/messages.ts
   * `decodeDetectResponse`). `isCurrent` says whether the read that asked still wants the answer (a
   * long text's transfer stops when not).
   */
  detect(text: string, request: DetectRequest & { blocks: Block[] }, isCurrent?: () => boolean): Promise<DecodedDetectResponse>;
  entry(id: string): Promise<KbEntry | null>;
  saveSettings(change: (s: Settings) => Partial<Settings>): Promise<unknown>;
  /** Online background for a name the embedded knowledge lacks (absent: no look-ups). */
  lookup?(query: LookupQuery, signal: AbortSignal): Promise<LookupResult>;
  css: string;
}

/** A look-up started for this page: its answer once it came. */
interface PageLookup {
  controller: AbortController;
  promise: Promise<LookupResult>;
  result: LookupResult | null;
}

type Target = { kind: 'mention'; m: Mention } | { kind: 'passage'; p: Passage };
const itemOf = (t: Target): Mention | Passage => (t.kind === 'mention' ? t.m : t.p);

/** The item whose [start, end) holds `offset`, in a list sorted by start. */
function itemAt<T extends { start: number; end: number }>(items: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const it = items[mid];
    if (offset < it.start) hi = mid - 1;
    else if (offset >= it.end) lo = mid + 1;
    else return it;
  }
  return undefined;
}

/** The items that start within [start, end), in a list sorted by start. */
function itemsWithin<T extends { start: number }>(items: readonly T[], start: number, end: number): T[] {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < items.length && items[i].start < end; i++) out.push(items[i]);
  return out;
}

type ShortcutCommand = 'toggle-opinion-markers' | 'next-mark' | 'previous-mark';
/** The manifest's suggested keys (Alt+Shift+...), by KeyboardEvent.code. */
const SHORTCUT_KEYS = { KeyO: 'toggle-opinion-markers', KeyJ: 'next-mark', KeyK: 'previous-mark' } as const satisfies Record<string, ShortcutCommand>;

/**
 * The classifier's warm-up steps not run yet (once per page, whatever the sessions), so that the
 * first chunk is not one cold long task: one a slice before the first chunk is classified, or
 * earlier, in background tasks while the page waits for a short text's detection.
 */
let warmUpSteps: Array<() => void> | null = null;

/** Runs the next warm-up step, if any is left; false when none was. A step that fails only costs its head start. */
function runWarmUpStep(): boolean {
  warmUpSteps ??= classifierWarmUp();
  const step = warmUpSteps.shift();
  if (!step) return false;
  try {
    step();
  } catch {
    /* classification reports its own errors */
  }
  return true;
}

/** Runs the warm-up's steps, each in a background task (behind the page's other work, a detection's answer among them). */
function warmUpInBackground(): void {
  if (warmUpSteps) return;
  warmUpSteps = classifierWarmUp();
  void (async () => {
    while (warmUpSteps?.length) {
      await afterOtherWork();
      runWarmUpStep();
    }
  })().catch(() => undefined);
}

/** Classified chunks by their start, in text order: the mentions each was classified with, and its passages. */
type ClassifiedChunks = Map<number, { mentions: readonly Mention[]; passages: Passage[] }>;

const passagesOf = (chunks: ClassifiedChunks): Passage[] => [...chunks.values()].flatMap((c) => c.passages);

interface Span {
  start: number;
  end: number;
}

/** NodeFilter.SHOW_TEXT, spelled out: the global is missing where this runs on happy-dom in Node. */
const SHOW_TEXT_NODES = 0x4;

/** The element itself or its nearest ancestor that the page fixes to the window, if any. */
function fixedAncestor(el: Element): Element | null {
  const win = el.ownerDocument.defaultView;
  for (let e: Element | null = el; e && e !== el.ownerDocument.body; e = e.parentElement) if (win?.getComputedStyle(e).position === 'fixed') return e;
  return null;
}

/**
 * Whether a child or a grandchild of a rail sticks as the reader scrolls ("Share" buttons in a list
 * with position: sticky): then it may stand beside any line of the rail, not only where it stood at load (reader review 21).
 */
function holdsSticky(el: Element, win: Window): boolean {
  let looked = 0;
  for (const child of el.children) {
    if (++looked > MARGIN_STICKY_DESCENDANTS_MAX) return false;
    if (win.getComputedStyle(child).position === 'sticky') return true;
    for (const grandchild of child.children) {
      if (++looked > MARGIN_STICKY_DESCENDANTS_MAX) return false;
      if (win.getComputedStyle(grandchild).position === 'sticky') return true;
    }
  }
  return false;
}

/** The box of what an element holds (its text and boxes), or null where it holds nothing that shows. */
function contentBox(el: Element): DOMRect | null {
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  const held = range.getBoundingClientRect();
  return held.height > 0 ? held : null;
}

/** The top and bottom of what an element holds, within its box `r` (its box where it holds nothing measurable). */
function heldWithin(el: Element, r: DOMRect): { top: number; bottom: number } {
  const held = contentBox(el);
  return held ? { top: Math.max(r.top, held.top), bottom: Math.min(r.bottom, held.bottom) } : r;
}

/** What the page lays out beside the article's column on a note's side, in the document's coordinates: its edge nearest the column, or its dividing line's outer edge (`rule`). */
interface BesideBox {
  edge: number;
  top: number;
  bottom: number;
  rule?: true;
}

/** The sides on which an element draws a border. */
function borderedSides(style: CSSStyleDeclaration): Array<'top' | 'right' | 'bottom' | 'left'> {
  return (['top', 'right', 'bottom', 'left'] as const).filter(
    (side) => style.getPropertyValue(`border-${side}-style`) !== 'none' && (parseFloat(style.getPropertyValue(`border-${side}-width`)) || 0) > 0,
  );
}

const fills = (style: CSSStyleDeclaration): boolean =>
  !/^(?:transparent|rgba\(0, 0, 0, 0\))$/.test(style.backgroundColor) || (style.backgroundImage !== '' && style.backgroundImage !== 'none');

/** Whether an element's box shows where its content does not: a border, a background colour or image. */
function drawsItsBox(style: CSSStyleDeclaration): boolean {
  return fills(style) || borderedSides(style).length > 0;
}

/**
 * How the box of an element beside the article's column shows where its content does not, seen
 * from the column on its `near` side: a `box` (a background, or an outline), only a `rule` on the
 * near side (a rail's dividing line, which a note may stand past, below the rail's content), or
 * nothing but its content (no border, or only a rule above or below it).
 */
function besideShape(style: CSSStyleDeclaration, near: 'left' | 'right'): 'box' | 'rule' | 'content' {
  if (fills(style)) return 'box';
  const sides = borderedSides(style);
  if (sides.every((side) => side === 'top' || side === 'bottom')) return 'content';
  return sides.length === 1 && sides[0] === near ? 'rule' : 'box';
}

/** Whether an element holds text or media: read to its first word, not its whole text. */
function showsSomething(el: Element): boolean {
  if (el.querySelector('img, svg, video, canvas, iframe, picture')) return true;
  const walker = el.ownerDocument.createTreeWalker(el, SHOW_TEXT_NODES);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) if (/\S/.test((t as Text).data)) return true;
  return false;
}

/** The first index of a list in which `before` (true for a prefix of the list, false after it) is false. */
function firstNotBefore<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items of a list sorted by start that overlap `span`. */
function within<T extends Span>(items: readonly T[], span: Span): readonly T[] {
  if (span.start <= 0 && (!items.length || items[items.length - 1].end <= span.end)) return items;
  let lo = firstNotBefore(items, (item) => item.start < span.start);
  // The item before may reach into the span (a long passage).
  if (lo > 0 && items[lo - 1].end > span.start) lo--;
  let end = lo;
  while (end < items.length && items[end].start < span.end) end++;
  return items.slice(lo, end);
}

/** The first mention of each entity, in text order. */
function firstMentions(mentions: readonly Mention[]): Mention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => {
    const key = m.id ?? m.entity;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A mention's place and sense: two detections agree on a mention when its keys are equal. */
function mentionKey(m: Mention): string {
  return `${m.start}:${m.end}:${m.type}:${m.id ?? ''}:${m.entity}`;
}

export class PageSession {
  private map: TextMap | null = null;
  /** The text whose whole analysis (every name and passage) is shown; null while one is under way. */
  private completeText: string | null = null;
  private root: Element | null = null;
  /** The page's own article container inside the root (ArticleLocation.column), if any. */
  private column: Element | null = null;
  private mentions: Mention[] = [];
  private passages: Passage[] = [];
  private date: string | undefined;
  private pack: PackInfo | null = null;
  private readonly highlighter = new Highlighter();
  private ui: UiHost | null = null;
  private state: UiState = { theme: 'light', card: null, cursor: null, legend: null, margins: [], muted: null };
  /** Whether a page element is positioned fixed or sticky, as `pageBarAt` found it. */
  private readonly staysOnScreen = new WeakMap<Element, boolean>();
  /** The reader closed the on-page legend: it stays away on this page (the popup and Alt+Shift+O still switch the markers). */
  private legendClosed = false;
  /** The id of the name `state.muted` offers to unmute, and the timer that withdraws the offer. */
  private undoable: { id: string; timer: number } | null = null;
  private target: Target | null = null;
  private cardTarget: Target | null = null;
  /** Items of an earlier analysis and what the next one carried them over to (a pending hover's item). */
  private successors = new WeakMap<Mention | Passage, Target>();
  private timers: number[] = [];
  private hideTimer = 0;
  private overCard = false;
  private cursorIndex = -1;
  private cardKey = 0;
  private stopAutoUpdate: (() => void) | null = null;
  private readonly entries = new Map<string, Promise<KbEntry | null | 'unread'>>();
  private entryWarned = false;
  private readonly cleanups: (() => void)[] = [];
  private readonly host: string;
  private pendingMove: { x: number; y: number; overUi: boolean } | null = null;
  /** When each shortcut was last handled from the page's own keydown. */
  private readonly keyHandledAt = new Map<ShortcutCommand, number>();
  private ranges = new Map<Mention | Passage, Range>();
  private generation = 0;
  private listening = false;
  private refreshTimer = 0;
  private refreshDelay = MUTATION_DEBOUNCE_MS;
  /** Until when the page's changes wait, after a re-read found only a small change (`SMALL_CHANGE_REREAD_MS`). */
  private quietUntil = 0;

  constructor(
    private readonly doc: Document,
    private settings: Settings,
    private readonly deps: SessionDeps,
  ) {
    this.host = doc.location?.hostname ?? '';
  }

  get isArticle(): boolean {
    return this.root !== null;
  }

  /** Reads the page and marks it, then follows its changes. Resolves once the marks are shown. */
  async start(): Promise<void> {
    this.observe();
    await this.read();
  }

  /**
   * page -> text map -> core -> highlights. A newer read supersedes an older one still running;
   * the work is sliced so that the page keeps its main thread. A long article is marked viewport
   * first: the text down to just past the screen is detected, classified and painted, then the
   * whole (docs/adr/0005-viewport-first-marking.md).
   */
  private async read(): Promise<void> {
    const gen = ++this.generation;
    if (!isSiteEnabled(this.settings, this.host)) return;
    const article = locateArticle(this.doc);
    if (!article) {
      this.refreshDelay = Math.min(this.refreshDelay * 2, MUTATION_BACKOFF_MAX_MS);
      if (this.map) this.forget();
      return;
    }
    this.refreshDelay = MUTATION_DEBOUNCE_MS;
    // Locating the article and reading its text are each a long pass: give the page a turn between them.
    await yieldToPage();
    if (gen !== this.generation) return;
    const map = await this.readText(gen, article.more ? [article.root, ...article.more] : article.root, article.textNodes);
    if (!map) return;
    // A page beyond MAX_ARTICLE_CHARS is analysed in its first part only (offsets stay the map's).
    const { text, blocks } = analysedPart(map.text, map.blocks, MAX_ARTICLE_CHARS);
    if (this.map && text === this.completeText) {
      // Same text in new nodes (a framework re-rendered it): keep the analysis, move the marks.
      this.root = article.root;
      this.column = article.column ?? null;
      this.map = map;
      this.ranges.clear();
      this.paint();
      return;
    }
    // How the text changed since the last read: what the open card and the keyboard's mark follow, and whether it was small.
    const edit = this.map ? textEdit(this.map.text, map.text) : null;
    if (edit) this.quietUntil = edit.removed + edit.inserted <= SMALL_CHANGE_CHARS ? performance.now() + SMALL_CHANGE_REREAD_MS : 0;
    await yieldToPage();
    if (gen !== this.generation) return;
    // The classification chunks depend only on the text: cut once, given each detection's mentions.
    const chunks = cutText(text, blocks, CLASSIFY_CHUNK_CHARS);
    const firstEnd = this.firstMarksEnd(map, text.length, chunks);
    // Both requests go at once: the background answers the first part, then the whole text.
    const isCurrent = () => gen === this.generation;
    /** A detection's answer; null once a newer read has taken over (its transfer may then have stopped with an error). */
    const answerOf = (p: ReturnType<SessionDeps['detect']>) =>
      p.catch((err: unknown) => {
        if (isCurrent()) throw err;
        return null;
      });
    const { everydayTerms } = this.settings;
    const firstDetect = firstEnd < text.length ? this.deps.detect(text.slice(0, firstEnd), { blocks: blocks.filter((b) => b.end <= firstEnd), everydayTerms }, isCurrent) : null;
    const wholeDetect = this.deps.detect(text, { blocks, everydayTerms }, isCurrent);
    // Read to the end even when a newer read takes over, so that no rejection goes unhandled.
    wholeDetect.catch(() => undefined);
    // Steps are painted as they come on a page's first read; a re-read of changed text keeps the
    // marks shown until its whole analysis is there (no markers lost for a moment).
    const progressive = !this.map;
    let fresh = true;
    const show = (mentions: Mention[], passages: Passage[], pack: PackInfo | null, names: MentionNames) => {
      this.names = names;
      this.adopt(article, map, mentions, passages, pack, fresh ? edit : undefined);
      fresh = false;
    };
    // A short text's detection is little work for the background: warm the classifier up meanwhile.
    // A long text's is not (below), and the warm-up waits for it.
    if (!firstDetect) warmUpInBackground();
    // 1. The names near the screen.
    const first = await answerOf(firstDetect ?? wholeDetect);
    if (!first || gen !== this.generation) return;
    if (progressive) {
      show(first.mentions, [], first.pack, first.names);
      performance.mark?.(PERF_MARKS_SHOWN, { detail: { mentions: first.mentions.length } });
    }
    // 2. Every name of the article. The page does nothing meanwhile: on two cores, classifying (or
    // warming the classifier up) beside the background's detection of a long text slowed both, held
    // its answer back and stretched the page's tasks past 50 ms.
    let mentions = first.mentions;
    let pack = first.pack;
    let names = first.names;
    if (firstDetect) {
      const whole = await answerOf(wholeDetect);
      if (!whole || gen !== this.generation) return;
      // The answer's decoding may have run its slice's whole budget: painting is a task of its own.
      await yieldToPage();
      if (gen !== this.generation) return;
      // The first part's mention objects stand where the whole text's detection agrees (an open card
      // stays open); the context of the whole text can settle an ambiguous name differently.
      const earlier = new Map(first.mentions.map((m) => [mentionKey(m), m]));
      mentions = whole.mentions.map((m) => (m.start < firstEnd ? (earlier.get(mentionKey(m)) ?? m) : m));
      pack = whole.pack;
      names = whole.names;
      if (progressive) show(mentions, [], pack, names);
    }
    performance.mark?.(PERF_ENTITIES_COMPLETE, { detail: { mentions: mentions.length } });
    // 3. On a long article, the passages near the screen first. (Once the session is taken down,
    // nothing of this read paints: `destroy` moves the generation on.)
    const withNames = withContext(withMentions(chunks, mentions), CLASSIFY_CONTEXT_CHARS);
    const firstChunks: ClassifiedChunks | null = firstDetect ? await this.classifyChunks(gen, text, withNames, article, firstEnd) : new Map();
    if (!firstChunks) return;
    if (firstDetect && progressive) {
      // Painting is a task of its own: the last slice of classification may have run its whole budget.
      await yieldToPage();
      if (gen !== this.generation) return;
      show(mentions, passagesOf(firstChunks), pack, names);
    }
    // 4. Every passage; those near the screen are kept.
    const classified = await this.classifyChunks(gen, text, withNames, article, text.length, firstChunks);
    if (!classified) return;
    const passages = applyCorrections(passagesOf(classified), pack);
    // Painting every passage is a task of its own: the last slice of classification may have run its whole budget.
    await yieldToPage();
    if (gen !== this.generation) return;
    show(mentions, passages, pack, names);
    this.completeText = text;
    if (!progressive) performance.mark?.(PERF_MARKS_SHOWN, { detail: { mentions: mentions.length } });
    performance.mark?.(PERF_MARKS_COMPLETE, { detail: { mentions: mentions.length, passages: passages.length } });
  }

  /**
   * The article's text map, read in slices with the page's turns between them (a 100,000-word
   * page took one task of 25-40 ms); null once a newer read has taken over.
   */
  private readText(gen: number, root: Node | readonly Node[], include: ReadonlySet<Text> | null): Promise<TextMap | null> {
    const clock = sliceClock(WORK_SLICE_MS);
    return runSliced(textMapSteps(root, include), clock, async () => {
      await yieldToPage();
      clock.reset();
      return gen === this.generation;
    });
  }

  /**
   * Where the first marks of a long article end: the end of the classification chunk that holds
   * the text a little past the screen's last line. Short articles are marked whole at once.
   * `length` is the analysed text's (a page past MAX_ARTICLE_CHARS is analysed in its first part).
   */
  private firstMarksEnd(map: TextMap, length: number, chunks: readonly Chunk[]): number {
    if (length <= 2 * PAINT_MARGIN_CHARS) return length;
    const onScreen = this.screenSpan(map);
    const want = (onScreen?.end ?? 0) + FIRST_MARKS_MARGIN_CHARS;
    const chunk = chunks.find((c) => c.end >= want);
    const end = chunk?.end ?? length;
    // A reader far down a long page (a restored scroll position): no first part to speak of.
    return end > length / 2 ? length : end;
  }

  /**
   * Classifies the article's chunks up to `until` in slices, with what the page says of the article
   * (`context`); a chunk classified `earlier` with the very same mentions keeps its passages. Null
   * when a newer read took over.
   */
  private async classifyChunks(gen: number, text: string, chunks: readonly Reading[], context: ArticleContext, until: number, earlier?: ClassifiedChunks): Promise<ClassifiedChunks | null> {
    const classified: ClassifiedChunks = new Map();
    // A task of its own: what came before (painting the names) is shown before classification starts.
    await yieldToPage();
    if (gen !== this.generation) return null;
    const clock = sliceClock(WORK_SLICE_MS);
    /** The page's turn; false when a newer read took over meanwhile. */
    const giveTurn = async (): Promise<boolean> => {
      await afterQueuedTasks();
      clock.reset();
      return gen === this.generation;
    };
    // What is left of the warm-up, a step a task.
    while (runWarmUpStep()) if (!(await giveTurn())) return null;
    for (const chunk of chunks) {
      if (chunk.end > until) break;
      const known = earlier?.get(chunk.own);
      const same = known && known.mentions.length === chunk.mentions.length && known.mentions.every((m, i) => m === chunk.mentions[i]);
      if (same) classified.set(chunk.own, known);
      else {
        // Sentence by sentence, giving the page its turn whenever a slice has run its time.
        const passages = await runSliced(classifyChunkInSteps(text, chunk, context), clock, giveTurn);
        if (!passages) return null;
        classified.set(chunk.own, { mentions: chunk.mentions, passages });
      }
      if (clock.due() && !(await giveTurn())) return null;
    }
    return classified;
  }

  /**
   * Takes an analysis of the page and paints it: a step of the current read (`edit` undefined), or
   * the first of a new read, with how the text changed since the last one (null: a first read).
   */
  private adopt(article: ArticleLocation, map: TextMap, mentions: Mention[], passages: Passage[], pack: PackInfo | null, edit: TextEdit | null | undefined): void {
    const fresh = edit !== undefined;
    if (fresh) {
      this.followTargets(edit, mentions, passages);
      this.ranges = new Map();
      this.completeText = null;
    }
    this.root = article.root;
    this.column = article.column ?? null;
    this.pack = pack;
    this.date = article.date ?? pack?.firstPublished;
    this.map = map;
    this.mentions = mentions;
    this.passages = passages;
    if (!this.listening) this.listen();
    this.paint();
    // The keyboard cursor stays on its mention as the lists grow or the page changes (or leaves, if it is gone).
    const t = this.target;
    if (this.state.cursor && t?.kind === 'mention') {
      this.cursorIndex = this.visibleMentions().indexOf(t.m);
      if (this.cursorIndex < 0) this.clearCursor();
    }
    // A card carried over is anchored again: its words may stand in new nodes.
    const card = fresh && this.state.card ? this.ui?.shadow.querySelector<HTMLElement>('.bs-card') : null;
    if (card) this.positionCard(card);
  }

  /**
   * A new analysis of a changed page ("Updated 5 min ago" ticking inside the article): the open
   * card, the keyboard's mark and the item under the pointer carry over to the same item in it,
   * where the change did not touch them; the others close.
   */
  private followTargets(edit: TextEdit | null, mentions: readonly Mention[], passages: readonly Passage[]): void {
    const follow = (t: Target | null): Target | null => {
      const span = t && edit?.map(itemOf(t).start, itemOf(t).end);
      if (!t || !span) return null;
      let next: Target | null = null;
      if (t.kind === 'mention') {
        const m = itemAt(mentions, span[0]);
        if (m && m.start === span[0] && m.end === span[1] && m.entity === t.m.entity && m.type === t.m.type) next = { kind: 'mention', m };
      } else {
        const p = itemAt(passages, span[0]);
        if (p && p.start === span[0] && p.end === span[1] && p.label === t.p.label) next = { kind: 'passage', p };
      }
      if (next) this.successors.set(itemOf(t), next);
      return next;
    };
    const card = follow(this.cardTarget);
    const aimed = follow(this.target);
    // The timers belong to the item aimed at: a card about to open for one carried over still opens
    // (closing the card here stopped them too, and a hover's card never came when the page changed
    // in its half second).
    if (card) this.cardTarget = card;
    else this.takeCardDown();
    if (aimed) this.target = aimed;
    else {
      this.clearTimers();
      if (this.state.cursor) this.clearCursor();
      else this.target = null;
    }
  }

  /** Drops everything read from a page that no longer carries an article. */
  private forget(): void {
    this.closeCard();
    this.clearCursor();
    this.map = null;
    this.completeText = null;
    this.root = null;
    this.column = null;
    this.mentions = [];
    this.passages = [];
    this.ranges.clear();
    this.highlighter.clear();
    this.state.legend = null;
    this.state.margins = [];
    this.render();
  }

  /** Follows the page: re-rendered text, articles rendered late, single-page navigation. */
  private observe(): void {
    const win = this.doc.defaultView;
    if (!win?.MutationObserver) return;
    const observer = new win.MutationObserver((records) => {
      if (records.every((r) => this.isOwnMutation(r))) return;
      this.scheduleRefresh();
    });
    observer.observe(this.doc.documentElement, { childList: true, subtree: true, characterData: true });
    this.cleanups.push(() => {
      observer.disconnect();
      clearTimeout(this.refreshTimer);
    });
  }

  private isOwnMutation(r: MutationRecord): boolean {
    const host = this.ui?.host;
    const ours = (n: Node) => n.nodeName === 'BACKSTORY-UI' || (!!host && host.contains(n));
    return ours(r.target) || (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours));
  }

  /** Re-reads the page after it has been quiet for a moment (longer and longer on pages that are not articles). */
  scheduleRefresh(): void {
    const now = performance.now();
    // After a small change, a read already due is not pushed on by the next tick.
    if (this.refreshTimer && this.quietUntil > now) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(() => {
      this.refreshTimer = 0;
      void this.read().catch(() => undefined);
    }, Math.max(this.refreshDelay, this.quietUntil - now));
  }

  applySettings(next: Settings): void {
    const previous = this.settings;
    const wasEnabled = isSiteEnabled(previous, this.host);
    this.settings = next;
    const enabled = isSiteEnabled(next, this.host);
    if (enabled && !wasEnabled && !this.map) {
      void this.read().catch(() => undefined);
      return;
    }
    this.paint();
    // Everyday terms are left out by the detection itself: asking for them (or not) is a new one.
    if (enabled && this.map && next.everydayTerms !== previous.everydayTerms) {
      this.completeText = null;
      void this.read().catch(() => undefined);
    }
    performance.mark?.(PERF_SETTINGS_APPLIED, { detail: { markers: markersOn(next, this.host), passages: this.passages.length } });
  }

  private rangeOf(item: Mention | Passage): Range | null {
    let r = this.ranges.get(item);
    if (!r && this.map) {
      r = rangeFor(this.map, item.start, item.end, this.doc) ?? undefined;
      if (r) this.ranges.set(item, r);
    }
    return r ?? null;
  }

  /**
   * What is shown under the current settings, each list computed once per change of the settings or
   * of its part of the analysis (both are replaced, never mutated): hit-testing asks on every
   * pointer frame, and a long article's passages change several times while its names do not.
   */
  private shownMentions: { settings: Settings; mentions: Mention[]; visible: readonly Mention[] } | null = null;
  private shownPassages: { settings: Settings; passages: Passage[]; marked: readonly Passage[] } | null = null;

  private visibleMentions(): readonly Mention[] {
    const { settings: s, mentions } = this;
    if (this.shownMentions?.settings === s && this.shownMentions.mentions === mentions) return this.shownMentions.visible;
    let visible: readonly Mention[] = [];
    if (s.marks && isSiteEnabled(s, this.host)) {
      const muted = new Set(s.muted);
      // Every type shown and no name muted (the usual case): the list itself, not a copy of it.
      visible = !muted.size && ENTITY_TYPES.every((t) => typeEnabled(s, t)) ? mentions : mentions.filter((m) => typeEnabled(s, m.type) && !(m.id && muted.has(m.id)));
      if (s.marksPerName === 'first') visible = firstMentions(visible);
    }
    this.shownMentions = { settings: s, mentions, visible };
    return visible;
  }

  private markedPassages(): readonly Passage[] {
    const { settings: s, passages } = this;
    if (this.shownPassages?.settings === s && this.shownPassages.passages === passages) return this.shownPassages.marked;
    const marked = isSiteEnabled(s, this.host) && markersOn(s, this.host) ? passages.filter((p) => p.label === 'opinion' || p.label === 'reported') : [];
    this.shownPassages = { settings: s, passages, marked };
    return marked;
  }

  /** The text painted by the last `paint()`: all of it, or the part near the screen on long articles. */
  private painted: Span | null = null;

  /**
   * The article text on screen, from the first block that reaches below the screen's top to the
   * last that starts above its bottom (binary searches over the blocks, in document order); null
   * when the article has no blocks or none is laid out.
   */
  private screenSpan(map: TextMap): Span | null {
    const blocks = map.blocks;
    const height = this.doc.defaultView?.innerHeight ?? 0;
    if (!blocks.length || !height) return null;
    // A block that is not laid out (hidden by the page's CSS) has an empty box: the next one that is stands for it.
    const rectOf = (i: number): DOMRect | undefined => {
      for (let j = i; j < blocks.length && j < i + SCREEN_SEARCH_HIDDEN_MAX; j++) {
        const r = rangeFor(map, blocks[j].start, blocks[j].end, this.doc)?.getBoundingClientRect();
        if (r && (r.width || r.height)) return r;
      }
      return undefined;
    };
    const firstIndex = (below: (r: DOMRect) => boolean) => {
      let lo = 0;
      let hi = blocks.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const r = rectOf(mid);
        if (r && below(r)) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    const top = firstIndex((r) => r.bottom > 0);
    const after = firstIndex((r) => r.top >= height);
    if (top >= blocks.length) return null;
    return { start: blocks[top].start, end: blocks[Math.max(top, after - 1)].end };
  }

  /** The text to paint now: the whole article, or the part within PAINT_MARGIN_CHARS of the screen. */
  private paintSpan(map: TextMap): Span {
    const length = map.text.length;
    if (length <= 2 * PAINT_MARGIN_CHARS) return { start: 0, end: length };
    const screen = this.screenSpan(map) ?? { start: 0, end: 0 };
    return { start: Math.max(0, screen.start - PAINT_MARGIN_CHARS), end: Math.min(length, screen.end + PAINT_MARGIN_CHARS) };
  }

  /** After a scroll: paints again when the screen has come within half a margin of the painted text's edge. */
  private followScroll(): void {
    const map = this.map;
    const painted = this.painted;
    if (!map || !painted || (painted.start === 0 && painted.end === map.text.length)) return;
    const screen = this.screenSpan(map);
    if (!screen) return;
    const half = PAINT_MARGIN_CHARS / 2;
    if ((painted.start > 0 && screen.start - half < painted.start) || (painted.end < map.text.length && screen.end + half > painted.end)) this.paint();
  }

  /**
   * Hides the margin notes that lie, at this scroll, under a bar the page keeps on screen (a sticky
   * or fixed header, a share bar) and shows them again once they are clear of it: our notes stand
   * above every page element, and would cover it (reader review 22: "Independent scientists" over a
   * site's name). Only the notes on screen are tested, each at its middle; the notes are marked
   * when they are placed too.
   */
  private hideNotesUnderBars(): void {
    const next = this.underBarsMarked(this.state.margins);
    if (next === this.state.margins) return;
    this.state.margins = next;
    this.render();
  }

  /** The notes, each marked `hidden` where a page's bar is over it now; the same array where nothing changes. */
  private underBarsMarked(margins: MarginNote[]): MarginNote[] {
    if (!margins.length || !this.ui) return margins;
    const win = this.doc.defaultView!;
    let changed = false;
    const next = margins.map((n) => {
      const y = n.top - win.scrollY + MARGIN_NOTE_PROBE_Y_PX;
      const onScreen = y >= 0 && y <= win.innerHeight;
      const x = n.left - win.scrollX + (n.side === 'right' ? MARGIN_NOTE_PROBE_X_PX : -MARGIN_NOTE_PROBE_X_PX);
      const under = onScreen && this.pageBarAt(x, y);
      if (under === !!n.hidden) return n;
      changed = true;
      if (under) return { ...n, hidden: true as const };
      const { hidden: _, ...shown } = n;
      return shown;
    });
    return changed ? next : margins;
  }

  /** Whether the page's topmost element at a point of the window belongs to a bar that stays on screen (position fixed or sticky). */
  private pageBarAt(x: number, y: number): boolean {
    const top = this.doc.elementsFromPoint(x, y).find((el) => el !== this.ui?.host && el !== this.doc.documentElement && el !== this.doc.body);
    for (let el: Element | null = top ?? null; el && el !== this.doc.body; el = el.parentElement) {
      let stays = this.staysOnScreen.get(el);
      if (stays === undefined) {
        const position = this.doc.defaultView!.getComputedStyle(el).position;
        this.staysOnScreen.set(el, (stays = position === 'fixed' || position === 'sticky'));
      }
      if (stays) return true;
    }
    return false;
  }

  /**
   * Forgets the Ranges of items far from the screen (the browser keeps every live Range up to date
   * on each change of the page), except those of the open card and the keyboard cursor.
   */
  private dropRangesOutside(span: Span): void {
    const keep = new Set<Mention | Passage>();
    for (const t of [this.target, this.cardTarget]) if (t) keep.add(itemOf(t));
    for (const item of this.ranges.keys()) if ((item.end <= span.start || item.start >= span.end) && !keep.has(item)) this.ranges.delete(item);
  }

  /** Brings highlights, margins and legend in line with the data and the settings. */
  private paint(): void {
    const map = this.map;
    if (!map) return;
    const span = this.paintSpan(map);
    this.painted = span;
    if (span.start > 0 || span.end < map.text.length) this.dropRangesOutside(span);
    const groups: Record<HighlightKey, Range[]> = { person: [], place: [], organization: [], event: [], term: [], opinion: [], reported: [] };
    for (const m of within(this.visibleMentions(), span)) {
      const r = this.rangeOf(m);
      if (r) groups[m.type].push(r);
    }
    const passages = within(this.markedPassages(), span);
    for (const p of passages) {
      const r = this.rangeOf(p);
      if (r) groups[p.label as 'opinion' | 'reported'].push(r);
    }
    for (const key of Object.keys(groups) as HighlightKey[]) this.highlighter.set(key, groups[key]);

    const enabled = isSiteEnabled(this.settings, this.host);
    if (!enabled) {
      this.closeCard();
      this.destroyUi();
      return;
    }
    const on = markersOn(this.settings, this.host);
    let opinion = 0;
    let reported = 0;
    for (const p of this.passages) {
      if (p.label === 'opinion') opinion++;
      else if (p.label === 'reported') reported++;
    }
    this.state.legend = opinion + reported && !this.legendClosed ? { markersOn: on, opinion, reported } : null;
    // The page reflowed (a resize): the keyboard's ring follows its mark.
    // (From the mark itself: the index into the lists is brought up to date only after a paint.)
    const cursorRange = this.state.cursor && this.target?.kind === 'mention' ? this.rangeOf(this.target.m) : null;
    if (this.state.cursor && cursorRange) this.state.cursor = { ...this.state.cursor, ...this.cursorBox(cursorRange) };
    this.state.margins = on ? this.underBarsMarked(this.marginNotes(passages)) : [];
    if (this.cardTarget && !this.targetStillShown(this.cardTarget)) this.closeCard();
    this.render();
    // The legend is placed when the page is painted (its data, a resize), not at every render.
    this.placeLegendInFrame();
  }

  private targetStillShown(t: Target): boolean {
    if (t.kind === 'mention' && !this.mentions.includes(t.m)) return false;
    return t.kind === 'mention' ? this.visibleMentions().includes(t.m) : this.markedPassages().includes(t.p);
  }

  /** Each entity's type and shortest name in the mentions shown, for the margin labels (the detection's answer gives them). */
  private names: MentionNames = new Map();

  /**
   * Short margin label for a source (core/cards.ts `sourceLabel`): a person by their short name,
   * also one the knowledge base lacks ("Bowman" for the article's "Michelle Bowman"); a description stays as it is.
   */
  private sourceLabel(p: Passage): string {
    return sourceLabel(p.source ?? '', this.names, itemsWithin(this.mentions, p.start, p.end));
  }

  /**
   * The sources of reported passages, in the page's left margin beside their first line; where
   * the left margin has no room for a note (a wire story whose text starts 50 px from the window's
   * edge), in the right margin, where what the page lays out there (a rail) leaves room; below a
   * rail's content, past the line that divides it from the story. Where neither has room, no note: a note must never cover the page's words, and the passage's card
   * names its source. A margin narrower than the widest note still holds the notes whose whole
   * label fits ("Altman" in 96 px).
   */
  private marginNotes(passages: readonly Passage[]): MarginNote[] {
    const map = this.map;
    const column = this.layoutColumn();
    if (!map || !column) return [];
    const win = this.doc.defaultView!;
    // The column's edges are its content box: its padding is room for the notes, not text.
    const columnStyle = win.getComputedStyle(column);
    const columnBox = column.getBoundingClientRect();
    const rootLeft = columnBox.left + (parseFloat(columnStyle.borderLeftWidth) || 0) + (parseFloat(columnStyle.paddingLeft) || 0);
    const rootRight = columnBox.right - (parseFloat(columnStyle.borderRightWidth) || 0) - (parseFloat(columnStyle.paddingRight) || 0);
    const notes: MarginNote[] = [];
    /** The labels each note holds. */
    const labels = new Map<MarginNote, string[]>();
    /** The height and the right edge (window) of each note's line. */
    const lines = new Map<MarginNote, { height: number; right: number }>();
    let lineHeight = 0;
    let previous: Passage | null = null;
    for (const p of passages) {
      const before = previous;
      previous = p;
      if (p.label !== 'reported' || !p.source) continue;
      // A statement that goes straight on, in the same paragraph and from the same source, is under the note it has (one "Echeverría" for his paragraph).
      if (before?.label === 'reported' && before.source === p.source && /^[^\S\n]*$/.test(map.text.slice(before.end, p.start))) continue;
      const rect = this.rangeOf(p)?.getClientRects()[0];
      if (!rect) continue;
      const edge = Math.min(rect.left, rootLeft) - 8;
      const note: MarginNote = { key: `${p.start}`, text: this.sourceLabel(p), top: rect.top + win.scrollY, left: edge + win.scrollX };
      // Two statements that start on the same line share its note ("Biden, Blinken"; one "Guterres" for two).
      const last = notes[notes.length - 1];
      if (last && Math.abs(note.top - last.top) < Math.max(lineHeight, rect.height) / 2) {
        const held = labels.get(last)!;
        if (!held.includes(note.text)) held.push(note.text);
        last.text = held.join(', ');
        continue;
      }
      lineHeight = rect.height;
      labels.set(note, [note.text]);
      lines.set(note, { height: rect.height, right: Math.max(rect.right, rootRight) });
      notes.push(note);
    }
    // The room ends at the window's edge, or at what the page lays out beside the column on the
    // note's line (a rail of key facts left of the story, a "Most read" list right of it), whichever is nearer.
    const left = this.besideColumn(column, 'left', rootLeft);
    const fitsIn = (n: MarginNote, room: number): boolean =>
      room >= MARGIN_NOTE_MIN_ROOM_PX || labelWidth(n.text) + MARGIN_NOTE_CHROME_PX + MARGIN_NOTE_WINDOW_GAP_PX <= room;
    const onLine = (n: MarginNote) => (b: { top: number; bottom: number }) => b.top < n.top + lines.get(n)!.height && b.bottom > n.top;
    // A note's right end on the left: before the text, and past any rail's dividing line on its line.
    const leftEnds = notes.map((n) => left.reduce((x, b) => (b.rule && onLine(n)(b) ? Math.min(x, b.edge - 8) : x), n.left));
    const leftRooms = notes.map((n, i) => leftEnds[i]! - left.reduce((x, b) => (!b.rule && onLine(n)(b) ? Math.max(x, b.edge) : x), win.scrollX));
    const leftFits = notes.map((n, i) => fitsIn(n, leftRooms[i]!));
    // The right margin is measured only where a note does not fit on the left (the left wins a tie).
    let rightRooms: Array<{ from: number; room: number }> = [];
    let rightFits: boolean[] = notes.map(() => false);
    if (leftFits.includes(false)) {
      const right = this.besideColumn(column, 'right', rootRight);
      const windowRight = (this.doc.documentElement.clientWidth || win.innerWidth) + win.scrollX;
      // Right of a column that draws its box (a white story card), the notes stand outside it.
      const rightStart = drawsItsBox(columnStyle) ? columnBox.right : rootRight;
      rightRooms = notes.map((n) => {
        const from = right.reduce((x, b) => (b.rule && onLine(n)(b) ? Math.max(x, b.edge + 8) : x), Math.max(lines.get(n)!.right, rightStart) + 8 + win.scrollX);
        return { from, room: right.reduce((x, b) => (!b.rule && onLine(n)(b) ? Math.min(x, b.edge) : x), windowRight) - from };
      });
      rightFits = notes.map((n, i) => fitsIn(n, rightRooms[i]!.room));
    }
    // One side for the page where it can: the one that holds more of the notes (the left, where
    // they tie); a note that does not fit there stands on the other side where it fits.
    const rightFirst = rightFits.filter(Boolean).length > leftFits.filter(Boolean).length;
    const placed: MarginNote[] = [];
    notes.forEach((n, i) => {
      const side = rightFirst ? (rightFits[i] ? 'right' : leftFits[i] ? 'left' : null) : leftFits[i] ? 'left' : rightFits[i] ? 'right' : null;
      if (!side) return;
      const room = side === 'right' ? rightRooms[i]!.room : leftRooms[i]!;
      // A wide margin lets a long label ("Office for Budget Responsibility") stand whole.
      if (room > MARGIN_NOTE_MIN_ROOM_PX) n.maxWidth = Math.min(MARGIN_NOTE_MAX_WIDTH_PX, Math.floor(room - MARGIN_NOTE_WINDOW_GAP_PX));
      if (side === 'right') {
        n.left = rightRooms[i]!.from;
        n.side = 'right';
      } else n.left = leftEnds[i]!;
      placed.push(n);
    });
    return placed;
  }

  /**
   * The boxes, in the document's coordinates, of what the page lays out beside the article's
   * column on one side (`columnEdge`, that side's edge in the window's): the column's siblings
   * and its ancestors' siblings that show something (text or media; not a hidden menu, not an
   * empty spacer), each with its edge nearest the column (`edge`). A sticky one may stand beside
   * any line of its container, and one that holds a sticky list beside any line of its own; a
   * fixed one floats over the page and its notes alike and is left out. At most
   * MARGIN_SIDE_ELEMENTS_MAX elements are looked at.
   */
  private besideColumn(column: Element, side: 'left' | 'right', columnEdge: number): BesideBox[] {
    const win = this.doc.defaultView!;
    const boxes: BesideBox[] = [];
    /** The side of what stands there that faces the column. */
    const near = side === 'left' ? 'right' : 'left';
    let looked = 0;
    for (let el: Element = column; el.parentElement && el !== this.doc.body; el = el.parentElement) {
      for (const other of el.parentElement.children) {
        if (other === el || other === this.ui?.host) continue;
        if (++looked > MARGIN_SIDE_ELEMENTS_MAX) return boxes;
        const r = other.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || (side === 'left' ? r.right > columnEdge + 1 : r.left < columnEdge - 1)) continue;
        if (!showsSomething(other)) continue;
        const style = win.getComputedStyle(other);
        if (style.position === 'fixed' || style.visibility === 'hidden' || style.opacity === '0') continue;
        // A rail stretched to the column's height ("Most read" at its top, then nothing) stands
        // only as far down as what it holds, unless it draws its box (a border, a background).
        const shape = besideShape(style, near);
        // A rail whose list sticks (a share bar) keeps its whole height, and only as much width as the list takes.
        const sticky = style.position !== 'sticky' && shape !== 'box' && holdsSticky(other, win);
        const span = style.position === 'sticky' ? el.parentElement.getBoundingClientRect() : shape === 'box' || sticky ? r : heldWithin(other, r);
        const across = sticky ? contentBox(other) ?? r : r;
        boxes.push({ edge: (side === 'left' ? across.right : across.left) + win.scrollX, top: span.top + win.scrollY, bottom: span.bottom + win.scrollY });
        // A rail's dividing line runs its whole height: below the rail's content a note stands past it, in the rail's room.
        if (shape === 'rule' && style.position !== 'sticky') {
          const line = parseFloat(style.getPropertyValue(`border-${near}-width`)) || 0;
          boxes.push({ edge: (side === 'left' ? r.right - line : r.left + line) + win.scrollX, top: r.top + win.scrollY, bottom: r.bottom + win.scrollY, rule: true });
        }
      }
    }
    return boxes;
  }

  private ensureUi(): UiHost {
    if (!this.ui) this.ui = createUiHost(this.doc, this.deps.css);
    return this.ui;
  }

  private destroyUi(): void {
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.ui?.destroy();
    this.ui = null;
  }

  private render(): void {
    const dark = this.settings.theme === 'dark' || (this.settings.theme === 'auto' && !!this.doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches);
    this.state.theme = dark ? 'dark' : 'light';
    const hasContent = this.state.card || this.state.cursor || this.state.legend || this.state.margins.length || this.state.muted;
    if (!hasContent && !this.ui) return;
    this.ensureUi().render(h(App, { state: { ...this.state }, actions: this.actions }));
  }

  private readonly actions: UiActions = {
    positionCard: (el) => this.positionCard(el),
    cardEnter: () => {
      this.overCard = true;
      this.clearHide();
    },
    cardLeave: () => {
      this.overCard = false;
      this.scheduleHide();
    },
    closeCard: () => this.closeCard(true),
    mute: (id, name) => {
      this.closeCard();
      void this.deps.saveSettings((s) => ({ muted: [...new Set([...s.muted, id])] }));
      this.dismissMuted();
      this.undoable = { id, timer: window.setTimeout(() => this.dismissMuted(), MUTE_UNDO_MS) };
      this.state.muted = { key: ++this.cardKey, name };
      this.render();
    },
    undoMute: () => {
      const id = this.undoable?.id;
      this.dismissMuted();
      if (id) void this.deps.saveSettings((s) => ({ muted: s.muted.filter((x) => x !== id) }));
    },
    dismissMuted: () => this.dismissMuted(),
    openSource: (id) => {
      const m = this.mentions.find((x) => x.id === id);
      if (m) this.openCard({ kind: 'mention', m }, true);
    },
    showPassage: (start) => {
      const p = itemAt(this.passages, start);
      if (p) this.openCard({ kind: 'passage', p }, true);
    },
    toggleMarkers: () => this.toggleMarkers(),
    closeLegend: () => {
      this.legendClosed = true;
      this.state.legend = null;
      this.render();
    },
    cursorBlur: (e) => {
      // The focus left for the page (Tab, a click): the ring and the card it opened go with it; into
      // the card, or out of the window, they stay.
      const to = e.relatedTarget as Node | null;
      if (to && !(this.ui && this.ui.shadow.contains(to))) {
        this.closeCard();
        this.clearCursor();
      }
    },
    cursorKey: (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        const m = this.visibleMentions()[this.cursorIndex];
        if (m) this.openCard({ kind: 'mention', m }, true);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (this.state.card) this.closeCard();
        else this.clearCursor();
      } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'n') {
        e.preventDefault();
        this.step(1);
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'p') {
        e.preventDefault();
        this.step(-1);
      }
    },
  };

  /**
   * A keyboard shortcut, from the commands API or from the page's keydown. One press can arrive
   * both ways (the browser decides whether the page sees it): handle it once.
   */
  shortcut(command: ShortcutCommand, via: 'key' | 'command'): void {
    const now = Date.now();
    if (via === 'command' && now - (this.keyHandledAt.get(command) ?? -Infinity) < SHORTCUT_DEDUPE_MS) return;
    if (via === 'key') this.keyHandledAt.set(command, now);
    if (command === 'toggle-opinion-markers') this.toggleMarkers();
    else this.step(command === 'next-mark' ? 1 : -1);
  }

  /** Per-site memory: the shortcut and legend switch the markers for this site. */
  toggleMarkers(): void {
    const host = this.host;
    void this.deps.saveSettings((s) => toggleSiteMarkers(s, host));
  }

  // ---- pointer ----

  private listen(): void {
    this.listening = true;
    const win = this.doc.defaultView!;
    let frame = 0;
    const onMove = (e: MouseEvent) => {
      this.pendingMove = { x: e.clientX, y: e.clientY, overUi: !!this.ui && e.composedPath().includes(this.ui.host) };
      if (!frame) frame = win.requestAnimationFrame(() => {
        frame = 0;
        const mv = this.pendingMove;
        if (mv) this.onPointer(mv.x, mv.y, mv.overUi);
      });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && this.state.card) {
        this.closeCard(true);
        // Handled: the keyboard ring must not take this Escape as a second one (which leaves the marks).
        if (this.ui && e.composedPath().includes(this.ui.host)) e.stopPropagation();
      } else if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && !e.repeat && e.code in SHORTCUT_KEYS) {
        e.preventDefault();
        this.shortcut(SHORTCUT_KEYS[e.code as keyof typeof SHORTCUT_KEYS], 'key');
      }
    };
    // A link or button of the page's that holds a name, reached with Tab: its card opens as on hover.
    const onFocusIn = (e: FocusEvent) => {
      if (this.ui && e.composedPath().includes(this.ui.host)) return;
      this.onPageFocus(e.target as Node | null);
    };
    const onFocusOut = (e: FocusEvent) => {
      if (this.ui && e.composedPath().includes(this.ui.host)) return;
      const next = e.relatedTarget as Node | null;
      if (!next || !(this.ui && (next === this.ui.host || this.ui.host.contains(next)))) this.onPageFocus(null);
    };
    const onResize = () => this.paint();
    let scrollFrame = 0;
    const onScroll = () => {
      if (!scrollFrame) scrollFrame = win.requestAnimationFrame(() => {
        scrollFrame = 0;
        this.followScroll();
        this.hideNotesUnderBars();
      });
    };
    this.doc.addEventListener('mousemove', onMove, { passive: true, capture: true });
    this.doc.addEventListener('keydown', onKey, { capture: true });
    this.doc.addEventListener('focusin', onFocusIn, { capture: true });
    this.doc.addEventListener('focusout', onFocusOut, { capture: true });
    win.addEventListener('resize', onResize, { passive: true });
    // Capturing: the article may scroll inside an element of its own.
    this.doc.addEventListener('scroll', onScroll, { passive: true, capture: true });
    this.cleanups.push(() => {
      this.doc.removeEventListener('mousemove', onMove, { capture: true });
      this.doc.removeEventListener('keydown', onKey, { capture: true });
      this.doc.removeEventListener('focusin', onFocusIn, { capture: true });
      this.doc.removeEventListener('focusout', onFocusOut, { capture: true });
      win.removeEventListener('resize', onResize);
      this.doc.removeEventListener('scroll', onScroll, { capture: true });
      if (frame) win.cancelAnimationFrame(frame);
      if (scrollFrame) win.cancelAnimationFrame(scrollFrame);
    });
  }

  /** The mark or marked passage under the point, if any. */
  targetAt(x: number, y: number): Target | null {
    const map = this.map;
    if (!map) return null;
    const offset = textOffsetAt(this.doc, map, x, y);
    if (offset < 0) return null;
    for (const o of [offset, offset - 1]) {
      const m = itemAt(this.visibleMentions(), o);
      if (m) {
        const r = this.rangeOf(m);
        if (r && rangeContainsPoint(r, x, y)) return { kind: 'mention', m };
      }
    }
    const p = itemAt(this.markedPassages(), offset);
    if (p) {
      const r = this.rangeOf(p);
      if (r && rangeContainsPoint(r, x, y)) return { kind: 'passage', p };
    }
    return null;
  }

  /** `t`, or the item a newer analysis of the changed page carried it over to (`followTargets`). */
  private latest(t: Target): Target {
    let at = t;
    for (let next = this.successors.get(itemOf(at)); next; next = this.successors.get(itemOf(next))) at = next;
    return at;
  }

  private sameTarget(a: Target | null, b: Target | null): boolean {
    if (!a || !b) return a === b;
    return a.kind === b.kind && (a.kind === 'mention' ? a.m === (b as typeof a).m : a.p === (b as { p: Passage }).p);
  }

  private onPointer(x: number, y: number, overUi: boolean): void {
    if (overUi) return;
    this.aimAt(this.targetAt(x, y), HOVER_INTENT_MS, CARD_SHOW_MS);
  }

  /**
   * The page's focus moved to `node` (null: away from the page's elements). A small focusable
   * element (a link, a button) holding a name opens that name's card as hover does, sooner; the
   * focus stays on the page, so that Tab goes on.
   */
  private onPageFocus(node: Node | null): void {
    const m = node ? this.mentionInside(node) : null;
    this.aimAt(m ? { kind: 'mention', m } : null, 0, FOCUS_SHOW_MS);
  }

  /**
   * The reader points at `t` (null: at nothing of ours), by hover or by focus: its entry is fetched
   * after `intentMs` and its card opened after `showMs`; leaving it closes the card after a grace period.
   */
  private aimAt(t: Target | null, intentMs: number, showMs: number): void {
    if (this.sameTarget(t, this.target)) return;
    this.target = t;
    this.clearTimers();
    this.abortLookups();
    if (t) {
      if (this.sameTarget(t, this.cardTarget)) {
        this.clearHide();
        return;
      }
      if (t.kind === 'mention') {
        const m = t.m;
        this.timers.push(window.setTimeout(() => (m.id ? void this.entryFor(m.id) : this.lookupFor(m)), intentMs));
      }
      this.timers.push(window.setTimeout(() => this.openCard(t, false), showMs));
    } else if (this.state.card && !this.overCard) this.scheduleHide();
  }

  /** The first name shown inside `node`, when its text is short (a link or a button, not a whole section). */
  private mentionInside(node: Node): Mention | null {
    const map = this.map;
    if (!map || node.nodeType !== 1) return null;
    const walker = this.doc.createTreeWalker(node, SHOW_TEXT_NODES);
    let start = -1;
    let end = -1;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const at = offsetAt(map, t, 0);
      if (at < 0) continue;
      if (start < 0) start = at;
      end = at + (t as Text).data.length;
      if (end - start > FOCUS_MAX_TEXT_CHARS) return null;
    }
    if (start < 0) return null;
    return within(this.visibleMentions(), { start, end }).find((m) => m.start >= start && m.end <= end) ?? null;
  }

  /** Puts the focus back on the keyboard's mark, when there is one. */
  private focusCursor(): void {
    if (this.state.cursor) (this.ui?.shadow.querySelector('.bs-cursor') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  /** Withdraws the offer to undo a mute. */
  private dismissMuted(): void {
    if (this.undoable) clearTimeout(this.undoable.timer);
    this.undoable = null;
    if (!this.state.muted) return;
    const focused = !!this.ui?.shadow.activeElement?.classList.contains('bs-undo');
    this.state.muted = null;
    this.render();
    // The focus was on Undo, now gone: back to the keyboard's mark when there is one, not to the page's start.
    if (focused) this.focusCursor();
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private clearHide(): void {
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.hideTimer = 0;
  }

  private scheduleHide(): void {
    this.clearHide();
    this.hideTimer = window.setTimeout(() => {
      // A card holding the focus (opened from the keyboard or a button) stays: closing it would drop the focus on the page.
      const focused = !!this.ui?.shadow.activeElement?.closest('.bs-card');
      if (!this.overCard && !focused && !this.sameTarget(this.target, this.cardTarget)) this.closeCard();
    }, CARD_HIDE_MS);
  }

  // ---- cards ----

  /** The entry for `id`: null when the knowledge base lacks it, 'unread' when it could not be read (asked again next time). */
  private entryFor(id: string): Promise<KbEntry | null | 'unread'> {
    let p = this.entries.get(id);
    if (!p) {
      p = this.deps.entry(id).catch((err: unknown) => {
        this.entries.delete(id);
        if (!this.entryWarned) {
          this.entryWarned = true;
          console.warn('Backstory could not read a knowledge-base entry:', err);
        }
        return 'unread' as const;
      });
      this.entries.set(id, p);
    }
    return p;
  }

  private async cardModel(t: Target) {
    if (t.kind === 'passage') return passageCard(t.p);
    const article = { date: this.date, mentions: this.mentions, passages: this.passages };
    if (!t.m.id) return this.onlineCard(t.m);
    const entry = await this.entryFor(t.m.id);
    if (entry === 'unread') return unreadEntryCard(t.m, article);
    if (!entry) return textOnlyCard(t.m, article);
    let metonym: { name: string; type: EntityType } | undefined;
    if (entry.metonymOf) {
      const of = await this.entryFor(entry.metonymOf);
      if (of && of !== 'unread') metonym = { name: of.name, type: of.type };
    }
    return entityCard(entry, article, metonym);
  }

  private anchorRange(t: Target): Range | null {
    return this.rangeOf(itemOf(t));
  }

  private async openCard(aimed: Target, focus: boolean): Promise<void> {
    const model = await this.cardModel(this.latest(aimed));
    // The page may have been read again while the entry came.
    const t = this.latest(aimed);
    if (!focus && !this.sameTarget(t, this.target)) return;
    this.cardTarget = t;
    this.overCard = false;
    this.clearHide();
    const key = ++this.cardKey;
    this.state.card = { key, model: model as EntityCardModel };
    this.render();
    if (t.kind === 'mention' && model.kind === 'entity' && model.online?.state === 'loading') void this.fillOnline(t.m, key);
    if (focus) (this.ui?.shadow.querySelector('.bs-card') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  /**
   * What the margin notes are placed beside: the article's root, or, where the root spans the whole
   * window (it holds a stray line besides the article, or it is an app's wrapper), the page's own
   * article container inside it, which holds nearly all of the text; and within that, the block
   * that holds its lines (`linesWithin`).
   */
  private layoutColumn(): Element | null {
    const root = this.root;
    const win = this.doc.defaultView;
    if (!root || !win) return root;
    const container = this.column && root.getBoundingClientRect().width >= win.innerWidth - FULL_WIDTH_SLACK_PX ? this.column : root;
    return this.linesWithin(container);
  }

  /**
   * Where the article's lines are laid inside `container`: the container, or, where its paragraphs
   * are a narrower measure (a magazine's <article> that spans the window, its paragraphs a centred
   * 640 px), the outermost block that holds a body paragraph at the paragraph's own width.
   */
  private linesWithin(container: Element): Element {
    const win = this.doc.defaultView!;
    const passages = this.passages;
    let paragraph: Element | null = null;
    let width = 0;
    // Three paragraphs through the body, the widest of them: one may be a narrower pull quote or list.
    // (From a quarter, a half and three quarters of the way, the next passage that is not furniture:
    // this runs at every paint, and a long article has thousands of passages.)
    for (const at of [0.25, 0.5, 0.75]) {
      let i = Math.floor(passages.length * at);
      while (i < passages.length && passages[i]!.label === 'other') i++;
      const p = passages[i];
      const block = p && this.blockOf(p);
      if (!block || !container.contains(block)) continue;
      const w = block.getBoundingClientRect().width;
      if (w > width) [paragraph, width] = [block, w];
    }
    if (!paragraph) return container;
    const style = win.getComputedStyle(container);
    const inner = container.getBoundingClientRect().width - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
    if (width >= inner - FULL_WIDTH_SLACK_PX) return container;
    let lines = paragraph;
    while (lines.parentElement && lines.parentElement !== container && lines.parentElement.getBoundingClientRect().width <= width + FULL_WIDTH_SLACK_PX) lines = lines.parentElement;
    return lines;
  }

  /** The block element a passage starts in (its paragraph), not an inline one such as a link. */
  private blockOf(p: Passage): Element | null {
    const win = this.doc.defaultView!;
    const start = this.rangeOf(p)?.startContainer;
    let el = start && (start.nodeType === 1 ? (start as Element) : start.parentElement);
    while (el && el !== this.doc.body && win.getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
    return el ?? null;
  }

  private legendFrame = 0;

  /**
   * Places the legend in the next frame, before it is painted. Measuring it here would lay the
   * page out inside this task, which on a long article already holds the highlights and the UI's
   * render (one task of 50-60 ms); the frame lays the page out anyway.
   */
  private placeLegendInFrame(): void {
    const win = this.doc.defaultView;
    if (!win || this.legendFrame) return;
    this.legendFrame = win.requestAnimationFrame(() => {
      this.legendFrame = 0;
      const legend = this.ui?.shadow.querySelector<HTMLElement>('.bs-legend');
      try {
        if (legend) this.placeLegend(legend);
      } catch {
        /* a page that broke the measuring (a patched DOM API) keeps the legend where the stylesheet puts it */
      }
    });
  }

  /**
   * The legend stands in the window's right margin, beside the article's column, not over its
   * words: on one line where it fits, else stacked (`data-layout`, which the view does not own).
   */
  private placeLegend(el: HTMLElement): void {
    const win = this.doc.defaultView;
    // Beside the article's own container, where its lines end: a root that is a grid with a sidebar
    // in it ends at the sidebar's edge, which left no room and kept the legend on one line, over the text.
    const container = this.column ?? this.root;
    if (!win || !container) return;
    const column = this.linesWithin(container);
    const style = win.getComputedStyle(column);
    const columnRight = column.getBoundingClientRect().right - (parseFloat(style.borderRightWidth) || 0) - (parseFloat(style.paddingRight) || 0);
    const legendRight = win.innerWidth - (parseFloat(win.getComputedStyle(el).right) || 0);
    const room = legendRight - columnRight - 8;
    delete el.dataset.layout;
    el.style.removeProperty('bottom');
    if (el.offsetWidth > room && room >= LEGEND_STACK_MIN_ROOM_PX) el.dataset.layout = 'stack';
    this.raiseLegendOverWidgets(el);
  }

  /**
   * A page's own fixed widget in the window's corner (a chat button, a scoreboard, "back to top"):
   * the legend stands just above it, where the window leaves room, instead of covering it.
   */
  private raiseLegendOverWidgets(el: HTMLElement): void {
    const win = this.doc.defaultView;
    const host = this.ui?.host;
    if (!win || !host) return;
    const box = el.getBoundingClientRect();
    const inset = LEGEND_PROBE_INSET_PX;
    const points: [number, number][] = [
      [box.left + inset, box.top + inset],
      [box.right - inset, box.top + inset],
      [box.left + inset, box.bottom - inset],
      [box.right - inset, box.bottom - inset],
      [(box.left + box.right) / 2, (box.top + box.bottom) / 2],
    ];
    let top = Infinity;
    const seen = new Set<Element>();
    const widgets = new Map<Element, boolean>();
    for (const [x, y] of points)
      for (const hit of this.doc.elementsFromPoint(x, y)) {
        if (seen.has(hit) || hit === host || hit === this.doc.documentElement || hit === this.doc.body) continue;
        seen.add(hit);
        const widget = fixedAncestor(hit);
        if (!widget) continue;
        let shows = widgets.get(widget);
        if (shows === undefined) widgets.set(widget, (shows = showsSomething(widget)));
        if (!shows) continue;
        // The widget's top, or the part of it under the legend where its fixed wrapper has no size (a chat launcher's).
        const wrapper = widget.getBoundingClientRect();
        const hitTop = hit.getBoundingClientRect().top;
        top = Math.min(top, wrapper.height > 0 ? Math.min(wrapper.top, hitTop) : hitTop);
      }
    if (top === Infinity) return;
    const bottom = win.innerHeight - top + LEGEND_WIDGET_GAP_PX;
    const current = parseFloat(win.getComputedStyle(el).bottom) || 0;
    // Only up, and only while the raised legend stays in the window's lower part.
    if (bottom > current && bottom + box.height <= win.innerHeight * LEGEND_RAISE_MAX_FRACTION) el.style.setProperty('bottom', `${Math.ceil(bottom)}px`);
  }

  private positionCard(el: HTMLElement): void {
    this.stopAutoUpdate?.();
    const t = this.cardTarget;
    const range = t && this.anchorRange(t);
    if (!range) return;
    const reference = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      getClientRects: () => range.getClientRects(),
      contextElement: (range.startContainer.parentElement ?? undefined) as Element | undefined,
    };
    // A short viewport (200% zoom): the card takes the height there is and scrolls inside, never past the edge.
    const fitHeight = size({
      padding: 8,
      apply: ({ availableHeight, elements }) => {
        elements.floating.style.maxHeight = `${Math.max(120, Math.min(480, Math.floor(availableHeight)))}px`;
      },
    });
    // A passage's card stands above it, over lines already read, not over those the reader goes on
    // to; a name's card under the name, as a tooltip does. Either flips where the window has no room.
    const placement = t.kind === 'passage' ? 'top-start' : 'bottom-start';
    const update = () =>
      void computePosition(reference, el, { strategy: 'fixed', placement, middleware: [inline(), offset(6), flip(), shift({ padding: 8 }), fitHeight] }).then(({ x, y }) => {
        el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    this.stopAutoUpdate = autoUpdate(reference, el, update, { animationFrame: false });
  }

  closeCard(returnFocus = false): void {
    this.clearTimers();
    this.takeCardDown(returnFocus);
  }

  /** Takes the card down, if one is open; what the pointer or the keyboard aims at keeps its timers. */
  private takeCardDown(returnFocus = false): void {
    this.clearHide();
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    if (!this.state.card) return;
    this.state.card = null;
    this.cardTarget = null;
    this.abortLookups();
    this.overCard = false;
    this.render();
    if (returnFocus) this.focusCursor();
  }

  // ---- online look-ups: names the embedded knowledge lacks (core/lookup, adapters/wikipedia-gateway.ts) ----

  private readonly lookups = new Map<string, PageLookup>();

  /**
   * The look-up for a name found only in the text, started on first call (at hover intent, or
   * when the card opens); null when look-ups are off. An answer is kept for the page's life; a
   * failure only until the reader leaves the name and its card, to be tried again on the next hover.
   */
  private lookupFor(m: Mention): PageLookup | null {
    if (m.id || !this.settings.lookups || !this.deps.lookup) return null;
    const known = this.lookups.get(m.entity);
    if (known) return known;
    const controller = new AbortController();
    const query: LookupQuery = { name: m.entity, type: m.type, context: lookupContext(m, this.mentions, this.passages) };
    const pending: PageLookup = { controller, result: null, promise: Promise.resolve<LookupResult>({ status: 'aborted' }) };
    pending.promise = this.deps
      .lookup(query, controller.signal)
      .catch((): LookupResult => ({ status: 'failed', failure: 'network' }))
      .then((r) => {
        pending.result = r;
        return r;
      });
    this.lookups.set(m.entity, pending);
    return pending;
  }

  /**
   * Aborts look-ups still running and forgets failed ones, except for the name under the pointer
   * and the open card's.
   */
  private abortLookups(): void {
    const keep = new Set<string>();
    for (const t of [this.target, this.cardTarget]) if (t?.kind === 'mention') keep.add(t.m.entity);
    for (const [name, p] of this.lookups) {
      if (keep.has(name) || p.result?.status === 'found') continue;
      if (!p.result) p.controller.abort();
      this.lookups.delete(name);
    }
  }

  /** A text-only card, with the look-up's answer when it is there, or loading while it runs. */
  private onlineCard(m: Mention): EntityCardModel {
    const card = textOnlyCard(m, { mentions: this.mentions, passages: this.passages });
    const p = this.lookupFor(m);
    if (!p) return card;
    return p.result ? withLookup(card, p.result) : loadingCard(card);
  }

  /** Fills the open card (if it is still card `key`) once its look-up answers. */
  private async fillOnline(m: Mention, key: number): Promise<void> {
    const p = this.lookups.get(m.entity);
    if (!p) return;
    const result = await p.promise;
    if (this.state.card?.key !== key) return;
    this.state.card = { key, model: withLookup(textOnlyCard(m, { mentions: this.mentions, passages: this.passages }), result) };
    this.render();
  }

  // ---- keyboard ----

  /**
   * Where the first step goes: the first mark on or below the screen's top going forward, the last
   * on or above its foot going back, so that a reader far down the page is not sent to its start.
   * Marks are in text order, which is the page's order top to bottom: a binary search reads a few ranges.
   */
  private stepStart(list: readonly Mention[], direction: 1 | -1): number {
    const height = this.doc.defaultView?.innerHeight ?? 0;
    const top = (m: Mention) => this.rangeOf(m)?.getBoundingClientRect().top ?? 0;
    /** The first mark whose top is at or below `y`. */
    const firstFrom = (y: number) => firstNotBefore(list, (m) => top(m) < y);
    if (direction > 0) {
      const i = firstFrom(0);
      return i < list.length ? i : 0;
    }
    const i = firstFrom(height) - 1;
    return i >= 0 ? i : list.length - 1;
  }

  /** Moves the keyboard cursor to the next (1) or previous (-1) mark and opens its card. */
  step(direction: 1 | -1): void {
    const list = this.visibleMentions();
    if (!list.length || !this.map) return;
    this.cursorIndex = this.cursorIndex < 0 ? this.stepStart(list, direction) : (this.cursorIndex + direction + list.length) % list.length;
    const m = list[this.cursorIndex];
    const range = this.rangeOf(m);
    if (!range) return;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    this.closeCard();
    this.state.cursor = {
      key: ++this.cardKey,
      label: `${m.entity} (${m.type}), ${this.cursorIndex + 1} of ${list.length}. Enter opens its card.`,
      ...this.cursorBox(range),
    };
    this.target = { kind: 'mention', m };
    this.render();
    this.timers.push(window.setTimeout(() => void this.openCard({ kind: 'mention', m }, false), FOCUS_SHOW_MS));
  }

  /**
   * Where the keyboard's ring goes: around the mark's first line (a mark that wraps would box both
   * lines whole, and the marks between), in page coordinates.
   */
  private cursorBox(range: Range): { top: number; left: number; width: number; height: number } {
    const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
    const win = this.doc.defaultView!;
    return { top: rect.top + win.scrollY, left: rect.left + win.scrollX, width: rect.width, height: rect.height };
  }

  private clearCursor(): void {
    this.state.cursor = null;
    this.cursorIndex = -1;
    this.target = null;
    this.render();
  }

  summary(): ArticleSummary {
    const counts = { opinion: 0, reported: 0, fact: 0, other: 0 };
    for (const p of this.passages) counts[p.label]++;
    const entities = new Map<string, { name: string; type: string; count: number }>();
    for (const m of this.mentions) {
      const e = entities.get(m.entity) ?? { name: m.entity, type: m.type, count: 0 };
      e.count++;
      entities.set(m.entity, e);
    }
    return {
      host: this.host,
      isArticle: this.isArticle,
      counts,
      quoted: quotedSources(this.passages, new Set(entities.keys())),
      entities: [...entities.values()].sort((a, b) => b.count - a.count),
      ...(this.pack ? { firstPublished: { publisher: this.pack.publisher, date: this.pack.firstPublished, title: this.pack.title } } : {}),
    };
  }

  destroy(): void {
    this.generation++;
    this.clearTimers();
    if (this.undoable) clearTimeout(this.undoable.timer);
    this.clearHide();
    for (const p of this.lookups.values()) if (!p.result) p.controller.abort();
    this.lookups.clear();
    for (const c of this.cleanups.splice(0)) c();
    if (this.legendFrame) this.doc.defaultView?.cancelAnimationFrame(this.legendFrame);
    this.legendFrame = 0;
    this.highlighter.clear();
    this.destroyUi();
    this.map = null;
  }
}
