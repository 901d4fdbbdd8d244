/** The foundation's end-to-end checks in Debian Chromium (headless, playwright-core). */
import { describe } from 'vitest';
import { launchChromium } from './harness/chromium';
import { foundationSuite } from './suites/foundation';

describe('chromium', () => {
  foundationSuite(launchChromium);
});
