/**
 * Issue 8 end to end: the extension's life around open pages. Reloaded (as an update does) under
 * an open article, the old content script takes its marks and its UI away without an error, and
 * new pages work; its service worker stopped (as the browser does when it is idle), nothing of the
 * settings or the look-up cache is lost and new pages are marked again; storage holding garbage
 * gives the defaults; storage that is full costs a setting, never an error in the page.
 * Reload, worker stop and a full storage are Chromium's (its DevTools protocol, its quota); the
 * garbage runs in every browser.
 */
import { beforeAll, expect, it } from 'vitest';
import type { BrowserUnderTest, ErrorRecord, TestPage } from '../harness/types';
import type { ChromiumUnderTest } from '../harness/chromium';
import type { FixtureServer } from '../harness/server';
import { useSuiteSession } from '../harness/session';
import { readCard, readSwitches, toggleSwitch, waitUntil } from '../harness/common';

const PASSAGE_MARKS = ['backstory-opinion', 'backstory-reported'];
const MARKS_SWITCH = 'Mark names and terms';
const MARKERS_SWITCH = 'Opinion markers (all sites)';

/** The part of the extension's storage API these tests use (`chrome` in Chromium, `browser` in Firefox). */
interface LocalStorageApi {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  getBytesInUse(keys: null): Promise<number>;
  QUOTA_BYTES: number;
}
type Api = { storage: { local: LocalStorageApi } };

/** Anything uncaught, or anything the extension said in the console (but `allowed`). */
function badErrors(errors: ErrorRecord[], allowed: RegExp[] = []): ErrorRecord[] {
  return errors.filter((e) => (e.kind === 'uncaught' || e.source === 'extension') && !allowed.some((a) => a.test(e.text)));
}

/** The extension's whole local storage (run inside the extension). */
function storageSnapshot(): Promise<Record<string, unknown>> {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  return (g.browser ?? g.chrome)!.storage.local.get(null);
}

/** Writes `items` into the extension's local storage (run inside the extension). */
function storageSet(items: Record<string, unknown>): Promise<void> {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  return (g.browser ?? g.chrome)!.storage.local.set(items);
}

export function lifecycleSuite(launch: () => Promise<BrowserUnderTest>): void {
  const session = useSuiteSession(launch);
  const { open } = session;
  let browser: BrowserUnderTest;
  let server: FixtureServer;
  beforeAll(() => {
    ({ browser, server } = session);
  });

  const chromium = () => browser as ChromiumUnderTest;
  const isChromium = () => browser.name === 'chromium';

  async function marked(page: TestPage, test: (h: Record<string, string[]>) => boolean = (h) => (h['backstory-person'] ?? []).includes('Blinken'), what = 'Backstory\u2019s marks on "Blinken"'): Promise<Record<string, string[]>> {
    return waitUntil(
      async () => {
        const h = await browser.highlights(page);
        return test(h) ? h : null;
      },
      { timeout: 20_000, interval: 100, message: `${what} in ${page.url}` },
    );
  }

  async function popupSwitches(page: TestPage): Promise<Record<string, boolean>> {
    const popup = await browser.openPopup(page);
    session.track(popup);
    const list = await readSwitches(popup);
    expect(badErrors(popup.errors())).toEqual([]);
    return Object.fromEntries(list.map((s) => [s.label, s.checked]));
  }

  const switchOn = (switches: Record<string, boolean>, label: string) => Object.entries(switches).find(([l]) => l.startsWith(label))?.[1];

  it('takes its marks and UI off open pages when the extension is reloaded, without an error, and new pages work', async (ctx) => {
    if (!isChromium()) return ctx.skip();
    await chromium().enableDeveloperMode();
    const page = await open('/article.html');
    await marked(page);
    // The page's own highlight, which must outlive ours.
    await page.evaluate(() => {
      const r = document.createRange();
      r.selectNodeContents(document.querySelector('h1')!);
      CSS.highlights.set('page-own', new Highlight(r));
    });
    await browser.hoverText(page, 'Blinken', 'backstory-person');
    await waitUntil(() => readCard(page), { timeout: 10_000, message: 'a card before the reload' });

    await chromium().reloadExtension();

    // The orphaned content script cleans up after itself: no backstory-* highlight, no <backstory-ui>.
    await waitUntil(
      async () => {
        const left = await page.evaluate(() => ({ marks: [...(CSS.highlights as unknown as Map<string, unknown>).keys()].filter((n) => n.startsWith('backstory-')), hosts: document.querySelectorAll('backstory-ui').length }));
        return left.marks.length === 0 && left.hosts === 0;
      },
      { timeout: 10_000, message: 'the old marks and <backstory-ui> to go after the reload' },
    );
    // What the reader does next on that page wakes nothing up and throws nothing.
    await page.press('Alt+Shift+O');
    await page.mouseMove(300, 300);
    await page.mouseMove(400, 420);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await browser.highlights(page)).toEqual({});
    expect(await page.evaluate(() => CSS.highlights.has('page-own'))).toBe(true);
    expect(badErrors(page.errors())).toEqual([]);

    // The reloaded extension works on a new page: marks and a card.
    const fresh = await open('/article.html');
    await marked(fresh);
    await browser.hoverText(fresh, 'Blinken', 'backstory-person');
    const card = await waitUntil(() => readCard(fresh), { timeout: 10_000, message: 'a card after the reload' });
    expect(card.label).toBe('Antony Blinken');
    expect(badErrors(fresh.errors())).toEqual([]);
    expect(browser.backgroundErrors()).toEqual([]);
  }, 120_000);

  it('loses no settings and no cache when its service worker is stopped, and marks new pages after it starts again', async (ctx) => {
    if (!isChromium()) return ctx.skip();
    const watch = chromium().workerWatch;
    if (!watch) throw new Error('The DevTools protocol is not reachable: cannot stop the service worker');
    const first = await open('/article.html');
    await marked(first);
    // Settings as a reader leaves them: the markers off (through the popup), a muted term, a site switched off.
    const popup = await browser.openPopup(first);
    session.track(popup);
    expect(await toggleSwitch(popup, MARKERS_SWITCH)).toBe(false);
    await browser.runInExtension(
      (extra) => {
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (g.browser ?? g.chrome)!.storage.local;
        return api.get('settings').then((got) => api.set({ settings: { ...(got.settings as object), ...extra }, 'lookup:v1:test-entry': { kept: true } }));
      },
      { muted: ['term/body-armor'], disabledSites: ['example.org'] },
    );
    const before = await browser.runInExtension(storageSnapshot);
    const starts = watch.starts.length;

    const stops = watch.stops.length;
    expect(await watch.stopWorker()).toBe(true);
    await waitUntil(() => watch.stops.length > stops, { timeout: 10_000, message: 'the service worker to stop' });

    // A new page wakes it (the content script asks it to detect): marked, with the settings as they were.
    const page = await open('/article.html');
    const marks = await marked(page);
    expect(watch.starts.length).toBeGreaterThan(starts);
    expect(PASSAGE_MARKS.filter((n) => marks[n]?.length)).toEqual([]);
    expect(marks['backstory-term'] ?? []).not.toContain('body armor');
    expect(await browser.runInExtension(storageSnapshot)).toEqual(before);
    const switches = await popupSwitches(page);
    expect(switchOn(switches, MARKERS_SWITCH)).toBe(false);
    expect(switchOn(switches, MARKS_SWITCH)).toBe(true);
    expect(badErrors(page.errors())).toEqual([]);
    expect(browser.backgroundErrors()).toEqual([]);
  }, 90_000);

  const GARBAGE: { name: string; stored: Record<string, unknown>; markers: boolean }[] = [
    { name: 'a string instead of settings', stored: { settings: 'garbage \u0000 {"version":1' }, markers: true },
    {
      name: 'every field of the wrong type',
      stored: { settings: { version: 1, marks: 'yes', markers: 'no', lookups: 7, types: 'person', disabledSites: { '127.0.0.1': true }, siteMarkers: [true], muted: 'everything', theme: 'neon' } },
      markers: true,
    },
    { name: 'a valid field among broken ones', stored: { settings: { version: 1, markers: false, marks: null, types: [42], disabledSites: '127.0.0.1' } }, markers: false },
    { name: 'a version from the future', stored: { settings: { version: 99, marks: false, markers: false, disabledSites: ['127.0.0.1'] } }, markers: true },
    {
      name: 'a broken look-up cache beside the settings',
      stored: { 'lookup:v1:index': 'not an index', 'lookup:v1:summary:Chuck_Todd': { extract: 42 }, settings: [1, 2, 3] },
      markers: true,
    },
  ];
  for (const g of GARBAGE) {
    it(`falls back to the defaults when storage holds garbage: ${g.name}`, async () => {
      await browser.runInExtension(storageSet, g.stored);
      const page = await open('/article.html');
      // Marks on (the default, whatever storage said), and the markers as the one valid field says, else on.
      const marks = await marked(page, (h) => (h['backstory-person'] ?? []).includes('Blinken') && (!g.markers || PASSAGE_MARKS.every((n) => (h[n]?.length ?? 0) > 0)));
      expect(PASSAGE_MARKS.filter((n) => marks[n]?.length).length).toBe(g.markers ? 2 : 0);
      const switches = await popupSwitches(page);
      expect(switchOn(switches, MARKS_SWITCH)).toBe(true);
      expect(switchOn(switches, MARKERS_SWITCH)).toBe(g.markers);
      // A card still opens (the background's data is its own, not storage's).
      await browser.hoverText(page, 'Blinken', 'backstory-person');
      expect((await waitUntil(() => readCard(page), { timeout: 10_000, message: 'a card' })).label).toBe('Antony Blinken');
      expect(badErrors(page.errors())).toEqual([]);
      expect(browser.backgroundErrors()).toEqual([]);
    });
  }

  it('costs a setting but throws nothing when storage is full', async (ctx) => {
    // Chromium's storage.local holds 10 MB; Firefox sets no quota on it.
    if (!isChromium()) return ctx.skip();
    const left = await browser.runInExtension(async () => {
      const api = (globalThis as unknown as { chrome: Api }).chrome.storage.local;
      const quota = api.QUOTA_BYTES;
      // Fill it to a few bytes short of the quota: no settings object fits in what is left.
      const used = await api.getBytesInUse(null);
      const filler = quota - used - 'filler'.length - 2 - 40;
      await api.set({ filler: 'x'.repeat(filler) });
      return quota - (await api.getBytesInUse(null));
    });
    expect(left).toBeLessThan(100);
    const page = await open('/article.html');
    const marks = await marked(page, (h) => (h['backstory-person'] ?? []).includes('Blinken') && PASSAGE_MARKS.every((n) => (h[n]?.length ?? 0) > 0));
    expect(marks['backstory-opinion'].length).toBeGreaterThan(0);
    // The shortcut's change cannot be saved: nothing uncaught, and the page keeps working.
    await page.press('Alt+Shift+O');
    await new Promise((r) => setTimeout(r, 1_000));
    await browser.hoverText(page, 'Blinken', 'backstory-person');
    expect((await waitUntil(() => readCard(page), { timeout: 10_000, message: 'a card' })).label).toBe('Antony Blinken');
    expect(badErrors(page.errors(), [/Backstory could not save a setting.*quota/is])).toEqual([]);
    expect(browser.backgroundErrors()).toEqual([]);
  });
}
