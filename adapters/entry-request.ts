/** A knowledge-base entry, asked of the background worker, which reads the cards from the package (ADR 0006). */
import { browser } from 'wxt/browser';
import type { KbEntry } from '../core/kb/schema';

/** The entry `id`, or null when the knowledge base has none; rejects when the worker cannot be reached. */
export async function requestEntry(id: string): Promise<KbEntry | null> {
  const res = (await browser.runtime.sendMessage({ type: 'entry', id })) as { entry?: KbEntry | null } | undefined;
  return res?.entry ?? null;
}
