/** The content script: a thin adapter that wires the page session to the extension's APIs. */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import './highlights.css';
import uiCss from '../../components/ui.css?inline';
import { PageSession } from '../../adapters/page-session';
import { loadSettings, updateSettings, watchSettings } from '../../adapters/settings-store';
import { DetectResponseSchema, LookupResultSchema, TabMessageSchema, parseOr, type DetectResponse } from '../../core/messages';
import type { LookupResult } from '../../core/lookup/card';
import type { KbEntry } from '../../core/kb/schema';
import { PERF_CONTENT_START } from '../../core/constants';

let lookupSeq = 0;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  runAt: 'document_idle',
  allFrames: true,
  async main(ctx) {
    performance.mark?.(PERF_CONTENT_START);
    const settings = await loadSettings();
    const session = new PageSession(document, settings, {
      css: uiCss,
      detect: async (text, blocks) => {
        const res = parseOr(DetectResponseSchema, await browser.runtime.sendMessage({ type: 'detect', text, blocks }));
        if (!res) throw new Error('the background sent no valid answer');
        return res as DetectResponse;
      },
      entry: async (id) => {
        const res = (await browser.runtime.sendMessage({ type: 'entry', id })) as { entry?: KbEntry | null } | undefined;
        return res?.entry ?? null;
      },
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
      saveSettings: updateSettings,
    });
    const unwatch = watchSettings((s) => session.applySettings(s));
    const onMessage = (raw: unknown) => {
      const msg = parseOr(TabMessageSchema, raw);
      if (!msg) return undefined;
      if (msg.type === 'summary') return Promise.resolve(session.summary());
      session.shortcut(msg.command, 'command');
      return Promise.resolve({ ok: true });
    };
    browser.runtime.onMessage.addListener(onMessage);
    // When the extension is reloaded or updated, this script's context dies: leave no trace behind.
    ctx.onInvalidated(() => {
      unwatch();
      browser.runtime.onMessage.removeListener(onMessage);
      session.destroy();
    });
    try {
      await session.start();
    } catch (err) {
      session.destroy();
      console.warn('Backstory could not read this page:', err);
    }
  },
});
