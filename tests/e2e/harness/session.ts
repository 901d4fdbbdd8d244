/**
 * The lifecycle every browser suite shares: one fixture server and one browser for the suite;
 * the pages a test opened are closed after it and the extension's storage reset.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { BrowserUnderTest, TestPage } from './types';
import { startFixtureServer, type FixtureServer } from './server';

export interface SuiteSession {
  readonly browser: BrowserUnderTest;
  readonly server: FixtureServer;
  /** Opens a fixture page by its path; it is closed after the test. */
  open(path: string): Promise<TestPage>;
  /** Opens the popup for the tab of `page`; it is closed after the test. */
  popupFor(page: TestPage): Promise<TestPage>;
  /** Closes `page` after the test. */
  track<T extends TestPage>(page: T): T;
  /** Forgets the pages opened so far (the browser closed them, as on a restart). */
  forget(): void;
}

export function useSuiteSession(launch: () => Promise<BrowserUnderTest>): SuiteSession {
  let browser: BrowserUnderTest | undefined;
  let server: FixtureServer | undefined;
  const opened: TestPage[] = [];

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launch();
  });

  afterEach(async () => {
    for (const p of opened.splice(0)) await p.close();
    await browser?.resetStorage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const session: SuiteSession = {
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet');
      return browser;
    },
    get server() {
      if (!server) throw new Error('the fixture server is not started yet');
      return server;
    },
    track: (page) => {
      opened.push(page);
      return page;
    },
    open: async (path) => session.track(await session.browser.open(session.server.url(path))),
    popupFor: async (page) => session.track(await session.browser.openPopup(page)),
    forget: () => {
      opened.length = 0;
    },
  };
  return session;
}
