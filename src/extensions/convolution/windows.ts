/**
 * The windows of the shared-weight projections (`ir/plan.ts` `SpecialProjection` `shared`): for every
 * post-synaptic neuron, the pre-synaptic rank of every filter element (−1 outside the population with
 * constant padding) and the offset of its filter in the bank. Computed once at connect time, following
 * ANNarchy's coordinates: the centre of neuron i's window in the pre-synaptic population (sub-sampled,
 * given, or the filter's centre in extra dimensions), then the filter's offsets around that centre.
 */
import { NetworkError } from '../../errors.js';
import { coordinates, filterCentre, rankOf, type Filter } from './filters.js';

/** The windows of every post-synaptic neuron: the arrays `_sh_pre` and `_sh_wofs` of the plan. */
export interface SharedTable {
  /** Window length (elements of one filter, or of the pooling extent). */
  window: number;
  /**
   * Pre-synaptic rank of element m of neuron i's window at `m · post.size + i` (window-major, so that
   * a kernel reads the ranks of consecutive neurons contiguously); −1 = padding.
   */
  pre: Int32Array;
  /** Offset of each post-synaptic neuron's filter in the bank. */
  wofs: Int32Array;
  /** The rate outside the population (constant padding), or null when no window leaves it. */
  padding: number | null;
  /** Transpose: the weight index of each window element (window-major, as `pre`), any element of `w`. */
  widx?: Int32Array;
}

/** How a convolution places its filter (ANNarchy's `connect_filter` / `connect_filters` arguments). */
export interface ConvolutionLayout {
  pre: readonly number[];
  post: readonly number[];
  filter: Filter;
  bank: boolean;
  keepLastDimension: boolean;
  padding: number | 'border';
  subsampling?: readonly (readonly number[])[];
}

const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
const fmt = (xs: readonly number[]) => `(${xs.join(', ')})`;

function checkConvolution(l: ConvolutionLayout, where: string): void {
  const dimPre = l.pre.length, dimPost = l.post.length, dimK = l.filter.shape.length;
  const shapes = `pre ${fmt(l.pre)}, filter ${fmt(l.filter.shape)}, post ${fmt(l.post)}`;
  if (dimPre > 4 || dimPost > 4) throw new NetworkError(`${where}: populations of at most 4 dimensions (${shapes})`);
  if (!l.bank && dimK > dimPre) throw new NetworkError(`${where}: the filter has more dimensions than the pre-synaptic population (${shapes}); for a bank of filters (first index = filter) use connectFilters()`);
  if (l.bank && dimK - 1 > dimPre) throw new NetworkError(`${where}: each filter of the bank has more dimensions than the pre-synaptic population (${shapes})`);
  const single = l.bank ? dimK - 1 : dimK;
  if (single < dimPre) {
    if (!l.keepLastDimension) throw new NetworkError(`${where}: the filter has fewer dimensions than the pre-synaptic population (${shapes}); set keepLastDimension: true to apply it to each slice of the last dimension, or give a filter with ${dimPre} dimensions`);
    if (l.pre[dimPre - 1] !== l.post[dimPost - 1]) throw new NetworkError(`${where}: with keepLastDimension, pre and post must have the same last dimension (${shapes})`);
  }
  if (dimPost < dimPre && l.filter.shape[dimK - 1] !== l.pre[dimPre - 1]) {
    throw new NetworkError(`${where}: the post-synaptic population has fewer dimensions than the pre-synaptic one, so the filter's last dimension must equal the pre-synaptic one's (${shapes})`);
  }
  if (l.bank && l.filter.shape[0] !== l.post[dimPost - 1]) {
    throw new NetworkError(`${where}: a bank of ${l.filter.shape[0]} filters needs a post-synaptic population whose last dimension is ${l.filter.shape[0]} (${shapes})`);
  }
  if (typeof l.padding === 'number' ? !Number.isFinite(l.padding) : l.padding !== 'border') {
    throw new NetworkError(`${where}: padding must be a finite number (the rate outside the population) or 'border', got ${String(l.padding)}`);
  }
}

/** The centre coordinates (in the pre-synaptic population) of the windows, one per post-synaptic neuron (bank: the filter index appended). */
function centres(l: ConvolutionLayout, where: string): number[][] {
  const dimPre = l.pre.length, dimPost = l.post.length;
  const single = l.bank ? l.filter.shape.slice(1) : l.filter.shape;
  const nF = l.bank ? l.filter.shape[0] : 1;
  const postSize = product(l.post);
  const given = l.bank ? postSize / nF : postSize;
  if (l.subsampling !== undefined) {
    const s = l.subsampling;
    if (!Array.isArray(s) || s.length !== given || s.some((c) => !Array.isArray(c) || c.length !== dimPre || c.some((x, d) => !Number.isInteger(x) || x < 0 || x >= l.pre[d]))) {
      throw new NetworkError(`${where}: subsampling must list ${given} coordinates (one per ${l.bank ? 'position of the post-synaptic population, filters excluded' : 'post-synaptic neuron'}), each ${dimPre} integers inside the pre-synaptic geometry ${fmt(l.pre)}`);
    }
    return l.bank ? s.flatMap((c) => Array.from({ length: nF }, (_, f) => [...c, f])) : s.map((c) => [...c]);
  }
  const sampled = l.bank ? dimPost - 1 : dimPost;
  const ranges: number[][] = [];
  for (let d = 0; d < dimPre; d++) {
    if (d < sampled) {
      const sample = l.pre[d] / l.post[d];
      if (!Number.isInteger(sample)) throw new NetworkError(`${where}: pre-synaptic dimension ${d} (${l.pre[d]}) must be a multiple of the post-synaptic one (${l.post[d]}) for sub-sampling; or give subsampling explicitly`);
      ranges.push(Array.from({ length: l.post[d] }, (_, i) => Math.floor((sample - 1) / 2) + sample * i));
    } else if (l.keepLastDimension && d < dimPost) {
      ranges.push(Array.from({ length: l.post[d] }, (_, i) => i));
    } else if (d < single.length) {
      ranges.push([filterCentre(single[d])]);
    } else {
      throw new NetworkError(`${where}: cannot place the filter in pre-synaptic dimension ${d} (pre ${fmt(l.pre)}, filter ${fmt(l.filter.shape)}, post ${fmt(l.post)}); give subsampling explicitly`);
    }
  }
  if (l.bank) ranges.push(Array.from({ length: nF }, (_, f) => f));
  const out = coordinates(ranges.map((r) => r.length)).map((c) => c.map((x, d) => ranges[d][x]));
  if (out.length !== postSize) throw new NetworkError(`${where}: the windows (${out.length}) do not match the post-synaptic population's ${postSize} neurons (pre ${fmt(l.pre)}, filter ${fmt(l.filter.shape)}, post ${fmt(l.post)})`);
  return out;
}

/** The windows of a convolution (single filter or bank). */
export function convolutionTable(l: ConvolutionLayout, where: string): SharedTable {
  checkConvolution(l, where);
  const single = l.bank ? l.filter.shape.slice(1) : l.filter.shape;
  const K = product(single);
  const offsets = coordinates(single).map((q) => q.map((x, d) => x - filterCentre(single[d])));
  const cs = centres(l, where);
  const pre = new Int32Array(cs.length * K);
  const wofs = new Int32Array(cs.length);
  const coord = new Array<number>(l.pre.length);
  let outside = false;
  cs.forEach((c, i) => {
    wofs[i] = l.bank ? c[l.pre.length] * K : 0;
    offsets.forEach((q, m) => {
      let inside = true;
      for (let d = 0; d < l.pre.length; d++) {
        let x = d < q.length ? c[d] + q[d] : c[d];
        if (x < 0 || x >= l.pre[d]) {
          if (l.padding === 'border') x = Math.min(Math.max(x, 0), l.pre[d] - 1);
          else inside = false;
        }
        coord[d] = x;
      }
      pre[m * cs.length + i] = inside ? rankOf(coord, l.pre) : -1;
      if (!inside) outside = true;
    });
  });
  return { window: K, pre, wofs, padding: outside && typeof l.padding === 'number' ? l.padding : null };
}

/**
 * The windows of a pooling: the extent (per pre-synaptic dimension; inferred from the geometries when
 * absent) starting at `post coordinate × extent`, every element inside the population.
 */
export function poolingTable(preGeo: readonly number[], postGeo: readonly number[], extent: readonly number[] | undefined, where: string): { table: SharedTable; extent: number[] } {
  const dimPre = preGeo.length, dimPost = postGeo.length;
  let e: number[];
  if (extent === undefined) {
    if (dimPre !== dimPost) throw new NetworkError(`${where}: pre ${fmt(preGeo)} and post ${fmt(postGeo)} have different dimensions, so the extent cannot be inferred; give extent (one size per pre-synaptic dimension)`);
    e = preGeo.map((n, d) => n / postGeo[d]);
    if (e.some((x) => !Number.isInteger(x))) throw new NetworkError(`${where}: pre ${fmt(preGeo)} is not a whole multiple of post ${fmt(postGeo)} in every dimension; give extent explicitly`);
  } else {
    if (!Array.isArray(extent) || extent.length !== dimPre || extent.some((x) => !Number.isInteger(x) || x < 1)) {
      throw new NetworkError(`${where}: extent must give ${dimPre} positive integers (one per dimension of the pre-synaptic population ${fmt(preGeo)}), got ${JSON.stringify(extent)}`);
    }
    e = [...extent];
  }
  if (dimPost > dimPre) throw new NetworkError(`${where}: the post-synaptic population ${fmt(postGeo)} has more dimensions than the pre-synaptic one ${fmt(preGeo)}`);
  const K = product(e);
  const offsets = coordinates(e);
  const posts = coordinates(postGeo);
  const pre = new Int32Array(posts.length * K);
  const coord = new Array<number>(dimPre);
  posts.forEach((p, i) => {
    offsets.forEach((q, m) => {
      for (let d = 0; d < dimPre; d++) {
        coord[d] = (d < dimPost ? p[d] * e[d] : 0) + q[d];
        if (coord[d] >= preGeo[d]) throw new NetworkError(`${where}: the window of post-synaptic neuron ${fmt(p)} leaves the pre-synaptic population ${fmt(preGeo)} with extent ${fmt(e)}; post × extent must fit in pre in every dimension`);
      }
      pre[m * posts.length + i] = rankOf(coord, preGeo);
    });
  });
  return { table: { window: K, pre, wofs: new Int32Array(posts.length), padding: null }, extent: e };
}
