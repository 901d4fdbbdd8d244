/**
 * The page's text as one string, with a map back to the live text nodes: offsets in the string
 * turn into DOM Ranges (for highlights) and DOM points turn into offsets (for hit-testing).
 * The page is only read, never changed.
 */
import type { Block, BlockKind } from '../core/types';
import { TEXT_MAP_STEP_NODES } from '../core/constants';
import { runToEnd, type Steps } from '../core/steps';

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'CODE', 'PRE', 'SVG', 'MATH', 'IFRAME', 'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT', 'BACKSTORY-UI']);
/** Elements that start a block of text of their own. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'TR', 'TD', 'TH', 'CAPTION', 'BR', 'HR', 'ADDRESS', 'DETAILS', 'SUMMARY', 'FORM', 'FIELDSET', 'BODY']);

/** Classes sites give the subheads they write as <div>s: "subhead", "article__subheading", "crosshead". */
const HEADING_CLASS = /(?:^|[\s_])(?:sub-?head(?:ing)?|cross-?head(?:ing)?)(?:$|\s)/i;

/**
 * Classes sites give the captions they write as <p>s or <div>s: "caption", "wp-caption-text",
 * "image-caption", "article__caption". (Not a wrapper's "has-caption": it holds the figure whole.)
 */
const CAPTION_CLASS = /(?:^|\s)(?:[\w-]*[_-])?caption(?:-text)?(?:$|\s)/i;
const CAPTION_WRAPPER_CLASS = /(?:^|\s)(?:has|with|no)-caption(?:$|\s)/i;

/** Whether `el` holds a block of its own (a line break aside): then it is no caption, but what holds one. */
function holdsBlocks(el: Element): boolean {
  for (const child of el.children) if (BLOCK_TAGS.has(child.tagName) && child.tagName !== 'BR' && child.tagName !== 'HR') return true;
  return false;
}

function blockKindOf(el: Element): BlockKind {
  const tag = el.tagName;
  const className = el.className && typeof el.className === 'string' ? el.className : '';
  // A heading by its tag, its role, or the class a site gives its subheads ("subhead", "crosshead").
  if (/^H[1-6]$/.test(tag) || el.getAttribute('role') === 'heading' || HEADING_CLASS.test(className)) return 'heading';
  if (tag === 'FIGCAPTION' || tag === 'CAPTION') return 'caption';
  if (CAPTION_CLASS.test(className) && !CAPTION_WRAPPER_CLASS.test(className) && !holdsBlocks(el)) return 'caption';
  if (tag === 'LI') return 'list-item';
  if (tag === 'DT' || tag === 'DD' || tag === 'TD' || tag === 'TH') return 'entry';
  if (tag === 'BLOCKQUOTE') return 'quote';
  if (tag === 'ADDRESS' || /\bbyline\b/i.test(className)) return 'byline';
  return 'paragraph';
}

/**
 * Whether all of a paragraph's words are set in bold: in one bold element of its own
 * (<p><strong>And you and Lawrence Katz?</strong></p>), or by the page's style where the text
 * around it is not (<p class="q">, font-weight 700).
 */
function setInBold(el: Element): boolean {
  const text = el.textContent?.trim();
  if (!text) return false;
  for (const child of el.children) if ((child.tagName === 'STRONG' || child.tagName === 'B') && child.textContent?.trim() === text) return true;
  const win = el.ownerDocument.defaultView;
  if (!win?.getComputedStyle || !el.parentElement) return false;
  try {
    const weight = (e: Element) => parseInt(win.getComputedStyle(e).fontWeight, 10) || 400;
    return weight(el) >= 600 && weight(el.parentElement) < 600;
  } catch {
    return false; // a page that broke getComputedStyle: its paragraphs are read as plain ones
  }
}

export interface TextMap {
  text: string;
  blocks: Block[];
  nodes: Text[];
  /** starts[i]: offset of nodes[i]'s first character in `text`. */
  starts: number[];
  /** Node -> its index in `nodes`, for hit-testing in constant time. */
  indexOf: Map<Text, number>;
}

/** A word's end touching a capital or a figure with nothing between: "Council" + "Budget", "United" + "2-1" (only then is the layout asked). */
const GLUED_WORDS = /[\p{L}\p{N}][\p{Lu}\p{N}]$/u;

/**
 * Two text nodes whose elements the page lays out as boxes of their own (topic tags written as
 * inline-block links with no space between them: "City Council" "Budget"), though the markup
 * glues their words. A float (a drop cap) is part of its word.
 */
function laidApart(a: Text, b: Text): boolean {
  const win = b.ownerDocument.defaultView;
  if (!win?.getComputedStyle) return false;
  for (const [from, other] of [[a, b], [b, a]] as const)
    for (let el = from.parentElement; el && !el.contains(other); el = el.parentElement) {
      const style = win.getComputedStyle(el);
      const display = style.display || 'inline';
      if (display !== 'inline' && display !== 'contents' && (style.float || 'none') === 'none') return true;
    }
  return false;
}

/** True when the element is editable or a form field: never marked. */
function isEditable(el: Element): boolean {
  return (el as HTMLElement).isContentEditable === true;
}

/**
 * Reads the text under `root` in document order, separating blocks with blank lines. With
 * `include`, only those text nodes are read (the article body that Readability kept).
 */
export function buildTextMap(root: Node | readonly Node[], include?: ReadonlySet<Text> | null): TextMap {
  return runToEnd(textMapSteps(root, include));
}

/**
 * Lines split by <br> in the block element being read (the innermost open one): where each
 * break came (`double` when two or more came in a row), and the bold runs (<b>, <strong>)
 * that may be whole lines: a page that writes paragraphs and sub-headings this way.
 */
interface LineBreaks {
  breaks: { at: number; double: boolean }[];
  bold: [number, number][];
}

/** An element being read: what `enter` found out about it, and the next child to read. */
interface OpenElement {
  el: Element;
  tag: string;
  isBlock: boolean;
  /** The text's length and the number of parts when the element began. */
  start: number;
  startPart: number;
  lines: LineBreaks | undefined;
  next: Node | null;
}

/**
 * `buildTextMap` in steps: it yields after every TEXT_MAP_STEP_NODES nodes and returns the map. A
 * caller that gives the main thread back between slices of work drives it (adapters/page-session.ts),
 * so that reading a very long page is not one long task. The tree is walked with a stack of open
 * elements, not by recursion, so that the walk can stop anywhere.
 */
export function* textMapSteps(root: Node | readonly Node[], include?: ReadonlySet<Text> | null): Steps<TextMap> {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const blocks: Block[] = [];
  // The text is collected as parts and joined once at the end: reading characters back from a
  // string built by `+=` flattens it each time, which made long pages quadratic.
  const parts: string[] = [];
  let len = 0;
  /** The text's last two UTF-16 units. */
  let tail = '';
  const append = (s: string) => {
    parts.push(s);
    len += s.length;
    tail = s.length >= 2 ? s.slice(-2) : (tail + s).slice(-2);
  };
  const breakBlock = () => {
    if (len && !tail.endsWith('\n\n')) append(tail.endsWith('\n') ? '\n' : '\n\n');
  };
  const lineStack: LineBreaks[] = [];
  /** Blocks made of <br>-separated lines, cut into lines once the text is complete. */
  const byLines = new Map<Block, LineBreaks>();
  /** `start` is the text's length, and `startPart` the number of parts, when the element began. */
  const closeBlock = (el: Element, start: number, startPart: number, lines?: LineBreaks) => {
    // Trim white space at both ends of the block, reading the parts in place.
    let end = len;
    let pi = parts.length - 1;
    let ci = pi >= 0 ? parts[pi].length : 0;
    while (end > start) {
      while (ci === 0) ci = parts[--pi].length;
      if (!/\s/.test(parts[pi][ci - 1])) break;
      ci--;
      end--;
    }
    let s = start;
    let pj = startPart;
    let cj = 0;
    while (s < end) {
      while (cj >= parts[pj].length) {
        pj++;
        cj = 0;
      }
      if (!/\s/.test(parts[pj][cj])) break;
      cj++;
      s++;
    }
    if (end > s && el.tagName !== 'BR') {
      const kind = blockKindOf(el);
      // Keep the innermost block: drop outer ones already covered by inner blocks.
      for (let i = blocks.length - 1; i >= 0 && blocks[i].start >= s; i--) {
        if (blocks[i].end <= end) {
          if (kind === 'paragraph' || blocks[i].kind === kind) return;
        }
      }
      const block: Block = kind === 'paragraph' && setInBold(el) ? { start: s, end, kind, bold: true } : { start: s, end, kind };
      blocks.push(block);
      if (lines && (kind === 'paragraph' || kind === 'quote') && lines.breaks.some((b) => b.at > s && b.at < end)) byLines.set(block, lines);
    }
  };
  /** Reads a text node, or opens an element to read: its frame, or null when there is nothing under it to read. */
  const enter = (node: Node): OpenElement | null => {
    if (node.nodeType === 3) {
      const t = (node as Text).data;
      if (!t || (include && !include.has(node as Text))) return null;
      // Collapse runs of white space that only format the source (newlines and indentation).
      if (/\S/.test(t) || (len && !/\s$/.test(tail))) {
        const previous = nodes[nodes.length - 1];
        if (previous && GLUED_WORDS.test(tail + t.slice(0, 1)) && previous.data.trim().length > 1 && laidApart(previous, node as Text)) append('\n\n');
        nodes.push(node as Text);
        starts.push(len);
        append(t);
      }
      return null;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return null;
    const el = node as Element;
    if (node.nodeType === 1) {
      if (SKIP.has(el.tagName.toUpperCase()) || isEditable(el) || el.getAttribute('aria-hidden') === 'true' || (el as HTMLElement).hidden) return null;
    }
    const tag = node.nodeType === 1 ? el.tagName.toUpperCase() : '';
    // A pull quote's signature (<blockquote>"..."<cite>— Name</cite></blockquote>) is a line of its own.
    const isBlock = BLOCK_TAGS.has(tag) || (tag === 'CITE' && el.parentElement?.tagName.toUpperCase() === 'BLOCKQUOTE');
    if (tag === 'BR' && lineStack.length) {
      const breaks = lineStack[lineStack.length - 1].breaks;
      const last = breaks[breaks.length - 1];
      if (last && last.at === len) last.double = true;
      else breaks.push({ at: len, double: false });
    }
    if (isBlock) breakBlock();
    const lines: LineBreaks | undefined = isBlock && tag !== 'BR' ? { breaks: [], bold: [] } : undefined;
    if (lines) lineStack.push(lines);
    // An open shadow root is what the reader sees: read it instead of the light children.
    const shadow = node.nodeType === 1 ? el.shadowRoot : null;
    return { el, tag, isBlock, start: len, startPart: parts.length, lines, next: (shadow ?? node).firstChild };
  };
  /** Closes an element once its children are read. */
  const leave = (open: OpenElement) => {
    if ((open.tag === 'B' || open.tag === 'STRONG') && lineStack.length && len > open.start) lineStack[lineStack.length - 1].bold.push([open.start, len]);
    if (open.lines) lineStack.pop();
    if (open.isBlock) {
      closeBlock(open.el, open.start, open.startPart, open.lines);
      breakBlock();
    }
  };
  let read = 0;
  // Several roots (a next article added by infinite scroll) are read one after the other, as blocks.
  for (const r of Array.isArray(root) ? root : [root as Node]) {
    breakBlock();
    const first = enter(r);
    const stack: OpenElement[] = first ? [first] : [];
    while (stack.length) {
      const open = stack[stack.length - 1];
      const child = open.next;
      if (!child) {
        stack.pop();
        leave(open);
        continue;
      }
      open.next = child.nextSibling;
      const opened = enter(child);
      if (opened) stack.push(opened);
      if (++read % TEXT_MAP_STEP_NODES === 0) yield;
    }
  }
  const indexOf = new Map<Text, number>();
  nodes.forEach((n, i) => indexOf.set(n, i));
  const text = parts.join('');
  const all = byLines.size ? blocks.flatMap((b) => (byLines.has(b) ? lineBlocks(text, b, byLines.get(b)!) : [b])) : blocks;
  return { text, blocks: all.sort((a, b) => a.start - b.start), nodes, starts, indexOf };
}

/** The range [s, e) of `text` without white space at either end (empty when all white). */
function trimmed(text: string, s: number, e: number): [number, number] {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return [s, e];
}

/**
 * A block written as lines split by <br>, as its lines: each a paragraph of its own, or a
 * heading when the whole line is bold and short and does not end like a sentence. A single
 * <br> after a line that does not end a sentence only wraps it: the lines stay together.
 */
function lineBlocks(text: string, block: Block, lines: LineBreaks): Block[] {
  const bold = new Set(lines.bold.map(([s, e]) => trimmed(text, s, e).join(':')));
  const isHeading = (s: number, e: number) => e - s <= 100 && !/[.,;]$/.test(text.slice(s, e)) && bold.has(`${s}:${e}`);
  const out: Block[] = [];
  let from = block.start;
  const cuts = lines.breaks.filter((b) => b.at > block.start && b.at < block.end);
  for (let i = 0; i <= cuts.length; i++) {
    const cut = cuts[i];
    const to = cut ? cut.at : block.end;
    const [s, e] = trimmed(text, from, to);
    if (e <= s) {
      from = to;
      continue;
    }
    const heading = isHeading(s, e);
    // A single break inside a sentence: keep reading the same line.
    if (cut && !cut.double && !heading && !/[.!?…:;"”’')\]]$/.test(text.slice(s, e))) {
      const [ns, ne] = trimmed(text, to, cuts[i + 1]?.at ?? block.end);
      if (ne > ns && !isHeading(ns, ne)) continue;
    }
    out.push({ start: s, end: e, kind: heading ? 'heading' : block.kind });
    from = to;
  }
  return out.length ? out : [block];
}

/** Index of the last node starting at or before `offset`. */
function nodeIndexAt(map: TextMap, offset: number): number {
  let lo = 0;
  let hi = map.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A live DOM Range over text offsets [start, end), or null when the text is gone. When the
 * offsets run from one tree into another (into or out of a shadow root), the Range ends with the
 * last text of the tree it starts in.
 */
export function rangeFor(map: TextMap, start: number, end: number, doc: Document = document): Range | null {
  if (!map.nodes.length || end <= start) return null;
  let i = nodeIndexAt(map, start);
  // Offsets that fall in a block separator belong to the next node.
  while (i < map.nodes.length && map.starts[i] + map.nodes[i].data.length <= start) i++;
  let j = nodeIndexAt(map, end - 1);
  if (i >= map.nodes.length || j < i) return null;
  const a = map.nodes[i];
  let clipped = false;
  if (j > i && map.nodes[j].getRootNode() !== a.getRootNode()) {
    // A Range cannot reach from one tree into another (the DOM collapses it to its end): keep
    // the part in the start's tree (the page, or one shadow root).
    const root = a.getRootNode();
    while (j > i && map.nodes[j].getRootNode() !== root) j--;
    clipped = true;
  }
  const b = map.nodes[j];
  const so = Math.max(0, start - map.starts[i]);
  const eo = clipped ? b.data.length : Math.min(b.data.length, end - map.starts[j]);
  if (!a.isConnected || !b.isConnected || so > a.data.length || eo < 0) return null;
  const range = doc.createRange();
  range.setStart(a, so);
  range.setEnd(b, eo);
  return range;
}

/** The text offset of a DOM point (a text node and an offset in it), or -1 when it is not in the map. */
export function offsetAt(map: TextMap, node: Node, offset: number): number {
  if (node.nodeType !== 3) return -1;
  const i = map.indexOf.get(node as Text);
  return i === undefined ? -1 : map.starts[i] + offset;
}
