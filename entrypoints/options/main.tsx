import { render } from 'preact';
import '../../components/pages.css';
import { Options } from '../../components/Options';
import { requestEntry } from '../../adapters/entry-request';
import { loadSettings, trySaveSettings, watchSettings } from '../../adapters/settings-store';

/** The muted entries' names, asked of the background once each (a failed answer leaves the id's words). */
const names = new Map<string, string>();
const asked = new Set<string>();
async function learnNames(ids: readonly string[], then: () => void): Promise<void> {
  const unknown = ids.filter((id) => !asked.has(id));
  if (!unknown.length) return;
  for (const id of unknown) asked.add(id);
  await Promise.all(
    unknown.map(async (id) => {
      try {
        const entry = await requestEntry(id);
        if (entry) names.set(id, entry.name);
      } catch {
        // The id's own words stand in.
      }
    }),
  );
  then();
}

async function main() {
  const app = document.getElementById('app')!;
  let settings = await loadSettings();
  const draw = () => {
    render(<Options settings={settings} names={names} onChange={(change) => void save(change)} />, app);
    void learnNames(settings.muted, draw);
  };
  // A change storage refuses (full, or the extension reloaded) is not shown as made.
  const save = async (change: Parameters<typeof trySaveSettings>[0]) => {
    if (await trySaveSettings(change)) return;
    settings = await loadSettings();
    draw();
  };
  watchSettings((s) => {
    settings = s;
    draw();
  });
  draw();
}

void main();
