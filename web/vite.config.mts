import { resolve } from 'node:path';
import { constants } from 'node:zlib';

import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const root = import.meta.dirname;

// Built into dist/portal, next to the compiled service, which serves it at / (and the explorer at
// GET /graphql). Two pages: the portal, and GraphiQL, which is large and loaded only there.
export default defineConfig({
  root,
  base: '/',
  // .br and .gz next to each text file: the service sends them to clients that accept them.
  // Brotli quality 9: within a few per cent of 11 at a fraction of the build time.
  plugins: [
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
        'gzip',
      ],
      threshold: 1024,
    }),
  ],
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
