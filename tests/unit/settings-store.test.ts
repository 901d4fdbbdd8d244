import { beforeEach, describe, expect, it, vi } from 'vitest';

// The extension's storage, in memory: `failReads` makes every read reject, as storage does when
// the extension is reloaded under a page.
// `listeners` are the storage change listeners; `holdReads` keeps reads pending until released.
const store = vi.hoisted(() => ({
  data: {} as Record<string, unknown>,
  failReads: false,
  writes: 0,
  listeners: new Set<(changes: Record<string, { newValue?: unknown }>, area: string) => void>(),
  held: [] as Array<() => void>,
  holdReads: false,
}));
vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      local: {
        get: async (key: string) => {
          if (store.failReads) throw new Error('Extension context invalidated.');
          const value = key in store.data ? { [key]: structuredClone(store.data[key]) } : {};
          if (store.holdReads) await new Promise<void>((resolve) => store.held.push(resolve));
          return value;
        },
        set: async (items: Record<string, unknown>) => {
          store.writes++;
          Object.assign(store.data, structuredClone(items));
        },
      },
      onChanged: {
        addListener: (l: never) => store.listeners.add(l),
        removeListener: (l: never) => store.listeners.delete(l),
      },
    },
  },
}));

const { followSettings, loadSettings, trySaveSettings, updateSettings } = await import('../../adapters/settings-store');
const { DEFAULT_SETTINGS } = await import('../../core/settings');

/** Stores `settings` as another context would, announcing it to the listeners unless `announce` is false. */
function storeElsewhere(settings: object, announce = true): void {
  store.data.settings = structuredClone(settings);
  if (announce) for (const l of store.listeners) l({ settings: { newValue: structuredClone(settings) } }, 'local');
}

describe('settings store', () => {
  beforeEach(() => {
    store.data = {};
    store.failReads = false;
    store.writes = 0;
    store.listeners.clear();
    store.held = [];
    store.holdReads = false;
  });

  it('applies a change to what is stored and keeps the rest', async () => {
    store.data.settings = { ...(await loadSettings()), lookups: false, disabledSites: ['example.org'] };
    await updateSettings((s) => ({ markers: !s.markers }));
    const now = await loadSettings();
    expect(now.markers).toBe(false);
    expect(now.lookups).toBe(false);
    expect(now.disabledSites).toEqual(['example.org']);
  });

  it('never writes the defaults over the stored settings when it cannot read them', async () => {
    store.data.settings = { ...(await loadSettings()), lookups: false, disabledSites: ['example.org'] };
    store.failReads = true;
    await expect(updateSettings((s) => ({ markers: !s.markers }))).rejects.toThrow(/invalidated/);
    expect(await trySaveSettings((s) => ({ markers: !s.markers }))).toBe(false);
    expect(store.writes).toBe(0);
    store.failReads = false;
    expect((await loadSettings()).disabledSites).toEqual(['example.org']);
  });

  it('applies every one of several changes started together, in order', async () => {
    await Promise.all([
      updateSettings((s) => ({ muted: [...s.muted, 'term/a'] })),
      updateSettings((s) => ({ muted: [...s.muted, 'term/b'] })),
      updateSettings((s) => ({ markers: !s.markers })),
    ]);
    const now = await loadSettings();
    expect(now.muted).toEqual(['term/a', 'term/b']);
    expect(now.markers).toBe(false);
    expect(store.writes).toBe(3);
  });

  it('goes on with the next change after one fails', async () => {
    const failed = updateSettings(() => {
      throw new Error('a change that cannot be made');
    });
    const next = updateSettings((s) => ({ lookups: !s.lookups }));
    await expect(failed).rejects.toThrow(/cannot be made/);
    expect((await next).lookups).toBe(false);
  });

  describe('a page following the settings', () => {
    const markersOff = { ...DEFAULT_SETTINGS, markers: false };
    /** A follower from the defaults, and the markers setting of each settings it applied, in order. */
    const follow = () => {
      const applied: boolean[] = [];
      return { applied, follower: followSettings(DEFAULT_SETTINGS, (s) => applied.push(s.markers)) };
    };

    it('applies a change event, and each distinct settings once', async () => {
      const { applied, follower } = follow();
      storeElsewhere(markersOff);
      storeElsewhere(markersOff);
      await follower.refresh();
      expect(applied).toEqual([false]);
    });

    it('picks up on refresh a change whose event never came', async () => {
      const { applied, follower } = follow();
      storeElsewhere(markersOff, false);
      expect(applied).toEqual([]);
      await follower.refresh();
      expect(applied).toEqual([false]);
    });

    it('drops a read that a newer change event overtook', async () => {
      const { applied, follower } = follow();
      storeElsewhere(markersOff, false);
      store.holdReads = true;
      const reading = follower.refresh();
      await vi.waitFor(() => expect(store.held.length).toBe(1));
      // The read has the settings with the markers off; then the markers are switched on again.
      storeElsewhere(DEFAULT_SETTINGS);
      store.holdReads = false;
      store.held.forEach((release) => release());
      await reading;
      expect(applied).toEqual([]);
      expect((await loadSettings()).markers).toBe(true);
    });

    it('applies what the page saved itself at once, and not again when its event comes', async () => {
      const { applied, follower } = follow();
      follower.take(markersOff);
      storeElsewhere(markersOff);
      expect(applied).toEqual([false]);
    });

    it('hears nothing once stopped', async () => {
      const { applied, follower } = follow();
      follower.stop();
      storeElsewhere(markersOff);
      expect(applied).toEqual([]);
      expect(store.listeners.size).toBe(0);
    });
  });
});
