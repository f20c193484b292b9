/**
 * The WGSL draws of a procedural projection's rows (connectors/procedural.ts), the same Philox
 * blocks as the js and C functions (`../cpp/procedural.ts`):
 * - the geometric gap with u32 compares only (the shared threshold table and its bucket bounds, in
 *   `I`), so that every row is exactly the CPU's row: the same synapses, in the same order;
 * - weights: a number exactly; a Uniform or a (clipped) Normal drawn in f32 from the synapse's
 *   block, the 53-bit uniform of the host streams rounded to f32 and Box–Muller with the same
 *   quadrant reduction as the C draws (`log`, `sin`, `cos` of our own in f32: SwiftShader's builtins
 *   were up to 1e-4 off near 0): the same values as the stored form's float32 weights up to the
 *   last bits;
 * - delays in steps (`nx_proc_steps`): a Uniform's by exact 53-bit thresholds computed on the host
 *   (u32 compares: the CPU's delays), a Normal's in f32 (`max(1, round(ms / dt))`; a value within
 *   f32 rounding of a half step may take the neighbouring step).
 * Other distributions are refused before a device is asked for ({@link checkProceduralWebGpu}).
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { BUCKET_BITS, PROCEDURAL_WORD2, type ProceduralValue } from '../../connectors/procedural.js';
import { delayToSteps } from '../../connectors/common.js';
import { NetworkError } from '../../errors.js';
import type { ProceduralDraws } from '../kernels/procedural.js';
import { wgslNumber } from './spelling.js';
import { tempName } from '../steps.js';
import type { Layout } from './memory.js';

/** The WGSL helpers (pasted after `PHILOX_WGSL_SOURCE` into the modules that call `nx_proc_`). */
export const PROCEDURAL_WGSL = /* wgsl */ `// ---- procedural connectivity: the draws of a regenerated row (src/backends/webgpu/procedural.ts) ----
// The next geometric gap of row pre: its gap words in order (*word of them used so far, the current
// block in *b: blocks (w / 4, pre, gap word, attempt): attempt 0 but in a fixed-number row), each counting the thresholds of the table at I[tab]
// (K of them, then the bucket counts) it is below; below all of them, the next word adds on. The
// bucket count of x's top bits bounds the count, and about one step down reaches it (u32 compares).
fn nx_proc_gap(seed: u32, stream: u32, tab: i32, K: i32, pre: u32, attempt: u32, word: ptr<function, u32>, b: ptr<function, vec4<u32>>) -> i32 {
  if (K == 0) { return 0; }
  var gap: i32 = 0;
  loop {
    let w = *word;
    *word = w + 1u;
    if ((w & 3u) == 0u) { *b = nrx_philox4x32_10(vec4<u32>(w >> 2u, pre, ${PROCEDURAL_WORD2.gap}u, attempt), vec2<u32>(seed, stream)); }
    let x = (*b)[w & 3u];
    var below = I[tab + K + i32(x >> ${32 - BUCKET_BITS}u)];
    loop {
      if (below <= 0) { break; }
      if (x < bitcast<u32>(I[tab + below - 1])) { break; }
      below = below - 1;
    }
    gap = gap + below;
    if (below < K) { return gap; }
  }
}
// A fixed-number row (connectors/procedural.ts ChosenGaps): the first Bernoulli row (attempt *a) with
// at least k of the n candidates, the candidate mine (its own, none outside [0, n)) not counted; its
// count returned, its gap words restarted. Then nx_proc_fn_gap: the gap to the next candidate that
// selection sampling keeps (mulhi(x, count - seen) < k - chosen, from its selection words: blocks
// (w / 4, pre, select word, 0)); *s = (count, seen, chosen, position).
fn nx_proc_fn_start(seed: u32, stream: u32, tab: i32, K: i32, pre: u32, n: i32, k: i32, mine: i32, a: ptr<function, u32>, word: ptr<function, u32>, b: ptr<function, vec4<u32>>) -> i32 {
  var att: u32 = 0u;
  loop {
    var count: i32 = 0;
    *word = 0u;
    var j = nx_proc_gap(seed, stream, tab, K, pre, att, word, b);
    loop {
      if (j >= n) { break; }
      if (j != mine) { count = count + 1; }
      j = j + 1 + nx_proc_gap(seed, stream, tab, K, pre, att, word, b);
    }
    if (count >= k) { *a = att; *word = 0u; return count; }
    att = att + 1u;
  }
}
fn nx_proc_fn_gap(seed: u32, stream: u32, tab: i32, K: i32, pre: u32, n: i32, k: i32, mine: i32, a: u32, word: ptr<function, u32>, b: ptr<function, vec4<u32>>, sword: ptr<function, u32>, sb: ptr<function, vec4<u32>>, s: ptr<function, vec4<i32>>) -> i32 {
  if ((*s).z >= k) { return n; }
  let prev = (*s).w;
  loop {
    (*s).w = (*s).w + 1 + nx_proc_gap(seed, stream, tab, K, pre, a, word, b);
    if ((*s).w >= n) { return n; }
    if ((*s).w == mine) { continue; }
    let w = *sword;
    *sword = w + 1u;
    if ((w & 3u) == 0u) { *sb = nrx_philox4x32_10(vec4<u32>(w >> 2u, pre, ${PROCEDURAL_WORD2.select}u, 0u), vec2<u32>(seed, stream)); }
    let left = u32((*s).x - (*s).y);
    (*s).y = (*s).y + 1;
    if (nrx_mulhilo((*sb)[w & 3u], left).x < u32(k - (*s).z)) {
      (*s).z = (*s).z + 1;
      return (*s).w - prev - 1;
    }
  }
}
// The first block of synapse m's draws of kind word2.
fn nx_proc_block(seed: u32, stream: u32, word2: u32, pre: u32, m: u32) -> vec4<u32> {
  return nrx_philox4x32_10(vec4<u32>(0u, pre, word2, m), vec2<u32>(seed, stream));
}
// The host streams' 53-bit uniform ((x0 >> 11) 2^32 + x1) 2^-53, rounded to f32.
fn nx_proc_uniform(b: vec4<u32>) -> f32 {
  return f32(b.x >> 11u) * 4.76837158203125e-7 + f32(b.y) * 1.1102230246251565e-16;
}
// The Box-Muller radius sqrt(-2 log u1), u1 = ((x0 >> 11) 2^32 + x1 + 1) 2^-53 in (0, 1], in f32 to
// about an ulp (the builtin log's accuracy is only absolute near 1, where the radius is small):
// log(m 2^e) with m in [1/sqrt(2), sqrt(2)), log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172;
// for u1 >= 1/sqrt(2), e = 0 and m - 1 = -(1 - u1), taken from the words exactly (u1 in f32 would
// lose the small difference).
fn nx_proc_radius(x0: u32, x1: u32) -> f32 {
  let h = x0 >> 11u;
  var m: f32;
  var d: f32;
  var e: i32 = 0;
  if (h >= 1482911u) {
    d = -(f32(0x1fffffu - h) * 4.76837158203125e-7 + f32(~x1) * 1.1102230246251565e-16);
    m = 1.0 + d;
  } else {
    let fr = frexp(f32(h) * 4.76837158203125e-7 + (f32(x1) + 1.0) * 1.1102230246251565e-16);
    m = fr.fract;
    e = fr.exp;
    if (m < 0.70710677) { m = m * 2.0; e = e - 1; }
    d = m - 1.0;
  }
  let s = d / (m + 1.0);
  let z = s * s;
  let lm = 2.0 * s + s * z * (0.6666666666666666 + z * (0.4 + z * (0.2857142857142857 + z * 0.2222222222222222)));
  let fe = f32(e);
  return sqrt(-2.0 * (fe * 0.693145751953125 + (lm + fe * 1.4286068e-6)));
}
// sin and cos on [-pi/4, pi/4] by their Taylor polynomials (remainders below 2^-28).
fn nx_proc_sin(t: f32) -> f32 { let z = t * t; return t + t * z * (-0.16666666666666666 + z * (0.008333333333333333 + z * (-0.0001984126984126984 + z * 2.755731922398589e-6))); }
fn nx_proc_cos(t: f32) -> f32 { let z = t * t; return 1.0 + z * (-0.5 + z * (0.041666666666666664 + z * (-0.001388888888888889 + z * (2.48015873015873e-5 + z * -2.755731922398589e-7)))); }
// Box-Muller on the block's four words as the host streams' normal(): radius from (x0, x1) in (0, 1],
// angle from (x2, x3) by quadrant (top two bits of x2) and a fraction in [-1/2, 1/2) of it.
fn nx_proc_normal(b: vec4<u32>) -> f32 {
  let r = nx_proc_radius(b.x, b.y);
  // f = (hb 2^32 + x3) 2^-51 in [0, 1), hb the 19 bits under the quadrant's; from 1/2 on, f - 1
  // (the next quadrant), also from the words exactly (a difference of f32 values would cancel).
  var q = b.z >> 30u;
  let hb = (b.z >> 11u) & 0x7ffffu;
  var f: f32;
  if (hb >= 0x40000u) {
    f = -(f32(0x7ffffu - hb) * 1.9073486328125e-6 + (f32(~b.w) + 1.0) * 4.440892098500626e-16);
    q = (q + 1u) & 3u;
  } else {
    f = f32(hb) * 1.9073486328125e-6 + f32(b.w) * 4.440892098500626e-16;
  }
  let t = f * 1.5707963267948966;
  switch (q) {
    case 0u: { return r * nx_proc_cos(t); }
    case 1u: { return -r * nx_proc_sin(t); }
    case 2u: { return -r * nx_proc_cos(t); }
    default: { return r * nx_proc_sin(t); }
  }
}
// delayToSteps in f32: max(1, round(ms / dt)) (ms >= 0: half up).
fn nx_proc_steps(ms: f32, dt: f32) -> i32 { return max(1, i32(floor(ms / dt + 0.5))); }
`;

const TWO32 = 4294967296;
const TWO_M53 = 2 ** -53;

/** The kinds of distribution the webgpu draws know; others are refused (see {@link checkProceduralWebGpu}). */
function known(spec: ProceduralValue): boolean {
  if (typeof spec === 'number') return true;
  const s = spec as { kind?: string; args?: readonly number[]; bounds?: unknown };
  return (s.kind === 'Uniform' && s.args !== undefined) || (s.kind === 'Normal' && s.args !== undefined && s.bounds !== undefined);
}

/**
 * Refuses, before a device is asked for, the procedural projections whose weights or delays the
 * webgpu draws do not know (anything but a number, a Uniform or a Normal), naming the projection and the fix.
 */
export function checkProceduralWebGpu(plan: NetworkPlan): void {
  for (const proj of plan.projections) if (proj.procedural) refuseUnknown(proj);
}

function refuseUnknown(proj: ProjectionPlan): void {
  const rule = proj.procedural!;
  for (const [what, spec] of [['weights', rule.weights], ['delays', rule.delays]] as const) {
    if (!known(spec)) {
      throw new NetworkError(`projection '${proj.name}': the webgpu backend draws procedural ${what} from a Uniform or a Normal only, not ${String(spec)}; use backend 'js' or 'wasm', or procedural: 'stored'`);
    }
  }
}

/**
 * The delays in steps of a Uniform(a, b) as a function of the draw's 53-bit word U (the host
 * streams' `uniform()` is U · 2^-53): `max(1, round((a + (b − a) · U 2^-53) / dt))`, evaluated in
 * float64 exactly as `drawValue` and `delayToSteps` do. It does not decrease with U (b >= a), so it
 * is the first step plus the number of thresholds `T_s` (the least U of step s) at or below U:
 * found here by bisection, compared on the GPU as (high, low) word pairs.
 */
export function uniformDelayThresholds(a: number, b: number, dt: number): { first: number; thresholds: number[] } | undefined {
  if (!(b >= a) || !(a >= 0)) return undefined;
  const steps = (U: number) => delayToSteps(a + (b - a) * (U * TWO_M53), dt, 'procedural delay');
  const top = 2 ** 53 - 1;
  const first = steps(0), last = steps(top);
  const thresholds: number[] = [];
  for (let s = first + 1; s <= last; s++) {
    // The least U with steps(U) >= s (steps(top) >= s > steps(0)).
    let lo = 0, hi = top;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (steps(mid) >= s) hi = mid;
      else lo = mid;
    }
    thresholds.push(hi);
  }
  return { first, thresholds };
}

/** The WGSL value of a number or a Uniform/Normal drawn in f32 from block `b` of synapse `m` (a declared `vec4<u32>`). */
function drawnF32(spec: ProceduralValue, block: string): string {
  if (typeof spec === 'number') return wgslNumber(spec);
  const s = spec as { kind?: string; args?: readonly number[]; bounds?: { min?: number; max?: number } };
  const [a, b] = s.args!;
  if (s.kind === 'Uniform') return `(${wgslNumber(a)} + (${wgslNumber(b)} - ${wgslNumber(a)}) * nx_proc_uniform(${block}))`;
  const v = `(${wgslNumber(a)} + ${wgslNumber(b)} * nx_proc_normal(${block}))`;
  const lo = s.bounds?.min ?? -Infinity, hi = s.bounds?.max ?? Infinity;
  // As `drawValue`: v < lo ? lo : v > hi ? hi : v.
  const upper = hi === Infinity ? v : `min(${v}, ${wgslNumber(hi)})`;
  return lo === -Infinity ? upper : `max(${upper}, ${wgslNumber(lo)})`;
}

/** The draws of a procedural projection's rows, with the module-scope declarations they call. */
export interface WebGpuProceduralDraws extends ProceduralDraws {
  /** Declarations for the kernel's module (the thresholds of exact Uniform delays and their search). */
  decls: string[];
}

/**
 * The webgpu draws of `proj`'s rows; the table is `_proc_table` in `I` (layout `L`). Each value
 * is a call expression (the walk asks for the weight once per kept synapse and the delay once per
 * synapse and delay), so the helpers take the block's coordinates.
 */
export function webgpuProceduralDraws(proj: ProjectionPlan, L: Layout): WebGpuProceduralDraws {
  const rule = proj.procedural!;
  refuseUnknown(proj);
  const key = `${rule.seed >>> 0}u, ${rule.stream >>> 0}u`;
  const block = (word2: number, pre: string, m: string) => `nx_proc_block(${key}, ${word2}u, u32(${pre}), u32(${m}))`;
  const tab = L.off('proj', proj.id, '_proc_table');
  const delay = delaySteps(proj);
  const gapKey = `${key}, ${tab}, ${rule.table.length}, u32(`;
  const n = rule.candidates.length;
  // A fixed-number row: its attempt, selection words and state (count, seen, chosen, position).
  const chosen = rule.kind === 'number' ? { k: rule.number } : undefined;
  return {
    rowStart: (pre, self) => chosen
      ? [
        'var _gw: u32 = 0u;', 'var _gb: vec4<u32>;', 'var _fa: u32 = 0u;', 'var _sw: u32 = 0u;', 'var _sb: vec4<u32>;',
        `let _fme: i32 = i32(${self});`,
        `var _fs = vec4<i32>(nx_proc_fn_start(${gapKey}${pre}), ${n}, ${chosen.k}, _fme, &_fa, &_gw, &_gb), 0, 0, -1);`,
      ]
      : ['var _gw: u32 = 0u;', 'var _gb: vec4<u32>;'],
    gap: (pre) => chosen
      ? `nx_proc_fn_gap(${gapKey}${pre}), ${n}, ${chosen.k}, _fme, _fa, &_gw, &_gb, &_sw, &_sb, &_fs)`
      : `nx_proc_gap(${gapKey}${pre}), 0u, &_gw, &_gb)`,
    weight: (pre, m) => drawnF32(rule.weights, block(PROCEDURAL_WORD2.weight, pre, m)),
    delay: (pre, m) => delay.value(block(PROCEDURAL_WORD2.delay, pre, m)),
    weightLocal: tempName('w'),
    decls: delay.decls,
  };
}

/**
 * The delay of a synapse in steps from its delay block: a number's steps; a Uniform's by its exact
 * thresholds (a binary search over (high, low) word pairs in a private array: u32 compares, the
 * CPU's steps); otherwise (a Normal) `nx_proc_steps` of the f32 draw.
 */
function delaySteps(proj: ProjectionPlan): { value: (block: string) => string; decls: string[] } {
  const rule = proj.procedural!;
  const spec = rule.delays;
  if (typeof spec === 'number') {
    const steps = String(delayToSteps(spec, rule.dt, 'procedural delay'));
    return { value: () => steps, decls: [] };
  }
  const s = spec as { kind?: string; args?: readonly number[] };
  const exact = s.kind === 'Uniform' ? uniformDelayThresholds(s.args![0], s.args![1], rule.dt) : undefined;
  if (!exact) return { value: (block) => `nx_proc_steps(${drawnF32(spec, block)}, ${wgslNumber(rule.dt)})`, decls: [] };
  const n = exact.thresholds.length;
  if (n === 0) return { value: () => String(exact.first), decls: [] };
  const name = `nx_proc_delay${proj.id}`;
  const pairs = exact.thresholds.map((T) => `vec2<u32>(${Math.floor(T / TWO32)}u, ${T % TWO32}u)`);
  return {
    value: (block) => `${name}(${block})`,
    decls: [
      `var<private> ${name}_t: array<vec2<u32>, ${n}> = array<vec2<u32>, ${n}>(${pairs.join(', ')});`,
      // The draw's 53-bit word U = (x0 >> 11) 2^32 + x1: the first step plus the thresholds at or below U.
      `fn ${name}(b: vec4<u32>) -> i32 {`,
      '  let h = b.x >> 11u;',
      `  var lo: i32 = 0; var hi: i32 = ${n};`,
      '  while (lo < hi) {',
      '    let mid = (lo + hi) / 2;',
      `    let t = ${name}_t[mid];`,
      '    if (h > t.x || (h == t.x && b.y >= t.y)) { lo = mid + 1; } else { hi = mid; }',
      '  }',
      `  return ${exact.first} + lo;`,
      '}',
    ],
  };
}
