// ==== pop1_clear {"threads":3}
// neurarchy webgpu kernel pop1_clear
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[18]) { return; }
  let i = gi;
  if (i >= 3) { return; }
  if (I[1] == 0) { return; }
  F[51 + i] = 0.0;
  F[54 + i] = 0.0;
}

// ==== proj0_transmit {"threads":3}
// neurarchy webgpu kernel proj0_transmit
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[18]) { return; }
  let i = gi;
  if (i >= 3 || !(I[1] != 0 && I[2] != 0)) { return; }
  var _s: f32 = 0f;
  var _n: i32 = 1;
  let rk_post = C0[4 + i];
  let k0 = C0[0 + i]; let k1 = C0[0 + i + 1];
  _n = k1 - k0;
  for (var k = k0; k < k1; k = k + 1) {
    let rk_pre = C0[7 + k];
    _s = (_s + (F[58 + 0] * F[8 + ((I[14] - (I[16] - 1) + I[15]) % I[15]) * 3 + rk_pre]));
  }
  F[51 + rk_post] = (F[51 + rk_post] + _s);
}

// ==== proj1_transmit {"threads":3}
// neurarchy webgpu kernel proj1_transmit
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[18]) { return; }
  let i = gi;
  if (i >= 3 || !(I[1] != 0 && I[8] != 0)) { return; }
  var _s: f32 = 0f;
  var _n: i32 = 1;
  let rk_post = C0[20 + i];
  let k0 = C0[16 + i]; let k1 = C0[16 + i + 1];
  _n = k1 - k0;
  for (var k = k0; k < k1; k = k + 1) {
    let rk_pre = C0[23 + k];
    _s = (_s + (F[38 + ((I[14] - (C0[44 + k] - 1) + I[15]) % I[15]) * 1 + 0] * F[59 + 0]));
  }
  F[54 + rk_post] = (F[54 + rk_post] + _s);
}

// ==== pop0_random0 {"threads":3}
// neurarchy webgpu kernel pop0_random0
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}

// ---- neurarchy random: Philox4x32-10 (generated from src/random/philox_wgsl.ts) ----
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


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[18]) { return; }
  if (gi >= 3) { return; }
  if (I[0] == 0) { return; }
  let i = gi; let k = gi;
  let _a0: f32 = 0f;
  let _a1: f32 = 1f;
  F[5 + gi] = (_a0 + ((_a1 - _a0) * nrx_uniform_f32(SEED, 65536u, u32(gi), U.step_lo, U.step_hi, 0u)));
}

// ==== pop0_global {"threads":1}
// neurarchy webgpu kernel pop0_global
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[18]) { return; }
  if (gi != 0) { return; }
  if (I[0] == 0) { return; }
  let i = 0;
  {
    let _nv: f32 = (F[1 + 0] + U.t);
    F[1 + 0] = _nv;
  }
}

// ==== pop0_update {"threads":3}
// neurarchy webgpu kernel pop0_update
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[18]) { return; }
  let i = gi;
  if (i >= 3) { return; }
  if (I[0] == 0) { return; }
  {
    let _nv: f32 = (F[2 + i] + U.t + F[5 + i]);
    F[2 + i] = _nv;
  }
}

// ==== pop1_update {"threads":3}
// neurarchy webgpu kernel pop1_update
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[18]) { return; }
  let i = gi;
  if (i >= 3) { return; }
  if (I[1] == 0) { return; }
  {
    let _nv: f32 = ((F[51 + i]) + (F[54 + i]) + F[57 + 0]);
    F[48 + i] = _nv;
  }
}

// ==== pop0_delay {"threads":3}
// neurarchy webgpu kernel pop0_delay
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[18]) { return; }
  let _idx: i32 = (I[14] + 1) % I[15];
  if (gi < 3) { F[8 + _idx * 3 + gi] = F[2 + gi]; }
  if (gi < 1) { F[38 + _idx * 1 + gi] = F[1 + gi]; }
}

// ==== pop0_delay_bump {"threads":1}
// neurarchy webgpu kernel pop0_delay_bump
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (U.step >= I[18]) { return; }
  if (gi != 0) { return; }
  let _idx: i32 = (I[14] + 1) % I[15];
  I[14] = _idx;
}

// ==== pop1_mean_r {"workgroups":1}
// neurarchy webgpu kernel pop1_mean_r
const DT: f32 = 1f;
const SEED: u32 = 5u;
@group(0) @binding(0) var<storage, read_write> F: array<f32>;
@group(0) @binding(1) var<storage, read_write> I: array<i32>;
@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;
struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }
@group(0) @binding(3) var<uniform> U: Step;
@group(0) @binding(5) var<storage, read> C0: array<i32>;
@group(0) @binding(6) var<storage, read> C1: array<i32>;
@group(0) @binding(7) var<storage, read> C2: array<i32>;
@group(0) @binding(8) var<storage, read> C3: array<i32>;
// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}


var<workgroup> red: array<f32, 64>;
var<workgroup> _halt: i32;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let li = i32(lid.x);
  let gi = i32(gid.x + gid.y * nwg.x * 64u);
  let wg = i32(wid.x + wid.y * nwg.x);
  if (li == 0) { _halt = I[18]; }
  if (U.step >= workgroupUniformLoad(&_halt)) { return; }
  var a: f32 = 0f;
  for (var j = li; j < 3; j = j + 64) { let v = F[48 + j]; a = (a + v); }
  red[li] = a;
  workgroupBarrier();
  for (var st: i32 = 32; st > 0; st = st / 2) {
    if (li < st) { red[li] = (red[li] + red[li + st]); }
    workgroupBarrier();
  }
  if (li == 0) { F[57] = (red[0] / f32(3)); }
}
