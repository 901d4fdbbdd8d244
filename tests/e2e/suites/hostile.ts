/**
 * Issue 8 end to end: hostile pages (tests/fixtures/pages/hostile/, made by
 * tests/fixtures/hostile-pages.ts), one body for every browser. On each page: Backstory marks the
 * article and throws nothing (no uncaught error or console error from its content script or its
 * worker, no CSP violation); the page's DOM is unchanged apart from the one <backstory-ui>; the
 * page's own CSS highlights are intact; a hover opens a card that is a dialog with a name, styled
 * by our stylesheet, at a readable size, and on top of everything the page has. Then what each
 * page is about: form fields and editors never marked, SVG text never marked, the page's own
 * highlights registered before and after ours, prototype overrides never reached, nested frames.
 */
import { beforeAll, expect, it } from 'vitest';
import type { BrowserUnderTest, ErrorRecord, TestPage } from '../harness/types';
import type { FixtureServer } from '../harness/server';
import { useSuiteSession } from '../harness/session';
import { waitUntil } from '../harness/common';

/** One hostile page and what to check beyond what every page gets. */
interface HostileCase {
  file: string;
  what: string;
  /** How long the marks may take (ms). */
  marksTimeout?: number;
  /** Where to hover: a mark of this type whose text matches, with its first line box between these x (viewport px). */
  hover?: { name: string; text: RegExp; minLeft?: number; maxRight?: number };
  /** The card must overlap an element of the page at z-index 2147483647 (and still be the one on top there). */
  overlapsOverlay?: boolean;
}

export const HOSTILE_CASES: HostileCase[] = [
  { file: 'all-unset.html', what: '* { all: unset !important }' },
  { file: 'display-block.html', what: 'span, div { display: block !important }' },
  { file: 'z-index-overlay.html', what: 'fixed overlays at z-index 2147483647', hover: { name: 'backstory-person', text: /Blinken|Biden|Putin|Harris/, minLeft: 150, maxRight: 500 }, overlapsOverlay: true },
  { file: 'root-font-size.html', what: 'html { font-size: 5px }' },
  { file: 'csp-meta.html', what: "<meta> CSP default-src 'none'" },
  { file: 'csp-header.html', what: "CSP header default-src 'none' with Trusted Types" },
  { file: 'own-highlights.html', what: 'the page\u2019s own CSS highlights' },
  { file: 'prototype-overrides.html', what: 'Range, Node, fetch, MutationObserver and more replaced' },
  { file: 'editable.html', what: 'contenteditable editors and form fields' },
  { file: 'huge-dom.html', what: '200,000 nodes', marksTimeout: 60_000 },
  { file: 'rtl-mixed.html', what: 'right-to-left and mixed scripts' },
  { file: 'svg-text.html', what: 'SVG text with names' },
  { file: 'collisions.html', what: 'page CSS aimed at dialogs, generic classes and our custom properties' },
  { file: 'frames.html', what: 'an iframe in an iframe' },
];

/** Index of the iframe (among the document's iframes) at each level, from the top. */
type FramePath = number[];

/** The highlights in a (same-origin) frame, read through the page's original methods where it replaced them. */
function readAllHighlights(page: TestPage, framePath: FramePath = []): Promise<{ ours: Record<string, string[]>; theirs: Record<string, string[]> }> {
  return page.evaluate((path) => {
    let win = window as Window;
    for (const i of path) win = (win.document.querySelectorAll('iframe')[i] as HTMLIFrameElement).contentWindow!;
    type Originals = { toString?: () => string; forEach?: (this: unknown, cb: (h: Set<AbstractRange>, name: string) => void) => void };
    // Without a prototype: `o.toString` must not find Object.prototype's.
    const o: Originals = (win as unknown as { __hostileOriginals?: Originals }).__hostileOriginals ?? Object.create(null);
    const w = win as unknown as { Range: typeof Range; HighlightRegistry?: { prototype: { forEach: Originals['forEach'] } }; CSS: { highlights?: unknown } };
    const toStr = o.toString ?? w.Range.prototype.toString;
    const forEach = o.forEach ?? w.HighlightRegistry?.prototype.forEach;
    const out = { ours: {} as Record<string, string[]>, theirs: {} as Record<string, string[]> };
    if (!w.CSS.highlights || !forEach) return out;
    forEach.call(w.CSS.highlights, (h, name) => {
      const texts: string[] = [];
      h.forEach((r) => texts.push('getClientRects' in r ? toStr.call(r) : '(static)'));
      (name.startsWith('backstory-') ? out.ours : out.theirs)[name] = texts;
    });
    return out;
  }, framePath);
}

/** Registers the page's own highlight `page-own` over the start of the headline (through the original methods). */
function registerOwnHighlight(page: TestPage): Promise<void> {
  return page.evaluate(() => {
    type O = Partial<{ createRange: () => Range; setStart: Range['setStart']; setEnd: Range['setEnd']; Highlight: typeof Highlight; set: (name: string, h: Highlight) => void }>;
    const o: O = (window as unknown as { __hostileOriginals?: O }).__hostileOriginals ?? Object.create(null);
    const h1 = document.querySelector('article h1') ?? document.querySelector('h1');
    const text = h1?.firstChild;
    if (!text || text.nodeType !== 3) throw new Error('no headline text');
    const r = (o.createRange ?? Document.prototype.createRange).call(document);
    (o.setStart ?? Range.prototype.setStart).call(r, text, 0);
    (o.setEnd ?? Range.prototype.setEnd).call(r, text, Math.min(8, (text as Text).data.length));
    const H = o.Highlight ?? Highlight;
    const registry = CSS.highlights as unknown as { set(name: string, h: Highlight): void };
    const set = o.set ?? (Object.getPrototypeOf(registry) as { set: (name: string, h: Highlight) => void }).set;
    set.call(registry, 'page-own', new H(r));
  });
}

interface Spot {
  x: number;
  y: number;
  text: string;
}

/**
 * Scrolls a mark into view and returns the middle of its first line box, in the top viewport's
 * coordinates (through the frames of `framePath`), or null when there is no such mark.
 */
function locateMark(page: TestPage, want: { name: string; source: string; flags: string; minLeft: number; maxRight: number; framePath: FramePath }): Promise<Spot | null> {
  return page.evaluate((w) => {
    const frames: HTMLIFrameElement[] = [];
    let win = window as Window;
    for (const i of w.framePath) {
      const f = win.document.querySelectorAll('iframe')[i] as HTMLIFrameElement;
      frames.push(f);
      win = f.contentWindow!;
    }
    type O = Partial<{ toString: () => string; getClientRects: () => DOMRectList; getBoundingClientRect: () => DOMRect }>;
    const o: O = (win as unknown as { __hostileOriginals?: O }).__hostileOriginals ?? Object.create(null);
    const R = (win as unknown as { Range: typeof Range }).Range.prototype;
    const toStr = o.toString ?? R.toString;
    const rects = o.getClientRects ?? R.getClientRects;
    const re = new RegExp(w.source, w.flags);
    const h = (win as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get(w.name);
    if (!h) return null;
    const candidates: Range[] = [];
    h.forEach((r) => {
      if (re.test(toStr.call(r))) candidates.push(r);
    });
    for (const r of candidates) {
      r.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
      const rect = rects.call(r)[0];
      if (!rect || rect.width === 0 || rect.left < w.minLeft || rect.right > w.maxRight) continue;
      let x = rect.left + rect.width / 2;
      let y = rect.top + rect.height / 2;
      // Out through each frame: its position in its parent, plus its border.
      for (let k = frames.length - 1; k >= 0; k--) {
        const fr = frames[k].getBoundingClientRect();
        x += fr.left + frames[k].clientLeft;
        y += fr.top + frames[k].clientTop;
      }
      return { x, y, text: toStr.call(r) };
    }
    return null;
  }, want);
}

interface CardReport {
  label: string | null;
  text: string;
  hosts: number;
  hostParent: string;
  /** Computed styles that only our stylesheet gives the card. */
  position: string;
  radius: string;
  background: string;
  fontSize: number;
  /** The smallest computed font size of any element in the card with text of its own. */
  minFontSize: number;
  rect: { left: number; top: number; right: number; bottom: number };
  /** Points of the card (its middle, and the middle of its overlap with each page element at the top z-index) and what is on top there. */
  onTop: { x: number; y: number; top: string }[];
  overlaps: number;
}

/** The open card in a frame's <backstory-ui>, with what the reader would see of it. */
function readCardReport(page: TestPage, framePath: FramePath = []): Promise<CardReport | null> {
  return page.evaluate((path) => {
    let win = window as Window;
    for (const i of path) win = (win.document.querySelectorAll('iframe')[i] as HTMLIFrameElement).contentWindow!;
    const doc = win.document;
    const hosts = doc.querySelectorAll('backstory-ui');
    const host = hosts[0];
    const dialog = host?.shadowRoot?.querySelector('[role="dialog"]') as HTMLElement | null | undefined;
    if (!host || !dialog) return null;
    const cs = win.getComputedStyle(dialog);
    let minFontSize = Infinity;
    for (const el of [dialog, ...Array.from(dialog.querySelectorAll('*'))]) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && /\S/.test(n.nodeValue ?? ''));
      if (own) minFontSize = Math.min(minFontSize, parseFloat(win.getComputedStyle(el).fontSize));
    }
    const r = dialog.getBoundingClientRect();
    const points: { x: number; y: number }[] = [{ x: (r.left + r.right) / 2, y: (r.top + Math.min(r.bottom, win.innerHeight)) / 2 }];
    let overlaps = 0;
    for (const el of Array.from(doc.body.querySelectorAll('*'))) {
      const s = win.getComputedStyle(el);
      if (s.zIndex !== '2147483647' || s.pointerEvents === 'none') continue;
      const o = el.getBoundingClientRect();
      const left = Math.max(o.left, r.left);
      const right = Math.min(o.right, r.right);
      const top = Math.max(o.top, r.top);
      const bottom = Math.min(o.bottom, r.bottom, win.innerHeight);
      if (right - left > 4 && bottom - top > 4) {
        overlaps++;
        points.push({ x: (left + right) / 2, y: (top + bottom) / 2 });
      }
    }
    const onTop = points.map((p) => {
      const el = doc.elementFromPoint(p.x, p.y);
      return { x: Math.round(p.x), y: Math.round(p.y), top: el === host ? 'backstory-ui' : el ? `${el.nodeName.toLowerCase()}.${(el as HTMLElement).className}` : 'nothing' };
    });
    return {
      label: dialog.getAttribute('aria-label'),
      text: (dialog.textContent ?? '').replace(/\s+/g, ' ').trim(),
      hosts: hosts.length,
      hostParent: host.parentNode?.nodeName ?? '',
      position: cs.position,
      radius: cs.borderTopLeftRadius,
      background: cs.backgroundColor,
      fontSize: parseFloat(cs.fontSize),
      minFontSize,
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      onTop,
      overlaps,
    };
  }, framePath);
}

interface DomCheck {
  /** The probe ran (the document was recorded at DOMContentLoaded). */
  probed: boolean;
  same: boolean;
  /** Around the first difference, when not the same. */
  diff: string;
  hosts: { parent: string; openShadow: boolean }[];
  /** Mutations since DOMContentLoaded that are not <backstory-ui> coming or going. */
  foreign: string[];
  violations: { directive: string; blocked: string; source: string; sample: string }[];
}

/** The top document against the harness probe's record of it at DOMContentLoaded, compared in the page. */
function checkDom(page: TestPage): Promise<DomCheck> {
  return page.evaluate(() => {
    type Probe = { before: string | null; mutations: { type: string; target: string; attribute: string | null; added: string[]; removed: string[] }[]; violations?: DomCheck['violations'] };
    const probe = (window as unknown as { __backstoryProbe?: Probe }).__backstoryProbe;
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    for (const el of Array.from(clone.querySelectorAll('backstory-ui'))) el.remove();
    const after = clone.outerHTML;
    const before = probe?.before ?? '';
    let diff = '';
    if (before !== after) {
      let i = 0;
      while (i < before.length && before[i] === after[i]) i++;
      diff = `at ${i}: before …${before.slice(Math.max(0, i - 80), i + 120)}… after …${after.slice(Math.max(0, i - 80), i + 120)}…`;
    }
    const foreign = (probe?.mutations ?? [])
      .filter((m) => !(m.type === 'childList' && m.target === 'HTML' && [...m.added, ...m.removed].every((n) => n === 'BACKSTORY-UI')) && m.target !== 'BACKSTORY-UI')
      .map((m) => `${m.type} on ${m.target}${m.attribute ? `[${m.attribute}]` : ''} +${m.added.join(',')} -${m.removed.join(',')}`);
    return {
      probed: !!probe?.before,
      same: before === after,
      diff,
      hosts: Array.from(document.querySelectorAll('backstory-ui'), (el) => ({ parent: el.parentNode?.nodeName ?? '', openShadow: !!el.shadowRoot })),
      foreign,
      violations: probe?.violations ?? [],
    };
  });
}

/** Backstory's ranges inside elements matching `selector` (in the top document): "name: text" for each. */
function marksInside(page: TestPage, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const found: string[] = [];
    const registry = CSS.highlights as unknown as Map<string, Set<AbstractRange>>;
    registry.forEach((h, name) => {
      if (!name.startsWith('backstory-')) return;
      h.forEach((r) => {
        for (const node of [r.startContainer, r.endContainer]) {
          const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
          if (el?.closest(sel)) {
            found.push(`${name}: ${(r as Range).toString()}`);
            break;
          }
        }
      });
    });
    return found;
  }, selector);
}

/** What a test must not see: anything uncaught, anything from the extension, any CSP or Trusted Types complaint. */
function badErrors(errors: ErrorRecord[]): ErrorRecord[] {
  // Firefox reports a CSP violation as an uncaught error, and checks its own favicon request against the page's img-src: that one is not ours.
  const browserOwn = (e: ErrorRecord) => /Content-Security-Policy.*\/favicon\.ico/.test(e.text);
  return errors.filter((e) => (e.kind === 'uncaught' || e.source === 'extension' || /Content.Security.Policy|Trusted.Type/i.test(e.text)) && !browserOwn(e));
}

export function hostileSuite(launch: () => Promise<BrowserUnderTest>, options: { only?: string[] } = {}): void {
  const session = useSuiteSession(launch);
  
  let browser: BrowserUnderTest;
  let server: FixtureServer;
  beforeAll(() => {
    ({ browser, server } = session);
  });

  async function marked(page: TestPage, timeout = 20_000, framePath: FramePath = []): Promise<Record<string, string[]>> {
    return waitUntil(
      async () => {
        const { ours } = await readAllHighlights(page, framePath);
        return (ours['backstory-person'] ?? []).some((t) => /Blinken/.test(t)) ? ours : null;
      },
      { timeout, interval: 200, message: `Backstory's marks (a backstory-person on Blinken) in ${page.url}${framePath.length ? ` frame ${framePath.join('/')}` : ''}` },
    );
  }

  async function hoverCard(page: TestPage, hover: NonNullable<HostileCase['hover']>, framePath: FramePath = []): Promise<{ spot: Spot; card: CardReport }> {
    const spot = await locateMark(page, { name: hover.name, source: hover.text.source, flags: hover.text.flags, minLeft: hover.minLeft ?? 0, maxRight: hover.maxRight ?? 100_000, framePath });
    if (!spot) throw new Error(`No ${hover.name} mark matching ${String(hover.text)} where it can be hovered`);
    await page.mouseMove(2, 2);
    await page.mouseMove(Math.round(spot.x) - 1, Math.round(spot.y));
    await page.mouseMove(Math.round(spot.x), Math.round(spot.y));
    const card = await waitUntil(() => readCardReport(page, framePath), { timeout: 10_000, message: `a card to open over "${spot.text}"` });
    return { spot, card };
  }

  /** Everything every hostile page must hold; returns the page for the checks of its own. */
  async function holds(c: HostileCase): Promise<{ page: TestPage; marks: Record<string, string[]>; card: CardReport }> {
    const workerErrorsBefore = browser.backgroundErrors().length;
    const page = await browser.open(server.url(`/hostile/${c.file}`));
    session.track(page);
    await registerOwnHighlight(page);
    const marks = await marked(page, c.marksTimeout);
    const theirsBefore = (await readAllHighlights(page)).theirs;
    expect(theirsBefore['page-own']).toHaveLength(1);

    const { card } = await hoverCard(page, c.hover ?? { name: 'backstory-person', text: /Blinken/ });
    expect(card.label ?? '').not.toBe('');
    expect(card.hosts).toBe(1);
    expect(card.hostParent).toBe('HTML');
    // Styled by our stylesheet (inside the shadow root, whatever the page's CSS and CSP), at a readable size.
    expect({ position: card.position, radius: card.radius, background: card.background }).toEqual({ position: 'fixed', radius: '10px', background: 'rgb(255, 255, 255)' });
    expect(card.fontSize).toBeGreaterThanOrEqual(14);
    expect(card.minFontSize).toBeGreaterThanOrEqual(11);
    // Nothing of the page's covers it.
    expect(card.onTop.filter((p) => p.top !== 'backstory-ui')).toEqual([]);
    if (c.overlapsOverlay) expect(card.overlaps, 'the card should overlap the page\u2019s overlays for this check to mean anything').toBeGreaterThan(0);

    const dom = await checkDom(page);
    expect(dom.probed, 'the DOM probe did not run at DOMContentLoaded').toBe(true);
    expect(dom.diff).toBe('');
    expect(dom.same).toBe(true);
    expect(dom.hosts).toEqual([{ parent: 'HTML', openShadow: true }]);
    expect(dom.foreign).toEqual([]);
    // Firefox checks its own favicon request against the page's img-src: not ours.
    expect(dom.violations.filter((v) => !v.blocked.endsWith('/favicon.ico'))).toEqual([]);

    expect((await readAllHighlights(page)).theirs).toEqual(theirsBefore);
    expect(badErrors(page.errors())).toEqual([]);
    expect(browser.backgroundErrors().slice(workerErrorsBefore)).toEqual([]);
    return { page, marks, card };
  }

  const cases = HOSTILE_CASES.filter((c) => !options.only || options.only.includes(c.file));
  for (const c of cases) {
    it(`holds on a hostile page: ${c.file} (${c.what})`, async () => {
      const { page, marks } = await holds(c);
      switch (c.file) {
        case 'own-highlights.html': {
          // Registered by the page before Backstory ran: every "China" in the article, all still there.
          const chinas = await page.evaluate(() => (document.querySelector('article')?.textContent ?? '').split('China').length - 1);
          const before = (await readAllHighlights(page)).theirs;
          expect(before['page-search']).toHaveLength(chinas);
          expect(new Set(before['page-search'])).toEqual(new Set(['China']));
          // Registered by the page after Backstory ran, then Backstory repaints twice (markers off and on).
          await page.evaluate(() => (window as unknown as { registerLater(): void }).registerLater());
          const withLater = (await readAllHighlights(page)).theirs;
          expect(withLater['page-later']?.length ?? 0).toBeGreaterThan(0);
          await page.press('Alt+Shift+O');
          await waitUntil(async () => !(await readAllHighlights(page)).ours['backstory-opinion'], { timeout: 10_000, message: 'the opinion markers to go' });
          await page.press('Alt+Shift+O');
          await waitUntil(async () => !!(await readAllHighlights(page)).ours['backstory-opinion'], { timeout: 10_000, message: 'the opinion markers to come back' });
          expect((await readAllHighlights(page)).theirs).toEqual(withLater);
          break;
        }
        case 'prototype-overrides.html': {
          // Backstory (in its own world) never reached the page's replacements; neither did the tests.
          const calls = await page.evaluate(() => ({ ...(window as unknown as { __hostileCalls: Record<string, number> }).__hostileCalls }));
          expect(calls).toEqual({});
          // And they are still in place: the page's world really is hostile.
          expect(await page.evaluate(() => { try { document.createRange(); return 'created'; } catch { return 'threw'; } })).toBe('threw');
          break;
        }
        case 'editable.html': {
          const fields = '[contenteditable], input, textarea, select, button, form';
          expect(await marksInside(page, fields)).toEqual([]);
          // Typing in the editor: the text is the reader's, and stays unmarked after Backstory re-reads the page.
          const spot = await page.evaluate(() => {
            const p = document.querySelector('.editor p:last-child')!;
            const r = p.getBoundingClientRect();
            p.scrollIntoView({ block: 'center' });
            const q = p.getBoundingClientRect();
            return { x: Math.round(q.right - 4), y: Math.round(q.top + q.height / 2), was: r.width };
          });
          await page.mouseClick(spot.x, spot.y);
          await page.press('End');
          for (const key of [...' Blinken met Putin']) await page.press(key);
          await new Promise((r) => setTimeout(r, 1_500));
          expect(await page.evaluate(() => document.querySelector('.editor p:last-child')!.textContent)).toBe('Joe Biden and Vladimir Putin, NATO and China. Blinken met Putin');
          expect(await marksInside(page, fields)).toEqual([]);
          expect((await readAllHighlights(page)).ours['backstory-person']?.length ?? 0).toBeGreaterThan(0);
          break;
        }
        case 'huge-dom.html': {
          // The page answers (its main thread is free) and the ticker is untouched and unmarked.
          const ticks = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(document.querySelectorAll('.tick').length))));
          expect(ticks).toBe(100_000);
          expect(await marksInside(page, '.ticker')).toEqual([]);
          break;
        }
        case 'rtl-mixed.html': {
          // A name inside a paragraph that mixes English with Arabic and Hebrew is marked.
          const mixed = await page.evaluate(() => {
            const out: string[] = [];
            const registry = CSS.highlights as unknown as Map<string, Set<Range>>;
            registry.get('backstory-person')?.forEach((r) => {
              if (r.startContainer.parentElement?.textContent?.includes('put in Arabic')) out.push(r.toString());
            });
            return out;
          });
          expect(mixed).toContain('Blinken');
          // Nothing marked in the right-to-left parts of the page.
          expect(await marksInside(page, 'p[lang="ar"], p[lang="he"], h2[lang="he"], .rtl-banner')).toEqual([]);
          break;
        }
        case 'svg-text.html':
          expect(await marksInside(page, 'svg')).toEqual([]);
          expect(marks['backstory-person'].length).toBeGreaterThan(0);
          break;
        case 'frames.html': {
          // Each frame runs its own content script: its own marks, its own single <backstory-ui>, its DOM otherwise as parsed.
          for (const path of [[0], [0, 0]]) {
            await marked(page, 20_000, path);
            const frameDom = await page.evaluate((p) => {
              let win = window as Window;
              for (const i of p) win = (win.document.querySelectorAll('iframe')[i] as HTMLIFrameElement).contentWindow!;
              const clone = win.document.documentElement.cloneNode(true) as HTMLElement;
              for (const el of Array.from(clone.querySelectorAll('backstory-ui'))) el.remove();
              const hosts = Array.from(win.document.querySelectorAll('backstory-ui'), (el) => el.parentNode?.nodeName);
              return { same: clone.outerHTML === (win as unknown as { __initialHTML?: string }).__initialHTML, hosts };
            }, path);
            expect(frameDom.same).toBe(true);
            expect(frameDom.hosts.length).toBeLessThanOrEqual(1);
            expect(frameDom.hosts.every((p) => p === 'HTML')).toBe(true);
          }
          // A card in the innermost frame, from a hover there.
          await page.press('Escape');
          const inner = await hoverCard(page, { name: 'backstory-person', text: /Blinken/ }, [0, 0]);
          expect(inner.card.label ?? '').not.toBe('');
          expect(inner.card.radius).toBe('10px');
          expect(badErrors(page.errors())).toEqual([]);
          break;
        }
      }
      expect(badErrors(page.errors())).toEqual([]);
    }, c.marksTimeout ? c.marksTimeout + 60_000 : 60_000);
  }
}
