/**
 * The background worker: holds the knowledge base (parsed and indexed once per worker, not per
 * page), answers the content scripts, and forwards keyboard commands to the active tab.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { RequestSchema, parseOr } from '../core/messages';
import { EmbeddedKnowledge } from '../adapters/embedded-knowledge';
import kb from '../.generated/kb.json';
import packs from '../.generated/packs.json';
import type { ArticlePack } from '../core/articles/packs';
import type { KbEntry } from '../core/kb/schema';

export default defineBackground(() => {
  const knowledge = new EmbeddedKnowledge(kb as KbEntry[], packs as ArticlePack[]);

  browser.runtime.onMessage.addListener((raw: unknown) => {
    const msg = parseOr(RequestSchema, raw);
    if (!msg) return undefined;
    if (msg.type === 'detect') return Promise.resolve(knowledge.detect(msg.text, msg.blocks));
    return Promise.resolve({ entry: knowledge.entry(msg.id) });
  });

  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'toggle-opinion-markers' && command !== 'next-mark' && command !== 'previous-mark') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await browser.tabs.sendMessage(tab.id, { type: 'command', command }).catch(() => undefined);
  });
});
