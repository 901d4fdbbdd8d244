import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/pages.css';
import { Popup } from '../../components/Popup';
import { loadSettings, trySaveSettings, watchSettings } from '../../adapters/settings-store';
import type { ArticleSummary, TabMessage } from '../../core/messages';
import type { Settings } from '../../core/settings';

const app = document.getElementById('app')!;

async function activeTab(): Promise<{ id?: number; summary: ArticleSummary | null }> {
  // Tests open the popup as a page and name the tab it describes.
  const wanted = Number(new URLSearchParams(location.search).get('tab'));
  const [tab] = wanted ? [{ id: wanted }] : await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { summary: null };
  const summary = (await browser.tabs.sendMessage(tab.id, { type: 'summary' }).catch(() => null)) as ArticleSummary | null;
  return { id: tab.id, summary };
}

async function main() {
  let settings = await loadSettings();
  const { id: tabId, summary } = await activeTab();
  const host = summary?.host || null;
  const draw = () =>
    render(
      <Popup
        settings={settings}
        summary={summary}
        host={host}
        onChange={(change) => void save(change)}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
      />,
      app,
    );
  // A change storage refuses (full, or the extension reloaded) is not shown as made.
  const save = async (change: Parameters<typeof trySaveSettings>[0]) => {
    if (await trySaveSettings(change)) {
      // The change event reaches every page; the page the reader is looking at is also told directly.
      if (tabId !== undefined) void browser.tabs.sendMessage(tabId, { type: 'settings-changed' } satisfies TabMessage).catch(() => undefined);
      return;
    }
    settings = await loadSettings();
    draw();
  };
  watchSettings((s: Settings) => {
    settings = s;
    draw();
  });
  draw();
}

void main();
