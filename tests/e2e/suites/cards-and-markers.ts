/**
 * Entity cards (issue 3) and opinion / reported markers (issue 4) end to end, one body for every
 * browser, on the sample article page (`/article.html`, published 2023-02-21).
 *
 * Cards: hovering the short form "Blinken" opens Antony Blinken's card with his office as of the
 * article's date; the pointer can move onto the card, and leaving both closes it; the keyboard
 * path (next-mark / previous-mark, Enter, Escape with focus returned); no axe violations; readable
 * at 200% zoom; the dark theme.
 * Markers: opinion and reported highlights; margin notes naming the source beside the passage,
 * following it on scroll and resize; the passage card (label, cues, source, a way to the source's
 * card); every switch (popup, per site, Alt+Shift+O, the legend) turns them off and on without a
 * trace in the page; the popup's summary.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserUnderTest, TestPage } from '../harness/types';
import type { FixtureServer } from '../harness/server';
import { useSuiteSession } from '../harness/session';
import { domReport, locateHighlight, pageText, readCard, readSwitches, storedSettings, toggleSwitch, waitUntil, type DomReport } from '../harness/common';
import { axeBackstoryUi, type AxeReport } from '../harness/axe';

const PASSAGE_MARKS = ['backstory-opinion', 'backstory-reported'] as const;
const MARKERS_ALL_SITES = 'Opinion markers (all sites)';
const MARKERS_THIS_SITE = 'Opinion markers on';

/** Sentences of the sample article, by their opening words. */
const WRITER_OPINION = 'Ever since the disastrous US pullout from Afghanistan';
const REPORTED = {
  blinkenAlleged: 'Secretary of State Antony Blinken alleged',
  blinkenSays: 'Blinken says this would have',
  bidenAndBlinken: 'Joe Biden and Blinken said',
  accordingToBlinken: 'According to Blinken',
  harrisCalled: 'Harris called the deepening',
} as const;
/** Harris's first statement; "Harris called the deepening ..." goes straight on from it in the same paragraph. */
const HARRIS_REMARKS = 'VP Kamala Harris also delivered remarks';
const NEUTRAL = ['Russia’s invasion of Ukraine began on February 24, 2022', 'The United States and its NATO allies have been backing Ukraine'];

// ---- page-side probes ----

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

interface UiView {
  card: { label: string | null; role: string | null; box: Box; text: string; fontSize: number; background: string; color: string; scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number; overflowY: string } | null;
  /** The shadow root's focused element, when focus is in Backstory's UI. */
  focus: { className: string; label: string | null; tag: string } | null;
  notes: { text: string; className: string; box: Box }[];
  legend: { text: string; pressed: string | null; button: Box | null } | null;
  /** The notice that a name was muted, with its Undo. */
  notice: { text: string; role: string | null; undo: Box | null } | null;
  rootClass: string | null;
  viewport: { width: number; height: number; scrollX: number; scrollY: number };
}

/** Backstory's UI as the page sees it: the open card, focus, margin notes, legend. Boxes are in viewport coordinates. */
function readUi(page: TestPage): Promise<UiView> {
  return page.evaluate(() => {
    const box = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const host = document.querySelector('backstory-ui');
    const root = host?.shadowRoot ?? null;
    const dialog = root?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
    const active = root && document.activeElement === host ? root.activeElement : null;
    const legend = root?.querySelector('.bs-legend') ?? null;
    const toggle = legend?.querySelector('button') ?? null;
    const cs = dialog ? getComputedStyle(dialog) : null;
    const notice = root?.querySelector('.bs-notice') ?? null;
    const undo = notice?.querySelector('button') ?? null;
    return {
      card:
        dialog && cs
          ? {
              label: dialog.getAttribute('aria-label'),
              role: dialog.getAttribute('role'),
              box: box(dialog),
              text: (dialog.textContent ?? '').replace(/\s+/g, ' ').trim(),
              fontSize: parseFloat(cs.fontSize),
              background: cs.backgroundColor,
              color: cs.color,
              scrollWidth: dialog.scrollWidth,
              clientWidth: dialog.clientWidth,
              scrollHeight: dialog.scrollHeight,
              clientHeight: dialog.clientHeight,
              overflowY: cs.overflowY,
            }
          : null,
      focus: active ? { className: (active as HTMLElement).className, label: active.getAttribute('aria-label'), tag: active.tagName } : null,
      notes: root ? Array.from(root.querySelectorAll('.bs-margin'), (n) => ({ text: (n.textContent ?? '').trim(), className: n.className, box: box(n) })) : [],
      legend: legend ? { text: (legend.textContent ?? '').replace(/\s+/g, ' ').trim(), pressed: toggle?.getAttribute('aria-pressed') ?? null, button: toggle ? box(toggle) : null } : null,
      notice: notice ? { text: (notice.textContent ?? '').replace(/\s+/g, ' ').trim(), role: notice.getAttribute('role'), undo: undo ? box(undo) : null } : null,
      rootClass: root?.querySelector('.bs-root')?.className ?? null,
      viewport: { width: innerWidth, height: innerHeight, scrollX, scrollY },
    };
  });
}

/** The first line box of the highlighted range (of `name`) that starts with `prefix`, in viewport coordinates. */
function passageLine(page: TestPage, name: string, prefix: string): Promise<Box | null> {
  return page.evaluate(
    ({ name, prefix }) => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(name);
      let found: Range | null = null;
      h?.forEach((r) => {
        if (!found && r.toString().startsWith(prefix)) found = r;
      });
      if (!found) return null;
      const r = (found as Range).getClientRects()[0];
      return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height } : null;
    },
    { name, prefix },
  );
}

/**
 * Scrolls the passage of highlight `name` that starts with `prefix` into view and returns the
 * middle of `word` in it (first occurrence), or null.
 */
function locateWordInPassage(page: TestPage, name: string, prefix: string, word: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ({ name, prefix, word }) => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(name);
      let passage: Range | null = null;
      h?.forEach((r) => {
        if (!passage && r.toString().startsWith(prefix)) passage = r;
      });
      if (!passage) return null;
      const p = passage as Range;
      const at = p.toString().indexOf(word);
      if (at < 0) return null;
      (p.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
      // Walk the passage's text nodes to the word.
      const walker = document.createTreeWalker(p.commonAncestorContainer, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.currentNode.nodeType === Node.TEXT_NODE ? walker.currentNode : walker.nextNode(); n; n = walker.nextNode()) {
        if (!p.intersectsNode(n)) continue;
        const text = n.textContent ?? '';
        const from = n === p.startContainer ? p.startOffset : 0;
        const to = n === p.endContainer ? p.endOffset : text.length;
        if (at < seen + (to - from)) {
          const start = from + (at - seen);
          const r = document.createRange();
          r.setStart(n, start);
          r.setEnd(n, Math.min(start + word.length, text.length));
          const rect = r.getClientRects()[0];
          return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
        }
        seen += to - from;
      }
      return null;
    },
    { name, prefix, word },
  );
}

const pageBox = (b: Box, v: UiView['viewport']) => ({ left: b.left + v.scrollX, top: b.top + v.scrollY, right: b.right + v.scrollX, bottom: b.bottom + v.scrollY });

/** The margin note that names `source` beside the passage whose first line box is `line`: level with that line, in the margin left of it. */
function noteBeside(ui: UiView, source: string, line: Box): UiView['notes'][number] | undefined {
  return ui.notes.find((n) => {
    if (n.text !== source) return false;
    const b = n.box;
    const level = b.top >= line.top - 4 && b.top <= line.bottom;
    return level && b.right <= line.left + 2;
  });
}

/** The article's text that a margin note covers, as "note: words" (none is the answer). */
/**
 * Scrolls the page down in steps and returns the drawn margin notes that lie over any element
 * `selector` matches at some step ("Marsh at 600"): a note must never cover the page's own bars.
 */
async function notesOverWhileScrolling(page: TestPage, selector: string, step = 300): Promise<string[]> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const covered: string[] = [];
  for (let y = 0; y < height; y += step) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await new Promise((r) => setTimeout(r, 250));
    const found = await page.evaluate((sel) => {
      const boxes = Array.from(document.querySelectorAll(sel), (a) => a.getBoundingClientRect());
      const notes = Array.from(document.querySelector('backstory-ui')?.shadowRoot?.querySelectorAll('.bs-margin') ?? [])
        .filter((n) => getComputedStyle(n).visibility !== 'hidden')
        .map((n) => ({ text: n.textContent ?? '', box: n.getBoundingClientRect() }));
      const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return notes.filter((n) => boxes.some((b) => overlaps(n.box, b))).map((n) => n.text);
    }, selector);
    covered.push(...found.map((t) => `${t} at ${y}`));
  }
  return covered;
}

function textUnderNotes(page: TestPage, selector = '.bs-margin'): Promise<string[]> {
  return page.evaluate((selector) => {
    const notes = Array.from(document.querySelector('backstory-ui')?.shadowRoot?.querySelectorAll(selector) ?? [], (n) => ({
      text: n.textContent ?? '',
      box: n.getBoundingClientRect(),
    }));
    const covered: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (!node.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of Array.from(range.getClientRects()))
        for (const n of notes)
          if (r.width > 0 && n.box.left < r.right - 1 && n.box.right > r.left + 1 && n.box.top < r.bottom - 1 && n.box.bottom > r.top + 1)
            covered.push(`${n.text}: ${node.data.trim().slice(0, 40)}`);
    }
    return covered;
  }, selector);
}

/** Mutations since DOMContentLoaded that are not the adding of <backstory-ui> or changes inside it. */
function foreignMutations(dom: DomReport): DomReport['mutations'] {
  return dom.mutations.filter(
    (m) => !(m.type === 'childList' && m.target === 'HTML' && [...m.added, ...m.removed].every((n) => n === 'BACKSTORY-UI')) && m.target !== 'BACKSTORY-UI',
  );
}

/**
 * Violations, less one known and reported: Firefox's axe reads the `letter-spacing` and
 * `word-spacing` that the host's inline `all: initial !important` (adapters/ui-host.ts) expands
 * to, and flags them (avoid-inline-spacing); Chromium's CSSOM does not expand `all` there. The
 * inline declaration repeats ui.css's `:host { all: initial !important }`, which already wins over
 * any page rule; dropping it from the style attribute clears this. Only that rule on only the host
 * is set aside: anything else, or the same rule anywhere else, still fails.
 */
function violations(report: AxeReport): AxeReport['violations'] {
  return report.violations.filter((v) => !(v.id === 'avoid-inline-spacing' && v.nodes.every((n) => n.target === '["backstory-ui"]')));
}

/** Relative luminance of a CSS rgb()/rgba() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function cardsAndMarkersSuite(launch: () => Promise<BrowserUnderTest>): void {
  const session = useSuiteSession(launch);
  const { open, popupFor } = session;
  let browser: BrowserUnderTest;
  let server: FixtureServer;
  beforeAll(() => {
    ({ browser, server } = session);
  });

  /** Opens the sample article and waits until its marks and markers are shown. */
  async function openArticle(): Promise<{ page: TestPage; marks: Record<string, string[]> }> {
    const page = await open('/article.html');
    const marks = await waitUntil(
      async () => {
        const h = await browser.highlights(page);
        const ready = (h['backstory-person'] ?? []).includes('Blinken') && (h['backstory-reported']?.length ?? 0) > 0;
        return ready ? h : null;
      },
      { message: 'the sample article to be marked ("Blinken" and the reported markers)' },
    );
    return { page, marks };
  }

  async function waitForUi(page: TestPage, what: string, test: (ui: UiView) => boolean, timeout = 10_000): Promise<UiView> {
    return waitUntil(
      async () => {
        const ui = await readUi(page);
        return test(ui) ? ui : null;
      },
      { timeout, message: what },
    );
  }

  /** The open card once it has settled where it belongs (two reads 100 ms apart agree). */
  async function settledCard(page: TestPage, what: string, test: (ui: UiView) => boolean = (ui) => !!ui.card): Promise<UiView> {
    let last = '';
    return waitUntil(
      async () => {
        const ui = await readUi(page);
        if (!ui.card || !test(ui)) return (last = '', null);
        const key = `${ui.card.label} ${JSON.stringify(ui.card.box)}`;
        const settled = key === last;
        last = key;
        return settled ? ui : null;
      },
      { timeout: 10_000, interval: 100, message: what },
    );
  }

  async function openCardOn(page: TestPage, text: string, name = 'backstory-person'): Promise<UiView> {
    await browser.hoverText(page, text, name);
    return settledCard(page, `a card to open over "${text}"`);
  }

  /** Rests the pointer on `word` of the highlighted passage that starts with `prefix`; resolves once a card is open. */
  async function hoverPassage(page: TestPage, name: string, prefix: string, word: string): Promise<UiView> {
    const spot = await locateWordInPassage(page, name, prefix, word);
    if (!spot) throw new Error(`no "${word}" in a ${name} passage starting "${prefix}"`);
    await page.mouseMove(2, 2);
    await page.mouseMove(Math.round(spot.x) - 1, Math.round(spot.y));
    await page.mouseMove(Math.round(spot.x), Math.round(spot.y));
    return settledCard(page, `a passage card over "${word}"`);
  }

  async function setTheme(theme: 'light' | 'dark' | 'auto'): Promise<void> {
    const options = await browser.openExtensionPage('options.html', 'select');
    session.track(options);
    await options.evaluate((value) => {
      const select = Array.from(document.querySelectorAll('select')).find((s) => (s.closest('label')?.textContent ?? '').includes('Card theme'));
      if (!select) throw new Error('the options page has no "Card theme" select');
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, theme);
    await waitUntil(() => options.evaluate(() => (document.querySelector('select') as HTMLSelectElement | null)?.value), { message: 'the theme select to show the choice' });
    // The choice is stored (the options page reads it back through storage).
    await waitUntil(
      () =>
        options.evaluate(async (value) => {
          const g = globalThis as unknown as { browser?: { storage: { local: { get(k: string): Promise<Record<string, { theme?: string }>> } } }; chrome?: typeof g.browser };
          const got = await (g.browser ?? g.chrome)!.storage.local.get('settings');
          return got.settings?.theme === value;
        }, theme),
      { timeout: 5_000, message: `the theme "${theme}" to be stored` },
    );
  }

  // ================================================================================================
  describe('entity cards (issue 3)', () => {
    it('opens the Antony Blinken card on the short form "Blinken", with his office as of the article’s date', async () => {
      const { page } = await openArticle();
      const spot = await locateHighlight(page, 'Blinken', 'backstory-person');
      expect(spot?.text).toBe('Blinken');
      const ui = await openCardOn(page, 'Blinken');
      expect(ui.card!.role).toBe('dialog');
      expect(ui.card!.label).toBe('Antony Blinken');
      const facts = await page.evaluate(() => {
        const dialog = document.querySelector('backstory-ui')!.shadowRoot!.querySelector('[role="dialog"]')!;
        const section = dialog.querySelector('.bs-facts');
        return {
          headings: Array.from(section?.querySelectorAll('h3') ?? [], (h) => h.textContent),
          current: Array.from(section?.querySelectorAll('li.bs-current') ?? [], (li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()),
          type: dialog.querySelector('.bs-type')?.textContent ?? null,
          source: dialog.querySelector('.bs-foot a')?.getAttribute('href') ?? null,
          later: dialog.querySelector('.bs-desc + .bs-later')?.textContent ?? null,
          all: Array.from(section?.querySelectorAll('li') ?? [], (li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()),
        };
      });
      expect(facts.headings).toEqual(['As of 21 Feb 2023', 'Before 21 Feb 2023']);
      // His description and background, written in 2025, may tell of what came after the article: the card says so, under the description.
      expect(facts.later).toMatch(/^Described as of \d{1,2} \w{3} 2025, after this article\.$/);
      // Held at the time: the office, under the article's date; his earlier offices under "Before".
      expect(facts.current).toHaveLength(1);
      expect(facts.current[0]).toMatch(/^U\.S\. Secretary of State \(26 Jan 2021 – 20 Jan 2025\)$/);
      // His earlier offices are listed too, beside the events of the days before the article.
      expect(facts.all.some((f) => f.startsWith('U.S. Deputy Secretary of State'))).toBe(true);
      expect(facts.type).toBe('Person');
      expect(facts.source).toMatch(/^https:\/\//);
      expect(ui.card!.text).toContain('In this article');
    });

    it('keeps the card open while the pointer moves from the mark onto it, and closes it when the pointer leaves both', async () => {
      const { page } = await openArticle();
      const opened = await openCardOn(page, 'Blinken');
      const mark = (await locateHighlight(page, 'Blinken', 'backstory-person'))!;
      const card = opened.card!.box;
      // From the mark onto the card, a few pixels at a time, and rest there longer than the close delay.
      const to = { x: Math.min(Math.max(mark.x, card.left + 40), card.right - 40), y: card.top < mark.y ? card.bottom - 30 : card.top + 30 };
      for (let i = 1; i <= 10; i++) await page.mouseMove(Math.round(mark.x + ((to.x - mark.x) * i) / 10), Math.round(mark.y + ((to.y - mark.y) * i) / 10));
      await new Promise((r) => setTimeout(r, 1_000));
      const still = await readUi(page);
      expect(still.card?.label, 'the card closed while the pointer was on it').toBe('Antony Blinken');
      // Leave both for an empty spot: the card closes after its grace period.
      await page.mouseMove(Math.round(still.viewport.width - 20), Math.round(to.y));
      await page.mouseMove(Math.round(still.viewport.width - 10), 100);
      await waitForUi(page, 'the card to close once the pointer left mark and card', (ui) => !ui.card, 3_000);
    });

    it('steps to a mark with Alt+Shift+J, opens its card, closes it with Escape (focus back on the mark) and reopens it with Enter', async () => {
      const { page } = await openArticle();
      await page.mouseMove(2, 2);
      await page.press('Alt+Shift+J');
      const first = await waitForUi(page, 'Alt+Shift+J to focus a mark and open its card', (ui) => ui.focus?.className === 'bs-cursor' && !!ui.card);
      // The focus ring names the entity; the card is that entity's.
      const name = first.card!.label!;
      expect(first.focus!.tag).toBe('BUTTON');
      expect(first.focus!.label).toMatch(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\((person|place|organization|event|term)\\), 1 of \\d+\\.`));

      await page.press('Escape');
      const closed = await waitForUi(page, 'Escape to close the card', (ui) => !ui.card, 5_000);
      expect(closed.focus, 'focus did not return to the mark after Escape').toEqual(first.focus);

      await page.press('Enter');
      const reopened = await waitForUi(page, 'Enter to reopen the card', (ui) => !!ui.card, 5_000);
      expect(reopened.card!.label).toBe(name);

      // The next mark, and back with Alt+Shift+K.
      await page.press('Escape');
      await waitForUi(page, 'Escape to close the card again', (ui) => !ui.card && ui.focus?.className === 'bs-cursor', 5_000);
      await page.press('Alt+Shift+J');
      const second = await waitForUi(page, 'Alt+Shift+J to step to the second mark', (ui) => /, 2 of \d+\./.test(ui.focus?.label ?? '') && !!ui.card);
      expect(second.focus!.label!.startsWith(second.card!.label!)).toBe(true);
      await page.press('Alt+Shift+K');
      const back = await waitForUi(page, 'Alt+Shift+K to step back to the first mark', (ui) => /, 1 of \d+\./.test(ui.focus?.label ?? '') && !!ui.card);
      expect(back.card!.label).toBe(name);
    });

    it('keeps a card open and the keyboard’s place through a clock ticking inside the article, and still reads the page’s real changes', async () => {
      const page = await open('/article-live-clock.html');
      await waitForUi(page, 'the passages marked', (u) => u.notes.length > 0, 15_000);
      const clock = () => page.evaluate(() => document.getElementById('clock')?.textContent ?? '');
      const opened = await openCardOn(page, 'Blinken');
      expect(opened.card!.label).toBe('Antony Blinken');
      // Longer than the quiet time after a small change: the page has been read again meanwhile.
      const before = await clock();
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await clock(), 'the page’s clock did not tick').not.toBe(before);
      expect((await readUi(page)).card?.label, 'the card closed while the clock ticked').toBe('Antony Blinken');

      await page.mouseMove(2, 2);
      await waitForUi(page, 'the card to close once the pointer left', (ui) => !ui.card, 5_000);
      await page.press('Alt+Shift+J');
      // Stepping starts from the screen the reader is on (the hover scrolled to Blinken).
      const first = await waitForUi(page, 'Alt+Shift+J to focus a mark', (ui) => /, \d+ of \d+\./.test(ui.focus?.label ?? '') && !!ui.card);
      const index = Number(/, (\d+) of \d+\./.exec(first.focus!.label!)![1]);
      await page.press('Escape');
      await waitForUi(page, 'Escape to close the card', (ui) => !ui.card && ui.focus?.className === 'bs-cursor', 5_000);
      await page.press('Alt+Shift+J');
      const next = new RegExp(`, ${index + 1} of \\d+\\.`);
      const second = await waitForUi(page, 'Alt+Shift+J to step to the next mark', (ui) => next.test(ui.focus?.label ?? '') && !!ui.card);
      await new Promise((r) => setTimeout(r, 6_000));
      const later = await readUi(page);
      expect(later.focus?.label, 'the keyboard’s mark was lost while the clock ticked').toBe(second.focus!.label);
      expect(later.card?.label).toBe(second.card!.label);

      // A real change is still read, the clock ticking all along.
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'Emmanuel Macron said on Friday that Europe would stand with Kyiv.';
        document.querySelector('article p:last-of-type')!.after(p);
      });
      await waitUntil(async () => ((await browser.highlights(page))['backstory-person'] ?? []).some((t) => /Macron/.test(t)), {
        timeout: 15_000,
        message: 'the new paragraph’s name to be marked',
      });
    });

    it('opens the card a hover asked for when the page changes in the half second before it opens', async () => {
      const page = await open('/article.html');
      await waitForUi(page, 'the passages marked', (u) => u.notes.length > 0, 15_000);
      // A small change to the article's text: the page is read again MUTATION_DEBOUNCE_MS (400 ms)
      // after it, while the card hovered 200 ms after it waits out its CARD_SHOW_MS (500 ms).
      await page.evaluate(() => document.querySelector('article p')!.append(' Updated.'));
      await new Promise((r) => setTimeout(r, 200));
      const opened = await openCardOn(page, 'Blinken');
      expect(opened.card!.label).toBe('Antony Blinken');
    });

    it('keeps the keyboard’s ring on its mark’s first line through a resize, and takes it away when the focus leaves for the page', async () => {
      const { page } = await openArticle();
      await page.mouseMove(2, 2);
      // How far the ring is from the nearest first line of a name mark (px); null with no ring.
      const ringOffMark = () =>
        page.evaluate(() => {
          const ring = document.querySelector('backstory-ui')?.shadowRoot?.querySelector('.bs-cursor');
          if (!ring) return null;
          const r = ring.getBoundingClientRect();
          const names = ['backstory-person', 'backstory-place', 'backstory-organization', 'backstory-event', 'backstory-term'];
          const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
          let best = Infinity;
          for (const n of names)
            for (const range of registry.get(n) ?? []) {
              const line = range.getClientRects()[0];
              if (line) best = Math.min(best, Math.abs(line.left - r.left) + Math.abs(line.top - r.top) + Math.abs(line.width - r.width) + Math.abs(line.height - r.height));
            }
          return best;
        });
      await page.press('Alt+Shift+J');
      await waitForUi(page, 'Alt+Shift+J to focus a mark', (ui) => ui.focus?.className === 'bs-cursor');
      expect(await ringOffMark()).toBeLessThanOrEqual(2);
      await page.setViewport(1000, 900);
      await waitUntil(async () => ((await ringOffMark()) ?? Infinity) <= 2, { timeout: 5_000, message: 'the ring to follow its mark after a resize' });
      await page.setViewport(1280, 900);
      await waitUntil(async () => ((await ringOffMark()) ?? Infinity) <= 2, { timeout: 5_000, message: 'the ring to follow its mark after resizing back' });
      // Shift+Tab from the ring goes back into the page: the ring (and the card it opened) go.
      await page.press('Shift+Tab');
      await waitUntil(async () => (await ringOffMark()) === null, { timeout: 5_000, message: 'the ring to go when the focus left for the page' });
      const ui = await waitForUi(page, 'no card after the focus left', (u) => !u.card, 5_000);
      expect(ui.focus?.className ?? null).not.toBe('bs-cursor');
    });

    it('starts stepping from the screen the reader is on: Alt+Shift+J goes to the first mark on screen, Alt+Shift+K to the last', async () => {
      const { page } = await openArticle();
      // How many name marks lie above the screen's top, and on it, once the page is scrolled far down.
      const scrolled = () =>
        page.evaluate(() => {
          window.scrollTo(0, document.documentElement.scrollHeight * 0.55);
          const names = ['backstory-person', 'backstory-place', 'backstory-organization', 'backstory-event', 'backstory-term'];
          const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
          const tops = names.flatMap((n) => [...(registry.get(n) ?? [])].map((r) => r.getBoundingClientRect().top));
          return { above: tops.filter((t) => t < 0).length, onScreen: tops.filter((t) => t >= 0 && t < innerHeight).length, total: tops.length };
        });
      const at = await scrolled();
      expect(at.above).toBeGreaterThan(5);
      expect(at.onScreen).toBeGreaterThan(0);
      const index = (label: string | null | undefined) => Number(/, (\d+) of \d+\./.exec(label ?? '')?.[1] ?? NaN);
      await page.mouseMove(2, 2);
      await page.press('Alt+Shift+J');
      const forward = await waitForUi(page, 'Alt+Shift+J to focus a mark', (ui) => ui.focus?.className === 'bs-cursor');
      expect(index(forward.focus!.label)).toBe(at.above + 1);
      await page.press('Escape');
      await page.press('Escape');
      await waitForUi(page, 'Escape twice to leave the marks', (ui) => ui.focus?.className !== 'bs-cursor', 5_000);
      const again = await scrolled();
      await page.press('Alt+Shift+K');
      const back = await waitForUi(page, 'Alt+Shift+K to focus a mark', (ui) => ui.focus?.className === 'bs-cursor');
      expect(index(back.focus!.label)).toBe(again.above + again.onScreen);
    });

    it('opens the card of a name inside a link reached with Tab, keeps the focus on the link, and closes it when Tab moves on', async () => {
      const page = await open('/article-linked.html');
      await waitUntil(async () => ((await browser.highlights(page))['backstory-person'] ?? []).includes('Antony Blinken'), { message: 'the linked article to be marked' });
      await page.mouseMove(2, 2);
      const focusedLink = () => page.evaluate(() => (document.activeElement?.tagName === 'A' ? (document.activeElement.textContent ?? '') : null));
      // Tab through the page's links (the site's navigation first) to the one that holds the name.
      let reached = false;
      for (let i = 0; i < 12 && !reached; i++) {
        await page.press('Tab');
        reached = (await focusedLink()) === 'Antony Blinken';
      }
      expect(reached, 'Tab never reached the "Antony Blinken" link').toBe(true);
      const shown = await waitForUi(page, 'the card of the focused link’s name', (ui) => !!ui.card, 5_000);
      expect(shown.card!.label).toBe('Antony Blinken');
      expect(shown.card!.text).toContain('U.S. Secretary of State');
      // The focus stays on the page's link, so that Tab goes on from it.
      expect(await focusedLink()).toBe('Antony Blinken');
      await page.press('Tab');
      await waitForUi(page, 'the card to close once the focus has left the link', (ui) => !ui.card, 5_000);
      expect(await focusedLink()).not.toBe('Antony Blinken');
    });

    it('has no axe violations with a card open (entity card, passage card, legend, margin notes)', async () => {
      const { page } = await openArticle();
      await openCardOn(page, 'Blinken');
      const entity = await axeBackstoryUi(page);
      expect(entity.nodesChecked, `axe (${entity.via}) checked nothing`).toBeGreaterThan(10);
      expect(violations(entity)).toEqual([]);

      await page.press('Escape');
      await waitForUi(page, 'Escape to close the card', (ui) => !ui.card, 5_000);
      expect((await hoverPassage(page, 'backstory-reported', REPORTED.blinkenAlleged, 'alleged')).card!.label).toBe('Reported: Antony Blinken');
      const passage = await axeBackstoryUi(page);
      expect(violations(passage)).toEqual([]);
    });

    it('keeps the card readable at 200% zoom (a 640×450 viewport, the page’s root font at 5px)', async () => {
      const { page } = await openArticle();
      // 200% zoom of a 1280×900 window leaves 640×450 CSS pixels; a page that shrinks its rem must not shrink the card.
      await page.setViewport(640, 450);
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = 'html { font-size: 5px !important; }';
        document.head.appendChild(style);
      });
      const ui = await openCardOn(page, 'Blinken');
      const c = ui.card!;
      expect(c.label).toBe('Antony Blinken');
      expect(c.fontSize).toBeGreaterThanOrEqual(14);
      expect(c.box.left).toBeGreaterThanOrEqual(0);
      expect(c.box.top).toBeGreaterThanOrEqual(0);
      expect(c.box.right).toBeLessThanOrEqual(ui.viewport.width);
      expect(c.box.bottom).toBeLessThanOrEqual(ui.viewport.height);
      // Nothing cut off sideways; what does not fit in height scrolls inside the card.
      expect(c.scrollWidth).toBeLessThanOrEqual(c.clientWidth + 1);
      if (c.scrollHeight > c.clientHeight + 1) expect(['auto', 'scroll']).toContain(c.overflowY);
      // Here the card is taller than its room: a shadow at its edge says there is more, where scrollbars
      // are overlays (headless Chromium draws none). Its covers scroll with the text, the shadows stay.
      expect(c.scrollHeight).toBeGreaterThan(c.clientHeight + 1);
      const cue = await page.evaluate(() => getComputedStyle(document.querySelector('backstory-ui')!.shadowRoot!.querySelector('[role="dialog"]')!).backgroundAttachment);
      expect(cue.split(',').map((x) => x.trim()).slice(0, 4)).toEqual(['local', 'local', 'scroll', 'scroll']);
      // Its text stops above a band at its bottom edge, however it is scrolled: a line cut by the edge
      // would sit against the page's text just below the card and read as one with it.
      const underBand = await page.evaluate(() => {
        const root = document.querySelector('backstory-ui')!.shadowRoot!;
        const dialog = root.querySelector('[role="dialog"]') as HTMLElement;
        const hits: string[] = [];
        for (const scroll of [0, 4, 9, 15]) {
          dialog.scrollTop = scroll;
          const box = dialog.getBoundingClientRect();
          for (const dy of [3, 6, 9]) {
            for (let i = 1; i < 8; i++) {
              const hit = root.elementFromPoint(box.left + (box.width * i) / 8, box.bottom - dy);
              if (hit && hit !== dialog) hits.push(`${hit.tagName}.${hit.className} at scrollTop ${scroll}, ${dy} px above the edge`);
            }
          }
        }
        dialog.scrollTop = 0;
        return hits;
      });
      expect(underBand).toEqual([]);
      // Scrolled to its end, the card still shows whose it is: its name stays at its top.
      const nameShown = await page.evaluate(() => {
        const root = document.querySelector('backstory-ui')!.shadowRoot!;
        const dialog = root.querySelector('[role="dialog"]') as HTMLElement;
        const name = root.querySelector('.bs-name') as HTMLElement;
        dialog.scrollTop = dialog.scrollHeight;
        const [r, box] = [name.getBoundingClientRect(), dialog.getBoundingClientRect()];
        const hit = root.elementFromPoint(r.left + 4, r.top + r.height / 2);
        const shown = dialog.scrollTop > 0 && r.top >= box.top - 1 && !!hit && name.contains(hit);
        dialog.scrollTop = 0;
        return shown;
      });
      expect(nameShown, 'the card’s name scrolled out of sight').toBe(true);
      // What is scrolled into view, as a focused button is, stops above that band: the mute button,
      // last in the card, is whole and takes a click at its foot.
      const muteFoot = await page.evaluate(() => {
        const root = document.querySelector('backstory-ui')!.shadowRoot!;
        const dialog = root.querySelector('[role="dialog"]') as HTMLElement;
        const button = root.querySelector('.bs-mute') as HTMLElement;
        dialog.scrollTop = 0;
        button.scrollIntoView({ block: 'nearest' });
        const b = button.getBoundingClientRect();
        const hit = root.elementFromPoint(b.left + b.width / 2, b.bottom - 2);
        const out = { hitsButton: hit === button || button.contains(hit), gap: dialog.getBoundingClientRect().bottom - b.bottom };
        dialog.scrollTop = 0;
        return out;
      });
      expect(muteFoot.hitsButton, `the mute button's foot is under the band (${muteFoot.gap} px from the card's edge)`).toBe(true);
      // Scrolled to its end, the card keeps its close button at its top right, and it takes a click.
      const close = await page.evaluate(() => {
        const root = document.querySelector('backstory-ui')!.shadowRoot!;
        const dialog = root.querySelector('[role="dialog"]') as HTMLElement;
        const button = root.querySelector('.bs-close') as HTMLElement;
        dialog.scrollTop = dialog.scrollHeight;
        const d = dialog.getBoundingClientRect();
        const b = button.getBoundingClientRect();
        const hit = root.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
        const out = { scrolled: dialog.scrollTop, fromTop: b.top - d.top, fromRight: d.right - b.right, hitsButton: hit === button };
        dialog.scrollTop = 0;
        return out;
      });
      expect(close.scrolled).toBeGreaterThan(0);
      expect(close.fromTop, JSON.stringify(close)).toBeGreaterThanOrEqual(0);
      expect(close.fromTop, JSON.stringify(close)).toBeLessThanOrEqual(12);
      expect(close.fromRight, JSON.stringify(close)).toBeLessThanOrEqual(16);
      expect(close.hitsButton, JSON.stringify(close)).toBe(true);
      // Every text in the card is at least 12 px (the smallest, the type badge and footnotes).
      const smallest = await page.evaluate(() => {
        const dialog = document.querySelector('backstory-ui')!.shadowRoot!.querySelector('[role="dialog"]')!;
        let min = Infinity;
        for (const el of Array.from(dialog.querySelectorAll('*'))) if ((el.textContent ?? '').trim()) min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
        return min;
      });
      expect(smallest).toBeGreaterThanOrEqual(12);
    });

    it('draws the card in the dark theme when the theme setting is dark', async () => {
      await setTheme('dark');
      const { page } = await openArticle();
      const ui = await openCardOn(page, 'Blinken');
      expect(ui.rootClass).toContain('bs-dark');
      expect(luminance(ui.card!.background), `background ${ui.card!.background}`).toBeLessThan(0.05);
      expect(luminance(ui.card!.color), `text ${ui.card!.color}`).toBeGreaterThan(0.6);
      // Contrast holds in the dark theme too.
      const report = await axeBackstoryUi(page);
      expect(violations(report)).toEqual([]);
    });
  });

  // ================================================================================================
  describe('opinion and reported markers (issue 4)', () => {
    /** Markers off: no passage highlights, no margin notes, the legend says so; entity marks stay. */
    async function expectMarkersOff(page: TestPage, what: string): Promise<void> {
      const h = await waitUntil(
        async () => {
          const h = await browser.highlights(page);
          return PASSAGE_MARKS.every((n) => !h[n]?.length) ? h : null;
        },
        { timeout: 5_000, message: `${what} to hide the markers` },
      );
      expect((h['backstory-person'] ?? []).includes('Blinken')).toBe(true);
      const ui = await waitForUi(page, `${what}: margin notes gone`, (u) => u.notes.length === 0 && u.legend?.text.includes('Show markers') === true && u.legend.pressed === null, 5_000);
      expect(ui.legend!.text).toContain('Show markers');
    }

    async function expectMarkersOn(page: TestPage, counts: Record<string, number>, notes: number, what: string): Promise<void> {
      const h = await waitUntil(
        async () => {
          const h = await browser.highlights(page);
          return PASSAGE_MARKS.every((n) => (h[n]?.length ?? 0) > 0) ? h : null;
        },
        { timeout: 5_000, message: `${what} to show the markers again` },
      );
      expect(Object.fromEntries(PASSAGE_MARKS.map((n) => [n, h[n].length]))).toEqual(counts);
      await waitForUi(page, `${what}: margin notes back`, (u) => u.notes.length === notes && u.legend?.text.includes('Hide markers') === true && u.legend.pressed === null, 5_000);
    }

    /** Nothing of the page changed: its DOM is as parsed, and every mutation was <backstory-ui>'s. */
    async function expectNoTrace(page: TestPage): Promise<void> {
      const dom = await domReport(page);
      expect(dom.before).not.toBeNull();
      expect(dom.after).toBe(dom.before);
      expect(foreignMutations(dom)).toEqual([]);
      expect(dom.hosts).toEqual([{ parent: 'HTML', openShadow: true }]);
    }

    async function switchTest(flip: (page: TestPage) => Promise<void>, what: string): Promise<void> {
      const { page, marks } = await openArticle();
      const counts = Object.fromEntries(PASSAGE_MARKS.map((n) => [n, marks[n].length]));
      const notes = (await waitForUi(page, 'the margin notes', (u) => u.notes.length > 0)).notes.length;
      await flip(page);
      await expectMarkersOff(page, what);
      await expectNoTrace(page);
      await flip(page);
      await expectMarkersOn(page, counts, notes, what);
      await expectNoTrace(page);
    }

    it('marks the writer’s opinion and the statements of Blinken, Biden and Harris, and leaves neutral background unmarked', async () => {
      const { marks } = await openArticle();
      const opinion = marks['backstory-opinion'];
      const reported = marks['backstory-reported'];
      expect(opinion.some((t) => t.startsWith(WRITER_OPINION))).toBe(true);
      for (const start of Object.values(REPORTED)) expect(reported.some((t) => t.startsWith(start)), `reported: ${start}`).toBe(true);
      for (const start of Object.values(REPORTED)) expect(opinion.some((t) => t.startsWith(start)), `not opinion: ${start}`).toBe(false);
      for (const start of NEUTRAL) expect([...opinion, ...reported].some((t) => t.startsWith(start)), `neutral: ${start}`).toBe(false);
      expect(reported.some((t) => t.startsWith(WRITER_OPINION))).toBe(false);
    });

    it('names the source in the margin beside each run of reported passages, and the notes follow the text on scroll and resize', async () => {
      const { page } = await openArticle();
      const cases: [string, string][] = [
        [REPORTED.blinkenAlleged, 'Blinken'],
        [REPORTED.accordingToBlinken, 'Blinken'],
        [HARRIS_REMARKS, 'Harris'],
      ];
      const besideAll = async (when: string) => {
        const out: { source: string; dy: number; dx: number }[] = [];
        for (const [prefix, source] of cases) {
          const result = await waitUntil(
            async () => {
              const [ui, line] = [await readUi(page), await passageLine(page, 'backstory-reported', prefix)];
              const note = line && noteBeside(ui, source, line);
              return note && line ? { source, dy: note.box.top - line.top, dx: note.box.left - line.left, ui } : null;
            },
            { timeout: 5_000, message: `${when}: a margin note "${source}" beside "${prefix} …"` },
          );
          // The notes are elements in Backstory's shadow root, not in the page.
          expect(result.ui.notes.every((n) => n.className.split(' ').includes('bs-margin'))).toBe(true);
          out.push({ source: result.source, dy: result.dy, dx: result.dx });
        }
        return out;
      };
      const ui = await readUi(page);
      expect(ui.notes.map((n) => n.text)).toEqual(expect.arrayContaining(['Blinken', 'Harris']));
      const atTop = await besideAll('at the top');
      // Harris's next statement goes straight on in her paragraph, on a line of its own: under her one note.
      const [first, next] = [await passageLine(page, 'backstory-reported', HARRIS_REMARKS), await passageLine(page, 'backstory-reported', REPORTED.harrisCalled)];
      expect(next!.top).toBeGreaterThan(first!.top);
      expect((await readUi(page)).notes.filter((n) => n.text === 'Harris')).toHaveLength(1);

      // Scroll: the notes move with the text (same offset from their passage).
      await page.evaluate(() => window.scrollTo(0, 600));
      await waitUntil(() => page.evaluate(() => Math.round(window.scrollY) === 600), { message: 'the page to scroll' });
      const scrolled = await besideAll('after scrolling');
      scrolled.forEach((s, i) => {
        expect(Math.abs(s.dy - atTop[i].dy)).toBeLessThanOrEqual(1);
        expect(Math.abs(s.dx - atTop[i].dx)).toBeLessThanOrEqual(1);
      });

      // Resize: the text reflows and the notes follow it.
      const before = await passageLine(page, 'backstory-reported', REPORTED.harrisCalled);
      await page.setViewport(1320, 900);
      await waitUntil(async () => (await passageLine(page, 'backstory-reported', REPORTED.harrisCalled))?.left !== before?.left, { message: 'the text to move' });
      await besideAll('after a resize');
      await page.setViewport(1280, 900);
      await besideAll('after resizing back');
      expect(await textUnderNotes(page)).toEqual([]);
    });

    it('gives two statements that start on the same line one margin note naming both sources, and lays no note over another', async () => {
      const page = await open('/article-two-sources.html');
      const ui = await waitForUi(page, 'the margin notes, with the two sources' , (u) => u.notes.some((n) => n.text === 'Harris, Blinken'), 15_000);
      const line = await passageLine(page, 'backstory-reported', 'Kamala Harris said the alliance');
      expect(line).not.toBeNull();
      const beside = ui.notes.filter((n) => Math.abs(n.box.top - line!.top) < line!.height);
      expect(beside.map((n) => n.text)).toEqual(['Harris, Blinken']);
      const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      for (const [i, a] of ui.notes.entries())
        for (const b of ui.notes.slice(i + 1)) expect(overlap(a.box, b.box), `"${a.text}" and "${b.text}" overlap`).toBe(false);
    });

    it('keeps the legend in the margin beside a centred column, stacked where one line would cover the text', async () => {
      const page = await open('/article-one-column.html');
      for (const [width, height] of [[1280, 900], [1024, 768]] as const) {
        await page.setViewport(width, height);
        const ui = await waitForUi(page, `the legend at ${width}px`, (u) => u.legend !== null, 15_000);
        expect(ui.legend!.text).toContain('Hide markers');
        // The legend is placed in the frame after the resize's paint, which a busy machine delays.
        await waitUntil(async () => (await textUnderNotes(page, '.bs-legend')).length === 0, { timeout: 5_000, message: `the legend placed at ${width}px` }).catch(() => undefined);
        for (const y of [0, 700, 1400]) {
          await page.evaluate((y) => window.scrollTo(0, y), y);
          await waitUntil(() => page.evaluate((y) => Math.abs(window.scrollY - Math.min(y, document.documentElement.scrollHeight - window.innerHeight)) < 2, y), { message: 'the page to scroll' });
          expect(await textUnderNotes(page, '.bs-legend'), `at ${width}px, scrolled to ${y}`).toEqual([]);
        }
      }
      await page.setViewport(1280, 900);
    });

    it('stands the legend above a widget the page fixes to the window’s corner, not over it (a reader review’s medal table)', async () => {
      const page = await open('/article-fixed-widget.html');
      for (const [width, height] of [[1280, 900], [1024, 768]] as const) {
        await page.setViewport(width, height);
        await waitForUi(page, `the legend at ${width}px`, (u) => u.legend !== null, 15_000);
        await waitUntil(async () => (await textUnderNotes(page, '.bs-legend')).length === 0, { timeout: 5_000, message: `the legend off the medal table at ${width}px` }).catch(() => undefined);
        expect(await textUnderNotes(page, '.bs-legend'), `at ${width}px`).toEqual([]);
        // Just above it, not anywhere: the legend's bottom edge is within a few pixels of the widget's top.
        const gap = await page.evaluate(() => {
          const legend = document.querySelector('backstory-ui')!.shadowRoot!.querySelector('.bs-legend')!.getBoundingClientRect();
          return document.querySelector('.scorebug')!.getBoundingClientRect().top - legend.bottom;
        });
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThan(20);
      }
      await page.setViewport(1280, 900);
    });

    it('keeps the legend off the text where the article’s root is a grid that holds a sidebar too (a reader review’s election page)', async () => {
      const page = await open('/layouts/grid-main-election.html');
      for (const [width, height] of [[1024, 768], [1280, 900]] as const) {
        await page.setViewport(width, height);
        await waitForUi(page, `the legend at ${width}px`, (u) => u.legend !== null, 15_000);
        for (const y of [0, 600, 1200]) {
          await page.evaluate((y) => window.scrollTo(0, y), y);
          await waitUntil(() => page.evaluate((y) => Math.abs(window.scrollY - Math.min(y, document.documentElement.scrollHeight - window.innerHeight)) < 2, y), { message: 'the page to scroll' });
          // The article's own words (the sidebar beside it is the page's, which the legend may sit over).
          const covered = await page.evaluate(() => {
            const legend = document.querySelector('backstory-ui')!.shadowRoot!.querySelector('.bs-legend')!.getBoundingClientRect();
            const words: string[] = [];
            const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
              const range = document.createRange();
              range.selectNodeContents(node);
              for (const r of Array.from(range.getClientRects()))
                if (r.width > 0 && legend.left < r.right - 1 && legend.right > r.left + 1 && legend.top < r.bottom - 1 && legend.bottom > r.top + 1) words.push(node.data.trim().slice(0, 40));
            }
            return words;
          });
          expect(covered, `at ${width}px, scrolled to ${y}`).toEqual([]);
        }
      }
      await page.setViewport(1280, 900);
    });

    it('lays the notes and the legend beside a magazine’s centred lines, where its <article> spans the window (a reader review’s long-read)', async () => {
      const page = await open('/layouts/magazine-centred.html');
      const ui = await waitForUi(page, 'the margin notes', (u) => u.notes.some((n) => n.text === 'Green') && u.legend !== null, 15_000);
      // Every note in the left margin, right of the window's edge and left of the lines it names.
      const textLeft = await page.evaluate(() => document.querySelector('article > p')!.getBoundingClientRect().left);
      expect(ui.notes.map((n) => n.text)).toEqual(expect.arrayContaining(['Green', 'Kimura', 'Biden', 'Front Street Merchants Association']));
      for (const n of ui.notes) {
        expect(n.box.left, `"${n.text}"`).toBeGreaterThanOrEqual(0);
        expect(n.box.right, `"${n.text}"`).toBeLessThanOrEqual(textLeft);
      }
      // A margin this wide holds a long source's label whole, not cut at the narrowest note's width (review 16).
      const cut = await page.evaluate(() =>
        Array.from(document.querySelector('backstory-ui')!.shadowRoot!.querySelectorAll<HTMLElement>('.bs-margin'))
          .filter((n) => n.scrollWidth > n.clientWidth + 1)
          .map((n) => n.textContent),
      );
      expect(cut).toEqual([]);
      expect(await textUnderNotes(page)).toEqual([]);
      for (const y of [0, 900, 1800]) {
        await page.evaluate((y) => window.scrollTo(0, y), y);
        await waitUntil(() => page.evaluate((y) => Math.abs(window.scrollY - Math.min(y, document.documentElement.scrollHeight - window.innerHeight)) < 2, y), { message: 'the page to scroll' });
        expect(await textUnderNotes(page, '.bs-legend'), `scrolled to ${y}`).toEqual([]);
      }
    });

    it('reads a column the page files under Opinion as the columnist’s argument, and the passage card names the section as a cue (review 15)', async () => {
      const page = await open('/layouts/opinion-column.html');
      await waitForUi(page, 'the legend', (u) => u.legend !== null, 15_000);
      // Sentences the model scores below its usual bar: opinion in a column, the section being the cue.
      for (const sentence of ['It is a verdict.', 'I say we have been patient enough.']) expect(await passageLine(page, 'backstory-opinion', sentence), sentence).not.toBeNull();
      const ui = await hoverPassage(page, 'backstory-opinion', 'It is a verdict.', 'verdict');
      expect(ui.card!.label).toMatch(/^Opinion/);
      const cues = await page.evaluate(() => Array.from(document.querySelector('backstory-ui')!.shadowRoot!.querySelectorAll('[role="dialog"] .bs-cues q'), (q) => q.textContent ?? ''));
      expect(cues).toContain('section: Opinion');
      // What the columnist counts or quotes stays fact or reported.
      expect(await passageLine(page, 'backstory-opinion', 'On April 4 alone the Dow fell')).toBeNull();
    });

    it('names a speaker the knowledge base lacks in the margin by surname, as it names the others', async () => {
      const page = await open('/article-text-only-source.html');
      const ui = await waitForUi(page, 'the margin notes, with the new speaker', (u) => u.notes.some((n) => /Lindqvist/.test(n.text)), 15_000);
      expect(ui.notes.map((n) => n.text).filter((t) => /Lindqvist/.test(t))).toEqual(['Lindqvist', 'Lindqvist']);
    });

    it('names a source the article calls only by full name by the knowledge base’s short name, whose family name comes first', async () => {
      const page = await open('/article-full-name-source.html');
      await waitForUi(page, 'the margin notes', (u) => u.notes.some((n) => n.text === 'Harris'), 15_000);
      const line = await passageLine(page, 'backstory-reported', 'Wang Yi, China’s top diplomat');
      expect(line, 'the statement is marked reported').not.toBeNull();
      const ui = await readUi(page);
      expect(ui.notes.filter((n) => Math.abs(n.box.top - line!.top) < line!.height).map((n) => n.text)).toEqual(['Wang']);
    });

    it('gives "she said" after a man is named to the woman named before him, in the margin and the passage card', async () => {
      const page = await open('/article-she-said.html');
      const quote = '“Our resolve has not changed,”';
      await waitForUi(page, 'the margin notes', (u) => u.notes.some((n) => n.text === 'Harris'), 15_000);
      const line = await passageLine(page, 'backstory-reported', quote);
      expect(line, 'the statement is marked reported').not.toBeNull();
      const ui = await readUi(page);
      expect(ui.notes.filter((n) => Math.abs(n.box.top - line!.top) < line!.height).map((n) => n.text)).toEqual(['Harris']);
      expect((await hoverPassage(page, 'backstory-reported', quote, 'resolve')).card!.label).toBe('Reported: Kamala Harris');
    });

    it('keeps the margin notes and the legend beside the article’s column when a stray line above it widens the article’s root to the page', async () => {
      for (const path of ['/article-ticker.html', '/article-app-ticker.html']) {
        const page = await open(path);
        const ui = await waitForUi(page, `the margin notes beside the column on ${path}`, (u) => u.notes.some((n) => n.text === 'Harris'), 15_000);
        expect(ui.notes.map((n) => n.text)).toContain('Blinken');
        expect(await textUnderNotes(page)).toEqual([]);
        expect(await textUnderNotes(page, '.bs-legend')).toEqual([]);
      }
    });

    it('never lays a margin note over the article’s words, however narrow the page', async () => {
      const { page } = await openArticle();
      await waitForUi(page, 'the margin notes', (u) => u.notes.length > 0);
      expect(await textUnderNotes(page)).toEqual([]);
      // No room left of the column: the notes move right, past the line that divides the sidebar from
      // the story, below the sidebar's links, and cover none of them.
      await page.setViewport(900, 900);
      const divider = await page.evaluate(() => document.querySelector('aside.sidebar')!.getBoundingClientRect().left + 1);
      const narrow = await waitForUi(page, 'the notes to move right of the sidebar’s line on a narrow page', (u) => u.notes.length > 0 && u.notes.every((n) => n.box.left >= divider), 5_000);
      expect(narrow.notes.map((n) => n.text)).toContain('Harris');
      expect(await textUnderNotes(page)).toEqual([]);
      await page.setViewport(1280, 900);
      const wide = await waitForUi(page, 'the notes back left of the column at full width', (u) => u.notes.length > 0 && !u.notes.some((n) => n.className.includes('bs-margin-right')));
      const columnLeft = await page.evaluate(() => document.querySelector('article')!.getBoundingClientRect().left);
      for (const n of wide.notes) expect(n.box.right, n.text).toBeLessThanOrEqual(columnLeft);
    });

    it('puts the notes whose whole label fits in a margin narrower than the widest note (a tech site’s 96 px), over none of the words', async () => {
      const page = await open('/layouts/narrow-margin-tech.html');
      // A tinted rail, whose box fills the right side down the story's height: the notes keep to the left margin.
      await page.evaluate(() => {
        (document.querySelector('.rail') as HTMLElement).style.background = '#f6f7fb';
      });
      await page.setViewport(1280, 900);
      const ui = await waitForUi(page, 'the margin notes in a 96 px margin', (u) => u.notes.some((n) => n.text === 'Natarajan'), 15_000);
      expect(ui.notes.filter((n) => n.className.includes('bs-margin-right')).map((n) => n.text)).toEqual([]);
      expect(ui.notes.map((n) => n.text)).toEqual(expect.arrayContaining(['Altman', 'Nadella', 'Natarajan']));
      for (const n of ui.notes) expect(n.box.left, `"${n.text}" starts inside the window`).toBeGreaterThanOrEqual(0);
      expect(await textUnderNotes(page)).toEqual([]);
      // Each label is whole, none cut short with an ellipsis.
      const cut = await page.evaluate(() =>
        Array.from(document.querySelector('backstory-ui')!.shadowRoot!.querySelectorAll<HTMLElement>('.bs-margin'))
          .filter((n) => n.scrollWidth > n.clientWidth)
          .map((n) => n.textContent),
      );
      expect(cut).toEqual([]);
    });

    it('lays no margin note over a rail of key facts that the page lays out left of the story (reader review 11)', async () => {
      const page = await open('/layouts/left-rail-gaza.html');
      await page.setViewport(1280, 900);
      await waitForUi(page, 'the legend to count the reported passages', (u) => /Reported\s*[1-9]/.test(u.legend?.text ?? ''), 15_000);
      // The notes are laid out with the markers; give them a moment, then read the page under them.
      await new Promise((r) => setTimeout(r, 500));
      for (const y of [0, 600, 1200]) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await new Promise((r) => setTimeout(r, 200));
        expect(await textUnderNotes(page), `scrolled to ${y}`).toEqual([]);
      }
      // With the rail hidden (its place in the grid kept), the same margin holds the notes.
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        (document.querySelector('.keyfacts') as HTMLElement).style.visibility = 'hidden';
      });
      await page.setViewport(1284, 900);
      await waitForUi(page, 'the margin notes once the rail is gone', (u) => u.notes.length > 0, 10_000);
      expect(await textUnderNotes(page)).toEqual([]);
    });

    it('names the sources in the right margin where the left has no room (a wire story 40 px from the edge), clear of the rail beside it (reader review 17)', async () => {
      const page = await open('/layouts/wire-left-aligned.html');
      await page.setViewport(1280, 900);
      const ui = await waitForUi(page, 'the margin notes', (u) => u.notes.length >= 5, 15_000);
      const boxes = await page.evaluate(() => {
        const article = document.querySelector('article')!.getBoundingClientRect();
        const notes = Array.from(document.querySelector('backstory-ui')!.shadowRoot!.querySelectorAll('.bs-margin'), (n) => ({ text: n.textContent ?? '', className: n.className, left: n.getBoundingClientRect().left, right: n.getBoundingClientRect().right }));
        return { articleRight: article.right, windowRight: document.documentElement.clientWidth, notes };
      });
      expect(ui.notes.map((n) => n.text)).toEqual(expect.arrayContaining(['Holt', 'Brennan', 'Raman']));
      for (const n of boxes.notes) {
        expect(n.className, n.text).toContain('bs-margin-right');
        expect(n.left, n.text).toBeGreaterThanOrEqual(boxes.articleRight);
        expect(n.right, n.text).toBeLessThanOrEqual(boxes.windowRight);
      }
      // Over no words: the story's, nor the "Most read" list's beside the first statement.
      expect(await textUnderNotes(page)).toEqual([]);
    });

    it('names every source past the line that divides a rail from the story, below what the rail holds, where the left margin is too narrow (reader review 19)', async () => {
      const page = await open('/layouts/divided-rail-launch.html');
      await page.setViewport(1280, 900);
      const ui = await waitForUi(page, 'the margin notes', (u) => u.notes.length >= 4, 15_000);
      expect(ui.notes.map((n) => n.text)).toEqual(['Salo', 'Whitcombe', 'Wrenfield', 'Castellanos']);
      const boxes = await page.evaluate(() => {
        const rail = document.querySelector('aside.rail')!;
        const held = document.createRange();
        held.selectNodeContents(rail);
        const notes = Array.from(document.querySelector('backstory-ui')!.shadowRoot!.querySelectorAll('.bs-margin'), (n) => ({ text: n.textContent ?? '', className: n.className, box: n.getBoundingClientRect().toJSON() as DOMRect }));
        return { line: rail.getBoundingClientRect().left + 1, railHeld: held.getBoundingClientRect().bottom, windowRight: document.documentElement.clientWidth, notes };
      });
      // One side for the page, in both browsers: past the dividing line, inside the window, below the rail's list.
      for (const n of boxes.notes) {
        expect(n.className, n.text).toContain('bs-margin-right');
        expect(n.box.left, n.text).toBeGreaterThanOrEqual(boxes.line);
        expect(n.box.right, n.text).toBeLessThanOrEqual(boxes.windowRight);
        expect(n.box.top, n.text).toBeGreaterThanOrEqual(boxes.railHeld);
      }
      expect(await textUnderNotes(page)).toEqual([]);
      // The rail left of the story, its line on its right: the notes stand left of that line, not across it.
      await page.evaluate(() => {
        document.querySelector('main')!.style.flexDirection = 'row-reverse';
        Object.assign((document.querySelector('aside.rail') as HTMLElement).style, { borderLeft: 'none', paddingLeft: '0', borderRight: '1px solid #eee', paddingRight: '20px' });
      });
      await page.setViewport(1284, 900);
      const left = await waitForUi(page, 'the notes left of the story', (u) => u.notes.length >= 4 && !u.notes.some((n) => n.className.includes('bs-margin-right')), 10_000);
      const line = await page.evaluate(() => document.querySelector('aside.rail')!.getBoundingClientRect().right - 1);
      for (const n of left.notes) {
        expect(n.box.right, n.text).toBeLessThanOrEqual(line);
        expect(n.box.left, n.text).toBeGreaterThanOrEqual(0);
      }
      expect(await textUnderNotes(page)).toEqual([]);
    });

    it('keeps the notes off a share bar that follows the reader down the page, wherever the page is scrolled (reader review 21)', async () => {
      const page = await open('/layouts/sticky-share-rate-decision.html');
      await page.setViewport(1280, 900);
      await waitUntil(() => page.evaluate(() => performance.getEntriesByName('backstory:marks-complete').length > 0), { timeout: 15_000, message: 'the marks' });
      expect(((await browser.highlights(page))['backstory-reported'] ?? []).length).toBeGreaterThan(3);
      expect(await notesOverWhileScrolling(page, '.share a')).toEqual([]);
      expect(await textUnderNotes(page)).toEqual([]);
      // The same bar, its list no longer following the reader: the margin below it holds the notes. The sticky list, not the page, keeps them away.
      await page.evaluate(() => ((document.querySelector('.share ul') as HTMLElement).style.position = 'static'));
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.setViewport(1284, 900);
      const ui = await waitForUi(page, 'the notes beside a share bar that stays put', (u) => u.notes.length > 0, 10_000);
      expect(ui.notes.map((n) => n.text)).toContain('Bailey');
      expect(await textUnderNotes(page)).toEqual([]);
    });

    it('hides a note while a sticky header is over its line, and shows it again below (reader review 22)', async () => {
      const page = await open('/layouts/sticky-header-science.html');
      await page.setViewport(1280, 900);
      const shown = await waitForUi(page, 'the margin notes', (u) => u.notes.length >= 3, 15_000);
      expect(shown.notes.map((n) => n.text)).toContain('Marsh');
      expect(await notesOverWhileScrolling(page, 'header.topbar')).toEqual([]);
      // Back at the top, every note is drawn again.
      await page.evaluate(() => window.scrollTo(0, 0));
      await waitUntil(() => page.evaluate(() => Array.from(document.querySelector('backstory-ui')!.shadowRoot!.querySelectorAll('.bs-margin')).every((n) => getComputedStyle(n).visibility !== 'hidden')), { timeout: 5_000, message: 'every note drawn at the top' });
    });

    it('reads a print interview whose questions the page sets in bold as the interviewee’s answers, its questions no one’s (reader review 18)', async () => {
      const page = await open('/layouts/print-interview.html');
      await page.setViewport(1280, 900);
      const ui = await waitForUi(page, 'the margin notes naming the interviewee', (u) => u.notes.some((n) => n.text === 'Lindqvist'), 15_000);
      const reported = (await browser.highlights(page))['backstory-reported'] ?? [];
      expect(reported.join(' ')).toContain('An average hides a great deal.');
      expect(reported.join(' ')).toContain('They should map who is most exposed');
      // The questions are the interviewer's: not marked as anyone's statement.
      expect(reported.some((t) => /What should cities do first\?/.test(t))).toBe(false);
      expect(ui.notes.filter((n) => n.text === 'Lindqvist').length).toBeGreaterThanOrEqual(3);
    });

    it('mutes a name from its card, says so with an Undo that holds the focus, and Undo brings its marks back', async () => {
      const { page, marks } = await openArticle();
      const blinken = () => browser.highlights(page).then((h) => (h['backstory-person'] ?? []).filter((t) => /Blinken/.test(t)).length);
      expect(marks['backstory-person']?.filter((t) => /Blinken/.test(t)).length).toBeGreaterThan(3);
      const ui = await openCardOn(page, 'Blinken');
      expect(ui.card!.label).toBe('Antony Blinken');
      const mute = await page.evaluate(() => {
        const button = document.querySelector('backstory-ui')!.shadowRoot!.querySelector('.bs-mute');
        // The button ends the card, which scrolls when it is taller than the room it has.
        button?.scrollIntoView({ block: 'nearest' });
        const r = button?.getBoundingClientRect();
        return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
      });
      expect(mute, 'the card has no mute button').not.toBeNull();
      await page.mouseMove(Math.round(mute!.x), Math.round(mute!.y));
      await page.mouseClick(Math.round(mute!.x), Math.round(mute!.y));
      const muted = await waitForUi(page, 'the notice that Antony Blinken is no longer marked', (u) => !!u.notice && !u.card, 5_000);
      expect(muted.notice!.text).toBe('“Antony Blinken” is no longer marked.Undo');
      expect(muted.notice!.role).toBe('status');
      expect(muted.focus?.className).toContain('bs-undo');
      expect(violations(await axeBackstoryUi(page))).toEqual([]);
      await waitUntil(async () => (await blinken()) === 0, { timeout: 5_000, message: 'Blinken’s marks gone' });
      expect(((await browser.runInExtension(storedSettings)) as { muted?: string[] }).muted).toEqual(['person/antony-blinken']);
      // The page is not marked for his name any more, the rest stays.
      expect((await browser.highlights(page))['backstory-place']?.length ?? 0).toBeGreaterThan(3);
      const undo = muted.notice!.undo!;
      await page.mouseMove(Math.round(undo.left + undo.width / 2), Math.round(undo.top + undo.height / 2));
      await page.mouseClick(Math.round(undo.left + undo.width / 2), Math.round(undo.top + undo.height / 2));
      await waitUntil(async () => (await blinken()) === marks['backstory-person']!.filter((t) => /Blinken/.test(t)).length, { timeout: 5_000, message: 'Blinken’s marks back after Undo' });
      expect(((await browser.runInExtension(storedSettings)) as { muted?: string[] }).muted).toEqual([]);
      expect((await readUi(page)).notice).toBeNull();
    });

    it('gives the focus back to the keyboard’s mark after Undo in the notice of a mute made from the keyboard', async () => {
      const { page } = await openArticle();
      await page.mouseMove(2, 2);
      await page.press('Alt+Shift+J');
      const first = await waitForUi(page, 'Alt+Shift+J to focus a mark and open its card', (ui) => ui.focus?.className === 'bs-cursor' && !!ui.card);
      const mute = await page.evaluate(() => {
        const button = document.querySelector('backstory-ui')!.shadowRoot!.querySelector('.bs-mute') as HTMLElement | null;
        button?.scrollIntoView({ block: 'nearest' });
        const r = button?.getBoundingClientRect();
        return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
      });
      expect(mute, 'the card has no mute button').not.toBeNull();
      await page.mouseClick(Math.round(mute!.x), Math.round(mute!.y));
      const muted = await waitForUi(page, 'the mute notice with the focus on Undo', (u) => !!u.notice && u.focus?.className.includes('bs-undo') === true, 5_000);
      const undo = muted.notice!.undo!;
      await page.mouseClick(Math.round(undo.left + undo.width / 2), Math.round(undo.top + undo.height / 2));
      const after = await waitForUi(page, 'the focus back on the keyboard’s mark', (u) => !u.notice && u.focus?.className === 'bs-cursor', 5_000);
      expect(after.focus!.label).toBe(first.focus!.label);
      // The focus moves at the click; the settings are saved a moment later.
      await waitUntil(async () => ((await browser.runInExtension(storedSettings)) as { muted?: string[] }).muted?.length === 0, { timeout: 5_000, message: 'the mute undone in storage' });
    });

    it('lists muted names by their names in the settings, each with its own Unmute', async () => {
      const options = await browser.openExtensionPage('options.html', 'main');
      session.track(options);
      const storage = (muted: string[] | null) =>
        options.evaluate(async (muted) => {
          const g = globalThis as unknown as { browser?: { storage: { local: { get(k: string): Promise<Record<string, { muted?: string[]; version?: number }>>; set(v: object): Promise<void> } } }; chrome?: typeof g.browser };
          const local = (g.browser ?? g.chrome)!.storage.local;
          const got = (await local.get('settings')).settings ?? {};
          // A stored object without the settings' version is not read at all (core/settings.ts).
          if (muted) await local.set({ settings: { version: 1, ...got, muted } });
          return (await local.get('settings')).settings?.muted ?? [];
        }, muted);
      await storage(['term/body-armor', 'place/venezuela']);
      const items = () => options.evaluate(() => Array.from(document.querySelectorAll('.muted-names li'), (li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()));
      await waitUntil(async () => (await items()).join('|') === 'Body armor Unmute|Venezuela Unmute', { timeout: 5_000, message: 'the muted names listed by name' });
      await options.evaluate(() => {
        const li = Array.from(document.querySelectorAll('.muted-names li')).find((l) => (l.textContent ?? '').startsWith('Venezuela'));
        (li?.querySelector('button') as HTMLButtonElement | null)?.click();
      });
      await waitUntil(async () => (await storage(null)).join() === 'term/body-armor', { timeout: 5_000, message: 'Venezuela unmuted, body armor still muted' });
      await storage([]);
    });

    it('marks everyday terms once the reader asks for them in the settings, on an open long page, and stops when not', async () => {
      const page = await open('/article-everyday.html?chapters=12');
      const terms = async () => (await browser.highlights(page))['backstory-term'] ?? [];
      await waitUntil(async () => (await terms()).includes('non-lethal'), { message: 'the terms of art marked' });
      expect(await terms()).not.toContain('ceasefire');
      const options = await browser.openExtensionPage('options.html', 'main');
      session.track(options);
      const tick = () =>
        options.evaluate(() => {
          const box = document.querySelector('input[name="everydayTerms"]') as HTMLInputElement | null;
          if (!box) throw new Error('the options page has no everyday-terms checkbox');
          box.click();
          return box.checked;
        });
      expect(await tick()).toBe(true);
      // The open page follows the change: it asks for a detection with everyday terms.
      await waitUntil(async () => {
        const list = await terms();
        return ['sanctions', 'ceasefire', 'drone', 'non-lethal'].every((t) => list.includes(t));
      }, { message: 'the everyday terms and the terms of art marked together' });
      expect(await tick()).toBe(false);
      await waitUntil(async () => {
        const list = await terms();
        return !list.includes('ceasefire') && list.includes('non-lethal');
      }, { message: 'the everyday terms unmarked again' });
    });

    it('marks each name only where it first appears once the reader chooses so in the settings, and every time again after', async () => {
      const { page, marks } = await openArticle();
      const people = async () => (await browser.highlights(page))['backstory-person'] ?? [];
      const every = marks['backstory-person']!;
      expect(every.filter((t) => /Blinken/.test(t)).length).toBeGreaterThan(3);
      const options = await browser.openExtensionPage('options.html', 'main');
      session.track(options);
      const choose = (value: 'every' | 'first') =>
        options.evaluate((value) => {
          const radio = document.querySelector(`input[name="marksPerName"][value="${value}"]`) as HTMLInputElement | null;
          if (!radio) throw new Error(`the options page has no "${value}" choice for marking each name`);
          radio.click();
          return radio.checked;
        }, value);
      expect(await choose('first')).toBe(true);
      await waitUntil(async () => (await people()).filter((t) => /Blinken/.test(t)).join('|') === 'Antony Blinken', { message: 'Blinken marked once, where he is first named' });
      const once = await people();
      expect(once.length).toBeLessThan(every.length);
      expect(once).toEqual([...new Set(once)].filter((t) => once.includes(t)));
      // The card of the one mark still counts every mention.
      const ui = await openCardOn(page, 'Antony Blinken');
      expect(ui.card!.text).toMatch(/Mentioned [4-9] times/);
      await page.press('Escape');
      expect(await choose('every')).toBe(true);
      await waitUntil(async () => (await people()).length === every.length, { message: 'every mention marked again' });
    });

    it('opens a passage card on a reported passage: label, source, cue words, and a button to the source’s card', async () => {
      const { page } = await openArticle();
      const ui = await hoverPassage(page, 'backstory-reported', REPORTED.blinkenAlleged, 'alleged');
      expect(ui.card!.role).toBe('dialog');
      expect(ui.card!.label).toBe('Reported: Antony Blinken');
      const parts = await page.evaluate(() => {
        const dialog = document.querySelector('backstory-ui')!.shadowRoot!.querySelector('[role="dialog"]')!;
        const button = Array.from(dialog.querySelectorAll('button')).find((b) => (b.textContent ?? '').trim() === 'Antony Blinken');
        const r = button?.getBoundingClientRect();
        return {
          cues: Array.from(dialog.querySelectorAll('.bs-cues q'), (q) => q.textContent ?? ''),
          button: r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null,
        };
      });
      expect(parts.cues).toContain('alleged');
      expect(parts.button, 'the passage card has no button naming its source').not.toBeNull();
      // The button opens the source's entity card.
      await page.mouseMove(Math.round(parts.button!.x), Math.round(parts.button!.y));
      await page.mouseClick(Math.round(parts.button!.x), Math.round(parts.button!.y));
      const entity = await waitForUi(page, 'the source button to open Antony Blinken’s card', (u) => u.card?.label === 'Antony Blinken', 5_000);
      expect(entity.card!.text).toContain('Secretary of State');
      // The card the reader asked for holds the focus, and stays open when the pointer wanders off
      // (closing it then would drop the focus on the page); Escape closes it.
      expect(entity.focus?.className).toBe('bs-card');
      await page.mouseMove(entity.viewport.width - 10, 100);
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await readUi(page)).card?.label, 'the card closed under the reader’s focus').toBe('Antony Blinken');
      await page.press('Escape');
      await waitForUi(page, 'Escape to close the card', (u) => !u.card, 5_000);
    });

    it('opens a passage card on the writer’s opinion, with its cue words and no source', async () => {
      const { page } = await openArticle();
      const ui = await hoverPassage(page, 'backstory-opinion', WRITER_OPINION, 'lurking');
      expect(ui.card!.label).toBe('Opinion');
      expect(ui.card!.text).toMatch(/Cues: .+/);
      expect(ui.card!.text).not.toContain('Source:');
      // The card stands above the passage, over none of its lines and none of those after it.
      const lines = await page.evaluate((prefix) => {
        let passage: Range | null = null;
        (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('backstory-opinion')?.forEach((r) => {
          if (!passage && r.toString().startsWith(prefix)) passage = r;
        });
        return passage ? Array.from((passage as Range).getClientRects(), (r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right })) : [];
      }, WRITER_OPINION);
      expect(lines.length, 'the passage has no lines on screen').toBeGreaterThan(1);
      const card = ui.card!.box;
      const firstTop = Math.min(...lines.map((l) => l.top));
      expect(firstTop, 'no room above the passage for its card').toBeGreaterThan(card.height + 8);
      expect(card.bottom, 'the passage card is not above the passage').toBeLessThanOrEqual(firstTop + 1);
    });

    it('turns the markers off and on from the popup switch "Opinion markers (all sites)", leaving no trace', async () => {
      let popup: TestPage | null = null;
      await switchTest(async (page) => {
        popup ??= await popupFor(page);
        await toggleSwitch(popup, MARKERS_ALL_SITES);
      }, 'the popup switch (all sites)');
    });

    it('turns the markers off and on from the popup switch for this site, leaving no trace', async () => {
      let popup: TestPage | null = null;
      await switchTest(async (page) => {
        popup ??= await popupFor(page);
        const on = await toggleSwitch(popup, MARKERS_THIS_SITE);
        // The global switch is left as it was.
        expect((await readSwitches(popup)).find((s) => s.label.startsWith(MARKERS_ALL_SITES))?.checked).toBe(true);
        expect((await readSwitches(popup)).find((s) => s.label.startsWith(MARKERS_THIS_SITE))?.checked).toBe(on);
      }, 'the popup switch (this site)');
    });

    it('turns the markers off and on with Alt+Shift+O, leaving no trace', async () => {
      await switchTest(async (page) => {
        await page.mouseMove(2, 2);
        await page.press('Alt+Shift+O');
      }, 'Alt+Shift+O');
    });

    it('turns the markers off and on with the legend’s button, leaving no trace', async () => {
      await switchTest(async (page) => {
        const ui = await waitForUi(page, 'the legend', (u) => !!u.legend?.button);
        const b = ui.legend!.button!;
        await page.mouseClick(Math.round(b.left + b.width / 2), Math.round(b.top + b.height / 2));
      }, 'the legend button');
    });

    it('closes the legend with its ×, leaving the markers, which Alt+Shift+O still switches', async () => {
      const { page } = await openArticle();
      await waitForUi(page, 'the legend', (u) => !!u.legend?.button);
      const close = await page.evaluate(() => {
        const b = document.querySelector('backstory-ui')!.shadowRoot!.querySelector('.bs-legend button[aria-label="Close the legend"]');
        const r = b?.getBoundingClientRect();
        return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
      });
      expect(close, 'the legend has no close button').not.toBeNull();
      await page.mouseClick(Math.round(close!.x), Math.round(close!.y));
      await waitForUi(page, 'the legend to close', (u) => !u.legend, 5_000);
      const opinion = async () => (await browser.highlights(page))['backstory-opinion']?.length ?? 0;
      expect(await opinion()).toBeGreaterThan(3);
      await page.mouseMove(2, 2);
      await page.press('Alt+Shift+O');
      await waitUntil(async () => (await opinion()) === 0, { timeout: 5_000, message: 'Alt+Shift+O to hide the markers with the legend closed' });
      expect((await readUi(page)).legend, 'the closed legend came back').toBeNull();
      await page.press('Alt+Shift+O');
      await waitUntil(async () => (await opinion()) > 3, { timeout: 5_000, message: 'Alt+Shift+O to show the markers again' });
      expect((await readUi(page)).legend).toBeNull();
    });

    it('summarises the passages in the popup: opinion, reported and fact counts, and who is quoted', async () => {
      const { page, marks } = await openArticle();
      const popup = await popupFor(page);
      await waitUntil(() => popup.evaluate(() => document.querySelectorAll('.quoted li').length > 0), { timeout: 10_000, message: 'the popup to list who is quoted' });
      expect(await pageText(popup)).toMatch(/who is quoted/i);
      const summary = await popup.evaluate(() => ({
        counts: Object.fromEntries(Array.from(document.querySelectorAll('[data-count]'), (dd) => [dd.getAttribute('data-count'), Number(dd.textContent)])),
        quoted: Array.from(document.querySelectorAll('.quoted li'), (li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()),
      }));
      expect(summary.counts.opinion).toBe(marks['backstory-opinion'].length);
      expect(summary.counts.reported).toBe(marks['backstory-reported'].length);
      expect(summary.counts.fact).toBeGreaterThan(0);
      // The legend agrees with the popup.
      const ui = await readUi(page);
      expect(ui.legend!.text).toContain(`Opinion ${summary.counts.opinion}`);
      expect(ui.legend!.text).toContain(`Reported ${summary.counts.reported}`);
      // Who is quoted, and how often, one line a person: Blinken (four statements of his own and one
      // with Biden) heads the list; Harris twice; Biden once.
      const times = (name: string) => {
        const line = summary.quoted.find((q) => q.startsWith(`${name} ×`));
        return line ? Number(line.slice(name.length + 2)) : 0;
      };
      const shown = `quoted: ${JSON.stringify(summary.quoted)}`;
      expect(summary.quoted[0], shown).toMatch(/^Antony Blinken ×\d+$/);
      expect(times('Antony Blinken'), shown).toBe(5);
      expect(times('Kamala Harris'), shown).toBe(2);
      expect(times('Joe Biden'), shown).toBe(1);
      expect(summary.quoted.every((q) => /^[^,]+ ×\d+$/.test(q)), shown).toBe(true);
    });
  });

  // Issue 7: a long article is marked near the screen first, and its marks follow the scroll.
  describe('long articles', () => {
    /** Where Backstory's highlight ranges are: before the first "Chapter" heading, and after the last. */
    function rangesByChapter(page: TestPage) {
      return page.evaluate(() => {
        const heads = Array.from(document.querySelectorAll('h2')).filter((h) => /^Chapter \d+:/.test(h.textContent ?? ''));
        const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
        let firstChapter = 0;
        let lastChapter = 0;
        let total = 0;
        registry.forEach((highlight, name) => {
          if (!name.startsWith('backstory-')) return;
          highlight.forEach((r) => {
            total++;
            if (heads[0].compareDocumentPosition(r.startContainer) & Node.DOCUMENT_POSITION_PRECEDING) firstChapter++;
            if (heads[heads.length - 1].compareDocumentPosition(r.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING) lastChapter++;
          });
        });
        return { chapters: heads.length + 1, firstChapter, lastChapter, total, complete: performance.getEntriesByName('backstory:marks-complete').length > 0 };
      });
    }

    it('marks a 20-chapter article near the screen, follows the reader to its end, and opens cards there', async () => {
      const page = await open('/long-article.html');
      const atTop = await waitUntil(
        async () => {
          const r = await rangesByChapter(page);
          return r.complete && r.firstChapter > 0 ? r : null;
        },
        { timeout: 30_000, message: 'the long article to be read whole, with marks in its first chapter' },
      );
      expect(atTop.chapters).toBe(20);
      // Nothing is painted 50,000 characters below the screen...
      expect(atTop.lastChapter).toBe(0);
      // ...though every chapter was read: the legend counts the passages of all twenty.
      const ui = await readUi(page);
      const opinions = Number(/Opinion (\d+)/.exec(ui.legend?.text ?? '')?.[1]);
      expect(opinions).toBeGreaterThanOrEqual(20 * 5);
      // The reader scrolls to the last chapter: its marks are painted, the first chapter's let go.
      await page.evaluate(() => {
        const heads = Array.from(document.querySelectorAll('h2')).filter((h) => /^Chapter \d+:/.test(h.textContent ?? ''));
        heads[heads.length - 1].scrollIntoView({ block: 'start' });
      });
      const atEnd = await waitUntil(
        async () => {
          const r = await rangesByChapter(page);
          return r.lastChapter > 0 && r.firstChapter === 0 ? r : null;
        },
        { timeout: 10_000, message: 'the marks to follow the scroll to the last chapter' },
      );
      expect(atEnd.total).toBeGreaterThan(0);
      // A mark down there opens its card like any other.
      await browser.hoverText(page, 'Blinken', 'backstory-person');
      const card = await waitUntil(() => readCard(page), { timeout: 10_000, message: 'the Antony Blinken card in the last chapter' });
      expect(card.label).toMatch(/Antony Blinken/);
      expect(page.errors().filter((e) => e.source === 'extension')).toEqual([]);
    });
      it('finishes marking a long article whose page keeps changing while it is read (lazy images and ad slots)', async () => {
      // Sixty chapters (180,000 characters): the first reading still runs when the page changes.
      const page = await open('/long-article.html?chapters=60');
      await waitUntil(async () => ((await rangesByChapter(page)).firstChapter > 0 ? true : null), { timeout: 30_000, message: 'the first marks of the long article' });
      // Now and every 450 ms, eight times, the page adds an empty slot (no text: the article's text
      // stays the same) and each addition makes Backstory look at the page again.
      await page.evaluate(() => {
        let ticks = 0;
        const add = () => document.body.appendChild(document.createElement('div')).setAttribute('data-slot', String(++ticks));
        add();
        const timer = setInterval(() => {
          add();
          if (ticks === 8) clearInterval(timer);
        }, 450);
      });
      // Every passage of the sixty chapters is counted and the markers are shown in the end.
      const opinions = await waitUntil(
        async () => {
          const n = Number(/Opinion (\d+)/.exec((await readUi(page)).legend?.text ?? '')?.[1]);
          const h = await browser.highlights(page);
          return n >= 60 * 5 && (h['backstory-opinion']?.length ?? 0) > 0 ? n : null;
        },
        { timeout: 30_000, message: 'the whole long article to be classified, its markers shown' },
      );
      expect(opinions).toBeGreaterThanOrEqual(300);
      expect(page.errors().filter((e) => e.source === 'extension')).toEqual([]);
    });
  });
}
