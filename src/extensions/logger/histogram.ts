/**
 * Values → TensorBoard HistogramProto, as tensorboardX's `make_histogram` builds it from numpy's
 * `histogram(values, bins)`: counts in equal-width bins over [min, max] (the last bin closed; a
 * single repeated value v spread over [v − 0.5, v + 0.5]). TensorBoard stores only right edges
 * (`bucket_limit`), so, as tensorboardX, an empty bucket is put first whose right edge is the
 * leftmost edge. (tensorboardX also trims empty bins at both ends; over [min, max] the first and
 * last bins are never empty, so there is nothing to trim.)
 */
import type { Histogram } from './summaries.js';

/** Bins `values` (all finite; checked by the caller). */
export function makeHistogram(values: ArrayLike<number>, bins: number): Histogram {
  const n = values.length;
  let min = Infinity, max = -Infinity, sum = 0, sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSquares += v * v;
  }
  const lo = min === max ? min - 0.5 : min;
  const hi = min === max ? max + 0.5 : max;
  // numpy.linspace: k · step + lo, the last edge exactly hi (0.3 is then 0.30000000000000004).
  const step = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? hi : k * step + lo));
  const norm = bins / (hi - lo);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    // numpy: bin k holds edges[k] <= v < edges[k+1], and the last one also holds v == hi.
    let k = Math.floor((values[i] - lo) * norm);
    if (k >= bins) k = bins - 1;
    // As numpy: the product may land one bin off the edges array; correct against the edges.
    if (k > 0 && values[i] < edges[k]) k--;
    else if (k < bins - 1 && values[i] >= edges[k + 1]) k++;
    counts[k]++;
  }
  return { min, max, num: n, sum, sumSquares, bucketLimit: edges, bucket: [0, ...counts] };
}
