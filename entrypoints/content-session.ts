/**
 * The content script's session: a thin adapter that wires the page session to the extension's
 * APIs. The content script (entrypoints/content/index.ts) imports it as a module, in the content
 * script's world, so that the browser compiles it off the page's main thread
 * (docs/adr/0010-content-script-loader.md).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import uiCss from '../components/ui.css?inline';
import { PageSession } from '../adapters/page-session';
import { followSettings, loadSettings, updateSettings } from '../adapters/settings-store';
import { DETECT_PORT, LookupResultSchema, TabMessageSchema, decodeDetectResponseSteps, parseOr } from '../core/messages';
import { detectInParts } from '../adapters/detect-port';
import { requestEntry } from '../adapters/entry-request';
import { runSliced, sharedDocumentIdle, sliceClock, yieldToPage } from '../adapters/schedule';
import type { LookupResult } from '../core/lookup/card';
import { DETECT_PART_CHARS, SUMMARY_FRAME_ARTICLE_DELAY_MS, SUMMARY_NOT_ARTICLE_DELAY_MS, WORK_SLICE_MS } from '../core/constants';

let lookupSeq = 0;
/** How often an orphaned content script (its extension reloaded, updated or removed) is looked for. */
const CONTEXT_CHECK_MS = 1_000;
let saveWarned = false;

export default defineUnlistedScript(async () => {
  // Named as the content script's: a session started by a newer copy of the extension (reloaded,
  // updated) tells this one it is orphaned. No window.postMessage: the page would see it.
  const ctx = new ContentScriptContext('content', { noScriptStartedPostMessage: true });
  // The content script imports this module as the document starts: the page is read at document idle.
  const settingsRead = loadSettings();
  await sharedDocumentIdle();
  const settings = await settingsRead;
  // A newer copy of the extension started meanwhile: it reads the page, this one leaves it alone.
  if (ctx.isInvalid) return;
  const session = new PageSession(document, settings, {
    css: uiCss,
    detect: async (text, request, isCurrent) => {
      // A long text goes in parts, a task each: one message would be one long task (adapters/detect-port.ts).
      const raw =
        text.length > DETECT_PART_CHARS
          ? await detectInParts(browser.runtime.connect({ name: DETECT_PORT }), text, request, yieldToPage, isCurrent)
          : await browser.runtime.sendMessage({ type: 'detect', text, ...request });
      // A long page's answer is decoded in slices, the page's turns between them.
      const res = await runSliced(decodeDetectResponseSteps(raw, text), sliceClock(WORK_SLICE_MS), async () => {
        await yieldToPage();
        return true;
      });
      if (!res) throw new Error('the background sent no valid answer');
      return res;
    },
    entry: requestEntry,
    // Background for a name the embedded knowledge lacks; the background asks Wikipedia (see core/lookup).
    lookup: async (query, signal) => {
      const id = `${Date.now().toString(36)}-${(++lookupSeq).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
      const abort = () => void browser.runtime.sendMessage({ type: 'lookup-abort', id }).catch(() => undefined);
      signal.addEventListener('abort', abort, { once: true });
      try {
        const raw: unknown = await browser.runtime.sendMessage({ type: 'lookup', id, name: query.name, entityType: query.type, context: query.context });
        return (parseOr(LookupResultSchema, raw) as LookupResult | null) ?? { status: 'failed', failure: 'malformed' };
      } finally {
        signal.removeEventListener('abort', abort);
      }
    },
    // A write storage refuses (full; or the extension was reloaded under this page) must not become
    // an unhandled rejection in the page: the change is lost, and said so once in the console.
    // What the page saves it applies at once: the change event is not waited for.
    saveSettings: (change) =>
      updateSettings(change).then(
        (next) => follower.take(next),
        (err: unknown) => {
          if (ctx.isInvalid || saveWarned) return undefined;
          saveWarned = true;
          console.warn('Backstory could not save a setting:', err);
          return undefined;
        },
      ),
  });
  const follower = followSettings(settings, (s) => session.applySettings(s));
  // A tab the reader comes back to reads its settings again (a change made meanwhile elsewhere).
  const onVisible = (e: Event) => {
    if (e.isTrusted && document.visibilityState === 'visible') void follower.refresh();
  };
  document.addEventListener('visibilitychange', onVisible);
  const isTop = window.top === window;
  // Messages to the tab reach every frame's content script (ads, embeds), and the first answer
  // wins: a frame without an article keeps quiet, and the top frame's article answers first,
  // then an article embedded in a frame, then the top frame's "not an article".
  const onMessage = (raw: unknown) => {
    const msg = parseOr(TabMessageSchema, raw);
    if (!msg) return undefined;
    // The popup saved a setting: every frame reads it again, the top frame answers.
    if (msg.type === 'settings-changed') {
      void follower.refresh();
      return isTop ? Promise.resolve({ ok: true }) : undefined;
    }
    if (msg.type === 'summary') {
      const summary = session.summary();
      if (!summary.isArticle && !isTop) return undefined;
      const wait = summary.isArticle ? (isTop ? 0 : SUMMARY_FRAME_ARTICLE_DELAY_MS) : document.querySelector('iframe, frame') ? SUMMARY_NOT_ARTICLE_DELAY_MS : 0;
      return wait ? new Promise((resolve) => setTimeout(() => resolve(session.summary()), wait)) : Promise.resolve(summary);
    }
    // A shortcut acts on the article: a frame without one (an ad) must not switch the markers too.
    if (!session.isArticle) return undefined;
    session.shortcut(msg.command, 'command');
    return Promise.resolve({ ok: true });
  };
  browser.runtime.onMessage.addListener(onMessage);
  // Chromium tells an orphaned content script nothing: its APIs just start to throw. `ctx.isInvalid`
  // looks at `browser.runtime.id` (gone with the context) and runs the clean-up below when it is.
  const contextCheck = setInterval(() => void ctx.isInvalid, CONTEXT_CHECK_MS);
  // When the extension is reloaded or updated, this script's context dies: leave no trace behind.
  // The page comes first (marks and UI), then the listeners, which may throw once the context is gone.
  ctx.onInvalidated(() => {
    clearInterval(contextCheck);
    session.destroy();
    document.removeEventListener('visibilitychange', onVisible);
    try {
      follower.stop();
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      /* the extension's APIs are gone with its context */
    }
  });
  try {
    await session.start();
  } catch (err) {
    session.destroy();
    if (!ctx.isInvalid) console.warn('Backstory could not read this page:', err);
  }
});
