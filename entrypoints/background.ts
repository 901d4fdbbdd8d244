/**
 * The background worker: holds the knowledge base (parsed and indexed once per worker, not per
 * page), looks up names the knowledge base lacks (Wikipedia, when the reader allows it), answers
 * the content scripts, and forwards keyboard commands to the active tab.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { RequestSchema, parseOr } from '../core/messages';
import { EmbeddedKnowledge } from '../adapters/embedded-knowledge';
import kb from '../.generated/kb.json';
import packs from '../.generated/packs.json';
import type { ArticlePack } from '../core/articles/packs';
import type { KbEntry } from '../core/kb/schema';
import { WikipediaGateway } from '../adapters/wikipedia-gateway';
import { loadSettings } from '../adapters/settings-store';
import { lookupOriginFrom } from '../core/lookup/origin';

/** The look-up origin, fixed at build time (wxt.config.ts computes the host permission from the same variable). */
const LOOKUP_ORIGIN = lookupOriginFrom(import.meta.env.WXT_LOOKUP_ORIGIN as string | undefined);

export default defineBackground(() => {
  const knowledge = new EmbeddedKnowledge(kb as KbEntry[], packs as ArticlePack[]);

  const lookups = new WikipediaGateway({
    origin: LOOKUP_ORIGIN,
    fetch: (input, init) => fetch(input, init),
    storage: browser.storage.local,
    lookupsOn: async () => (await loadSettings()).lookups,
  });
  /** Look-ups a content script may still abort, by tab, frame and the script's own id. */
  const pending = new Map<string, AbortController>();

  browser.runtime.onMessage.addListener((raw: unknown, sender: { tab?: { id?: number }; frameId?: number }) => {
    const msg = parseOr(RequestSchema, raw);
    if (!msg) return undefined;
    if (msg.type === 'detect') return Promise.resolve(knowledge.detect(msg.text, msg.blocks));
    if (msg.type === 'entry') return Promise.resolve({ entry: knowledge.entry(msg.id) });
    const key = `${sender.tab?.id ?? -1}:${sender.frameId ?? 0}:${msg.id}`;
    if (msg.type === 'lookup-abort') {
      pending.get(key)?.abort();
      pending.delete(key);
      return Promise.resolve({ ok: true });
    }
    const controller = new AbortController();
    pending.set(key, controller);
    return lookups
      .lookup({ name: msg.name, type: msg.entityType, context: msg.context }, controller.signal)
      .finally(() => {
        if (pending.get(key) === controller) pending.delete(key);
      });
  });

  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'toggle-opinion-markers' && command !== 'next-mark' && command !== 'previous-mark') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await browser.tabs.sendMessage(tab.id, { type: 'command', command }).catch(() => undefined);
  });
});
