// The wasm lowering of float32 arrays (precision 'float32', ANNarchy's precision='float'): an element
// is loaded with `f32.load` + `f64.promote_f32` (exact), computed with in float64, and stored with
// `f32.demote_f64` + `f32.store` (round to nearest even: what a JavaScript Float32Array's store
// does); in the pair loops two at a time (`v128.load64_zero` + `f64x2.promote_low_f32x4`,
// `f32x4.demote_f64x2_zero` + `v128.store64_lane` of the low 8 bytes). Checked against js's
// Float32Array on sums whose rounding is a tie, above or below one, subnormals and overflow, in the
// scalar and the pair loop; a pair store leaves the next elements alone.
import { describe, it, expect } from 'vitest';
import { Code, ModuleWriter } from '../../../src/backends/wasm/encoder.js';
import { Lowerer, type ArrayRef, type LowerEnv } from '../../../src/backends/wasm/lower.js';
import { readForms } from '../../../src/backends/wasm/sexpr.js';
import { TABLE } from '../../../src/backends/wasm/memory.js';

/**
 * One function `f(x f64)` over array `a` (`n` elements of `type`, slot 0 of the table) whose body is
 * `stmts`; the memory and the function.
 */
async function kernel(type: ArrayRef['type'], n: number, stmts: string): Promise<{ memory: WebAssembly.Memory; f: (x: number) => void; vectorised: number }> {
  const w = new ModuleWriter();
  w.importMemory('env', 'memory', 1);
  const index = w.declare(['f64'], [], 'f');
  const env: LowerEnv = { array: (name) => (name === 'a' ? { slot: 0, type } : undefined), callee: () => undefined, dt: 0.1, table: TABLE, simd: true };
  const low = new Lowerer(env, 'test', [{ name: 'x', type: 'f64' }]);
  low.stmts(readForms(stmts));
  const body = new Code();
  body.bytes.push(...low.prologue().bytes, ...low.code.bytes);
  w.define(index, low.locals, body);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const words = new Int32Array(memory.buffer);
  words[TABLE / 4] = 64; // the array at byte 64
  words[TABLE / 4 + 1] = n;
  const { instance } = await WebAssembly.instantiate(w.emit() as BufferSource, { env: { memory } });
  return { memory, f: instance.exports.f as (x: number) => void, vectorised: low.vectorised };
}

describe('wasm lowering of float32 arrays', () => {
  // a[i] + x lands between two float32s: exactly halfway (ties to even, down or up) or off the middle.
  const start = [1, 1 + 2 ** -23, 1, 3, -1 - 2 ** -23, 0.1, 1e-40, 3.4028234663852886e38];
  const add = [2 ** -24, 2 ** -24, 2 ** -24 * 1.0000001, 2 ** -22, -(2 ** -24), 1e-9, 1e-46, 3.4028234663852886e38];

  for (const [form, vectorised] of [['vfor i 0 8', 1], ['for i 0 8', 0]] as const) {
    it(`${form}: loads promoted, the float64 result stored rounded to nearest even, as a Float32Array stores it`, async () => {
      // a[i] += x, then a[i] = a[i] * 1.1 + x (a float64 product and sum, rounded once at the store).
      const { memory, f, vectorised: v } = await kernel('f32', 8, `(${form} (+= (aref a i) x)) (${form} (set! (aref a i) (+ (* (aref a i) (f:1.1)) x)))`);
      expect(v).toBe(2 * vectorised);
      const a = new Float32Array(memory.buffer, 64, 8);
      for (const x of add) {
        a.set(start);
        f(x);
        const js = Float32Array.from(start);
        for (let i = 0; i < 8; i++) js[i] += x;
        for (let i = 0; i < 8; i++) js[i] = js[i] * 1.1 + x;
        expect(Array.from(a), `x = ${x}`).toEqual(Array.from(js));
      }
    });
  }

  it('the rounding is to nearest even (not truncation, not float64)', async () => {
    const { memory, f } = await kernel('f32', 2, '(vfor i 0 2 (+= (aref a i) x))');
    const a = new Float32Array(memory.buffer, 64, 2);
    a.set([1, 1 + 2 ** -23]);
    f(2 ** -24); // both halfway: 1 stays (even), 1 + 2^-23 goes up to 1 + 2^-22 (even)
    expect(Array.from(a)).toEqual([1, 1 + 2 ** -22]);
    a.set([1, 1]);
    f(2 ** -24 * 1.5); // above halfway: up
    expect(Array.from(a)).toEqual([1 + 2 ** -23, 1 + 2 ** -23]);
  });

  it('a pair store writes its two elements only (the neighbours keep their bits)', async () => {
    const { memory, f } = await kernel('f32', 3, '(vfor i 0 3 (set! (aref a i) x))');
    const a = new Float32Array(memory.buffer, 64, 6);
    a.set([9, 9, 9, 9, 9, 9]);
    f(0.1);
    const tenth = Math.fround(0.1);
    expect(Array.from(a)).toEqual([tenth, tenth, tenth, 9, 9, 9]);
  });
});


describe('wasm lowering of fround (a value rounded to float32, kept as a float64)', () => {
  for (const form of ['vfor i 0 8', 'for i 0 8']) {
    it(`${form}: Math.fround's bits`, async () => {
      const { memory, f, vectorised } = await kernel('f64', 8, `(${form} (set! (aref a i) (fround (+ (aref a i) x))))`);
      expect(vectorised).toBe(form.startsWith('vfor') ? 1 : 0);
      const a = new Float64Array(memory.buffer, 64, 8);
      const start = [1, 1 + 2 ** -23, 0.1, -3.3, 1e-40, 1e-50, 3.5e38, Number.NaN];
      for (const x of [2 ** -24, 1e-9, 0]) {
        a.set(start);
        f(x);
        expect(Array.from(a), `x = ${x}`).toEqual(start.map((s) => Math.fround(s + x)));
      }
    });
  }
});
