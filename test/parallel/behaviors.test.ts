// PymoNNto users sweep behaviours networks the same way: a builder of a behaviors.Network per copy.
import { describe, it, expect } from 'vitest';
import { parallelRun } from '../../src/parallel/index.js';
import { build, run } from './fixtures/behaviors-copies.js';

describe('parallelRun with behaviors networks', () => {
  it('a threshold sweep in workers equals each copy run alone', async () => {
    const threshold = [0.05, 0.5];
    const r = await parallelRun({ module: new URL('./fixtures/behaviors-copies.ts', import.meta.url), network: build, method: run, number: 2, seed: 3, maxProcesses: 2, args: { threshold } });
    for (let i = 0; i < 2; i++) {
      const alone = await run(await build({ index: i, seed: 4 + i, number: 2, args: { threshold: threshold[i] } }));
      expect(r[i]).toHaveLength(300);
      expect(r[i]).toEqual(alone);
    }
    // A lower threshold resets more often: a lower mean voltage.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(r[0])).toBeLessThan(mean(r[1]));
  });
});
