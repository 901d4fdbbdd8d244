import { render } from 'preact';
import '../../components/pages.css';
import { Options } from '../../components/Options';
import { loadSettings, updateSettings, watchSettings } from '../../adapters/settings-store';

async function main() {
  const app = document.getElementById('app')!;
  let settings = await loadSettings();
  const draw = () => render(<Options settings={settings} onChange={(change) => void updateSettings(change)} />, app);
  watchSettings((s) => {
    settings = s;
    draw();
  });
  draw();
}

void main();
