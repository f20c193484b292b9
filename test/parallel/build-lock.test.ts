// The cpp build lock: one builder at a time per library, waiters get the library built by the
// holder, a lock left by a dead process is taken over.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockBuild } from '../../src/backends/cpp/build-lock.js';

describe('cpp build lock', () => {
  it('the second builder waits, then finds the library; a dead owner\'s lock is taken over', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'neurarchy-lock-'));
    try {
      const lib = path.join(dir, 'neurarchy_x.so');
      const release = await lockBuild(lib);
      expect(release).toBeTypeOf('function');
      expect(existsSync(`${lib}.lock`)).toBe(true);
      let second: unknown = 'pending';
      const waiting = lockBuild(lib).then((r) => { second = r; });
      await new Promise((r) => setTimeout(r, 200));
      expect(second).toBe('pending'); // still waiting: the first holds the lock
      writeFileSync(lib, 'built');
      await release!();
      await waiting;
      expect(second).toBeUndefined(); // the library exists: nothing to build
      expect(existsSync(`${lib}.lock`)).toBe(false);

      const other = path.join(dir, 'neurarchy_y.so');
      writeFileSync(`${other}.lock`, '2147483646 2026-12-03T00:00:00Z\n'); // a pid that does not run
      const taken = await lockBuild(other);
      expect(taken).toBeTypeOf('function');
      await taken!();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
