/**
 * Dense projections (`ProjectionPlan.denseRows`): every post-synaptic neuron has a dendrite holding
 * every pre-synaptic rank in order (`'all'`), or every one but its own (`'all-but-self'`), so a
 * weighted sum can take synapse `k`'s pre rank from its position in the row instead of loading
 * `_pre_rank[k]` (`backends/kernels/synapse-loops.ts` `dendriteSumLoop`).
 */
import type { CsrRanks } from '../core/records.js';

/** The shape of a dense projection's rows (see {@link denseRowsOf}). */
export type DenseRows = 'all' | 'all-but-self';

export type { CsrRanks };

/**
 * Whether the CSR `c` between populations of `preSize` and `postSize` neurons is dense, and how:
 * `'all'` when dendrite `i` exists for every post rank `i` (in rank order) and holds the pre ranks
 * 0 … preSize − 1 in order; `'all-but-self'` when the two sizes are equal and dendrite `i` holds
 * every pre rank but `i`, in order; undefined otherwise. A projection from or onto a view keeps the
 * ranks of the whole populations, so it is dense only when the view covers its population.
 *
 * Cost: the counts reject most projections in O(1) (the number of synapses must be
 * preSize · postSize or postSize · (preSize − 1)); a dense candidate is then scanned once,
 * 4 bytes a synapse read in order: ≈ 0.5 s at 9·10⁸ synapses (3.6 GB of ranks), small beside the
 * connector that built them.
 */
export function denseRowsOf(c: CsrRanks, preSize: number, postSize: number): DenseRows | undefined {
  const nnz = c.preRanks.length;
  if (postSize === 0 || preSize === 0 || c.postRanks.length !== postSize || c.rowPtr.length !== postSize + 1) return undefined;
  const shape: DenseRows | undefined = nnz === preSize * postSize ? 'all'
    : preSize === postSize && preSize > 1 && nnz === postSize * (preSize - 1) ? 'all-but-self' : undefined;
  if (!shape) return undefined;
  const skip = shape === 'all-but-self' ? 1 : 0;
  const rowLength = preSize - skip;
  for (let i = 0; i < postSize; i++) {
    if (c.postRanks[i] !== i || c.rowPtr[i] !== i * rowLength) return undefined;
    const k0 = i * rowLength;
    for (let p = 0; p < rowLength; p++) {
      if (c.preRanks[k0 + p] !== p + (skip && p >= i ? 1 : 0)) return undefined;
    }
  }
  return c.rowPtr[postSize] === nnz ? shape : undefined;
}

let denseRowsLayout = true;

/**
 * Turns the dense-row layout of weighted sums on (default) or off for the plans built from now on
 * (off: every sum loads `_pre_rank[k]`), so that tests and benchmarks compare both layouts of one
 * network. Returns the previous setting.
 * @internal
 */
export function setDenseRowsLayout(on: boolean): boolean {
  const was = denseRowsLayout;
  denseRowsLayout = on;
  return was;
}

/** Whether plans built now use the dense-row layout ({@link setDenseRowsLayout}). */
export function denseRowsLayoutOn(): boolean {
  return denseRowsLayout;
}

/**
 * Why a load cannot replace the CSR `now` by `next` after compile, or undefined: the kernels of a
 * dense projection take the pre ranks from the positions in the rows (`denseRowsOf(now)`), so the
 * new synapses must have the same shape (then they are the same synapses). `who` names the projection.
 */
export function denseRowsChange(who: string, now: CsrRanks, next: CsrRanks, preSize: number, postSize: number): string | undefined {
  const shape = denseRowsOf(now, preSize, postSize);
  if (!shape || denseRowsOf(next, preSize, postSize) === shape) return undefined;
  return `${who}: the file's synapses differ from those the network was compiled with, whose sums take every pre-synaptic neuron${shape === 'all' ? '' : ' but the own one'} in order; load the file before compile()`;
}
