/**
 * Loading a file saved after structural changes: the file's synapses replace the projection's
 * (for projections of a network with `structuralPlasticity: true`), so that a network built with
 * the same code and loaded from the file continues the saved one. The change goes through the same
 * rewiring as `createSynapse`/`pruneSynapse`; the values are then written by the ordinary load.
 * The caller can undo it when the rest of the file turns out not to match (load changes nothing
 * then).
 */
import type { Projection } from '../core/Projection.js';
import type { ConnectivityChange, NewSynapse } from './change.js';

/** The arrays of the file under one projection's prefix, as `load()` decoded them. */
type FileArrays = (name: string) => ArrayLike<number> | undefined;

/** Whether two integer arrays hold the same values. */
function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The change that turns `proj`'s synapses into those of the file (weights and delays of the
 * created synapses from the file), a problem (a string for load's message), or undefined when the
 * connectivity is the same.
 */
function changeTowards(proj: Projection, file: FileArrays): ConnectivityChange | string | undefined {
  const c = proj.requireConnected();
  const postRanks = file('_post_rank'), rowPtr = file('_row_ptr'), preRanks = file('_pre_rank');
  if (!postRanks || !rowPtr || !preRanks) return undefined;
  if (same(rowPtr, c.rowPtr) && same(preRanks, c.preRanks) && same(postRanks, c.postRanks)) return undefined;
  const who = `projection '${proj.name}'`;
  if (!same(postRanks, c.postRanks)) return `${who}: the file's dendrites (_post_rank) differ from the network's; structural plasticity changes synapses, never dendrites`;
  const nd = c.postRanks.length;
  if (rowPtr.length !== nd + 1 || rowPtr[0] !== 0 || rowPtr[nd] !== preRanks.length) return `${who}: '_row_ptr' of the file does not describe ${nd} dendrites over ${preRanks.length} synapses`;
  const w = file('w'), delay = file('_delay');
  const preSize = proj.pre.population.size;
  const remove = new Set<number>();
  const add: NewSynapse[] = [];
  for (let i = 0; i < nd; i++) {
    const wanted = new Map<number, number>();
    for (let m = rowPtr[i]; m < rowPtr[i + 1]; m++) {
      const pre = preRanks[m];
      if (!(Number.isInteger(pre) && pre >= 0 && pre < preSize) || (m > rowPtr[i] && pre <= preRanks[m - 1])) {
        return `${who}: '_pre_rank' of the file is not a sorted list of pre-synaptic ranks in dendrite ${i}`;
      }
      wanted.set(pre, m);
    }
    for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) if (!wanted.delete(c.preRanks[k])) remove.add(k);
    for (const [pre, m] of wanted) {
      const delaySteps = typeof c.delaySteps === 'number' ? Math.max(1, c.delaySteps) : Math.max(1, delay?.[m] ?? 1);
      add.push({ dendrite: i, pre, w: w?.[m] ?? 0, delaySteps });
    }
  }
  return { remove, add };
}

/**
 * Rewires `proj` to the file's synapses. Returns a problem, or a function that puts back the
 * synapses and values the projection had (undefined when nothing changed).
 */
export function adoptFileConnectivity(proj: Projection, file: FileArrays): string | (() => void) | undefined {
  // Specific projections (CurrentInjection, Convolution, …) have no structural plasticity: load compares them as usual.
  if (proj.constructor.name !== 'Projection') return undefined;
  const change = changeTowards(proj, file);
  if (change === undefined || typeof change === 'string') return change;
  const c = proj.requireConnected();
  const before = { rowPtr: c.rowPtr, preRanks: c.preRanks, postRanks: c.postRanks, delay: typeof c.delaySteps === 'number' ? undefined : c.delaySteps };
  const values = new Map([...proj.state].filter(([name]) => !/^_(row_ptr|post_rank|pre_rank|inv_|syn_dendrite|dendrite_of_post)/.test(name)).map(([n, a]) => [n, a.slice()]));
  proj.network.rewire(proj, change);
  return () => {
    const back = changeTowards(proj, (name) => (name === '_row_ptr' ? before.rowPtr : name === '_pre_rank' ? before.preRanks
      : name === '_post_rank' ? before.postRanks : name === '_delay' ? before.delay : values.get(name)));
    if (back && typeof back !== 'string') proj.network.rewire(proj, back);
    for (const [name, a] of values) {
      const now = proj.state.get(name);
      if (now && now.length === a.length) now.set(a as never);
    }
  };
}
