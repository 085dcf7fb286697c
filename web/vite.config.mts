import { resolve } from 'node:path';

import { defineConfig } from 'vite';

const root = import.meta.dirname;

// Built into dist/portal, next to the compiled service, which serves it at / (and the explorer at
// GET /graphql). Two pages: the portal, and GraphiQL, which is large and loaded only there.
export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: resolve(root, '..', 'dist', 'portal'),
    emptyOutDir: true,
    // Hashed file names under /assets/: the service serves them as immutable.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: { portal: resolve(root, 'index.html'), graphiql: resolve(root, 'graphiql.html') },
      // GraphiQL's dependencies mark modules "use client" (for React Server Components): noise here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
