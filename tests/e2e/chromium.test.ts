/** The foundation's end-to-end checks in Debian Chromium (headless, playwright-core). */
import { describe } from 'vitest';
import { launchChromium } from './harness/chromium';
import { foundationSuite } from './suites/foundation';
import { articlePagesSuite } from './suites/article-pages';
import { cardsAndMarkersSuite } from './suites/cards-and-markers';
import { hostileSuite } from './suites/hostile';
import { lifecycleSuite } from './suites/lifecycle';
import { privacySuite } from './suites/privacy';

describe('chromium', () => {
  foundationSuite(launchChromium);
});

// Entity cards (issue 3) and opinion / reported markers (issue 4), in a browser of their own.
describe('chromium', () => {
  cardsAndMarkersSuite(launchChromium);
});

// Issue 6: the sample article on every kind of page, and pages that are not articles.
describe('chromium article pages', () => {
  articlePagesSuite(launchChromium);
});

// Issue 8: hostile pages (tests/fixtures/pages/hostile/), every one.
describe('chromium hostile pages', () => {
  hostileSuite(launchChromium);
});

// Issue 8: reload, worker restart, storage garbage or full.
describe('chromium lifecycle', () => {
  lifecycleSuite(launchChromium);
});

// Issue 8: requests observed, no remote code, the extension's own pages under a strict CSP.
describe('chromium privacy', () => {
  privacySuite(launchChromium, 'chrome-mv3');
});
