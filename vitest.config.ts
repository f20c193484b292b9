import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (file: string): string => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import 'neurarchy' (and its subpaths) like users do; in tests those resolve to the sources.
    alias: [
      { find: /^neurarchy$/, replacement: src('index.ts') },
      { find: /^neurarchy\/behaviors$/, replacement: src('behaviors/index.ts') },
      { find: /^neurarchy\/node$/, replacement: src('node.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
