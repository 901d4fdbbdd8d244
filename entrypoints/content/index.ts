/**
 * The content script is a loader. It runs as the document starts and imports the session script,
 * a module the browser fetches and compiles off the page's main thread while the page loads; the
 * session reads the page at the moment document_idle stands for. As one classic script at
 * document idle, the session's 270 KB were compiled on the page's main thread, a task of 40-50 ms
 * of CPU on every page (docs/adr/0010-content-script-loader.md).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import './highlights.css';
import { PERF_CONTENT_START } from '../../core/constants';
import { sharedDocumentIdle } from '../../adapters/schedule';
import { NEVER_ARTICLES } from './not-articles';
import { ARTICLE_PAGE_MATCHES, CONTENT_SESSION_PATH } from './matches';

export default defineContentScript({
  matches: [...ARTICLE_PAGE_MATCHES],
  // Ad frames and embedded players never carry an article: they are left alone (not-articles.ts).
  excludeMatches: [...NEVER_ARTICLES],
  runAt: 'document_start',
  allFrames: true,
  // WXT's default also announces the script to the page with window.postMessage: the page's own
  // message listeners would see it. Its custom event is enough.
  noScriptStartedPostMessage: true,
  async main() {
    // Backstory's time on a page counts from document idle, as it did when the whole script started
    // then: what is left of the session's loading counts too.
    void sharedDocumentIdle().then(() => performance.mark?.(PERF_CONTENT_START));
    try {
      await import(/* @vite-ignore */ browser.runtime.getURL(CONTENT_SESSION_PATH));
    } catch (err) {
      // The session never loaded (the extension was removed meanwhile, or its file is unreadable): the page is left as it is.
      console.warn('Backstory could not start on this page:', err);
    }
  },
});
