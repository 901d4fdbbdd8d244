/**
 * Online look-ups end to end in both browsers, against the local Wikipedia stand-in. Runs the
 * test build (.output-lookup-test/, made by `npm run build:lookup-test` when missing or stale).
 */
import { describe } from 'vitest';
import { launchChromium } from './harness/chromium';
import { launchFirefox } from './harness/firefox';
import { lookupSuite } from './suites/lookup';

describe('chromium', () => {
  lookupSuite(launchChromium);
});

describe('firefox', () => {
  lookupSuite(launchFirefox);
});
