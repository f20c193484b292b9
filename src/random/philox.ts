/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11; the
 * Random123 library), in pure 32-bit integer arithmetic.
 *
 * Why Philox: it is counter-based — a block of four 32-bit words is a pure function of a 128-bit
 * counter and a 64-bit key — so every backend (JS, C++, WGSL) and every thread can compute any draw
 * independently and get the same bits. It needs only 32×32→64-bit multiplies, xors and adds, which
 * are exact everywhere.
 *
 * JS has no 64-bit integer multiply on numbers, so the high half of `a*b` is assembled from the
 * four products of 16-bit halves (`Math.imul`, exact as unsigned 32-bit values) with int32 adds and
 * shifts; the low half is `Math.imul(a, b)`. The WGSL port (`philox_wgsl.ts`) uses the same split.
 */

/** Philox4x32 multiplier of the first pair. */
export const PHILOX_M0 = 0xd2511f53;
/** Philox4x32 multiplier of the second pair. */
export const PHILOX_M1 = 0xcd9e8d57;
/** Weyl increment of key word 0 (golden ratio). */
export const PHILOX_W0 = 0x9e3779b9;
/** Weyl increment of key word 1 (sqrt(3) - 1). */
export const PHILOX_W1 = 0xbb67ae85;

const M0L = PHILOX_M0 & 0xffff;
const M0H = PHILOX_M0 >>> 16;
const M1L = PHILOX_M1 & 0xffff;
const M1H = PHILOX_M1 >>> 16;

/**
 * High 32 bits of the 64-bit product of two unsigned 32-bit integers, from 16-bit halves with
 * int32 operations only (`Math.imul` of 16-bit halves is exact as a u32; the sum of the true high
 * word is taken modulo 2^32, and it is below 2^32).
 */
export function mulhi32(a: number, b: number): number {
  const al = a & 0xffff, ah = a >>> 16;
  const bl = b & 0xffff, bh = b >>> 16;
  const ll = Math.imul(al, bl), lh = Math.imul(al, bh), hl = Math.imul(ah, bl);
  return (Math.imul(ah, bh) + (lh >>> 16) + (hl >>> 16) + (((ll >>> 16) + (lh & 0xffff) + (hl & 0xffff)) >>> 16)) >>> 0;
}

/**
 * JavaScript source of Philox4x32-10 on the int32 variables `c0..c3`: the twenty round-key locals
 * `k0..k19` computed from the key expressions, then the ten rounds unrolled, with the high halves of
 * the products assembled from 16-bit halves (`mulhi32` inlined). The rounds are written out once
 * here and compiled (`new Function`, our own text only) into every hot function that needs them
 * (`philox4x32_10`, the array fills of `draws.ts`): straight-line int32 code is about 3× faster in
 * V8 than a loop over rounds calling `mulhi32`, and generating it keeps a single copy.
 *
 * Round r (Random123 `_philox4x32round`): with (hi0, lo0) = M0·c0 and (hi1, lo1) = M1·c2,
 * c ← (hi1 ^ c1 ^ k_r0, lo1, hi0 ^ c3 ^ k_r1, lo0), where (k_r0, k_r1) = (key0 + r·W0, key1 + r·W1)
 * mod 2^32 (r·W is below 2^53, so the double product is exact before `| 0`).
 *
 * The key locals are emitted by {@link philoxKeysSource} (hoist them out of loops); the rounds by
 * this function. Needs in scope the scratch locals of {@link PHILOX_SCRATCH} and the constants that
 * {@link compileWithPhilox} provides. Leaves the output block in `c0..c3` (int32; `>>> 0` for u32).
 */
export function philoxRoundsSource(): string {
  const lines: string[] = [];
  for (let r = 0; r < 10; r++) {
    lines.push(
      'al = c0 & 0xffff; ah = c0 >>> 16; ll = Math.imul(al, M0L); lh = Math.imul(al, M0H); hl = Math.imul(ah, M0L);',
      'h0 = (Math.imul(ah, M0H) + (lh >>> 16) + (hl >>> 16) + (((ll >>> 16) + (lh & 0xffff) + (hl & 0xffff)) >>> 16)) | 0; l0 = Math.imul(PHILOX_M0, c0);',
      'al = c2 & 0xffff; ah = c2 >>> 16; ll = Math.imul(al, M1L); lh = Math.imul(al, M1H); hl = Math.imul(ah, M1L);',
      'h1 = (Math.imul(ah, M1H) + (lh >>> 16) + (hl >>> 16) + (((ll >>> 16) + (lh & 0xffff) + (hl & 0xffff)) >>> 16)) | 0; l1 = Math.imul(PHILOX_M1, c2);',
      `c0 = h1 ^ c1 ^ k${2 * r}; c1 = l1; c2 = h0 ^ c3 ^ k${2 * r + 1}; c3 = l0;`,
    );
  }
  return lines.join('\n');
}

/** Declarations of the round keys `k0..k19` from two key expressions (unsigned 32-bit values). */
export function philoxKeysSource(key0: string, key1: string): string {
  const lines: string[] = [];
  for (let r = 0; r < 10; r++) lines.push(`const k${2 * r} = (${key0} + ${r} * PHILOX_W0) | 0, k${2 * r + 1} = (${key1} + ${r} * PHILOX_W1) | 0;`);
  return lines.join('\n');
}

/** The scratch locals that {@link philoxRoundsSource} uses, as a declaration. */
export const PHILOX_SCRATCH = 'let h0 = 0, h1 = 0, l0 = 0, l1 = 0, al = 0, ah = 0, ll = 0, lh = 0, hl = 0;';

/**
 * Compiles a function whose body uses {@link philoxRoundsSource}, with the Philox constants and any
 * `extra` helpers (name → value) in scope.
 */
export function compileWithPhilox<F>(params: readonly string[], body: string, extra: Record<string, unknown> = {}): F {
  const names = ['M0L', 'M0H', 'M1L', 'M1H', 'PHILOX_M0', 'PHILOX_M1', 'PHILOX_W0', 'PHILOX_W1', ...Object.keys(extra)];
  const values = [M0L, M0H, M1L, M1H, PHILOX_M0, PHILOX_M1, PHILOX_W0, PHILOX_W1, ...Object.values(extra)];
  return new Function(...names, `"use strict"; return function (${params.join(', ')}) {\n${body}\n};`)(...values) as F;
}

/**
 * Philox4x32-10 on one counter block, written into `out` (no allocation). All arguments are
 * unsigned 32-bit integers (other numbers are reduced modulo 2^32).
 *
 * @param out receives the four output words (as unsigned 32-bit values).
 * @returns `out`.
 */
export const philox4x32_10: (
  c0: number, c1: number, c2: number, c3: number, key0: number, key1: number, out: Uint32Array,
) => Uint32Array = compileWithPhilox(['c0', 'c1', 'c2', 'c3', 'key0', 'key1', 'out'], `
  c0 |= 0; c1 |= 0; c2 |= 0; c3 |= 0; key0 >>>= 0; key1 >>>= 0;
  ${philoxKeysSource('key0', 'key1')}
  ${PHILOX_SCRATCH}
  ${philoxRoundsSource()}
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
  return out;`);

/**
 * Convenience form of {@link philox4x32_10} taking arrays (allocates the result unless `out` is
 * given). Prefer the scalar form in hot loops.
 *
 * @param ctr four counter words.
 * @param key two key words.
 */
export function philox(ctr: ArrayLike<number>, key: ArrayLike<number>, out: Uint32Array = new Uint32Array(4)): Uint32Array {
  return philox4x32_10(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], out);
}
