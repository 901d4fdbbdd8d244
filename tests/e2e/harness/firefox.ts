/**
 * Debian Firefox ESR with the built extension, driven by puppeteer-core over WebDriver BiDi:
 * headless, a temporary profile and HOME, the add-on installed as a temporary add-on with a
 * fixed moz-extension:// uuid (see /work/shared/TOOLCHAIN.md).
 */
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';
import { ExtensionHarness } from './extension-harness';
import type { BrowserUnderTest, ErrorRecord, ExtensionManifest, TestPage } from './types';
import { watchFirefoxTab } from './errors';
import {
  DOM_PROBE_SCRIPT,
  alive,
  listTabs,
  readManifest,
  extensionCopy,
  guardPid,
  guardSandbox,
  makeSandbox,
  removeSandbox,
  unguardPid,
  unguardSandbox,
  waitUntil,
  killPid,
  MAPPED_AD_HOSTS,
  evaluateInChildFrames,
  type Sandbox,
} from './common';

export const FIREFOX_PATH = process.env.BACKSTORY_FIREFOX ?? '/usr/bin/firefox-esr';
/** The moz-extension:// host the tests give the add-on, through `extensions.webextensions.uuids`. */
export const FIREFOX_EXTENSION_UUID = '7d3c0e52-4b1a-4f0e-9c55-b5a1c0f1e2a3';

const VIEWPORT = { width: 1280, height: 900 };

/** Puppeteer's names for the keys in a Playwright-style chord. */
const KEY_ALIASES: Record<string, KeyInput> = { Ctrl: 'Control', Control: 'Control', Alt: 'Alt', Shift: 'Shift', Meta: 'Meta', Esc: 'Escape' };

export class FirefoxPage implements TestPage {
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

  async press(keys: string): Promise<void> {
    const parts = keys.split('+').map((k) => (KEY_ALIASES[k] ?? k) as KeyInput);
    const key = parts.pop()!;
    for (const m of parts) await this.page.keyboard.down(m);
    await this.page.keyboard.press(key);
    for (const m of parts.reverse()) await this.page.keyboard.up(m);
  }

  setViewport(width: number, height: number): Promise<void> {
    return this.page.setViewport({ width, height });
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file as `${string}.png` });
  }

  close(): Promise<void> {
    return this.page.close().catch(() => undefined);
  }
}

class FirefoxUnderTest extends ExtensionHarness implements BrowserUnderTest {
  readonly name = 'firefox' as const;
  readonly extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  private browser!: Browser;
  private pid: number | undefined;
  private helper: FirefoxPage | null = null;
  private readonly geckoId: string;
  readonly manifest: ExtensionManifest;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly extension: string,
  ) {
    super();
    this.manifest = readManifest(extension);
    const gecko = (this.manifest.browser_specific_settings as { gecko?: { id?: string } } | undefined)?.gecko;
    if (!gecko?.id) throw new Error(`${extension}/manifest.json has no browser_specific_settings.gecko.id`);
    this.geckoId = gecko.id;
  }

  async launch(): Promise<void> {
    this.browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: this.sandbox.profile,
      env: this.sandbox.env,
      defaultViewport: VIEWPORT,
      args: ['--remote-allow-system-access', `--width=${VIEWPORT.width}`, `--height=${VIEWPORT.height}`],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [this.geckoId]: FIREFOX_EXTENSION_UUID }),
        // The temporary add-on is gone after a restart; its storage and origin must not be.
        'extensions.webextensions.keepStorageOnUninstall': true,
        'extensions.webextensions.keepUuidOnUninstall': true,
        'datareporting.policy.dataSubmissionEnabled': false,
        'browser.shell.checkDefaultBrowser': false,
        'network.dns.localDomains': MAPPED_AD_HOSTS.join(','),
      },
    });
    this.pid = this.browser.process()?.pid;
    guardPid(this.pid, 'firefox');
    await this.browser.installExtension(this.extension);
    // Until the add-on's pages answer, it is not ready.
    const probe = await this.openExtensionPage('popup.html', 'body');
    await probe.close();
  }

  async open(url: string): Promise<TestPage> {
    const page = await this.browser.newPage();
    const log: ErrorRecord[] = [];
    watchFirefoxTab(page, log);
    await page.evaluateOnNewDocument(DOM_PROBE_SCRIPT);
    await page.goto(url, { waitUntil: 'load' });
    return new FirefoxPage(page, url, log);
  }

  async openExtensionPage(pathname: string, readySelector = 'body'): Promise<TestPage> {
    const page = await this.browser.newPage();
    const log: ErrorRecord[] = [];
    watchFirefoxTab(page, log);
    const url = `${this.extensionOrigin}/${pathname.replace(/^\//, '')}`;
    // Navigations to moz-extension:// never settle for puppeteer: start one, and wait for the page's content instead.
    void page.goto(url, { timeout: 15_000 }).catch(() => undefined);
    await waitUntil(
      () =>
        page
          .evaluate((sel) => location.href.startsWith('moz-extension:') && document.readyState !== 'loading' && !!document.querySelector(sel), readySelector)
          .catch(() => false),
      { timeout: 10_000, interval: 25, message: `${url} to show ${readySelector}` },
    );
    return new FirefoxPage(page, url, log);
  }

  /** Runs `fn` in one of the extension's pages (kept open for the next call). */
  protected async inExtension<R, A>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
    if (!this.helper || this.helper.page.isClosed()) this.helper = (await this.openExtensionPage('options.html')) as FirefoxPage;
    return this.helper.evaluate(fn, arg);
  }

  private async tabId(page: TestPage): Promise<number> {
    const list = await this.inExtension(listTabs, undefined);
    const found = list.filter((t) => t.url === page.url);
    if (found.length !== 1) throw new Error(`Expected one tab at ${page.url}, found ${JSON.stringify(list)}`);
    return found[0].id;
  }

  async openPopup(forPage: TestPage): Promise<TestPage> {
    const id = await this.tabId(forPage);
    const popup = await this.openExtensionPage(`popup.html?tab=${id}`, 'input[role="switch"]');
    await (forPage as FirefoxPage).page.bringToFront();
    return popup;
  }

  backgroundErrors(): ErrorRecord[] {
    return [];
  }

  private async shutdown(): Promise<void> {
    this.helper = null;
    await this.browser?.close().catch(() => undefined);
    const pid = this.pid;
    if (pid) {
      await waitUntil(() => !alive(pid), { timeout: 10_000, message: 'Firefox to exit' }).catch(() => killPid(pid));
      unguardPid(pid);
    }
    this.pid = undefined;
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

/** Starts Firefox ESR with the built extension (.output/firefox-mv3) installed as a temporary add-on. */
export async function launchFirefox(): Promise<BrowserUnderTest> {
  const sandbox = makeSandbox('firefox');
  guardSandbox(sandbox);
  const b = new FirefoxUnderTest(sandbox, extensionCopy('firefox-mv3', sandbox));
  try {
    await b.launch();
  } catch (err) {
    await b.close().catch(() => undefined);
    throw err;
  }
  return b;
}
