/**
 * The foundation's end-to-end checks, one body for every browser: the content script runs on an
 * article, its marks are CSS Custom Highlights the page can see, a hover opens a card in the one
 * <backstory-ui> host, the popup's switches act on the open tab, settings survive a restart, the
 * page's DOM is left as it was, and pages that are not articles are left alone.
 */
import { beforeAll, expect, it } from 'vitest';
import type { BrowserUnderTest, TestPage } from '../harness/types';
import { SLOW_IMAGE_MS, type FixtureServer } from '../harness/server';
import { DOCUMENT_IDLE_LOAD_WAIT_MS } from '../../../core/constants';
import { useSuiteSession } from '../harness/session';
import { domReport, pageText, readCard, readSwitches, storedSettings, toggleSwitch, waitUntil } from '../harness/common';

const ENTITY_MARKS = ['backstory-person', 'backstory-place', 'backstory-organization', 'backstory-event', 'backstory-term'];
const PASSAGE_MARKS = ['backstory-opinion', 'backstory-reported'];
const ALL_MARKS = [...ENTITY_MARKS, ...PASSAGE_MARKS];
const MARKS_SWITCH = 'Mark names and terms';
const MARKERS_SWITCH = 'Opinion markers (all sites)';

const hasBlinken = (h: Record<string, string[]>) => (h['backstory-person'] ?? []).some((t) => t === 'Blinken' || t === 'Antony Blinken');

export function foundationSuite(launch: () => Promise<BrowserUnderTest>): void {
  const session = useSuiteSession(launch);
  const { open, popupFor } = session;
  let browser: BrowserUnderTest;
  let server: FixtureServer;
  beforeAll(() => {
    ({ browser, server } = session);
  });

  /** Opens the sample article and waits until Backstory has marked "Blinken" in it. */
  /**
   * Opens the sample article and waits until it is marked. The names are painted first and the
   * passage markers once the article is classified: with `markers`, wait for them too; without,
   * wait until the whole analysis is done (its User Timing mark), so that their absence means something.
   */
  async function openArticle(markers = true): Promise<{ page: TestPage; marks: Record<string, string[]> }> {
    const page = await open('/article.html');
    const marks = await waitUntil(async () => {
      const h = await browser.highlights(page);
      if (!hasBlinken(h)) return null;
      if (markers) return PASSAGE_MARKS.every((n) => (h[n]?.length ?? 0) > 0) ? h : null;
      const complete = await page.evaluate(() => performance.getEntriesByName('backstory:marks-complete').length > 0);
      return complete ? await browser.highlights(page) : null;
    }, { message: `a backstory-person highlight on "Blinken"${markers ? ' and the passage markers' : ', the whole analysis done,'} in the sample article` });
    return { page, marks };
  }

  /** Waits for the page's highlights to pass `test`; a timeout says which highlights were there, and the stored settings. */
  async function waitForMarks(page: TestPage, what: string, test: (h: Record<string, string[]>) => boolean): Promise<Record<string, string[]>> {
    let seen: Record<string, string[]> = {};
    try {
      return await waitUntil(async () => {
        seen = await browser.highlights(page);
        return test(seen) ? seen : null;
      }, { timeout: 10_000, message: what });
    } catch (err) {
      const counts = Object.fromEntries(Object.entries(seen).map(([name, texts]) => [name, texts.length]));
      const stored = await browser.runInExtension(storedSettings).catch((e: unknown) => `unreadable: ${String(e)}`);
      // The content script's User Timing marks say what reached the page: starts, analyses, settings applied.
      const timeline = await page
        .evaluate(() =>
          performance
            .getEntriesByType('mark')
            .filter((e) => e.name.startsWith('backstory:'))
            .map((e) => `${e.name}@${Math.round(e.startTime)} ${JSON.stringify((e as PerformanceMark).detail ?? null)}`),
        )
        .catch((e: unknown) => [`unreadable: ${String(e)}`]);
      throw new Error(
        `${(err as Error).message}\n  highlights last seen: ${JSON.stringify(counts)}\n  stored settings: ${JSON.stringify(stored)}\n  the page's Backstory marks: ${timeline.join('; ')}`,
      );
    }
  }

  const present = (h: Record<string, string[]>, names: string[]) => names.filter((n) => (h[n]?.length ?? 0) > 0);

  it('marks names and passages of the sample article as CSS highlights the page can see', async () => {
    const { page, marks } = await openArticle();
    expect(marks['backstory-person']).toEqual(expect.arrayContaining(['Blinken']));
    expect(marks['backstory-person'].some((t) => /Biden/.test(t))).toBe(true);
    expect(marks['backstory-place']).toEqual(expect.arrayContaining(['China', 'Russia', 'Ukraine']));
    expect(marks['backstory-organization']).toEqual(expect.arrayContaining(['NATO']));
    expect(marks['backstory-opinion']?.length ?? 0).toBeGreaterThan(0);
    expect(marks['backstory-reported']?.length ?? 0).toBeGreaterThan(0);
    expect(marks['backstory-reported'].some((t) => t.includes('Antony Blinken alleged'))).toBe(true);
    // Only Backstory's own names, and every range lies in the article body: none in the header, sidebar or footer.
    expect(Object.keys(marks).every((n) => ALL_MARKS.includes(n))).toBe(true);
    const outside = await page.evaluate(() => {
      const article = document.querySelector('article')!;
      const stray: string[] = [];
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      registry.forEach((h, name) => {
        if (!name.startsWith('backstory-')) return;
        h.forEach((r) => {
          if (!article.contains(r.commonAncestorContainer) || r.collapsed) stray.push(`${name}: ${r.toString()}`);
        });
      });
      return stray;
    });
    expect(outside).toEqual([]);
  });

  it('marks an article without waiting for a picture that is slow to load (the page\'s load event)', async () => {
    // open() returns at the load event, SLOW_IMAGE_MS after the document was parsed.
    const page = await open('/article-slow-load.html');
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const start = performance.getEntriesByName('backstory:content-start')[0];
      const shown = performance.getEntriesByName('backstory:marks-shown')[0];
      return { parsed: nav.domContentLoadedEventEnd, loaded: nav.loadEventStart, start: start?.startTime ?? null, shown: shown?.startTime ?? null };
    });
    expect(timing.loaded - timing.parsed, 'the picture held the load event back').toBeGreaterThan(SLOW_IMAGE_MS / 2);
    // Backstory starts once the document is parsed and DOCUMENT_IDLE_LOAD_WAIT_MS have passed, not at the load event.
    expect(timing.start, 'content-start mark').not.toBeNull();
    expect(timing.start!).toBeLessThan(timing.parsed + DOCUMENT_IDLE_LOAD_WAIT_MS + SLOW_IMAGE_MS / 3);
    expect(timing.shown, 'marks-shown mark').not.toBeNull();
    expect(timing.shown!).toBeLessThan(timing.loaded);
    expect(hasBlinken(await browser.highlights(page))).toBe(true);
  });

  it('marks the article in sandboxed frames too, whose opaque origins still load the session module', async () => {
    const page = await open('/sandboxed-frames.html');
    const names = () =>
      page.evaluateInFrames(() => {
        const registry = (CSS as unknown as { highlights: Map<string, unknown> }).highlights;
        return [...registry.keys()].filter((n) => n.startsWith('backstory-')).sort();
      });
    const frames = await waitUntil(async () => {
      const seen = await names();
      return seen.length === 2 && seen.every((f) => f.result.includes('backstory-person')) ? seen : null;
    }, { message: 'marks in both sandboxed frames' });
    expect(frames.map((f) => new URL(f.url).pathname)).toEqual(['/article.html', '/article.html']);
    expect(await page.evaluate(() => [...(CSS.highlights as unknown as Map<string, unknown>).keys()].filter((n) => n.startsWith('backstory-')))).toEqual([]);
    expect(page.errors().filter((e) => e.source === 'extension')).toEqual([]);
  });

  it('summarises the article in the popup', async () => {
    const { page } = await openArticle();
    const popup = await popupFor(page);
    const text = await waitUntil(async () => {
      const t = await pageText(popup);
      return t.includes('Antony Blinken') ? t : null;
    }, { timeout: 10_000, message: 'the popup to list Antony Blinken' });
    expect(text).toMatch(/Opinion\s*\d+/);
    expect(text).toMatch(/Reported\s*\d+/);
    expect(text).not.toContain('has not read this page');
    const switches = await readSwitches(popup);
    expect(switches.find((s) => s.label.startsWith(MARKS_SWITCH))?.checked).toBe(true);
    expect(switches.find((s) => s.label.startsWith(MARKERS_SWITCH))?.checked).toBe(true);
  });

  it('opens a card in the <backstory-ui> shadow root when a mark is hovered, and closes it on Escape', async () => {
    const { page } = await openArticle();
    await browser.hoverText(page, 'Blinken', 'backstory-person');
    const card = await waitUntil(() => readCard(page), { timeout: 10_000, message: 'a card to open over "Blinken"' });
    expect(card.label).toBe('Antony Blinken');
    expect(card.text).toContain('Secretary of State');
    const dom = await domReport(page);
    expect(dom.hosts).toEqual([{ parent: 'HTML', openShadow: true }]);
    // The card is only in the shadow root: nothing with role="dialog" in the page's own tree.
    expect(await page.evaluate(() => document.querySelectorAll('[role="dialog"]').length)).toBe(0);
    await page.press('Escape');
    await waitUntil(async () => (await readCard(page)) === null, { timeout: 5_000, message: 'Escape to close the card' });
  });

  it('removes and restores the marks in the open tab from the popup switch "Mark names and terms"', async () => {
    const { page, marks } = await openArticle();
    const before = Object.fromEntries(ALL_MARKS.map((n) => [n, marks[n]?.length ?? 0]));
    const popup = await popupFor(page);

    expect(await toggleSwitch(popup, MARKS_SWITCH)).toBe(false);
    const off = await waitForMarks(page, 'the entity marks to go', (h) => present(h, ENTITY_MARKS).length === 0);
    // The switch is about names and terms only: the opinion markers stay.
    expect(present(off, PASSAGE_MARKS)).toEqual(PASSAGE_MARKS);

    expect(await toggleSwitch(popup, MARKS_SWITCH)).toBe(true);
    const on = await waitForMarks(page, 'the entity marks to come back', (h) => hasBlinken(h));
    expect(Object.fromEntries(ALL_MARKS.map((n) => [n, on[n]?.length ?? 0]))).toEqual(before);
  });

  it('switches Backstory off on the site from the popup: the marks go, the popup says so and greys out what no longer applies', async () => {
    const { page } = await openArticle();
    const popup = await popupFor(page);
    const host = new URL(server.url('/')).hostname;
    const siteSwitch = `Backstory on ${host}`;
    const state = () =>
      popup.evaluate(() => ({
        summary: (document.querySelector('.summary')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        disabled: Array.from(document.querySelectorAll<HTMLInputElement>('input[role="switch"]'), (i) => [(i.closest('label')?.textContent ?? '').replace(/\s+/g, ' ').trim(), i.disabled] as const),
      }));
    expect(await toggleSwitch(popup, siteSwitch)).toBe(false);
    await waitForMarks(page, 'every mark to go', (h) => present(h, ALL_MARKS).length === 0);
    const off = await state();
    expect(off.summary).toMatch(/^Backstory is off on /);
    expect(off.summary).not.toMatch(/Opinion \d/);
    const disabledOf = (prefix: string) => off.disabled.find(([label]) => label.startsWith(prefix))?.[1];
    expect(disabledOf(MARKS_SWITCH)).toBe(true);
    expect(disabledOf(`Opinion markers on ${host}`)).toBe(true);
    expect(disabledOf(siteSwitch)).toBe(false);
    expect(disabledOf('Online look-ups')).toBe(false);
    expect(await toggleSwitch(popup, siteSwitch)).toBe(true);
    await waitForMarks(page, 'the marks to come back', (h) => hasBlinken(h));
    expect((await state()).disabled.every(([, d]) => !d)).toBe(true);
  });

  it('leaves the page DOM as it was, apart from the one <backstory-ui> on <html>, and posts the page no message', async () => {
    const { page } = await openArticle();
    // Open a card too, so that all of the UI has been drawn.
    await browser.hoverText(page, 'Blinken', 'backstory-person');
    await waitUntil(() => readCard(page), { timeout: 10_000, message: 'a card to open' });
    const dom = await domReport(page);
    expect(dom.before, 'the DOM probe did not run at DOMContentLoaded').not.toBeNull();
    expect(dom.after).toBe(dom.before);
    expect(dom.hosts).toEqual([{ parent: 'HTML', openShadow: true }]);
    const foreign = dom.mutations.filter(
      (m) => !(m.type === 'childList' && m.target === 'HTML' && [...m.added, ...m.removed].every((n) => n === 'BACKSTORY-UI')) && m.target !== 'BACKSTORY-UI',
    );
    expect(foreign).toEqual([]);
    expect(dom.mutations.some((m) => m.added.includes('BACKSTORY-UI'))).toBe(true);
    // The page's own 'message' listeners hear nothing from Backstory (WXT's start-up announcement is off).
    expect(dom.messages).toEqual([]);
  });

  it('leaves a page that is not an article alone', async () => {
    const page = await open('/search.html');
    // The content script answers the popup (so it did run) and says it left the page alone.
    const text = await waitUntil(async () => {
      const popup = await browser.openPopup(page);
      try {
        const t = await waitUntil(async () => {
          const s = await pageText(popup);
          return /This article|not look like an article|has not read this page/.test(s) ? s : null;
        }, { timeout: 5_000, message: 'the popup summary' });
        return t.includes('has not read this page') ? null : t;
      } finally {
        await popup.close();
      }
    }, { timeout: 15_000, interval: 250, message: 'the content script on the search page to answer the popup' });
    expect(text).toContain('does not look like an article');
    expect(await browser.highlights(page)).toEqual({});
    expect((await domReport(page)).hosts).toEqual([]);
  });

  it('gets every keyboard command registered with its suggested shortcut', async () => {
    const suggested = Object.entries(browser.manifest.commands ?? {})
      .filter(([, c]) => c.suggested_key?.default)
      .map(([name, c]) => ({ name, key: c.suggested_key!.default }));
    expect(suggested.map((c) => c.name)).toContain('toggle-opinion-markers');
    const registered = await browser.commands();
    // A browser silently drops a suggested key it uses itself; the command then has no shortcut at all.
    const unassigned = suggested.filter((c) => !registered.find((r) => r.name === c.name)?.shortcut).map((c) => `${c.name} (${c.key})`);
    expect(unassigned, 'commands left without a shortcut').toEqual([]);
  });

  // The harness's key events go to the page, not through the browser's own shortcut handling, so
  // this checks that the shortcut works from the page (as it must where the browser assigned no key).
  it('toggles the opinion markers with Alt+Shift+O pressed in the page', async () => {
    const { page, marks } = await openArticle();
    expect(present(marks, PASSAGE_MARKS)).toEqual(PASSAGE_MARKS);
    const opinions = marks['backstory-opinion'].length;
    await page.press('Alt+Shift+O');
    const off = await waitForMarks(page, 'Alt+Shift+O to hide the opinion markers', (h) => !h['backstory-opinion']);
    expect(present(off, PASSAGE_MARKS)).toEqual([]);
    expect(hasBlinken(off)).toBe(true);
    await page.press('Alt+Shift+O');
    const on = await waitForMarks(page, 'Alt+Shift+O to show the opinion markers again', (h) => (h['backstory-opinion']?.length ?? 0) > 0);
    expect(on['backstory-opinion'].length).toBe(opinions);
  });

  it('keeps settings across a browser restart on the same profile', async () => {
    const first = await openArticle();
    const popup = await popupFor(first.page);
    expect(await toggleSwitch(popup, MARKERS_SWITCH)).toBe(false);
    await waitForMarks(first.page, 'the opinion markers to go', (h) => present(h, PASSAGE_MARKS).length === 0);
    session.forget();

    await browser.restart();

    const { page } = await openArticle(false);
    // The marks are back (so the content script ran) but the opinion markers stay off.
    expect(present(await browser.highlights(page), PASSAGE_MARKS)).toEqual([]);
    const again = await popupFor(page);
    const switches = await readSwitches(again);
    expect(switches.find((s) => s.label.startsWith(MARKERS_SWITCH))?.checked).toBe(false);
    expect(switches.find((s) => s.label.startsWith(MARKS_SWITCH))?.checked).toBe(true);
    // And the switch still works after the restart.
    expect(await toggleSwitch(again, MARKERS_SWITCH)).toBe(true);
    await waitForMarks(page, 'the opinion markers to come back', (h) => present(h, PASSAGE_MARKS).length === PASSAGE_MARKS.length);
  });
}

