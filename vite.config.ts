import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// `base: './'` makes every asset path relative, so the built site works from any folder or
// sub-path, and offline (nothing is fetched from outside the `dist/` folder).
export default defineConfig({
  base: './',
  plugins: [react()],
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
});
