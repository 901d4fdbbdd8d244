import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { PRODUCT_LOOKUP_ORIGIN } from './core/constants';
import { hostPermissionFor, lookupOriginFrom } from './core/lookup/origin';
import { ARTICLE_PAGE_MATCHES, CONTENT_SESSION_PATH } from './entrypoints/content/matches';

/** Fixed add-on id: Firefox needs one for storage and for a predictable moz-extension:// origin. */
export const GECKO_ID = 'backstory@backstory-extension.org';

/**
 * The one host online look-ups go to, fixed at build time: Wikipedia in the product. A test build
 * sets WXT_LOOKUP_ORIGIN to its local server (http://127.0.0.1:PORT) and is written to its own
 * folder, so that it never mixes with the product build. See docs/adr/0004-online-lookup-gateway.md.
 */
const LOOKUP_ORIGIN = lookupOriginFrom(process.env.WXT_LOOKUP_ORIGIN);
const IS_PRODUCT_LOOKUP = LOOKUP_ORIGIN === PRODUCT_LOOKUP_ORIGIN;
if (process.env.WXT_LOOKUP_ORIGIN && process.env.WXT_LOOKUP_ORIGIN.replace(/\/$/, '') !== LOOKUP_ORIGIN) {
  throw new Error(`WXT_LOOKUP_ORIGIN must be an https origin or http://127.0.0.1:PORT, not ${process.env.WXT_LOOKUP_ORIGIN}`);
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: IS_PRODUCT_LOOKUP ? '.output' : '.output-lookup-test',
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    // The code reads the same resolved origin the manifest's host permission is made from.
    define: { 'import.meta.env.WXT_LOOKUP_ORIGIN': JSON.stringify(LOOKUP_ORIGIN) },
    build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  }),
  hooks: {
    // The whole knowledge base, for the cards: the worker reads it on first use (docs/adr/0006-knowledge-base-split.md).
    'build:publicAssets': (wxt, files) => {
      files.push({ absoluteSrc: resolve(wxt.config.root, '.generated', 'kb.json'), relativeDest: 'kb.json' });
    },
    'prepare:publicPaths': (_wxt, paths) => {
      paths.push('/kb.json');
    },
  },
  zip: {
    artifactTemplate: 'backstory-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'backstory-{{version}}-sources.zip',
    excludeSources: ['.output/**', '.output-lookup-test/**', 'bench/**', 'test-results/**', '**/*.log', '.generated/**'],
  },
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'The context a news article assumes: background cards for the people, places, organizations, events and terms it names, and markers that separate opinion from reported statements.',
    permissions: ['storage'],
    // Online look-ups: this one host and nothing broader (https://en.wikipedia.org/* in the product).
    host_permissions: [hostPermissionFor(LOOKUP_ORIGIN)],
    commands: {
      'toggle-opinion-markers': {
        suggested_key: { default: 'Alt+Shift+O' },
        description: 'Turn the opinion and reported markers on or off',
      },
      'next-mark': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Move to the next marked name and open its card',
      },
      'previous-mark': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Move to the previous marked name and open its card',
      },
    },
    action: { default_title: 'Backstory' },
    // The content script imports its session as a module (docs/adr/0010-content-script-loader.md),
    // which the browser allows only for a file open to the page: this one file, on the pages the
    // content script runs on. In Chromium only at the session's random address, never at the
    // extension's fixed one; Firefox's addresses are random per install.
    web_accessible_resources: [
      {
        resources: [CONTENT_SESSION_PATH.slice(1)],
        matches: [...ARTICLE_PAGE_MATCHES],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              // Online look-ups send names from the page's text to Wikipedia (on by default): Firefox asks
              // the reader's consent to that at install. Mozilla counts it as website content.
              data_collection_permissions: { required: ['websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
