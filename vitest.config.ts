import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the sources, so `pnpm test` needs no build first.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@rapport\/core\/testing$/, replacement: src('./packages/core/src/testing/index.ts') },
      { find: /^@rapport\/core\/observers$/, replacement: src('./packages/core/src/observers/index.ts') },
      { find: /^@rapport\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@rapport\/sql$/, replacement: src('./packages/sql/src/index.ts') },
      { find: /^@rapport\/adapter-sqlite$/, replacement: src('./packages/adapters-sqlite/src/index.ts') },
      { find: /^@rapport\/adapter-postgres$/, replacement: src('./packages/adapters-postgres/src/index.ts') },
      { find: /^@rapport\/react$/, replacement: src('./packages/react-hooks/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/**/*.test.ts', 'tests/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'] },
    testTimeout: 30_000,
  },
});
