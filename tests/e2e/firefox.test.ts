/** The foundation's end-to-end checks in Debian Firefox ESR (headless, puppeteer-core over WebDriver BiDi). */
import { describe } from 'vitest';
import { launchFirefox } from './harness/firefox';
import { foundationSuite } from './suites/foundation';
import { articlePagesSuite } from './suites/article-pages';
import { cardsAndMarkersSuite } from './suites/cards-and-markers';
import { hostileSuite } from './suites/hostile';
import { lifecycleSuite } from './suites/lifecycle';
import { privacySuite } from './suites/privacy';

describe('firefox', () => {
  foundationSuite(launchFirefox);
});

// Entity cards (issue 3) and opinion / reported markers (issue 4), in a browser of their own.
describe('firefox', () => {
  cardsAndMarkersSuite(launchFirefox);
});

// Issue 6 on four of the article pages (a news site, a single-page app, a republished copy, a story of <div>s) and one that is not an article.
describe('firefox article pages', () => {
  articlePagesSuite(launchFirefox, { articles: ['news-site', 'spa', 'republished', 'div-paragraphs'], others: ['search-results'] });
});

// Issue 8: hostile pages (tests/fixtures/pages/hostile/), every one.
describe('firefox hostile pages', () => {
  hostileSuite(launchFirefox);
});

// Issue 8: reload, worker restart, storage garbage or full.
describe('firefox lifecycle', () => {
  lifecycleSuite(launchFirefox);
});

// Issue 8: requests observed, no remote code, the extension's own pages under a strict CSP.
describe('firefox privacy', () => {
  privacySuite(launchFirefox, 'firefox-mv3');
});
