import { render } from 'preact';
import '../../components/pages.css';
import { Options } from '../../components/Options';
import { loadSettings, trySaveSettings, watchSettings } from '../../adapters/settings-store';

async function main() {
  const app = document.getElementById('app')!;
  let settings = await loadSettings();
  const draw = () => render(<Options settings={settings} onChange={(change) => void save(change)} />, app);
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
