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

/** A page's hold on the stored settings (see `followSettings`). */
export interface SettingsFollower {
  /** Reads the stored settings again, and applies them if they differ from the last applied. */
  refresh(): Promise<void>;
  /** Applies settings this page has just saved itself, without waiting for the change event. */
  take(s: Settings): void;
  stop(): void;
}

/**
 * Keeps a page on the stored settings. Change events are the broadcast; `refresh` reads storage
 * again for the moments a page must not rely on one event alone (the popup tells its tab after a
 * save, and a page re-reads when it becomes visible): in one Firefox run of about twenty, a page
 * stayed on old settings that storage had already changed. `apply` runs once for each distinct
 * settings, and a read that a change event overtook is dropped, never applied over the newer value.
 */
export function followSettings(initial: Settings, apply: (s: Settings) => void): SettingsFollower {
  let last = JSON.stringify(initial);
  let changes = 0;
  const take = (s: Settings) => {
    const key = JSON.stringify(s);
    if (key === last) return;
    last = key;
    apply(s);
  };
  const unwatch = watchSettings((s) => {
    changes++;
    take(s);
  });
  return {
    refresh: async () => {
      const seen = changes;
      const s = await readSettings().catch(() => null);
      if (s && changes === seen) take(s);
    },
    take: (s) => {
      changes++;
      take(s);
    },
    stop: unwatch,
  };
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
