/**
 * The one interface both browser harnesses implement, so that one test body runs in Chromium
 * and in Firefox.
 */

/** A tab (or an extension page) in the browser under test. */
export interface TestPage {
  /** The URL the page was opened with. */
  readonly url: string;
  /**
   * Runs `fn` in the page's main world (the page's own JavaScript context) and returns its
   * JSON-serializable result. `fn` is serialized: it must not close over anything.
   */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Moves the real mouse pointer to viewport coordinates. */
  mouseMove(x: number, y: number): Promise<void>;
  /** Clicks with the real mouse at viewport coordinates. */
  mouseClick(x: number, y: number): Promise<void>;
  /** Presses a key or a chord in Playwright's syntax: "Escape", "Alt+Shift+O". */
  press(keys: string): Promise<void>;
  /** Resizes the viewport (CSS pixels); the page gets a resize event. */
  setViewport(width: number, height: number): Promise<void>;
  /** Saves a PNG of the viewport to `file`. */
  screenshot(file: string): Promise<void>;
  /** Runs `fn` in the main world of each frame of the tab but the top one, whatever its origin (sandboxed frames too). */
  evaluateInFrames<R>(fn: () => R | Promise<R>): Promise<{ url: string; result: R }[]>;
  /** Uncaught errors, and console errors and warnings, seen in the tab (in every world and frame) since it was opened. */
  errors(): ErrorRecord[];
  close(): Promise<void>;
}

/** An uncaught error (or unhandled rejection), or a console error or warning, as the browser reported it. */
export interface ErrorRecord {
  /**
   * Who it came from: `extension` (Backstory's content script, pages or worker: by execution
   * context, or by a chrome-extension:// or moz-extension:// location), `page` (the page's own
   * scripts, or the browser about the page), `unknown` (nothing to tell by).
   */
  source: 'extension' | 'page' | 'unknown';
  kind: 'uncaught' | 'console-error' | 'console-warning' | 'log';
  text: string;
  url?: string;
}

export type BrowserName = 'chromium' | 'firefox';

export interface BrowserUnderTest {
  readonly name: BrowserName;
  /** The extension's origin: chrome-extension://<id> or moz-extension://<uuid>. */
  readonly extensionOrigin: string;
  /** The manifest of the extension under test. */
  readonly manifest: ExtensionManifest;
  /** Opens `url` in a new tab and waits for its load event. */
  open(url: string): Promise<TestPage>;
  /** Opens the toolbar popup as a page that describes the tab showing `forPage`, and waits for it to render. */
  openPopup(forPage: TestPage): Promise<TestPage>;
  /** Opens one of the extension's own pages (e.g. "options.html") in a tab; resolves once `readySelector` is there. */
  openExtensionPage(path: string, readySelector?: string): Promise<TestPage>;
  /** Backstory's highlights as the page sees them: name -> text of each range. */
  highlights(page: TestPage): Promise<Record<string, string[]>>;
  /** Moves the mouse onto the middle of a highlighted range whose text is `text`. */
  hoverText(page: TestPage, text: string | RegExp, highlightName?: string): Promise<void>;
  /** The keyboard commands as the browser registered them (`shortcut` is empty when it assigned none). */
  commands(): Promise<{ name: string; shortcut: string }[]>;
  /** Clears the extension's storage (settings back to defaults). */
  resetStorage(): Promise<void>;
  /**
   * Runs `fn` where the extension's APIs are (its service worker, or one of its pages) and returns
   * its JSON-serializable result. `fn` is serialized: it must not close over anything.
   */
  runInExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Uncaught errors, and console errors and warnings, of the extension's background since launch
   * (Chromium: its service worker, through the DevTools protocol; Firefox: not observable, always []).
   */
  backgroundErrors(): ErrorRecord[];
  /** Closes the browser and starts it again on the same profile, with the extension loaded. */
  restart(): Promise<void>;
  /** Closes the browser and removes its temporary profile and home. */
  close(): Promise<void>;
}

/**
 * The part of the extension API (`chrome` in Chromium, `browser` in Firefox) the harness calls
 * from inside extension pages and the service worker.
 */
export interface ExtensionApi {
  tabs: { query(q: Record<string, unknown>): Promise<{ id?: number; url?: string; title?: string; active?: boolean }[]> };
  commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> };
  storage: { local: { clear(): Promise<void>; get(key?: string | null): Promise<Record<string, unknown>> } };
}

export interface ExtensionManifest {
  name: string;
  version: string;
  commands?: Record<string, { suggested_key?: Record<string, string>; description?: string }>;
  [key: string]: unknown;
}
