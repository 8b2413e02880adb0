import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// @rapport/* resolve to the workspace sources, not to their built dist: the app then builds without
// `pnpm build` first (the browser test runs straight from `pnpm test`), and a change in a package shows
// up in the next build. One path per package also keeps a single copy of core in the bundle, which
// React context and `instanceof RapportError` rely on; `dedupe` does the same for React itself.
export default defineConfig({
  root: source('.'),
  plugins: [react()],
  resolve: {
    alias: [
      {
        find: /^@rapport\/core\/observers$/,
        replacement: source('../../packages/core/src/observers/index.ts'),
      },
      { find: /^@rapport\/core$/, replacement: source('../../packages/core/src/index.ts') },
      { find: /^@rapport\/react$/, replacement: source('../../packages/react-hooks/src/index.ts') },
    ],
    dedupe: ['react', 'react-dom'],
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1_000 },
});
