/**
 * The scratch of the wasm backend's thread blocks (`./neuron.ts` `threadBlocks`, the rule of
 * `../kernels/thread-blocks.ts`): per population in thread blocks, a list of `size` int32s in which
 * each thread lists its share's spikes from the share's first index, and one count per share. They
 * are the engine's arrays of the network (`./memory.ts`, owner `net`): in no state map, so never
 * saved, in no snapshot, and not seen by the user; the spike list itself is written only by the main
 * thread's copy, as js writes it.
 */
import type { NetworkPlan } from '../../ir/plan.js';
import { runsInThreadBlocks } from '../kernels/thread-blocks.js';

/** The names of population `id`'s block scratch among the network's arrays: its spike list and its shares' counts. */
export function blockArrayNames(id: number): { list: string; counts: string } {
  return { list: `BLOCK${id}`, counts: `BLOCKN${id}` };
}

/** The block scratch of every population of `plan` in thread blocks on `threads` threads, as (name, array) pairs. */
export function blockScratch(plan: NetworkPlan, threads: number): [string, Int32Array][] {
  return plan.populations.filter((p) => runsInThreadBlocks(p, threads)).flatMap((p): [string, Int32Array][] => {
    const names = blockArrayNames(p.id);
    return [[names.list, new Int32Array(p.size)], [names.counts, new Int32Array(threads)]];
  });
}
