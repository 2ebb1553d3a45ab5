import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// `base: './'` makes every asset path relative, so the built site works from any folder or
// sub-path, and offline (nothing is fetched from outside the `dist/` folder).
export default defineConfig(({ command }) => ({
  base: './',
  // Only a built site has a service worker (`import.meta.env.PROD` cannot tell: a build run from
  // the tests has NODE_ENV=test).
  define: { 'import.meta.env.SERVICE_WORKER': JSON.stringify(command === 'build') },
  plugins: [
    react(),
    // A service worker (sw.js, beside index.html, so its scope is whatever folder the site is
    // served from) precaches every file of the build: after a first visit the site loads and runs
    // with no network. A new deploy is installed in the background and waits until the learner
    // chooses "Reload" (src/ui/offline), so a run in progress is never cut short.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        // The app, its lazy chunks (lessons, examples, inspector views…), the simulation worker,
        // styles, the published schema, and the fonts an editor brings (Monaco's icons are a .ttf).
        globPatterns: ['**/*.{js,css,html,json,svg,png,ico,ttf,woff,woff2,wasm}'],
        // Large enough for one big lazy chunk (an editor), which must work offline too.
        maximumFileSizeToCacheInBytes: 10 * 1024 * 1024,
        // The first visit's page is served from the cache at once (no second visit needed).
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // Any address under the site (a query like ?overlay=off) opens the app offline.
        navigateFallback: 'index.html',
      },
    }),
  ],
  build: {
    outDir: 'dist',
    target: 'es2022',
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Component tests opt into jsdom with a `// @vitest-environment jsdom` first line.
    setupFiles: ['test/support/dom.ts'],
    testTimeout: 60_000,
  },
}));
