import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Fixed add-on id: Firefox needs one for storage and for a predictable moz-extension:// origin. */
export const GECKO_ID = 'backstory@backstory-extension.org';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  }),
  zip: {
    artifactTemplate: 'backstory-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'backstory-{{version}}-sources.zip',
    excludeSources: ['.output/**', 'bench/**', 'test-results/**', '**/*.log', '.generated/**'],
  },
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'The context a news article assumes: background cards for the people, places, organizations, events and terms it names, and markers that separate opinion from reported statements.',
    permissions: ['storage'],
    commands: {
      'toggle-opinion-markers': {
        suggested_key: { default: 'Alt+Shift+O' },
        description: 'Turn the opinion and reported markers on or off',
      },
      'next-mark': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Move to the next marked name and open its card',
      },
      'previous-mark': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Move to the previous marked name and open its card',
      },
    },
    action: { default_title: 'Backstory' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
