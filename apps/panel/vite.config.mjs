import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/**
 * The admin panel: a static SPA built into `dist/apps/panel`, which the bot serves (see
 * `apps/accord/src/transports/admin/http/web-security.ts`). In development, `vite` proxies the API and the
 * live socket to a bot on port 3000.
 */
export default defineConfig({
  root,
  base: '/',
  resolve: {
    // The panel takes its messages from `@accord/i18n/panel` (its namespaces, other languages fetched
    // when chosen), not from the bot's entry point, which bundles every message of every language.
    alias: [
      { find: /^@accord\/contracts$/, replacement: resolve(root, '../../libs/contracts/src/index.ts') },
      { find: /^@accord\/i18n\/panel$/, replacement: resolve(root, '../../libs/i18n/src/panel.ts') },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(root, '../../dist/apps/panel'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
