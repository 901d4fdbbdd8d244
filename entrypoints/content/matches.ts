/** The pages Backstory reads: the content script's matches, and the pages its session script may be loaded into. */
export const ARTICLE_PAGE_MATCHES: readonly string[] = ['http://*/*', 'https://*/*', 'file:///*'];

/** The content script's session (entrypoints/content-session.ts), a file of the package the loader imports. */
export const CONTENT_SESSION_PATH = '/content-session.js';
