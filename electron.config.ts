import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './src/main/security';
import { directImports } from './scripts/direct-imports';

// electron-vite only discovers `electron.vite.config.*` by itself: every script passes
// `--config electron.config.ts`.
const shared = resolve(__dirname, 'src/shared');

export default defineConfig({
  main: {
    resolve: { alias: { '@shared': shared } },
    build: {
      rollupOptions: {
        // Three entries over one core: the Electron host, the web host and the command line.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          serve: resolve(__dirname, 'src/main/serve.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: { '@shared': shared } },
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot `require` anything but electron: bundle it as one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: {
        '@shared': shared,
        '@renderer': resolve(__dirname, 'src/renderer/src'),
        // react-router's package points every import at its development build (its warnings and
        // checks run on every render); the production build it ships beside it is the same API.
        'react-router': resolve(__dirname, 'node_modules/react-router/dist/production/index.mjs'),
      },
    },
    plugins: [
      react(),
      // Mantine's components imported file by file, so that those only pages use stay out of the first script.
      directImports(__dirname, ['@mantine/core', '@mantine/dates', '@mantine/hooks', '@mantine/notifications', '@mantine/modals', '@mantine/charts']),
      {
        // Both hosts send the CSP of src/main/security.ts as a header. Only under `npm run dev`,
        // where Vite serves the page, it goes in as a meta tag, loosened for the inline module
        // script of Vite's hot reload (which the production policy rightly refuses).
        name: 'dev-only-csp',
        apply: 'serve',
        transformIndexHtml: () => [
          {
            tag: 'meta',
            attrs: {
              'http-equiv': 'Content-Security-Policy',
              // frame-ancestors has no effect in a meta tag.
              content: CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(/; frame-ancestors [^;]+/, ''),
            },
            injectTo: 'head-prepend' as const,
          },
        ],
      },
    ],
    build: {
      // electron-vite leaves the renderer unminified unless told; the first script must stay small
      // (pages and charts are chunks of their own, see src/renderer/src/app/lazy-page.tsx). The
      // manifest lists which chunks the first page loads; tests/main/renderer-bundle.test.ts reads it.
      minify: true,
      manifest: true,
      // `RENDERER_SOURCEMAP=1 npm run build` writes source maps for tests/bench/bundle.ts (module sizes).
      sourcemap: process.env.RENDERER_SOURCEMAP === '1',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
