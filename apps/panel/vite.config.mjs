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
    alias: {
      '@accord/contracts': resolve(root, '../../libs/contracts/src/index.ts'),
      '@accord/i18n': resolve(root, '../../libs/i18n/src/index.ts'),
    },
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
