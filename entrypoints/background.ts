/**
 * The background worker: holds the knowledge base (its names indexed once per worker, not per
 * page; the cards read on first use), looks up names the knowledge base lacks (Wikipedia, when the reader allows it), answers
 * the content scripts, and forwards keyboard commands to the active tab.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { DETECT_PORT, RequestSchema, encodeDetectResponse, parseOr, type DetectRequest } from '../core/messages';
import { serveDetectPort } from '../adapters/detect-port';
import { EmbeddedKnowledge } from '../adapters/embedded-knowledge';
import names from '../.generated/kb-names.json';
import packs from '../.generated/packs.json';
import type { ArticlePack } from '../core/articles/packs';
import type { KbEntry, KbNames } from '../core/kb/schema';
import { WikipediaGateway } from '../adapters/wikipedia-gateway';
import { loadSettings } from '../adapters/settings-store';
import { lookupOriginFrom } from '../core/lookup/origin';

/** The look-up origin, fixed at build time (wxt.config.ts computes the host permission from the same variable). */
const LOOKUP_ORIGIN = lookupOriginFrom(import.meta.env.WXT_LOOKUP_ORIGIN as string | undefined);

/** Every entry whole, for the cards: packaged beside the script (wxt.config.ts), read on first use. */
const KB_FILE = '/kb.json';

async function loadEntries(): Promise<KbEntry[]> {
  try {
    const res = await fetch(browser.runtime.getURL(KB_FILE));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as KbEntry[];
  } catch (err) {
    const failure = new Error(`Backstory could not read its knowledge base (${KB_FILE}): ${err instanceof Error ? err.message : String(err)}`);
    console.error(failure.message);
    throw failure;
  }
}

export default defineBackground(() => {
  const knowledge = new EmbeddedKnowledge(names as KbNames[], packs as ArticlePack[], loadEntries);
  /** A detection's answer as it goes to the page, whichever way the text came (one message or a port). */
  const detectForPage = (text: string, { blocks, everydayTerms }: DetectRequest) => encodeDetectResponse(knowledge.detect(text, blocks, { everydayTerms }));

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
    if (msg.type === 'detect') return Promise.resolve(detectForPage(msg.text, msg));
    if (msg.type === 'entry') return knowledge.entry(msg.id).then((entry) => ({ entry }));
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

  // A long text comes over a port, in parts (adapters/detect-port.ts).
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === DETECT_PORT) serveDetectPort(port, detectForPage);
  });

  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'toggle-opinion-markers' && command !== 'next-mark' && command !== 'previous-mark') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await browser.tabs.sendMessage(tab.id, { type: 'command', command }).catch(() => undefined);
  });
});
