/** What both browser harnesses share: temporary dirs, the exit guard, waits, and page-side probes. */
import { cpSync, mkdtempSync, mkdirSync, rmSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtensionApi, ExtensionManifest, TestPage } from './types';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A copy of the built extension for a target, inside the sandbox, so that a rebuild while the
 * tests run cannot change the extension under them. Fails with the command to run when the
 * build is missing.
 */
export function extensionCopy(target: 'chrome-mv3' | 'firefox-mv3', sandbox: Sandbox): string {
  const dir = path.join(process.env.BACKSTORY_OUTPUT_DIR ?? path.join(ROOT, '.output'), target);
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npm run build\` first.`);
  }
  const copy = path.join(sandbox.root, 'extension');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Where a browser keeps its profile and what it takes as HOME, all under one temporary folder. */
export interface Sandbox {
  root: string;
  profile: string;
  home: string;
  env: Record<string, string>;
}

export function makeSandbox(browser: string): Sandbox {
  const root = mkdtempSync(path.join(tmpdir(), `backstory-e2e-${browser}-`));
  const profile = path.join(root, 'profile');
  const home = path.join(root, 'home');
  for (const d of [profile, home, path.join(home, '.config'), path.join(home, '.cache'), path.join(home, '.local', 'share')]) mkdirSync(d, { recursive: true });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    TMPDIR: root,
  });
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return { root, profile, home, env };
}

export function removeSandbox(s: Sandbox): void {
  rmSync(s.root, { recursive: true, force: true, maxRetries: 3 });
}

// ---- exit guard: browsers and temporary folders must not outlive the test process ----

/**
 * Ad servers' host names that both browsers resolve to 127.0.0.1 (Chromium's host resolver rules,
 * Firefox's local domains), so that a fixture page can load frames from them off the test server:
 * Backstory leaves such frames alone (entrypoints/content/not-articles.ts). Neither host is on the
 * browsers' HTTPS-only preload lists, so plain http reaches the test server.
 */
export const MAPPED_AD_HOSTS = ['ads.doubleclick.net', 'tpc.googlesyndication.com'];

const guarded = new Map<number, string>();
const sandboxes = new Set<Sandbox>();
let guardInstalled = false;

function killGuarded(): void {
  for (const pid of guarded.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  guarded.clear();
  for (const s of sandboxes) {
    try {
      removeSandbox(s);
    } catch {
      /* best effort */
    }
  }
  sandboxes.clear();
}

function installGuard(): void {
  if (guardInstalled) return;
  guardInstalled = true;
  process.once('exit', killGuarded);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killGuarded();
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** Kills `pid` (only that process) if this process exits before `unguardPid(pid)`. */
export function guardPid(pid: number | undefined, what: string): void {
  if (!pid) return;
  installGuard();
  guarded.set(pid, what);
}

export function unguardPid(pid: number | undefined): void {
  if (pid) guarded.delete(pid);
}

export function guardSandbox(s: Sandbox): void {
  installGuard();
  sandboxes.add(s);
}

export function unguardSandbox(s: Sandbox): void {
  sandboxes.delete(s);
}

/** Kills a process we started, by its id, if it is still there. */
export function killPid(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/**
 * The ids of the processes started with `marker` on their command line whose parent is this
 * process: for a browser whose launcher does not tell its process id.
 */
export function childPidsWith(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes(marker)) pids.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}

// ---- run inside the extension (service worker or extension page), serialized ----

/** Every tab, as the extension sees it (`url` is null where the browser hides it). */
export function listTabs(): Promise<{ id: number; url: string | null; active: boolean; focused: boolean }[]> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (g.browser ?? g.chrome)!;
  return Promise.all([api.tabs.query({}), api.tabs.query({ active: true, lastFocusedWindow: true })]).then(([all, focused]) =>
    all.map((t) => ({ id: t.id ?? -1, url: t.url ?? null, active: !!t.active, focused: focused.some((f) => f.id === t.id) })),
  );
}

/** The keyboard commands and the shortcuts the browser gave them. */
export function listCommands(): Promise<{ name: string; shortcut: string }[]> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  return (g.browser ?? g.chrome)!.commands.getAll().then((all) => all.map((c) => ({ name: c.name ?? '', shortcut: c.shortcut ?? '' })));
}

export function readManifest(dir: string): ExtensionManifest {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ExtensionManifest;
}

/** Empties the extension's local storage: settings back to their defaults. */
export function clearStorage(): Promise<void> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  return (g.browser ?? g.chrome)!.storage.local.clear();
}

/** The settings as stored (undefined when none are); runs in an extension page. */
export function storedSettings(): Promise<unknown> {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  return (g.browser ?? g.chrome)!.storage.local.get('settings').then((got) => got.settings);
}

// ---- waits ----

export interface WaitOptions {
  timeout?: number;
  interval?: number;
  /** Says what was awaited, for the error. */
  message?: string;
}

/** Polls `probe` until it returns a truthy value; returns that value. Fails after `timeout` ms. */
export async function waitUntil<T>(probe: () => Promise<T> | T, { timeout = 15_000, interval = 50, message = 'condition' }: WaitOptions = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (last) return last as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? `; last error: ${String(lastError)}` : `; last value: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${timeout} ms waiting for ${message}${detail}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

// ---- page-side probes (run in the page's main world) ----

/**
 * Installed before any page script runs: records the document as parsed, at DOMContentLoaded
 * (before any content script at document_idle can touch it), and every DOM mutation after it.
 */
export const DOM_PROBE_SCRIPT = `(() => {
  if (window.top !== window || window.__backstoryProbe) return;
  // CSP violations in the page (by anyone: the page has none of its own in the hostile fixtures).
  const probe = { before: null, mutations: [], violations: [], messages: [] };
  Object.defineProperty(window, '__backstoryProbe', { value: probe });
  // Taken now, before any page script can replace it.
  const Observer = window.MutationObserver;
  const name = (n) => (n && n.nodeName) || String(n);
  document.addEventListener('securitypolicyviolation', (e) => {
    probe.violations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, sample: e.sample });
  }, true);
  // Messages the page's own listeners receive (the fixtures post none).
  window.addEventListener('message', (e) => {
    let data;
    try { data = JSON.stringify(e.data); } catch { data = String(e.data); }
    probe.messages.push({ origin: e.origin, data: String(data).slice(0, 200) });
  }, true);
  document.addEventListener('DOMContentLoaded', () => {
    probe.before = document.documentElement.outerHTML;
    new Observer((records) => {
      for (const r of records) {
        probe.mutations.push({
          type: r.type,
          target: name(r.target),
          attribute: r.attributeName,
          added: Array.from(r.addedNodes, name),
          removed: Array.from(r.removedNodes, name),
        });
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  }, { once: true });
})();`;

export interface DomReport {
  /** The document at DOMContentLoaded. */
  before: string | null;
  /** The document now, with <backstory-ui> left out. */
  after: string;
  /** Mutations since DOMContentLoaded. */
  mutations: { type: string; target: string; attribute: string | null; added: string[]; removed: string[] }[];
  /** Messages posted to the page's window (its own 'message' listeners would see them). */
  messages: { origin: string; data: string }[];
  /** <backstory-ui> elements: where each sits, and whether it has an open shadow root. */
  hosts: { parent: string; openShadow: boolean }[];
}

export function domReport(page: TestPage): Promise<DomReport> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __backstoryProbe?: { before: string | null; mutations: DomReport['mutations']; messages: DomReport['messages'] } }).__backstoryProbe;
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    for (const el of Array.from(clone.querySelectorAll('backstory-ui'))) el.remove();
    return {
      before: probe?.before ?? null,
      after: clone.outerHTML,
      mutations: probe ? probe.mutations.slice() : [],
      messages: probe ? probe.messages.slice() : [],
      hosts: Array.from(document.querySelectorAll('backstory-ui'), (el) => ({ parent: el.parentNode?.nodeName ?? '', openShadow: !!el.shadowRoot })),
    };
  });
}

export function readHighlights(page: TestPage): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    const registry = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
    if (!registry) return out;
    registry.forEach((highlight, name) => {
      if (!name.startsWith('backstory-')) return;
      const texts: string[] = [];
      highlight.forEach((r) => {
        texts.push(typeof (r as Range).getClientRects === 'function' ? (r as Range).toString() : '');
      });
      out[name] = texts;
    });
    return out;
  });
}

/**
 * Scrolls a highlighted range whose text is `text` into the middle of the viewport and returns
 * the middle of its first line box, or null when no such range is highlighted.
 */
export function locateHighlight(page: TestPage, text: string | RegExp, highlightName?: string): Promise<{ x: number; y: number; name: string; text: string } | null> {
  const pattern = typeof text === 'string' ? { source: `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' } : { source: text.source, flags: text.flags };
  return page.evaluate(
    ({ source, flags, only }) => {
      const re = new RegExp(source, flags);
      const registry = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
      if (!registry) return null;
      let found: { range: Range; name: string } | null = null;
      registry.forEach((highlight, name) => {
        if (found || !name.startsWith('backstory-') || (only && name !== only)) return;
        highlight.forEach((r) => {
          if (!found && typeof (r as Range).getClientRects === 'function' && re.test((r as Range).toString())) found = { range: r as Range, name };
        });
      });
      if (!found) return null;
      const { range, name } = found as { range: Range; name: string };
      range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
      const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, name, text: range.toString() };
    },
    { source: pattern.source, flags: pattern.flags, only: highlightName ?? '' },
  );
}

export async function hoverHighlight(page: TestPage, text: string | RegExp, highlightName?: string): Promise<void> {
  const spot = await locateHighlight(page, text, highlightName);
  if (!spot) throw new Error(`No ${highlightName ?? 'backstory-*'} highlight with text ${String(text)}`);
  // Start from a spot with nothing under it, so that the move onto the mark is a real change.
  await page.mouseMove(2, 2);
  await page.mouseMove(Math.round(spot.x) - 1, Math.round(spot.y));
  await page.mouseMove(Math.round(spot.x), Math.round(spot.y));
}

/** The open card in the page's <backstory-ui>, if any. */
export function readCard(page: TestPage): Promise<{ label: string | null; text: string } | null> {
  return page.evaluate(() => {
    const host = document.querySelector('backstory-ui');
    const dialog = host?.shadowRoot?.querySelector('[role="dialog"]');
    if (!dialog) return null;
    return { label: dialog.getAttribute('aria-label'), text: (dialog.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });
}

// ---- popup ----

export interface SwitchState {
  label: string;
  checked: boolean;
}

/** The popup's switches, in order, by their visible label. */
export function readSwitches(popup: TestPage): Promise<SwitchState[]> {
  return popup.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement>('input[role="switch"], input[type="checkbox"]'), (input) => ({
      label: ((input.closest('label')?.textContent ?? input.getAttribute('aria-label') ?? '') as string).replace(/\s+/g, ' ').trim(),
      checked: input.checked,
    })),
  );
}

/**
 * Clicks (with the real mouse) the switch whose label starts with `label`, on one of the extension's
 * pages; resolves once it shows the new state and the change is in storage. (The checkbox turns at
 * the click, before the page has saved anything: a test that went on at once could race the save.)
 */
export async function toggleSwitch(page: TestPage, label: string): Promise<boolean> {
  const saved = async () => JSON.stringify((await page.evaluate(storedSettings)) ?? null);
  const before = await saved();
  const spot = await page.evaluate((wanted) => {
    const input = Array.from(document.querySelectorAll<HTMLInputElement>('input[role="switch"], input[type="checkbox"]')).find((i) =>
      (i.closest('label')?.textContent ?? '').replace(/\s+/g, ' ').trim().startsWith(wanted),
    );
    if (!input) return null;
    input.scrollIntoView({ block: 'center' });
    const r = input.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, checked: input.checked };
  }, label);
  if (!spot) throw new Error(`The page has no switch labelled "${label}"`);
  await page.mouseClick(Math.round(spot.x), Math.round(spot.y));
  const want = !spot.checked;
  await waitUntil(async () => (await readSwitches(page)).find((s) => s.label.startsWith(label))?.checked === want, { timeout: 5_000, message: `switch "${label}" to turn ${want ? 'on' : 'off'}` });
  await waitUntil(async () => (await saved()) !== before, { timeout: 5_000, message: `the change of "${label}" to be saved` });
  return want;
}

export function pageText(page: TestPage): Promise<string> {
  return page.evaluate(() => (document.body?.innerText ?? '').replace(/\s+/g, ' ').trim());
}

/** A frame as both drivers (playwright, puppeteer) give it, for `evaluateInChildFrames`. */
interface DriverFrame {
  url(): string;
  evaluate(fn: () => unknown): Promise<unknown>;
}

/** TestPage.evaluateInFrames for both drivers: `fn` in each frame of the tab but the top one. */
export async function evaluateInChildFrames<R>(page: { frames(): DriverFrame[]; mainFrame(): DriverFrame }, fn: () => R | Promise<R>): Promise<{ url: string; result: R }[]> {
  const out: { url: string; result: R }[] = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    out.push({ url: frame.url(), result: (await frame.evaluate(fn)) as R });
  }
  return out;
}
