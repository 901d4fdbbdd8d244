/**
 * Debian Chromium with the built extension, driven by playwright-core: headless, a temporary
 * profile and HOME, no background networking (see /work/shared/TOOLCHAIN.md).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ExtensionHarness } from './extension-harness';
import type { BrowserUnderTest, ErrorRecord, ExtensionManifest, TestPage } from './types';
import { ChromiumWorkerWatch, watchChromiumTab } from './errors';
import {
  DOM_PROBE_SCRIPT,
  MAPPED_AD_HOSTS,
  childPidsWith,
  alive,
  evaluateInChildFrames,
  listTabs,
  readManifest,
  extensionCopy,
  guardPid,
  guardSandbox,
  killPid,
  makeSandbox,
  removeSandbox,
  unguardPid,
  unguardSandbox,
  waitUntil,
  type Sandbox,
} from './common';

export const CHROMIUM_PATH = process.env.BACKSTORY_CHROMIUM ?? '/usr/bin/chromium';

const VIEWPORT = { width: 1280, height: 900 };

export class ChromiumPage implements TestPage {
  constructor(
    readonly page: Page,
    readonly url: string,
    /** What the tab reported going wrong, filled in as it happens (harness/errors.ts). */
    readonly errorLog: ErrorRecord[] = [],
  ) {}

  errors(): ErrorRecord[] {
    return this.errorLog.slice();
  }

  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    // Both drivers serialize `fn`; their typings of the argument differ, the wire format does not.
    const evaluate = this.page.evaluate.bind(this.page) as (f: unknown, a?: unknown) => Promise<unknown>;
    return evaluate(fn, arg) as Promise<R>;
  }

  evaluateInFrames<R>(fn: () => R | Promise<R>): Promise<{ url: string; result: R }[]> {
    return evaluateInChildFrames(this.page, fn);
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

  setViewport(width: number, height: number): Promise<void> {
    return this.page.setViewportSize({ width, height });
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }

  close(): Promise<void> {
    return this.page.close().catch(() => undefined);
  }
}

export class ChromiumUnderTest extends ExtensionHarness implements BrowserUnderTest {
  readonly name = 'chromium' as const;
  private context!: BrowserContext;
  /** The service worker's errors and requests, across its restarts (harness/errors.ts). */
  private watch: ChromiumWorkerWatch | null = null;
  private pids: number[] = [];
  private helper: ChromiumPage | null = null;
  extensionOrigin = '';
  readonly manifest: ExtensionManifest;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly extension: string,
  ) {
    super();
    this.manifest = readManifest(extension);
  }

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
        `--host-resolver-rules=${MAPPED_AD_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(',')}`,
      ],
    });
    this.pids = childPidsWith(this.sandbox.profile);
    for (const pid of this.pids) guardPid(pid, 'chromium');
    await this.context.addInitScript({ content: DOM_PROBE_SCRIPT });
    const worker = await this.serviceWorker();
    this.extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
    this.watch = await ChromiumWorkerWatch.start(this.context, () => this.extensionOrigin).catch(() => null);
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
    const log: ErrorRecord[] = [];
    await watchChromiumTab(this.context, page, log);
    await page.goto(url, { waitUntil: 'load' });
    return new ChromiumPage(page, url, log);
  }

  async openExtensionPage(path: string, readySelector?: string): Promise<TestPage> {
    const page = await this.context.newPage();
    const url = `${this.extensionOrigin}/${path.replace(/^\//, '')}`;
    const log: ErrorRecord[] = [];
    await watchChromiumTab(this.context, page, log);
    await page.goto(url, { waitUntil: 'load' });
    if (readySelector) await page.waitForSelector(readySelector, { timeout: 10_000 });
    return new ChromiumPage(page, url, log);
  }

  /**
   * Runs `fn` where the extension's APIs are: in its service worker, or when that was stopped
   * for idleness, in one of its pages (kept open for the next call).
   */
  protected async inExtension<R, A>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
    const worker = this.context.serviceWorkers().find((w) => w.url().startsWith(this.extensionOrigin));
    if (worker) {
      try {
        return (await (worker.evaluate.bind(worker) as (f: unknown, a?: unknown) => Promise<unknown>)(fn, arg)) as R;
      } catch {
        /* stopped meanwhile: use a page */
      }
    }
    if (!this.helper || this.helper.page.isClosed()) this.helper = (await this.openExtensionPage('options.html')) as ChromiumPage;
    return this.helper.evaluate(fn, arg);
  }

  /**
   * The tab id of the tab showing `page`, as the extension APIs know it. Chromium hides tab URLs
   * from an extension without the "tabs" permission (content-script hosts do not count), so
   * when no tab shows the URL, the page is brought to the front and the active tab is taken.
   */
  private async tabId(page: TestPage): Promise<number> {
    await (page as ChromiumPage).page.bringToFront();
    const list = await this.inExtension(listTabs, undefined);
    const byUrl = list.filter((t) => t.url === page.url);
    const found = byUrl.length ? byUrl : list.filter((t) => t.url === null && t.active && t.focused);
    if (found.length !== 1) throw new Error(`Expected one tab for ${page.url}, found ${JSON.stringify(list)}`);
    return found[0].id;
  }

  async openPopup(forPage: TestPage): Promise<TestPage> {
    const id = await this.tabId(forPage);
    const popup = await this.openExtensionPage(`popup.html?tab=${id}`, 'input[role="switch"]');
    // The page under test stays the one the reader looks at.
    await (forPage as ChromiumPage).page.bringToFront();
    return popup;
  }

  backgroundErrors(): ErrorRecord[] {
    return this.watch?.errors.slice() ?? [];
  }

  /** The playwright context, for Chromium-only tests (the DevTools protocol, the service worker). */
  get browserContext(): BrowserContext {
    return this.context;
  }

  /** The service worker's watch: its requests and errors, and a way to stop it (null where the protocol was not reachable). */
  get workerWatch(): ChromiumWorkerWatch | null {
    return this.watch;
  }

  private async shutdown(): Promise<void> {
    this.helper = null;
    await this.watch?.dispose();
    this.watch = null;
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

  /**
   * Restarts the browser with developer mode on (`extensions.ui.developer_mode` in the profile's
   * Preferences). Without it, Chromium disables an extension loaded from the command line when the
   * extension reloads itself ("DISABLE_UNSUPPORTED_DEVELOPER_EXTENSION"). Closes every open page.
   */
  async enableDeveloperMode(): Promise<void> {
    await this.shutdown();
    const file = path.join(this.sandbox.profile, 'Default', 'Preferences');
    const prefs = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as { extensions?: { ui?: Record<string, unknown> } };
    prefs.extensions = { ...prefs.extensions, ui: { ...prefs.extensions?.ui, developer_mode: true } };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(prefs));
    await this.launch();
  }

  /**
   * Reloads the extension as an update does (`chrome.runtime.reload()` in its service worker) and
   * resolves once the new worker runs. Open pages keep the old content script, now orphaned. Needs
   * `enableDeveloperMode()` first.
   */
  async reloadExtension(): Promise<void> {
    const old = this.context.serviceWorkers().find((w) => w.url().startsWith(this.extensionOrigin));
    const next = this.context.waitForEvent('serviceworker', { predicate: (w) => w !== old && w.url().startsWith(this.extensionOrigin), timeout: 15_000 });
    const reload = () => {
      const g = globalThis as unknown as { chrome: { runtime: { reload(): void } } };
      // After the answer goes back: the worker dies with the reload.
      setTimeout(() => g.chrome.runtime.reload(), 20);
    };
    if (old) await old.evaluate(reload);
    else await this.runInExtension(reload);
    await next;
    this.helper = null;
  }

  async close(): Promise<void> {
    await this.shutdown();
    removeSandbox(this.sandbox);
    unguardSandbox(this.sandbox);
  }
}

/** Starts Chromium with the built extension (.output/chrome-mv3). */
export async function launchChromium(): Promise<ChromiumUnderTest> {
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
