import { describe, expect, it } from 'vitest';
import { NORMAL_SCRATCH_BYTES, libmModule, randomModule } from '../../../src/backends/wasm/random.js';
import { drawBlock, fillNormal, fillUniform, u53Open0 } from '../../../src/random/draws.js';
import { kernelCos, kernelSin, log } from '../../../src/random/libm.js';

type Fill = (ptr: number, n: number, seed: number, stream: number, stepLo: number, stepHi: number, drawId: number, a: number, b: number, scratch: number, first?: number) => void;

const TWO32 = 4294967296;
/** Room for the largest n below plus one guard element, at byte 64 (not at 0, to test `ptr`). */
const PTR = 64;
const MAX_N = 5000;
/** Length of the long normal run (enough to reach log's rare |f| < 2^-20 branch a few times). */
const LONG_N = 1 << 21;

/** The normal fill's scratch (SIMD build), after the longest output and its guard element, then 64 guard bytes. */
const SCRATCH = PTR + (LONG_N + 2) * 8;
const memory = new WebAssembly.Memory({ initial: Math.ceil((SCRATCH + NORMAL_SCRATCH_BYTES + 64) / 65536) });
/** Both builds of the module: four draws at a time (SIMD) and one at a time, over the same memory. */
const MODULES = [true, false].map((simd) => ({
  name: simd ? 'SIMD' : 'scalar',
  wasm: new WebAssembly.Instance(new WebAssembly.Module(randomModule(simd) as BufferSource), { env: { memory } }).exports as { fill_uniform: Fill; fill_normal: Fill },
}));

/** Calls a wasm fill for `n` elements and returns a copy of them (the memory is fresh garbage first). */
function run(fill: Fill, n: number, seed: number, stream: number, step: number, drawId: number, a: number, b: number): Float64Array {
  const view = new Float64Array(memory.buffer, PTR, n + 1);
  view.fill(Number.NaN);
  fill(PTR, n, seed, stream, step % TWO32, Math.floor(step / TWO32), drawId, a, b, SCRATCH);
  return view.slice(0, n);
}

/** What draws.ts writes, scaled as `fillDraws` does: `a + b * out[i]` (memoised: both modules compare with it). */
const references = new Map<string, Float64Array>();
function reference(...args: Parameters<typeof computeReference>): Float64Array {
  const key = args.join();
  let r = references.get(key);
  if (r === undefined) references.set(key, r = computeReference(...args));
  return r;
}
function computeReference(kind: 'uniform' | 'normal', n: number, seed: number, stream: number, step: number, drawId: number, a: number, b: number): Float64Array {
  const out = new Float64Array(n);
  (kind === 'uniform' ? fillUniform : fillNormal)(out, seed, stream, step, drawId);
  for (let i = 0; i < n; i++) out[i] = a + b * out[i];
  return out;
}

/** The first index where the two arrays differ by `Object.is`, or -1. */
function firstDifference(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

const SEEDS = [0, 1, 1234, TWO32 - 1];
const STREAMS = [0, 7, 2 ** 31 + 5];
const STEPS = [0, 1, 12345, TWO32 + 3, 2 ** 40 + 17];
const DRAW_IDS = [0, 1, 65535];
const SCALES: [number, number][] = [[0, 1], [-1.5, 3.25], [2, 0.5]];

/**
 * Draws ([step, element] under RARE_KEY) on the branches the SIMD module leaves to the scalar code,
 * found by a search over steps (the others in their group of four or eight take the vector path):
 * log's -2^-20 <= f < 2^-20 path, and the kernels' |θ| < 2^-27 (about one draw in 10^8). On the
 * last four log cases the general formulas would give another log (by one ulp); on the very last
 * (the only one in 2^32 steps) another normal too: there the vector lanes alone would be wrong.
 */
const LOG_RARE = [[27629, 4], [315783, 0], [51232995, 6], [127720241, 0], [703990465, 6], [2223178995, 4]] as const;
const TRIG_RARE = [[4766706, 0], [14431607, 5], [24782353, 4]] as const;
const RARE_KEY = { seed: 77, stream: 5, drawId: 9 } as const;

/** Whether draw (RARE_KEY, step, index) takes log's short path (the high word of u1 within 2^-20 of a power of two). */
function onLogShortPath(step: number, index: number): boolean {
  const w = drawBlock(RARE_KEY.seed, RARE_KEY.stream, index, step, RARE_KEY.drawId, 0, new Uint32Array(4));
  const hx = new Uint32Array(Float64Array.of(u53Open0(w[0], w[1])).buffer)[1];
  return (0xfffff & (2 + (hx & 0xfffff))) < 3;
}

/** Whether draw (RARE_KEY, step, index) has |θ| < 2^-27 in cos2pi (draws.ts's reduction). */
function onTinyAngle(step: number, index: number): boolean {
  const w = drawBlock(RARE_KEY.seed, RARE_KEY.stream, index, step, RARE_KEY.drawId, 0, new Uint32Array(4));
  let f = (((w[2] >>> 11) & 0x7ffff) * TWO32 + w[3]) * 2 ** -51;
  if (f >= 0.5) f -= 1;
  return Math.abs(f * 1.5707963267948966) < 2 ** -27;
}

for (const { name, wasm } of MODULES) describe(`wasm random module (${name})`, () => {
  for (const kind of ['uniform', 'normal'] as const) {
    const fill = kind === 'uniform' ? wasm.fill_uniform : wasm.fill_normal;

    it(`fill_${kind} of shares [first, n) (threads' shares, any offset) writes the whole array's elements, and nothing before first`, () => {
      const n = 1003, step = 2 ** 40 + 17;
      const want = reference(kind, n, 1234, 7, step, 3, -1.5, 3.25);
      for (const cuts of [[0, 8, 16, 1003], [0, 5, 11, 1000, 1003], [0, 333, 334, 1001, 1003], [0, 1003]]) {
        const view = new Float64Array(memory.buffer, PTR, n + 1);
        view.fill(Number.NaN);
        for (let k = cuts.length - 1; k > 0; k--) {
          fill(PTR, cuts[k], 1234, 7, step % TWO32, Math.floor(step / TWO32), 3, -1.5, 3.25, SCRATCH, cuts[k - 1]);
          // Nothing written before the share (the shares are filled from the last one down).
          expect(cuts[k - 1] === 0 || Number.isNaN(view[cuts[k - 1] - 1]), `before ${cuts[k - 1]}`).toBe(true);
        }
        expect(firstDifference(view.slice(0, n), want), `cuts ${cuts.join(' ')}`).toBe(-1);
        expect(Number.isNaN(view[n])).toBe(true);
      }
    });

    it(`fill_${kind} is bit-identical to draws.ts over seeds, streams, steps and drawIds`, () => {
      let k = 0;
      for (const seed of SEEDS) for (const stream of STREAMS) for (const step of STEPS) for (const drawId of DRAW_IDS) {
        const [a, b] = SCALES[k % SCALES.length];
        const n = [1, 2, 3, 17, 100, 257][k % 6];
        k++;
        const got = run(fill, n, seed, stream, step, drawId, a, b);
        const want = reference(kind, n, seed, stream, step, drawId, a, b);
        const at = firstDifference(got, want);
        expect(at, `seed ${seed} stream ${stream} step ${step} drawId ${drawId} a ${a} b ${b}: element ${at} is ${got[at]}, draws.ts ${want[at]}`).toBe(-1);
      }
    });

    it(`fill_${kind} is bit-identical on long arrays with every scale`, () => {
      for (const [a, b] of SCALES) for (const n of [1, 1000, MAX_N]) {
        const args = [1234, 2 ** 31 + 5, 2 ** 40 + 17, 65535] as const;
        const got = run(fill, n, ...args, a, b);
        const want = reference(kind, n, ...args, a, b);
        expect(firstDifference(got, want), `n ${n} a ${a} b ${b}`).toBe(-1);
      }
    });

    it(`fill_${kind} is bit-identical for every length around the groups of four and eight`, () => {
      const lengths = [...Array(34).keys(), 63, 64, 65, 127, 128, 129, 999, 1000, 1001, 1003];
      const argSets: [number, number, number, number][] = [[0, 0, 0, 0], [99, 2 ** 31 + 5, TWO32 + 3, 65535]];
      for (const n of lengths) for (const args of argSets) {
        const got = run(fill, n, ...args, 0.25, -3);
        const want = reference(kind, n, ...args, 0.25, -3);
        expect(firstDifference(got, want), `n ${n} args ${args}`).toBe(-1);
      }
    });

    it(`fill_${kind} writes exactly n elements from ptr (and nothing past its scratch)`, () => {
      for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 100]) {
        const view = new Float64Array(memory.buffer, 0, PTR / 8 + n + 2);
        view.fill(-7.5);
        const guard = new Float64Array(memory.buffer, SCRATCH + NORMAL_SCRATCH_BYTES, 8);
        guard.fill(-7.5);
        fill(PTR, n, 1, 7, 3, 0, 0, 0, 1, SCRATCH);
        for (const x of guard) expect(x).toBe(-7.5);
        for (let i = 0; i < PTR / 8; i++) expect(view[i]).toBe(-7.5);
        for (let i = 0; i < n; i++) expect(view[PTR / 8 + i]).not.toBe(-7.5);
        expect(view[PTR / 8 + n]).toBe(-7.5);
        expect(view[PTR / 8 + n + 1]).toBe(-7.5);
      }
    });
  }

  it('fill_normal redoes the draws on log\'s |f| < 2^-20 path and the kernels\' |θ| < 2^-27 path, in any lane', () => {
    const { seed, stream, drawId } = RARE_KEY;
    for (const [cases, onPath] of [[LOG_RARE, onLogShortPath], [TRIG_RARE, onTinyAngle]] as const) {
      for (const [step, index] of cases) {
        expect(onPath(step, index), `step ${step} element ${index}`).toBe(true);
        for (let i = 0; i < 8; i++) if (i !== index) expect(onPath(step, i)).toBe(false);
        for (const n of [index + 1, 4, 7, 8, 9, 16]) {
          if (n <= index) continue;
          // Unscaled (a = 0, b = 1): a scale could round a one-ulp difference away.
          const got = run(wasm.fill_normal, n, seed, stream, step, drawId, 0, 1);
          const want = reference('normal', n, seed, stream, step, drawId, 0, 1);
          expect(firstDifference(got, want), `step ${step} element ${index} n ${n}`).toBe(-1);
        }
      }
    }
  });

  it('fill_normal is bit-identical over 2^21 elements, including log\'s |f| < 2^-20 branch', () => {
    const args = [42, 3, 777, 5] as const;
    const got = run(wasm.fill_normal, LONG_N, ...args, 0, 1);
    const want = reference('normal', LONG_N, ...args, 0, 1);
    expect(firstDifference(got, want)).toBe(-1);
    // u1 whose normalized mantissa lies within 2^-20 of 1 takes fdlibm's short path (about 3 in 2^20).
    const u1 = new Float64Array(LONG_N);
    fillUniform(u1, ...args);
    let rare = 0;
    for (let i = 0; i < LONG_N; i++) {
      const m = (u1[i] + 2 ** -53) / 2 ** Math.floor(Math.log2(u1[i] + 2 ** -53));
      if (m - 1 < 2 ** -20 || 2 - m < 2 ** -19) rare++;
    }
    expect(rare).toBeGreaterThan(0);
  });
});

describe('wasm fdlibm translations', () => {
  const libm = new WebAssembly.Instance(new WebAssembly.Module(libmModule() as BufferSource)).exports as Record<'log' | 'kernel_sin' | 'kernel_cos', (x: number) => number>;
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  /** A deterministic pseudo-random 32-bit generator (xorshift32) for the inputs. */
  let state = 0x9e3779b9;
  const next = () => { state ^= state << 13; state ^= state >>> 17; state ^= state << 5; return state >>> 0; };
  /** A double from two random words (any sign, exponent and mantissa, NaNs included). */
  const anyDouble = () => { words[0] = next(); words[1] = next(); return bits[0]; };

  const check = (name: string, wasmFn: (x: number) => number, jsFn: (x: number) => number, xs: Iterable<number>) => {
    let count = 0;
    for (const x of xs) {
      const got = wasmFn(x), want = jsFn(x);
      if (!Object.is(got, want)) expect.fail(`${name}(${x}): wasm ${got}, libm.ts ${want}`);
      count++;
    }
    return count;
  };

  it('log matches libm.ts on special values, subnormals, the neighbourhood of 1 and random doubles', () => {
    const xs: number[] = [0, -0, -1, 1, 2, 0.5, Infinity, -Infinity, NaN, Number.MIN_VALUE, 2 ** -1022, 2 ** -1022 - Number.MIN_VALUE,
      Number.MAX_VALUE, 2 ** -53, 1 - 2 ** -53, 1 + 2 ** -52, Math.SQRT2, Math.SQRT1_2, Math.E];
    for (let e = -1074; e <= 1023; e++) xs.push(2 ** e, 2 ** e * (1 + 2 ** -21), 2 ** e * (1 - 2 ** -22), 2 ** e * 1.4142);
    for (let k = 0; k < 200000; k++) {
      xs.push(anyDouble());
      xs.push(1 + (next() / 2 ** 32 - 0.5) * 2 ** -18); // |f| around 2^-20
      xs.push(next() * Number.MIN_VALUE); // subnormal
      xs.push((next() + 1) * 2 ** -32); // the draws' range (0, 1]
    }
    expect(check('log', libm.log, log, xs)).toBeGreaterThan(800000);
  });

  it('kernel_sin and kernel_cos match libm.ts on [-π/4, π/4], across their thresholds', () => {
    const xs: number[] = [0, -0, 2 ** -27, -(2 ** -27), 2 ** -27 * (1 - 2 ** -52), 0.3, 0.29999999999999993, 0.78125, 0.7812500000000001, Math.PI / 4, -Math.PI / 4];
    for (let e = -1074; e <= -1; e++) xs.push(2 ** e, -(2 ** e));
    for (let k = 0; k < 200000; k++) {
      xs.push((next() / 2 ** 32 * 2 - 1) * (Math.PI / 4));
      xs.push((next() / 2 ** 32 * 2 - 1) * 2 ** -26);
    }
    expect(check('kernelSin', libm.kernel_sin, kernelSin, xs)).toBeGreaterThan(400000);
    expect(check('kernelCos', libm.kernel_cos, kernelCos, xs)).toBeGreaterThan(400000);
  });
});
