/** The foundation's end-to-end checks in Debian Firefox ESR (headless, puppeteer-core over WebDriver BiDi). */
import { describe } from 'vitest';
import { launchFirefox } from './harness/firefox';
import { foundationSuite } from './suites/foundation';

describe('firefox', () => {
  foundationSuite(launchFirefox);
});
