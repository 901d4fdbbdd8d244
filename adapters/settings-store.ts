/** Settings in extension storage: read through the schema, written whole, changes pushed to listeners. */
import { browser } from 'wxt/browser';
import { parseSettings, type Settings } from '../core/settings';

const KEY = 'settings';

/** The stored settings; rejects when storage cannot be read. */
async function readSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(KEY))[KEY]);
}

/** The stored settings, or the defaults when storage cannot be read. */
export function loadSettings(): Promise<Settings> {
  return readSettings().catch(() => parseSettings(undefined));
}

/** This context's updates, one after another: two quick changes must not both start from the same read. */
let updates: Promise<unknown> = Promise.resolve();

/**
 * Applies `change` to the stored settings. A read that fails throws instead of falling back to the
 * defaults, which would then be written over every setting the reader made. (Two contexts, say
 * the popup and a page, writing in the same instant can still lose one change: rare for one
 * reader's clicks.)
 */
export function updateSettings(change: (s: Settings) => Partial<Settings>): Promise<Settings> {
  const run = async () => {
    const current = await readSettings();
    const next = { ...current, ...change(current) };
    await browser.storage.local.set({ [KEY]: next });
    return next;
  };
  const result = updates.then(run, run);
  updates = result.catch(() => undefined);
  return result;
}

/** Calls `listener` with the new settings whenever any part of the extension changes them. */
export function watchSettings(listener: (s: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) listener(parseSettings(changes[KEY].newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/**
 * Saves a change for a settings page: false, with a warning, when storage refuses it (full, or the
 * extension was reloaded), so the page can show what is really stored.
 */
export async function trySaveSettings(change: (s: Settings) => Partial<Settings>): Promise<boolean> {
  try {
    await updateSettings(change);
    return true;
  } catch (err) {
    console.warn('Backstory could not save the setting:', err);
    return false;
  }
}
