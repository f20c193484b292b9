import { describe, expect, it } from 'vitest';
import { ModuleWriter } from '../../../src/backends/wasm/encoder.js';
import { defineHyperbolic, hyperbolicMatchesMath, squareMatchesPow, type HyperbolicName } from '../../../src/backends/wasm/libm.js';

type Fn = (x: number) => number;

/** A module of the four functions alone, importing `Math.exp` as `module.ts` does. */
function hyperbolicModule(): Record<HyperbolicName, Fn> {
  const w = new ModuleWriter();
  const exp = w.importFunction('math', 'exp', ['f64'], ['f64']);
  defineHyperbolic(w, exp, { tanh: 'tanh', sinh: 'sinh', cosh: 'cosh', expm1: 'expm1' });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(w.emit() as BufferSource), { math: { exp: Math.exp } });
  return instance.exports as unknown as Record<HyperbolicName, Fn>;
}

const wasm = hyperbolicModule();
const NAMES: HyperbolicName[] = ['tanh', 'sinh', 'cosh', 'expm1'];

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer); // [low, high] on little-endian hosts
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const [LO, HI] = LITTLE ? [0, 1] : [1, 0];

/** The double of words (hi, lo). */
function fromWords(hi: number, lo: number): number {
  U32[HI] = hi >>> 0; U32[LO] = lo >>> 0;
  return F64[0];
}

/** The bits of `x` as 16 hex digits, for messages. */
function hex(x: number): string {
  F64[0] = x;
  return U32[HI].toString(16).padStart(8, '0') + U32[LO].toString(16).padStart(8, '0');
}

/** The next double after `x` toward +∞ (`up`) or −∞, as C's nextafter; finite non-NaN `x`. */
function nextAfter(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  F64[0] = x;
  // Away from zero adds one to the 64-bit magnitude, toward zero subtracts one (with borrow).
  const away = (x > 0) === up;
  let lo = U32[LO], hi = U32[HI];
  if (away) { lo = (lo + 1) >>> 0; if (lo === 0) hi = (hi + 1) >>> 0; } else { if (lo === 0) hi = (hi - 1) >>> 0; lo = (lo - 1) >>> 0; }
  return fromWords(hi, lo);
}

/** `x` and its `k` neighbours on each side. */
function around(x: number, k = 3): number[] {
  const out = [x];
  let a = x, b = x;
  for (let i = 0; i < k; i++) {
    if (Number.isFinite(a)) { a = nextAfter(a, false); out.push(a); }
    if (Number.isFinite(b)) { b = nextAfter(b, true); out.push(b); }
  }
  return out;
}

/** Inputs where Object.is(wasm f(x), Math f(x)) fails, as `f(x bits) = got, want` lines. */
function mismatches(name: HyperbolicName, xs: Iterable<number>): string[] {
  const f = wasm[name], g = Math[name];
  const bad: string[] = [];
  for (const x of xs) {
    const got = f(x), want = g(x);
    if (!Object.is(got, want) && bad.length < 10) bad.push(`${name}(${x} = 0x${hex(x)}) = ${got} (0x${hex(got)}), Math gives ${want} (0x${hex(want)})`);
  }
  return bad;
}

/** The high words where fdlibm's tanh, sinh, cosh and expm1 branch. */
const BRANCH_HIGH_WORDS = [
  0x3c800000, 0x3c900000, 0x3e300000, 0x3fd62e42, 0x3fd62e43, 0x3ff00000, 0x3ff0a2b2,
  0x40360000, 0x4043687a, 0x40862e42, 0x40862e43, 0x7fefffff, 0x7ff00000,
];

/** Thresholds compared as doubles: 2^-28, 1, 22, log(maxdouble), the overflow bounds, ln2/2, 1.5·ln2, 56·ln2. */
const BRANCH_VALUES = [
  3.725290298461914e-9, 1, 22, 709.7822265625, 7.09782712893383973096e+02, 710.4758600739439, 710.4758600739426,
  0.5 * Math.LN2, 1.5 * Math.LN2, 56 * Math.LN2, 0.25, 0.5, -0.25,
];

function boundaryInputs(): number[] {
  const xs: number[] = [0, Infinity, NaN, Number.MIN_VALUE, 2 * Number.MIN_VALUE, fromWords(0x000fffff, 0xffffffff),
    fromWords(0x00100000, 0), 2.2250738585072014e-308, Number.MAX_VALUE, Number.EPSILON, 2 ** -1022, 2 ** -1074 * 12345];
  for (const hw of BRANCH_HIGH_WORDS) {
    xs.push(...around(fromWords(hw, 0)), ...around(fromWords(hw, 0xffffffff)), fromWords(hw, 0x80000000));
  }
  for (const v of BRANCH_VALUES) xs.push(...around(v, 4), ...around(v / 2, 4), ...around(2 * v, 4));
  // expm1's reduction x = k·ln2 + r: where k steps (x ≈ (k ± 1/2)·ln2) and at the multiples themselves,
  // including the branches on k (−1, 1, 20, 56, 1024); tanh passes 2|x| to expm1, so the halves too.
  for (let k = -60; k <= 1025; k++) {
    for (const v of [(k - 0.5) * Math.LN2, k * Math.LN2, (k + 0.5) * Math.LN2]) xs.push(...around(v, 2), ...around(v / 2, 2));
  }
  for (let e = -1074; e <= 1023; e++) xs.push(...around(2 ** e, 1));
  return xs.flatMap((x) => [x, -x]);
}

/** xorshift128 (deterministic words for the random inputs). */
function words(seed: number): () => number {
  let a = seed | 0 || 1, b = 0x9e3779b9 | 0, c = 0x243f6a88 | 0, d = 0xb7e15162 | 0;
  return () => {
    const t = a ^ (a << 11);
    a = b; b = c; c = d;
    d = (d ^ (d >>> 19) ^ (t ^ (t >>> 8))) | 0;
    return d >>> 0;
  };
}

const N = 250_000;

/** Random inputs of one kind, N of them. */
function randomInputs(kind: 'bits' | 'exponents' | 'values30' | 'values750', seed: number): Float64Array {
  const next = words(seed);
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const hi = next(), lo = next();
    switch (kind) {
      case 'bits': xs[i] = fromWords(hi, lo); break; // every exponent, NaNs included
      // Exponents 2^-60 … 2^11 (every branch of every function), any mantissa and sign.
      case 'exponents': xs[i] = fromWords((hi & 0x800fffff) | ((1023 - 60 + ((hi >>> 20) & 0x7ff) % 72) << 20), lo); break;
      case 'values30': xs[i] = (lo / 4294967296 - 0.5) * 60 + hi / 4294967296 / 2 ** 32 * 60; break;
      case 'values750': xs[i] = (lo / 4294967296 - 0.5) * 1500; break;
    }
  }
  return xs;
}

describe('wasm tanh, sinh, cosh, expm1 (libm.ts)', () => {
  const boundaries = boundaryInputs();

  for (const name of NAMES) {
    it(`${name} is bit-identical to Math.${name} at ±0, ±∞, NaN, subnormals and every branch boundary`, () => {
      expect(mismatches(name, boundaries)).toEqual([]);
    });
  }

  for (const kind of ['bits', 'exponents', 'values30', 'values750'] as const) {
    it(`tanh, sinh, cosh and expm1 are bit-identical to Math on ${N} random inputs (${kind})`, () => {
      const xs = randomInputs(kind, 0x51ed + kind.length);
      for (const name of NAMES) expect(mismatches(name, xs)).toEqual([]);
    });
  }

  it("is this engine's Math on the self-check's probes, so networks use it (x86-64 V8: yes)", () => {
    expect(hyperbolicMatchesMath()).toBe(process.arch === 'x64' ? true : hyperbolicMatchesMath());
  });

  it('keeps the sign of zero and the special values of Math', () => {
    expect(Object.is(wasm.tanh(-0), -0)).toBe(true);
    expect(Object.is(wasm.sinh(-0), -0)).toBe(true);
    expect(wasm.cosh(-0)).toBe(1);
    expect(wasm.tanh(-Infinity)).toBe(-1);
    expect(wasm.sinh(-Infinity)).toBe(-Infinity);
    expect(wasm.cosh(-Infinity)).toBe(Infinity);
    expect(wasm.expm1(-Infinity)).toBe(-1);
    for (const name of NAMES) expect(wasm[name](NaN)).toBeNaN();
  });
});

describe('squares (pow(x, 2) as x · x in the kernels)', () => {
  it("is this engine's Math.pow(x, 2) on the self-check's probes, so kernels multiply (V8: yes)", () => {
    expect(squareMatchesPow()).toBe(true);
  });

  it('holds on a million more inputs of every magnitude, both signs, and the special values', () => {
    const f = new Float64Array(2), b = new BigUint64Array(f.buffer);
    let s = 0x1234567;
    const next = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 2 ** 32; };
    const xs = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MIN_VALUE];
    for (let k = 0; k < 1_000_000; k++) xs.push((next() - 0.5) * 2 ** Math.floor(2100 * next() - 1075));
    let differ = 0;
    for (const x of xs) {
      f[0] = Math.pow(x, 2);
      f[1] = x * x;
      if (b[0] !== b[1]) differ++;
    }
    expect(differ).toBe(0);
  });
});
