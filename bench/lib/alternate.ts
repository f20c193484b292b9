/**
 * Two (or more) builds of one network timed against each other on a shared machine: simulated
 * alternately in chunks (the order reversed every other round), so that load from other work
 * slows each alike; the min and median seconds per chunk of each. Used by the `*-pair` scripts.
 */
import type { Network } from '../../src/index.js';

/** Min and median seconds per chunk of one of the alternated networks. */
export interface ChunkTimes { min: number; median: number; times: number[] }

/** Simulates each network one warm-up chunk, then `pairs` rounds of one `chunk` ms each, alternately. */
export async function alternate(nets: readonly Network[], chunk: number, pairs: number): Promise<ChunkTimes[]> {
  for (const net of nets) await net.simulate(chunk); // warm
  const times = nets.map(() => [] as number[]);
  for (let k = 0; k < pairs; k++) {
    const order = nets.map((_, i) => i);
    if (k % 2) order.reverse();
    for (const i of order) {
      const t0 = performance.now();
      await nets[i].simulate(chunk);
      times[i].push((performance.now() - t0) / 1000);
    }
  }
  const median = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)];
  return times.map((t) => ({ min: Math.min(...t), median: median(t), times: t }));
}
