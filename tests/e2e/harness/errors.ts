/**
 * What the browsers report going wrong: uncaught errors (also unhandled rejections) and console
 * errors and warnings, from every world of a tab (the page's and the content script's) and from
 * the extension's service worker, each attributed to the extension or to the page.
 *
 * Chromium: the DevTools protocol, per tab (`Runtime` and `Log` on the page's session: every
 * execution context, the content script's isolated world included, with its origin) and on the
 * service worker's target (attached through the browser session). Firefox: puppeteer's
 * `pageerror` and `console` over WebDriver BiDi, which include the content script's; attributed by
 * the moz-extension:// location they carry (an unhandled rejection carries none: `unknown`).
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { ErrorRecord } from './types';

const EXTENSION_URL = /\b(?:chrome|moz)-extension:\/\//;

/** Records what a Chromium tab reports, from before its first navigation. */
export async function watchChromiumTab(context: BrowserContext, page: Page, log: ErrorRecord[]): Promise<CDPSession | null> {
  let cdp: CDPSession;
  try {
    cdp = await context.newCDPSession(page);
  } catch {
    return null;
  }
  /** Execution context id -> its origin ("chrome-extension://<id>" for the content script's isolated world). */
  const origins = new Map<number, string>();
  const sourceOf = (contextId: number | undefined, ...where: (string | undefined)[]): ErrorRecord['source'] => {
    const origin = contextId === undefined ? undefined : origins.get(contextId);
    if (origin && EXTENSION_URL.test(origin)) return 'extension';
    if (where.some((w) => w && EXTENSION_URL.test(w))) return 'extension';
    return origin || where.some(Boolean) ? 'page' : 'unknown';
  };
  cdp.on('Runtime.executionContextCreated', (e) => {
    origins.set(e.context.id, e.context.origin);
  });
  cdp.on('Runtime.exceptionThrown', (e) => {
    const d = e.exceptionDetails;
    const text = d.exception?.description ?? d.text;
    const frames = d.stackTrace?.callFrames.map((f) => f.url).join(' ');
    log.push({ source: sourceOf(d.executionContextId, d.url, frames, text), kind: 'uncaught', text, ...(d.url ? { url: d.url } : {}) });
  });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type !== 'error' && e.type !== 'warning' && e.type !== 'assert') return;
    const text = e.args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? a.type))).join(' ');
    const url = e.stackTrace?.callFrames[0]?.url;
    log.push({ source: sourceOf(e.executionContextId, url), kind: e.type === 'warning' ? 'console-warning' : 'console-error', text, ...(url ? { url } : {}) });
  });
  // The browser's own messages about the page: CSP violations, failed loads, deprecations.
  cdp.on('Log.entryAdded', (e) => {
    if (e.entry.level !== 'error' && e.entry.level !== 'warning') return;
    log.push({ source: sourceOf(undefined, e.entry.url, e.entry.text), kind: 'log', text: `[${e.entry.source}] ${e.entry.text}`, ...(e.entry.url ? { url: e.entry.url } : {}) });
  });
  await Promise.all([cdp.send('Runtime.enable'), cdp.send('Log.enable')]).catch(() => undefined);
  return cdp;
}

/** Records what a Firefox tab reports, from before its first navigation. */
export function watchFirefoxTab(page: PuppeteerPage, log: ErrorRecord[]): void {
  const sourceOf = (...where: (string | undefined)[]): ErrorRecord['source'] => {
    if (where.some((w) => w && EXTENSION_URL.test(w))) return 'extension';
    return where.some((w) => w && /\bhttps?:\/\//.test(w)) ? 'page' : 'unknown';
  };
  page.on('pageerror', (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    const text = e.stack && e.stack.includes(e.message) ? e.stack : `${e.message}\n${e.stack ?? ''}`;
    log.push({ source: sourceOf(e.stack, e.message), kind: 'uncaught', text });
  });
  page.on('console', (m) => {
    const type = m.type();
    if (type !== 'error' && type !== 'warn' && type !== 'assert') return;
    const url = m.location()?.url;
    log.push({ source: sourceOf(url, m.text()), kind: type === 'warn' ? 'console-warning' : 'console-error', text: m.text(), ...(url ? { url } : {}) });
  });
}

/** One request the extension's service worker sent, as the DevTools protocol saw it. */
export interface WorkerRequest {
  url: string;
  method: string;
  /** Request headers, with those only the network stack adds (cookies, referrer) where it reported them. */
  headers: Record<string, string>;
  hasBody: boolean;
  at: number;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * Follows the extension's service worker, across restarts and reloads: attaches to every
 * service-worker target of the extension's origin (through the browser's session, in the
 * non-flat mode, so that playwright's own session on the worker is left alone) and records its
 * errors and its network requests.
 */
export class ChromiumWorkerWatch {
  readonly errors: ErrorRecord[] = [];
  readonly requests: WorkerRequest[] = [];
  /**
   * Each start of the worker (its script's execution context created). A worker that stops and
   * starts again keeps its DevTools target: the session sees "crashed", then a new context.
   */
  readonly starts: { origin: string; at: number }[] = [];
  /** Each stop of the worker. */
  readonly stops: number[] = [];
  private readonly sessions = new Map<string, string>();
  private readonly pending = new Map<string, WorkerRequest>();
  /** Extra headers that came before their request. */
  private readonly early = new Map<string, Record<string, string>>();
  private nextId = 1;

  private constructor(
    private readonly browserSession: CDPSession,
    private readonly origin: () => string,
  ) {}

  static async start(context: BrowserContext, origin: () => string): Promise<ChromiumWorkerWatch | null> {
    const browser = context.browser();
    if (!browser) return null;
    const session = await browser.newBrowserCDPSession();
    const watch = new ChromiumWorkerWatch(session, origin);
    session.on('Target.targetCreated', (e: { targetInfo: TargetInfo }) => void watch.attach(e.targetInfo));
    session.on('Target.targetInfoChanged', (e: { targetInfo: TargetInfo }) => void watch.attach(e.targetInfo));
    session.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => watch.onMessage(e.sessionId, e.message));
    session.on('Target.targetDestroyed', (e: { targetId: string }) => watch.sessions.delete(e.targetId));
    session.on('Target.detachedFromTarget', (e: { sessionId: string }) => {
      for (const [target, s] of watch.sessions) if (s === e.sessionId) watch.sessions.delete(target);
    });
    await session.send('Target.setDiscoverTargets', { discover: true });
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    await Promise.all(targetInfos.map((t) => watch.attach(t)));
    return watch;
  }

  /** The DevTools target of the worker running now, if one is. */
  async currentTarget(): Promise<string | null> {
    const { targetInfos } = (await this.browserSession.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.find((t) => this.ours(t))?.targetId ?? null;
  }

  /** Stops the worker as the browser does when it is idle (DevTools' "stop"), by closing its target. */
  async stopWorker(): Promise<boolean> {
    const id = await this.currentTarget();
    if (!id) return false;
    const { success } = (await this.browserSession.send('Target.closeTarget', { targetId: id })) as { success: boolean };
    return success;
  }

  clear(): void {
    this.errors.length = 0;
    this.requests.length = 0;
  }

  async dispose(): Promise<void> {
    await this.browserSession.detach().catch(() => undefined);
  }

  private ours(t: TargetInfo): boolean {
    const origin = this.origin();
    return t.type === 'service_worker' && !!origin && t.url.startsWith(`${origin}/`);
  }

  private async attach(t: TargetInfo): Promise<void> {
    if (!this.ours(t) || this.sessions.has(t.targetId)) return;
    this.sessions.set(t.targetId, '');
    try {
      const { sessionId } = (await this.browserSession.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })) as { sessionId: string };
      this.sessions.set(t.targetId, sessionId);
      for (const method of ['Runtime.enable', 'Network.enable', 'Log.enable']) {
        await this.browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: this.nextId++, method, params: {} }) });
      }
    } catch {
      this.sessions.delete(t.targetId);
    }
  }

  private onMessage(sessionId: string, raw: string): void {
    let m: { method?: string; params?: Record<string, unknown> };
    try {
      m = JSON.parse(raw) as typeof m;
    } catch {
      return;
    }
    const p = (m.params ?? {}) as Record<string, never>;
    switch (m.method) {
      case 'Runtime.executionContextCreated':
        this.starts.push({ origin: (p.context as { origin: string }).origin, at: Date.now() });
        break;
      case 'Inspector.targetCrashed':
        this.stops.push(Date.now());
        break;
      case 'Runtime.exceptionThrown': {
        const d = p.exceptionDetails as { text: string; url?: string; exception?: { description?: string } };
        this.errors.push({ source: 'extension', kind: 'uncaught', text: d.exception?.description ?? d.text, ...(d.url ? { url: d.url } : {}) });
        break;
      }
      case 'Runtime.consoleAPICalled': {
        const type = p.type as string;
        if (type !== 'error' && type !== 'warning' && type !== 'assert') break;
        const args = p.args as { value?: unknown; description?: string; type: string }[];
        this.errors.push({ source: 'extension', kind: type === 'warning' ? 'console-warning' : 'console-error', text: args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? a.type))).join(' ') });
        break;
      }
      case 'Log.entryAdded': {
        const entry = p.entry as { level: string; source: string; text: string; url?: string };
        if (entry.level === 'error' || entry.level === 'warning') this.errors.push({ source: 'extension', kind: 'log', text: `[${entry.source}] ${entry.text}`, ...(entry.url ? { url: entry.url } : {}) });
        break;
      }
      case 'Network.requestWillBeSent': {
        const req = p.request as { url: string; method: string; headers: Record<string, string>; hasPostData?: boolean; postData?: string };
        // The worker's own script (and its imports) are loaded from the extension: not network requests.
        if (req.url.startsWith('chrome-extension://')) break;
        const record: WorkerRequest = { url: req.url, method: req.method, headers: { ...req.headers }, hasBody: !!req.hasPostData || !!req.postData, at: Date.now() };
        this.requests.push(record);
        const key = `${sessionId}:${p.requestId as string}`;
        Object.assign(record.headers, this.early.get(key) ?? {});
        this.early.delete(key);
        this.pending.set(key, record);
        break;
      }
      case 'Network.requestWillBeSentExtraInfo': {
        // What the network stack really sent: cookies and the referrer show up here.
        const key = `${sessionId}:${p.requestId as string}`;
        const record = this.pending.get(key);
        if (record) Object.assign(record.headers, p.headers as Record<string, string>);
        else this.early.set(key, { ...(p.headers as Record<string, string>) });
        break;
      }
    }
  }
}
