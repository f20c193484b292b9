/**
 * Philox4x32-10 and the float32 uniform as WGSL source for the WebGPU backend.
 *
 * WGSL has no 64-bit integers, so the high half of the 32×32-bit product is assembled from 16-bit
 * halves, exactly as {@link wgslMulhilo} emulates in JS (tested against BigInt and against
 * `philox.ts`). The key/counter layout is the one of `draws.ts`: key = (seed, stream),
 * counter = (index, step low, step high, (sub << 16) | drawId); the float32 uniform is
 * `f32(x0 >> 8) * 2^-24`, equal to `uniformF32At` of `draws.ts` bit for bit. The Box–Muller normal
 * here uses WGSL's `log`/`cos` (float32, implementation-defined accuracy), so GPU normals agree
 * with the JS/C ones only statistically.
 *
 * The `webgpu` code generator pastes {@link PHILOX_WGSL_SOURCE} into each compute shader.
 */

/** WGSL source: `nrx_mulhilo`, `nrx_philox4x32_10`, `nrx_draw_block`, `nrx_uniform_f32`, `nrx_normal_f32`. */
export const PHILOX_WGSL_SOURCE = /* wgsl */ `// ---- neurarchy random: Philox4x32-10 (generated from src/random/philox_wgsl.ts) ----
const NRX_PHILOX_M0: u32 = 0xD2511F53u;
const NRX_PHILOX_M1: u32 = 0xCD9E8D57u;
const NRX_PHILOX_W0: u32 = 0x9E3779B9u;
const NRX_PHILOX_W1: u32 = 0xBB67AE85u;

// (hi, lo) of the 64-bit product a*b, from 16-bit halves (no u64 in WGSL).
fn nrx_mulhilo(a: u32, b: u32) -> vec2<u32> {
  let al = a & 0xFFFFu;
  let ah = a >> 16u;
  let bl = b & 0xFFFFu;
  let bh = b >> 16u;
  let ll = al * bl;
  let lh = al * bh;
  let hl = ah * bl;
  let hh = ah * bh;
  let mid = (ll >> 16u) + (lh & 0xFFFFu) + (hl & 0xFFFFu);
  let hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
  return vec2<u32>(hi, a * b);
}

fn nrx_philox4x32_10(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = ctr;
  var k = key;
  for (var r: u32 = 0u; r < 10u; r = r + 1u) {
    if (r > 0u) {
      k = vec2<u32>(k.x + NRX_PHILOX_W0, k.y + NRX_PHILOX_W1);
    }
    let p0 = nrx_mulhilo(NRX_PHILOX_M0, c.x);
    let p1 = nrx_mulhilo(NRX_PHILOX_M1, c.z);
    c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
  }
  return c;
}

// key = (seed, stream); counter = (index, step_lo, step_hi, (sub << 16) | draw_id)
fn nrx_draw_block(seed: u32, stream: u32, index: u32, step_lo: u32, step_hi: u32, draw_id: u32, sub: u32) -> vec4<u32> {
  return nrx_philox4x32_10(vec4<u32>(index, step_lo, step_hi, (sub << 16u) | (draw_id & 0xFFFFu)), vec2<u32>(seed, stream));
}

// float32 uniform in [0, 1): (x >> 8) * 2^-24, exact in f32
fn nrx_u24(x: u32) -> f32 {
  return f32(x >> 8u) * 5.9604644775390625e-8;
}

fn nrx_uniform_f32(seed: u32, stream: u32, index: u32, step_lo: u32, step_hi: u32, draw_id: u32) -> f32 {
  return nrx_u24(nrx_draw_block(seed, stream, index, step_lo, step_hi, draw_id, 0u).x);
}

// Box-Muller in f32: u1 = ((x0 >> 8) + 1) * 2^-24 in (0, 1], angle 2*pi*u24(x1).
fn nrx_normal_f32(seed: u32, stream: u32, index: u32, step_lo: u32, step_hi: u32, draw_id: u32) -> f32 {
  let b = nrx_draw_block(seed, stream, index, step_lo, step_hi, draw_id, 0u);
  let u1 = f32((b.x >> 8u) + 1u) * 5.9604644775390625e-8;
  let u2 = nrx_u24(b.y);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
// ---- end of neurarchy random ----
`;

/**
 * JS emulation of `nrx_mulhilo` with WGSL's u32 semantics (products of 16-bit halves, wrapping
 * adds), used by the tests to show the split equals the true 64-bit product.
 *
 * @returns `[hi, lo]`.
 */
export function wgslMulhilo(a: number, b: number): [number, number] {
  a >>>= 0; b >>>= 0;
  const al = a & 0xffff, ah = a >>> 16, bl = b & 0xffff, bh = b >>> 16;
  const ll = Math.imul(al, bl) >>> 0, lh = Math.imul(al, bh) >>> 0, hl = Math.imul(ah, bl) >>> 0, hh = Math.imul(ah, bh) >>> 0;
  const mid = (((ll >>> 16) + (lh & 0xffff)) >>> 0) + (hl & 0xffff) >>> 0;
  const hi = (((hh + (lh >>> 16)) >>> 0) + (hl >>> 16) + (mid >>> 16)) >>> 0;
  return [hi, Math.imul(a, b) >>> 0];
}

/** JS emulation of `nrx_philox4x32_10` (built on {@link wgslMulhilo}), for the tests. */
export function wgslPhilox(ctr: ArrayLike<number>, key: ArrayLike<number>): number[] {
  let c = [ctr[0] >>> 0, ctr[1] >>> 0, ctr[2] >>> 0, ctr[3] >>> 0];
  let k0 = key[0] >>> 0, k1 = key[1] >>> 0;
  for (let r = 0; r < 10; r++) {
    if (r > 0) { k0 = (k0 + 0x9e3779b9) >>> 0; k1 = (k1 + 0xbb67ae85) >>> 0; }
    const p0 = wgslMulhilo(0xd2511f53, c[0]);
    const p1 = wgslMulhilo(0xcd9e8d57, c[2]);
    c = [(p1[0] ^ c[1] ^ k0) >>> 0, p1[1], (p0[0] ^ c[3] ^ k1) >>> 0, p0[1]];
  }
  return c;
}

/** JS emulation of `nrx_u24`: the float32 uniform `(x >>> 8) · 2^-24`. */
export function wgslU24(x: number): number {
  return Math.fround((x >>> 8) * 5.9604644775390625e-8);
}
