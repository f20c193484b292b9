// The cpp backend under parallelRun(): copies built at the same time compile the library once (a
// lock file next to the cached library), the others load it from the cache.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parallelRun } from '../../src/parallel/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { build, run } from './fixtures/coba-copies.js';

const compiler = await findCompiler();
if (!compiler) console.log('no C++ compiler (g++ or clang++): the cpp parallelRun test is skipped (apt-get install g++)');

describe('parallelRun on the cpp backend', () => {
  it.skipIf(!compiler)('4 copies on 2 workers compile once; each equals the copy run alone in this thread', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'neurarchy-parallel-cpp-'));
    try {
      const args = { backend: 'cpp' as const, directory, duration: 50 };
      const r = await parallelRun({ module: new URL('./fixtures/coba-copies.ts', import.meta.url), network: build, method: run, number: 4, seed: 7, maxProcesses: 2, args });
      expect(r.map((x) => x.cached)).toHaveLength(4);
      expect(r.filter((x) => x.cached === false)).toHaveLength(1);
      expect(readdirSync(directory).filter((f) => f.endsWith('.so'))).toHaveLength(1);
      expect(readdirSync(directory).filter((f) => f.endsWith('.lock'))).toHaveLength(0);
      const alone = await parallelRun({ module: new URL('./fixtures/coba-copies.ts', import.meta.url), network: build, method: run, number: 4, seed: 7, sequential: true, args });
      expect(alone.every((x) => x.cached === true)).toBe(true);
      for (let i = 0; i < 4; i++) {
        expect(r[i].times.length).toBeGreaterThan(20);
        expect(r[i].times).toEqual(alone[i].times);
        expect(r[i].ranks).toEqual(alone[i].ranks);
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
