import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (file: string): string => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

/** Test files run each in a fresh process (see `isolate` below). */
const OWN_PROCESS = ['test/spiking/**/*.test.ts', 'test/backends/webgpu/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/export/**/*.test.ts', 'test/parallel/**/*.test.ts', 'test/io/corrupt-files.test.ts'];

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
    // Dawn (the webgpu backend in Node) with its command validation, whatever the environment sets
    // (src/backends/webgpu/device.ts `NODE_DAWN_FLAGS`): every kernel the tests run is validated.
    env: { NEURARCHY_DAWN_FLAGS: '' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test files share their worker process: a fresh process per file spent ~1.5 s importing
    // src/ again (test/annarchy's 41 files: 77 s isolated, 14 s shared), about 5 of the suite's
    // minutes on two cores. What a file could leave behind is reset for the next one: the global
    // registries by the setup file (clear()), spies, stubbed globals and environment variables here.
    // The long-running suites (GPU, browser, MPI, child processes) keep a process each: their
    // import time is small beside their run, and they start without what 150 files left behind.
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: OWN_PROCESS,
          isolate: false,
          setupFiles: ['test/helpers/fresh-registries.ts'],
          restoreMocks: true,
          unstubGlobals: true,
          unstubEnvs: true,
        },
      },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS, isolate: true } },
    ],
  },
});
