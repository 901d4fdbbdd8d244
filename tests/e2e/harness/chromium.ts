/**
 * Debian Chromium with the built extension, driven by playwright-core: headless, a temporary
 * profile and HOME, no background networking (see /work/shared/TOOLCHAIN.md).
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { BrowserUnderTest, ExtensionApi, TestPage } from './types';
import {
  DOM_PROBE_SCRIPT,
  childPidsWith,
  alive,
  extensionCopy,
  guardPid,
  guardSandbox,
  hoverHighlight,
  killPid,
  makeSandbox,
  readHighlights,
  removeSandbox,
  unguardPid,
  unguardSandbox,
  waitUntil,
  type Sandbox,
} from './common';

export const CHROMIUM_PATH = process.env.BACKSTORY_CHROMIUM ?? '/usr/bin/chromium';

const VIEWPORT = { width: 1280, height: 900 };

class ChromiumPage implements TestPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as (arg: A) => R, arg as A) as Promise<R>;
  }

  mouseMove(x: number, y: number): Promise<void> {
    return this.page.mouse.move(x, y);
  }

  mouseClick(x: number, y: number): Promise<void> {
    return this.page.mouse.click(x, y);
  }

  press(keys: string): Promise<void> {
    return this.page.keyboard.press(keys);
  }

  close(): Promise<void> {
    return this.page.close().catch(() => undefined);
  }
}

class ChromiumUnderTest implements BrowserUnderTest {
  readonly name = 'chromium' as const;
  private context!: BrowserContext;
  private pids: number[] = [];
  extensionOrigin = '';

  constructor(
    private readonly sandbox: Sandbox,
    private readonly extension: string,
  ) {}

  async launch(): Promise<void> {
    this.context = await chromium.launchPersistentContext(this.sandbox.profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      env: this.sandbox.env,
      viewport: VIEWPORT,
      args: [
        `--disable-extensions-except=${this.extension}`,
        `--load-extension=${this.extension}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
        '--password-store=basic',
      ],
    });
    this.pids = childPidsWith(this.sandbox.profile);
    for (const pid of this.pids) guardPid(pid, 'chromium');
    await this.context.addInitScript({ content: DOM_PROBE_SCRIPT });
    const worker = await this.serviceWorker();
    this.extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
    // The tab Chromium opens at start is of no use: close it so that tabs are only ours.
    for (const p of this.context.pages()) if (p.url() === 'about:blank') await p.close().catch(() => undefined);
  }

  private async serviceWorker(): Promise<Worker> {
    const ours = (w: Worker) => w.url().startsWith('chrome-extension://') && (!this.extensionOrigin || w.url().startsWith(this.extensionOrigin));
    const found = this.context.serviceWorkers().find(ours);
    if (found) return found;
    return this.context.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 });
  }

  async open(url: string): Promise<TestPage> {
    const page = await this.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return new ChromiumPage(page, url);
  }

  async openExtensionPage(path: string, readySelector?: string): Promise<TestPage> {
    const page = await this.context.newPage();
    const url = `${this.extensionOrigin}/${path.replace(/^\//, '')}`;
    await page.goto(url, { waitUntil: 'load' });
    if (readySelector) await page.waitForSelector(readySelector, { timeout: 10_000 });
    return new ChromiumPage(page, url);
  }

  /**
   * The tab id of the tab showing `page`, as the extension APIs know it. Chromium hides tab URLs
   * from an extension without the "tabs" permission (content-script hosts do not count), so
   * when no tab shows the URL, the page is brought to the front and the active tab is taken.
   */
  private async tabId(page: TestPage): Promise<number> {
    const tabs = () =>
      (globalThis as unknown as { chrome: ExtensionApi }).chrome.tabs
        .query({})
        .then((all) => all.map((t) => ({ id: t.id ?? -1, url: t.url ?? null, active: !!t.active })));
    let helper: TestPage | null = null;
    try {
      let worker = this.context.serviceWorkers().find((w) => w.url().startsWith(this.extensionOrigin));
      let list = worker ? await worker.evaluate(tabs).catch(() => null) : null;
      if (!list) {
        // The worker was stopped for idleness: ask from one of the extension's pages instead.
        worker = undefined;
        helper = await this.openExtensionPage('popup.html');
      }
      await (page as ChromiumPage).page.bringToFront();
      list = worker ? await worker.evaluate(tabs) : await helper!.evaluate(tabs);
      const byUrl = list.filter((t) => t.url === page.url);
      const found = byUrl.length ? byUrl : list.filter((t) => t.url === null && t.active);
      if (found.length !== 1) throw new Error(`Expected one tab for ${page.url}, found ${JSON.stringify(list)}`);
      return found[0].id;
    } finally {
      await helper?.close();
    }
  }

  async openPopup(forPage: TestPage): Promise<TestPage> {
    const id = await this.tabId(forPage);
    const popup = await this.openExtensionPage(`popup.html?tab=${id}`, 'input[role="switch"]');
    // The page under test stays the one the reader looks at.
    await (forPage as ChromiumPage).page.bringToFront();
    return popup;
  }

  highlights(page: TestPage): Promise<Record<string, string[]>> {
    return readHighlights(page);
  }

  hoverText(page: TestPage, text: string | RegExp, highlightName?: string): Promise<void> {
    return hoverHighlight(page, text, highlightName);
  }

  async resetStorage(): Promise<void> {
    const helper = await this.openExtensionPage('popup.html');
    try {
      await helper.evaluate(() => (globalThis as unknown as { chrome: ExtensionApi }).chrome.storage.local.clear());
    } finally {
      await helper.close();
    }
  }

  private async shutdown(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    // Wait for the browser to be gone before the profile is reused or removed.
    await waitUntil(() => this.pids.every((pid) => !alive(pid)), { timeout: 10_000, message: 'Chromium to exit' }).catch(() => this.pids.forEach(killPid));
    this.pids.forEach(unguardPid);
    this.pids = [];
  }

  async restart(): Promise<void> {
    await this.shutdown();
    await this.launch();
  }

  async close(): Promise<void> {
    await this.shutdown();
    removeSandbox(this.sandbox);
    unguardSandbox(this.sandbox);
  }
}

/** Starts Chromium with the built extension (.output/chrome-mv3). */
export async function launchChromium(): Promise<BrowserUnderTest> {
  const sandbox = makeSandbox('chromium');
  guardSandbox(sandbox);
  const b = new ChromiumUnderTest(sandbox, extensionCopy('chrome-mv3', sandbox));
  try {
    await b.launch();
  } catch (err) {
    await b.close().catch(() => undefined);
    throw err;
  }
  return b;
}
