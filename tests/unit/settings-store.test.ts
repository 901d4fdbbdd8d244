import { beforeEach, describe, expect, it, vi } from 'vitest';

// The extension's storage, in memory: `failReads` makes every read reject, as storage does when
// the extension is reloaded under a page.
const store = vi.hoisted(() => ({ data: {} as Record<string, unknown>, failReads: false, writes: 0 }));
vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      local: {
        get: async (key: string) => {
          if (store.failReads) throw new Error('Extension context invalidated.');
          return key in store.data ? { [key]: store.data[key] } : {};
        },
        set: async (items: Record<string, unknown>) => {
          store.writes++;
          Object.assign(store.data, structuredClone(items));
        },
      },
      onChanged: { addListener() {}, removeListener() {} },
    },
  },
}));

const { loadSettings, trySaveSettings, updateSettings } = await import('../../adapters/settings-store');

describe('settings store', () => {
  beforeEach(() => {
    store.data = {};
    store.failReads = false;
    store.writes = 0;
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
});
