/** The foundation's end-to-end checks in Debian Firefox ESR (headless, puppeteer-core over WebDriver BiDi). */
import { describe } from 'vitest';
import { launchFirefox } from './harness/firefox';
import { foundationSuite } from './suites/foundation';

describe('firefox', () => {
  // Firefox delivers extension shortcuts through its own key handling, which WebDriver BiDi's
  // synthetic key events do not reach; the shortcut is checked in Chromium.
  foundationSuite(launchFirefox, { keyboardShortcut: false });
});
